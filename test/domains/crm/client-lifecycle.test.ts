import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { Client, ClientArchivedError, ClientInputError } from '../../../domains/crm';
import { forEachDatabase } from '../../support/databases';
import { CrmKit, crmKit } from './crm-kit';

forEachDatabase('crm: editing, status, owner and archive of a client', (target) => {
  let t: CrmKit;
  let client: Client;
  beforeEach(async () => {
    t = await crmKit(target);
    client = await t.kit.run(() => t.clients.create({ name: 'Acme Dental', phoneNumber: '+1 555 0100' }));
    t.kit.events.clear();
  });
  afterEach(() => t.kit.close());

  it('update saves the details and emits CLIENT_UPDATED with changes and the legacy COMPANY_UPDATED', async () => {
    const result = await t.kit.run(() => t.lifecycle.update(client.id, { name: 'Acme Dental Group', phoneNumber: null, website: 'https://acme.test' }));
    expect(result.after).to.include({ name: 'Acme Dental Group', website: 'https://acme.test', phoneNumber: undefined });
    expect(await t.kit.db('crm_clients').where({ client_id: client.id }).first()).to.include({ name: 'Acme Dental Group', phone_number: null });
    expect(t.kit.events)
      .to.have.emitted('CLIENT_UPDATED')
      .withPayload({
        clientId: client.id,
        updatedByUserId: t.kit.actorUserId,
        updatedAt: result.at.toISOString(),
        updatedFields: ['name', 'website', 'phoneNumber'],
        changes: {
          name: { previous: 'Acme Dental', new: 'Acme Dental Group' },
          website: { previous: null, new: 'https://acme.test' },
          phoneNumber: { previous: '+1 555 0100', new: null },
        },
      })
      .times(1);
    expect(t.kit.events)
      .to.have.emitted('COMPANY_UPDATED')
      .withPayload({ clientId: client.id, userId: t.kit.actorUserId, changes: { name: 'Acme Dental Group', website: 'https://acme.test', phoneNumber: null } })
      .times(1);
  });

  it('a save, status or owner that changes nothing emits nothing', async () => {
    await t.kit.run(() => t.lifecycle.update(client.id, { name: ' Acme Dental ', phoneNumber: '+1 555 0100' }));
    await t.kit.run(() => t.lifecycle.changeStatus(client.id, 'prospect'));
    const owner = uuidv4();
    await t.kit.run(() => t.lifecycle.assignOwner(client.id, owner));
    t.kit.events.clear();
    await t.kit.run(() => t.lifecycle.assignOwner(client.id, owner.toUpperCase()));
    expect(t.kit.events.all).to.be.empty;
  });

  it('update refuses bad input naming the field, and fields it does not edit', async () => {
    for (const [patch, field] of [
      [{ name: '' }, 'name'],
      [{ website: 'w'.repeat(300) }, 'website'],
      [{ status: 'active' }, 'status'],
    ] as const) {
      const err = await t.kit.run(() => t.lifecycle.update(client.id, patch as any)).catch((e) => e);
      expect(err, field).to.be.instanceOf(ClientInputError).and.include({ field });
    }
    expect(await t.kit.db('crm_clients').where({ client_id: client.id }).first()).to.include({ name: 'Acme Dental' });
    expect(t.kit.events.all).to.be.empty;
  });

  it('changeStatus emits CLIENT_STATUS_CHANGED with previous and new status', async () => {
    const active = await t.kit.run(() => t.lifecycle.changeStatus(client.id, 'active'));
    const inactive = await t.kit.run(() => t.lifecycle.changeStatus(client.id, 'inactive'));
    expect(inactive.after.status).to.equal('inactive');
    expect(t.kit.events)
      .to.have.emitted('CLIENT_STATUS_CHANGED')
      .withPayload({ clientId: client.id, previousStatus: 'prospect', newStatus: 'active', actorUserId: t.kit.actorUserId, changedAt: active.at.toISOString() })
      .times(1);
    expect(t.kit.events).to.have.emitted('CLIENT_STATUS_CHANGED').withPayload({ previousStatus: 'active', newStatus: 'inactive' }).times(1);
    expect(t.kit.events.types()).to.not.include('CLIENT_UPDATED');
    const err = await t.kit.run(() => t.lifecycle.changeStatus(client.id, 'gone' as any)).catch((e) => e);
    expect(err).to.be.instanceOf(ClientInputError).and.include({ field: 'status' });
  });

  it('assignOwner emits CLIENT_OWNER_ASSIGNED naming the previous owner (absent at first)', async () => {
    const [first, second] = [uuidv4(), uuidv4()];
    const r1 = await t.kit.run(() => t.lifecycle.assignOwner(client.id, first));
    await t.kit.run(() => t.lifecycle.assignOwner(client.id, second));
    expect(t.kit.events)
      .to.have.emitted('CLIENT_OWNER_ASSIGNED')
      .withPayload({ clientId: client.id, newOwnerUserId: first, assignedByUserId: t.kit.actorUserId, assignedAt: r1.at.toISOString() })
      .times(1);
    const [p1] = t.kit.events.payloads('CLIENT_OWNER_ASSIGNED');
    expect(p1).to.not.have.property('previousOwnerUserId');
    expect(t.kit.events).to.have.emitted('CLIENT_OWNER_ASSIGNED').withPayload({ previousOwnerUserId: first, newOwnerUserId: second }).times(1);
    const err = await t.kit.run(() => t.lifecycle.assignOwner(client.id, 'bob')).catch((e) => e);
    expect(err).to.be.instanceOf(ClientInputError).and.include({ field: 'ownerUserId' });
  });

  it('archive emits CLIENT_ARCHIVED; an archived client takes no edits and cannot be archived again', async () => {
    const archived = await t.kit.run(() => t.lifecycle.archive(client.id, { reason: 'Contract ended' }));
    expect(archived.archivedAt).to.be.instanceOf(Date);
    expect(t.kit.events)
      .to.have.emitted('CLIENT_ARCHIVED')
      .withPayload({ clientId: client.id, archivedByUserId: t.kit.actorUserId, archivedAt: archived.archivedAt!.toISOString(), reason: 'Contract ended' })
      .times(1);
    t.kit.events.clear();
    for (const action of [
      () => t.lifecycle.archive(client.id),
      () => t.lifecycle.update(client.id, { name: 'Revived' }),
      () => t.lifecycle.changeStatus(client.id, 'active'),
      () => t.lifecycle.assignOwner(client.id, uuidv4()),
    ] as Array<() => Promise<unknown>>) {
      const err = await t.kit.run(action).catch((e) => e);
      expect(err).to.be.instanceOf(ClientArchivedError).and.include({ code: 'CLIENT_ARCHIVED', field: 'clientId' });
    }
    expect(t.kit.events.all).to.be.empty;
  });

  it('concurrent status changes run one after the other: each event names the status the other left', async function () {
    if (target.name !== 'postgres') return this.skip();
    await Promise.all([t.kit.run(() => t.lifecycle.changeStatus(client.id, 'active')), t.kit.run(() => t.lifecycle.changeStatus(client.id, 'inactive'))]);
    const events = t.kit.events.payloads('CLIENT_STATUS_CHANGED') as Array<{ previousStatus: string; newStatus: string }>;
    expect(events).to.have.length(2);
    expect(events[1].previousStatus).to.equal(events[0].newStatus);
    expect(events[0].previousStatus).to.equal('prospect');
  });
});
