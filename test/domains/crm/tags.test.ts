import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { Client, ClientArchivedError, Contact, crmModule, TagInputError, TagNameTakenError, TagNotFoundError } from '../../../domains/crm';
import { Ticket, TicketService, TicketSetupService } from '../../../domains/tickets';
import { forEachDatabase } from '../../support/databases';
import { CrmKit, crmKit } from './crm-kit';

forEachDatabase('crm: tag definitions and tags on clients, contacts and tickets', (target) => {
  let t: CrmKit;
  let client: Client;
  let dana: Contact;
  let ticket: Ticket;
  beforeEach(async () => {
    t = await crmKit(target);
    const setup = t.kit.resolve(TicketSetupService);
    await t.kit.run(async () => {
      client = await t.clients.create({ name: 'Acme Dental', status: 'active' });
      dana = await t.contacts.create({ clientId: client.id, fullName: 'Dana Whitfield' });
      await setup.createStatus({ name: 'New', isDefault: true });
      const board = await setup.createBoard({ name: 'Service Desk' });
      const priority = await setup.createPriority({ name: 'High' });
      ticket = await t.kit.resolve(TicketService).create({ title: 'Printer offline', clientId: client.id, boardId: board.id, priorityId: priority.id });
    });
    t.kit.events.clear();
  });
  afterEach(() => t.kit.close());

  const define = (name: string) => t.kit.run(() => t.tagDefinitions.createDefinition({ name }));

  it('createDefinition emits TAG_DEFINITION_CREATED (category Tags); the tag is usable on tickets too', async () => {
    const vip = await define('  VIP ');
    expect(vip.name).to.equal('VIP');
    expect(t.kit.events)
      .to.have.emitted('TAG_DEFINITION_CREATED')
      .withPayload({ tagId: vip.id, tagName: 'VIP', createdByUserId: t.kit.actorUserId, createdAt: vip.createdAt.toISOString() })
      .times(1);
    expect(crmModule.events().filter((d) => d.type.startsWith('TAG_')).map((d) => d.category)).to.deep.equal(['Tags', 'Tags', 'Tags', 'Tags']);
    expect(await t.kit.db('tags').where({ tag_id: vip.id }).first()).to.include({ name: 'VIP' });
  });

  it('names are unique per tenant case-insensitively; other tenants may reuse them', async () => {
    const vip = await define('VIP');
    t.kit.events.clear();
    const err = await define('vip').catch((e) => e);
    expect(err).to.be.instanceOf(TagNameTakenError).and.include({ field: 'name', existingTagId: vip.id });
    expect(await t.kit.db('crm_tags')).to.have.length(1);
    expect(t.kit.events.all).to.be.empty;
    const onboarding = await define('Onboarding');
    t.kit.events.clear();
    const rename = await t.kit.run(() => t.tagDefinitions.rename(onboarding.id, 'Vip')).catch((e) => e);
    expect(rename).to.be.instanceOf(TagNameTakenError);
    expect(await t.kit.db('crm_tags').where({ tag_id: onboarding.id }).first()).to.include({ name: 'Onboarding' });
    expect(t.kit.events.all).to.be.empty;
    await t.kit.run(() => t.tagDefinitions.createDefinition({ name: 'vip' }), { tenantId: uuidv4() });
    for (const [name, field] of [['', 'name'], ['x'.repeat(65), 'name']]) {
      expect(await define(name).catch((e) => e)).to.be.instanceOf(TagInputError).and.include({ field });
    }
  });

  it('concurrent creates of one name (any case): one tag, one event', async function () {
    if (target.name !== 'postgres') return this.skip();
    const results = await Promise.allSettled(['Managed', 'MANAGED', 'managed'].map(define));
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    for (const r of results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]) expect(r.reason).to.be.instanceOf(TagNameTakenError);
    expect(t.kit.events.types()).to.deep.equal(['TAG_DEFINITION_CREATED']);
  });

  it('rename emits TAG_DEFINITION_UPDATED with both names (case changes count); the same name emits nothing', async () => {
    const tag = await define('vip');
    const r = await t.kit.run(() => t.tagDefinitions.rename(tag.id, 'VIP'));
    await t.kit.run(() => t.tagDefinitions.rename(tag.id, 'VIP'));
    expect(t.kit.events)
      .to.have.emitted('TAG_DEFINITION_UPDATED')
      .withPayload({ tagId: tag.id, previousName: 'vip', newName: 'VIP', updatedByUserId: t.kit.actorUserId, updatedAt: r.at.toISOString() })
      .times(1);
    expect(await t.kit.db('tags').where({ tag_id: tag.id }).first()).to.include({ name: 'VIP' });
    expect(await t.kit.run(() => t.tagDefinitions.rename(uuidv4(), 'X')).catch((e) => e)).to.be.instanceOf(TagNotFoundError);
  });

  it('apply emits TAG_APPLIED on a client and a contact; applying it again emits nothing', async () => {
    const vip = await define('VIP');
    t.kit.events.clear();
    const r = await t.kit.run(() => t.tags.apply(vip.id, { entityType: 'client', entityId: client.id }));
    await t.kit.run(() => t.tags.apply(vip.id, { entityType: 'contact', entityId: dana.id }));
    await t.kit.run(() => t.tags.apply(vip.id, { entityType: 'client', entityId: client.id }));
    expect(t.kit.events)
      .to.have.emitted('TAG_APPLIED')
      .withPayload({ tagId: vip.id, entityType: 'client', entityId: client.id, appliedByUserId: t.kit.actorUserId, appliedAt: r.at.toISOString() })
      .times(1);
    expect(t.kit.events).to.have.emitted('TAG_APPLIED').withPayload({ entityType: 'contact', entityId: dana.id }).times(1);
    expect(t.kit.events.types()).to.deep.equal(['TAG_APPLIED', 'TAG_APPLIED']);
    expect(await t.kit.run(() => t.tags.tagIdsOf({ entityType: 'client', entityId: client.id }))).to.deep.equal([vip.id]);
  });

  it('remove emits TAG_REMOVED; removing a tag the record lacks emits nothing', async () => {
    const vip = await define('VIP');
    await t.kit.run(() => t.tags.apply(vip.id, { entityType: 'client', entityId: client.id }));
    t.kit.events.clear();
    const r = await t.kit.run(() => t.tags.remove(vip.id, { entityType: 'client', entityId: client.id }));
    await t.kit.run(() => t.tags.remove(vip.id, { entityType: 'client', entityId: client.id }));
    expect(t.kit.events)
      .to.have.emitted('TAG_REMOVED')
      .withPayload({ tagId: vip.id, entityType: 'client', entityId: client.id, removedByUserId: t.kit.actorUserId, removedAt: r.at.toISOString() })
      .times(1);
    expect(t.kit.events.types()).to.deep.equal(['TAG_REMOVED']);
    expect(await t.kit.db('crm_entity_tags')).to.be.empty;
  });

  it('on a ticket, TagService emits TAG_APPLIED / TAG_REMOVED beside TICKET_TAGS_CHANGED; a ticket save emits TICKET_TAGS_CHANGED only', async () => {
    const vip = await define('VIP');
    const network = await define('Network');
    t.kit.events.clear();
    await t.kit.run(() => t.tags.apply(vip.id, { entityType: 'ticket', entityId: ticket.id }));
    expect(t.kit.events).to.have.emitted('TAG_APPLIED').withPayload({ tagId: vip.id, entityType: 'ticket', entityId: ticket.id }).times(1);
    expect(t.kit.events).to.have.emitted('TICKET_TAGS_CHANGED').times(1);
    expect((await t.kit.run(() => t.kit.resolve(TicketService).get(ticket.id))).tagIds).to.deep.equal([vip.id]);
    t.kit.events.clear();
    await t.kit.run(() => t.tags.apply(vip.id, { entityType: 'ticket', entityId: ticket.id }));
    expect(t.kit.events.all).to.be.empty;
    await t.kit.run(() => t.tags.remove(vip.id, { entityType: 'ticket', entityId: ticket.id }));
    expect(t.kit.events).to.have.emitted('TAG_REMOVED').withPayload({ tagId: vip.id, entityType: 'ticket', entityId: ticket.id }).times(1);
    expect(t.kit.events).to.have.emitted('TICKET_TAGS_CHANGED').times(1);
    t.kit.events.clear();
    await t.kit.run(() => t.kit.resolve(TicketService).update(ticket.id, { tagIds: [network.id] }));
    expect(t.kit.events).to.have.emitted('TICKET_TAGS_CHANGED').times(1);
    expect(t.kit.events.types()).to.not.include.members(['TAG_APPLIED', 'TAG_REMOVED']);
  });

  it('concurrent applies of different tags to one ticket both stick; of one tag to a client emit once', async function () {
    if (target.name !== 'postgres') return this.skip();
    const [a, b] = [await define('A'), await define('B')];
    t.kit.events.clear();
    await Promise.all([a, b].map((tag) => t.kit.run(() => t.tags.apply(tag.id, { entityType: 'ticket', entityId: ticket.id }))));
    expect((await t.kit.run(() => t.kit.resolve(TicketService).get(ticket.id))).tagIds).to.have.members([a.id, b.id]);
    t.kit.events.clear();
    await Promise.all([1, 2, 3].map(() => t.kit.run(() => t.tags.apply(a.id, { entityType: 'client', entityId: client.id }))));
    expect(t.kit.events.types()).to.deep.equal(['TAG_APPLIED']);
  });

  it('refuses bad targets naming the field, unknown tags, and archived clients; nothing written or emitted', async () => {
    const vip = await define('VIP');
    t.kit.events.clear();
    for (const [tgt, field] of [
      [{ entityType: 'invoice', entityId: client.id }, 'entityType'],
      [{ entityType: 'client', entityId: 'acme' }, 'entityId'],
    ] as const) {
      expect(await t.kit.run(() => t.tags.apply(vip.id, tgt as any)).catch((e) => e)).to.be.instanceOf(TagInputError).and.include({ field });
    }
    expect(await t.kit.run(() => t.tags.apply(uuidv4(), { entityType: 'client', entityId: client.id })).catch((e) => e)).to.be.instanceOf(TagNotFoundError);
    await t.kit.run(() => t.lifecycle.archive(client.id));
    t.kit.events.clear();
    expect(await t.kit.run(() => t.tags.apply(vip.id, { entityType: 'client', entityId: client.id })).catch((e) => e)).to.be.instanceOf(ClientArchivedError);
    expect(await t.kit.db('crm_entity_tags')).to.be.empty;
    expect(t.kit.events.all).to.be.empty;
  });
});
