import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { ClientArchivedError, ClientInputError, ClientNotFoundError } from '../../../domains/crm';
import { StaffActorRequiredError } from '../../../lib/kit';
import { forEachDatabase } from '../../support/databases';
import { CrmKit, crmKit } from './crm-kit';

forEachDatabase('crm: creating and reading clients', (target) => {
  let t: CrmKit;
  beforeEach(async () => {
    t = await crmKit(target);
  });
  afterEach(() => t.kit.close());

  it('create stores the client and emits CLIENT_CREATED and the legacy COMPANY_CREATED', async () => {
    const owner = uuidv4();
    const client = await t.kit.run(() => t.clients.create({ name: '  Acme Dental ', ownerUserId: owner, website: 'https://acme.test' }));
    expect(client).to.include({ name: 'Acme Dental', status: 'prospect', ownerUserId: owner, createdByUserId: t.kit.actorUserId });
    const row = await t.kit.db('crm_clients').where({ client_id: client.id }).first();
    expect(row).to.include({ tenant: t.kit.tenantId, name: 'Acme Dental', status: 'prospect' });
    expect(t.kit.events)
      .to.have.emitted('CLIENT_CREATED')
      .withPayload({
        tenantId: t.kit.tenantId,
        clientId: client.id,
        clientName: 'Acme Dental',
        createdByUserId: t.kit.actorUserId,
        createdAt: client.createdAt.toISOString(),
        status: 'prospect',
      })
      .times(1);
    expect(t.kit.events)
      .to.have.emitted('COMPANY_CREATED')
      .withPayload({
        clientId: client.id,
        userId: t.kit.actorUserId,
        changes: { name: 'Acme Dental', status: 'prospect', ownerUserId: owner, website: 'https://acme.test' },
      })
      .times(1);
    expect(t.kit.events.types()).to.deep.equal(['CLIENT_CREATED', 'COMPANY_CREATED']);
  });

  const refusals: Array<[string, string, Record<string, unknown>]> = [
    ['a blank name', 'name', { name: '   ' }],
    ['an unknown status', 'status', { name: 'Acme', status: 'archived' }],
    ['an owner that is no uuid', 'ownerUserId', { name: 'Acme', ownerUserId: 'bob' }],
    ['a website longer than 255 characters', 'website', { name: 'Acme', website: 'x'.repeat(256) }],
  ];
  for (const [what, field, input] of refusals) {
    it(`refuses ${what} with ClientInputError naming ${field}; nothing written or emitted`, async () => {
      const err = await t.kit.run(() => t.clients.create(input as any)).catch((e) => e);
      expect(err).to.be.instanceOf(ClientInputError).and.include({ field, code: 'CLIENT_INPUT_INVALID' });
      expect(await t.kit.db('crm_clients')).to.be.empty;
      expect(t.kit.events.all).to.be.empty;
    });
  }

  it('creating a client needs an internal user', async () => {
    const err = await t.kit.run(() => t.clients.create({ name: 'Acme' }), { actorUserId: undefined, actorType: 'SYSTEM' }).catch((e) => e);
    expect(err).to.be.instanceOf(StaffActorRequiredError);
    expect(await t.kit.db('crm_clients')).to.be.empty;
  });

  it("get and assertActive: unknown, malformed and another tenant's ids are not found", async () => {
    const client = await t.kit.run(() => t.clients.create({ name: 'Acme', status: 'active' }));
    expect((await t.kit.run(() => t.clients.assertActive(client.id))).id).to.equal(client.id);
    expect((await t.kit.run(() => t.clients.get(client.id.toUpperCase()))).id).to.equal(client.id);
    for (const id of [uuidv4(), 'not-a-uuid']) {
      expect(await t.kit.run(() => t.clients.get(id)).catch((e) => e)).to.be.instanceOf(ClientNotFoundError);
    }
    const other = await t.kit.run(() => t.clients.assertActive(client.id), { tenantId: uuidv4() }).catch((e) => e);
    expect(other).to.be.instanceOf(ClientNotFoundError);
  });

  it('assertActive refuses an archived client with CLIENT_ARCHIVED naming clientId', async () => {
    const client = await t.kit.run(() => t.clients.create({ name: 'Acme' }));
    await t.kit.db('crm_clients').where({ client_id: client.id }).update({ archived_at: new Date() });
    const err = await t.kit.run(() => t.clients.assertActive(client.id)).catch((e) => e);
    expect(err).to.be.instanceOf(ClientArchivedError).and.include({ code: 'CLIENT_ARCHIVED', field: 'clientId', clientId: client.id });
  });

  it('CLIENT_CREATED arrives at the worker through the bus', async () => {
    await t.kit
      .scenario(() => t.clients.create({ name: 'Northwind' }))
      .expect('CLIENT_CREATED')
      .toArrive();
  });
});
