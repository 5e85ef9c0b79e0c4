import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { ClientNotFoundError, ContactNotFoundError, crmModule, TagNotFoundError } from '../../../domains/crm';
import { TicketService, TicketSetupService } from '../../../domains/tickets';
import { forEachDatabase } from '../../support/databases';
import { unscopedQueries } from '../unscoped-queries';
import { CrmKit, crmKit } from './crm-kit';

forEachDatabase("crm: one tenant cannot reach another tenant's clients, contacts or tags", (target) => {
  let t: CrmKit;
  beforeEach(async () => {
    t = await crmKit(target);
  });
  afterEach(() => t.kit.close());

  /** Tenant A's CRM day through every CRM service. */
  const tenantAWorks = () =>
    t.kit.run(async () => {
      const setup = t.kit.resolve(TicketSetupService);
      await setup.createStatus({ name: 'New', isDefault: true });
      const desk = { boardId: (await setup.createBoard({ name: 'Desk' })).id, priorityId: (await setup.createPriority({ name: 'High' })).id };
      const acme = await t.clients.create({ name: 'Acme' });
      const dup = await t.clients.create({ name: 'Acme Inc', website: 'https://acme.test' });
      await t.lifecycle.update(acme.id, { industry: 'Dental' });
      await t.lifecycle.changeStatus(acme.id, 'active');
      await t.lifecycle.assignOwner(acme.id, uuidv4());
      const dana = await t.contacts.create({ clientId: acme.id, fullName: 'Dana', email: 'dana@acme.test' });
      const danaDup = await t.contacts.create({ clientId: acme.id, fullName: 'Dana W', email: 'dana.w@acme.test' });
      const lee = await t.contacts.create({ clientId: dup.id, fullName: 'Lee' });
      await t.contacts.findByEmail('DANA@acme.test');
      await t.contactLifecycle.update(dana.id, { jobTitle: 'Manager' });
      await t.contactLifecycle.setPrimary(danaDup.id);
      const tag = await t.tagDefinitions.createDefinition({ name: 'vip' });
      await t.tagDefinitions.rename(tag.id, 'VIP');
      await t.tags.apply(tag.id, { entityType: 'client', entityId: dup.id });
      await t.tags.apply(tag.id, { entityType: 'contact', entityId: danaDup.id });
      await t.interactions.log({ contactId: danaDup.id, type: 'call', channel: 'phone', occurredAt: '2026-01-05T10:00:00Z' });
      await t.notes.create({ entityType: 'contact', entityId: danaDup.id, body: 'Note' });
      await t.notes.create({ entityType: 'client', entityId: dup.id, body: 'Note' });
      const ticket = await t.kit.resolve(TicketService).create({ title: 'Laptop', clientId: dup.id, contactId: lee.id, ...desk });
      await t.tags.apply(tag.id, { entityType: 'ticket', entityId: ticket.id });
      await t.clientMerges.merge(dup.id, acme.id);
      await t.contactMerges.merge(danaDup.id, dana.id);
      await t.contactLifecycle.archive(lee.id);
      return { acme, dana, tag };
    });

  it('every statement the CRM services send is scoped by tenant', async () => {
    expect(await unscopedQueries(t.kit.db, tenantAWorks)).to.deep.equal([]);
  });

  it("tenant B gets not-found for tenant A's ids, and A's rows stay as they were", async () => {
    const { acme, dana, tag } = await tenantAWorks();
    const snapshot = async () => Promise.all(crmModule.tables.map(async (table) => (await t.kit.db(table)).map((r) => JSON.stringify(r)).sort()));
    await t.kit.settle();
    const before = await snapshot();
    t.kit.events.clear();
    const other = { tenantId: uuidv4() };
    const attempts: Array<[() => Promise<unknown>, Function]> = [
      [() => t.clients.get(acme.id), ClientNotFoundError],
      [() => t.lifecycle.update(acme.id, { name: 'Hijacked' }), ClientNotFoundError],
      [() => t.lifecycle.archive(acme.id), ClientNotFoundError],
      [() => t.contacts.create({ clientId: acme.id, fullName: 'Mallory' }), ClientNotFoundError],
      [() => t.contactLifecycle.update(dana.id, { fullName: 'Mallory' }), ContactNotFoundError],
      [() => t.contactLifecycle.setPrimary(dana.id), ContactNotFoundError],
      [() => t.tagDefinitions.rename(tag.id, 'Mine'), TagNotFoundError],
      [() => t.notes.create({ entityType: 'client', entityId: acme.id, body: 'x' }), ClientNotFoundError],
      [() => t.clientMerges.merge(uuidv4(), acme.id), ClientNotFoundError],
    ];
    for (const [attempt, type] of attempts) expect(await t.kit.run(attempt, other).catch((e) => e)).to.be.instanceOf(type);
    expect(await t.kit.run(() => t.contacts.findByEmail('dana@acme.test'), other)).to.equal(undefined);
    expect(await snapshot()).to.deep.equal(before);
    expect(t.kit.events.all).to.be.empty;
  });
});
