import { expect } from 'chai';
import sinon from 'sinon';
import { v4 as uuidv4 } from 'uuid';
import { Client, ClientArchivedError, ClientStateError, ContactArchivedError, ContactStateError, TagService } from '../../../domains/crm';
import { Ticket, TicketService, TicketSetupService } from '../../../domains/tickets';
import { forEachDatabase } from '../../support/databases';
import { CrmKit, crmKit } from './crm-kit';

forEachDatabase('crm: merging clients and contacts', (target) => {
  let t: CrmKit;
  let desk: { boardId: string; priorityId: string; resolvedId: string };
  let acme: Client;
  let dup: Client;
  beforeEach(async () => {
    t = await crmKit(target);
    const setup = t.kit.resolve(TicketSetupService);
    await t.kit.run(async () => {
      await setup.createStatus({ name: 'New', isDefault: true });
      const resolved = await setup.createStatus({ name: 'Resolved', isClosed: true, isDefault: true });
      desk = { boardId: (await setup.createBoard({ name: 'Service Desk' })).id, priorityId: (await setup.createPriority({ name: 'High' })).id, resolvedId: resolved.id };
      acme = await t.clients.create({ name: 'Acme Dental', status: 'active', website: 'https://acme.test' });
      dup = await t.clients.create({ name: 'ACME Dental Inc', phoneNumber: '+1 555 0100', ownerUserId: uuidv4() });
    });
    t.kit.events.clear();
  });
  afterEach(() => {
    sinon.restore();
    return t.kit.close();
  });

  const openTicket = (clientId: string, contactId?: string): Promise<Ticket> =>
    t.kit.run(() => t.kit.resolve(TicketService).create({ title: 'Printer offline', clientId, contactId, boardId: desk.boardId, priorityId: desk.priorityId }));

  /** The duplicate's records: a contact, a note, a call, a tag, an open and a closed ticket. */
  async function populateDuplicate() {
    return t.kit.run(async () => {
      const sam = await t.contacts.create({ clientId: dup.id, fullName: 'Sam Okafor', email: 'sam@acme.test' });
      const note = await t.notes.create({ entityType: 'client', entityId: dup.id, body: 'Pays by card' });
      const call = await t.interactions.log({ clientId: dup.id, contactId: sam.id, type: 'call', channel: 'phone', occurredAt: '2026-01-05T10:00:00Z' });
      const vip = await t.tagDefinitions.createDefinition({ name: 'VIP' });
      await t.tags.apply(vip.id, { entityType: 'client', entityId: dup.id });
      const open = await openTicket(dup.id, sam.id);
      const closed = await openTicket(dup.id);
      await t.kit.resolve(TicketService).update(closed.id, { statusId: desk.resolvedId });
      return { sam, note, call, vip, open, closed };
    });
  }

  it('merge moves contacts, notes, interactions, tags and open tickets, archives the source and emits CLIENT_MERGED', async () => {
    const { sam, note, call, vip, open, closed } = await populateDuplicate();
    t.kit.events.clear();
    const r = await t.kit.run(() => t.clientMerges.merge(dup.id, acme.id));
    expect(r).to.deep.include({ movedContactIds: [sam.id], movedNoteIds: [note.id], movedInteractionIds: [call.id], movedTagIds: [vip.id], movedTicketIds: [open.id] });
    expect(r.source).to.include({ mergedIntoClientId: acme.id });
    expect(r.source.archivedAt).to.be.instanceOf(Date);
    expect(r.target).to.include({ website: 'https://acme.test', phoneNumber: '+1 555 0100', ownerUserId: dup.ownerUserId });
    const tickets = t.kit.resolve(TicketService);
    expect((await t.kit.run(() => tickets.get(open.id))).clientId).to.equal(acme.id);
    expect((await t.kit.run(() => tickets.get(closed.id))).clientId).to.equal(dup.id);
    expect(await t.kit.run(() => t.contacts.findByEmail('sam@acme.test'))).to.include({ clientId: acme.id });
    expect(await t.kit.run(() => t.notes.listFor('client', acme.id))).to.have.length(1);
    expect(await t.kit.run(() => t.interactions.listForClient(acme.id))).to.have.length(1);
    expect(await t.kit.run(() => t.tags.tagIdsOf({ entityType: 'client', entityId: acme.id }))).to.deep.equal([vip.id]);
    expect(await t.kit.run(() => t.tags.tagIdsOf({ entityType: 'client', entityId: dup.id }))).to.deep.equal([]);

    expect(t.kit.events)
      .to.have.emitted('CLIENT_MERGED')
      .withPayload({ sourceClientId: dup.id, targetClientId: acme.id, mergedByUserId: t.kit.actorUserId, mergedAt: r.at.toISOString(), strategy: 'absorb-fill-empty' })
      .times(1);
    expect(t.kit.events).to.have.emitted('CLIENT_ARCHIVED').withPayload({ clientId: dup.id, reason: `Merged into ${acme.id}`, archivedAt: r.at.toISOString() }).times(1);
    expect(t.kit.events).to.have.emitted('CONTACT_UPDATED').withPayload({ contactId: sam.id, clientId: acme.id, changes: { clientId: { previous: dup.id, new: acme.id } } }).times(1);
    expect(t.kit.events).to.have.emitted('TICKET_UPDATED').times(1);
    expect(t.kit.events).to.have.emitted('TAG_APPLIED').withPayload({ tagId: vip.id, entityType: 'client', entityId: acme.id }).times(1);
    expect(t.kit.events).to.have.emitted('TAG_REMOVED').withPayload({ tagId: vip.id, entityType: 'client', entityId: dup.id }).times(1);
    expect(t.kit.events).to.have.emitted('CLIENT_UPDATED').withPayload({ clientId: acme.id, updatedFields: ['phoneNumber'] }).times(1);
    expect(t.kit.events).to.have.emitted('CLIENT_OWNER_ASSIGNED').withPayload({ clientId: acme.id, newOwnerUserId: dup.ownerUserId }).times(1);
    // The merged client gets no new tickets.
    expect(await openTicket(dup.id).catch((e) => e)).to.be.instanceOf(ClientArchivedError);
  });

  it('is one transaction: a failure after tickets and contacts moved leaves everything as it was and emits nothing', async () => {
    const { sam, open } = await populateDuplicate();
    await openTicket(dup.id);
    t.kit.events.clear();
    const tickets = t.kit.resolve(TicketService);
    // Fault injection after the tickets and contacts moved (nested saves), before the tags move.
    sinon.stub(TagService.prototype, 'tagIdsOf').rejects(new Error('database went away'));
    const err = await t.kit.run(() => t.clientMerges.merge(dup.id, acme.id)).catch((e) => e);
    expect(err).to.have.property('message', 'database went away');
    sinon.restore();
    expect(t.kit.events.all).to.be.empty;
    expect((await t.kit.run(() => t.clients.get(dup.id))).archivedAt).to.equal(undefined);
    expect((await t.kit.run(() => t.contacts.get(sam.id))).clientId).to.equal(dup.id);
    expect((await t.kit.run(() => tickets.get(open.id))).clientId).to.equal(dup.id);
    expect(await t.kit.run(() => t.tags.tagIdsOf({ entityType: 'client', entityId: dup.id }))).to.have.length(1);
  });

  it('refuses a merge into itself, into an archived client, a source merged before, and unknown clients; nothing written or emitted', async () => {
    const other = await t.kit.run(() => t.clients.create({ name: 'Other' }));
    await t.kit.run(() => t.clientMerges.merge(other.id, acme.id));
    t.kit.events.clear();
    const archivedTarget = await t.kit.run(() => t.clients.create({ name: 'Gone' }));
    await t.kit.run(() => t.lifecycle.archive(archivedTarget.id));
    t.kit.events.clear();
    const cases: Array<[() => Promise<unknown>, Function, Record<string, unknown>]> = [
      [() => t.clientMerges.merge(acme.id, acme.id), ClientStateError, { code: 'CLIENT_MERGE_INVALID' }],
      [() => t.clientMerges.merge(dup.id, archivedTarget.id), ClientArchivedError, { field: 'targetClientId' }],
      [() => t.clientMerges.merge(other.id, dup.id), ClientStateError, { code: 'CLIENT_MERGE_INVALID' }],
      [() => t.clientMerges.merge(dup.id, uuidv4()), Error, { code: 'CLIENT_NOT_FOUND' }],
      [() => t.clientMerges.merge('dup', acme.id), Error, { field: 'sourceClientId' }],
    ];
    for (const [action, type, props] of cases) {
      const err = await t.kit.run(action).catch((e) => e);
      expect(err).to.be.instanceOf(type).and.include(props);
    }
    expect((await t.kit.run(() => t.clients.get(dup.id))).archivedAt).to.equal(undefined);
    expect(t.kit.events.all).to.be.empty;
  });

  it('two merges of one pair in opposite directions at once: one wins, the other is refused', async function () {
    if (target.name !== 'postgres') return this.skip();
    await populateDuplicate();
    t.kit.events.clear();
    const results = await Promise.allSettled([t.kit.run(() => t.clientMerges.merge(dup.id, acme.id)), t.kit.run(() => t.clientMerges.merge(acme.id, dup.id))]);
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    const [refused] = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(refused.reason).to.be.instanceOf(ClientArchivedError);
    expect(t.kit.events.types().filter((x) => x === 'CLIENT_MERGED')).to.have.length(1);
  });

  it('work attached to the source while it is being merged either moves with it or is refused: nothing stays behind', async function () {
    if (target.name !== 'postgres') return this.skip();
    const tag = await t.kit.run(() => t.tagDefinitions.createDefinition({ name: 'Key account' }));
    for (let round = 0; round < 3; round++) {
      const source = await t.kit.run(() => t.clients.create({ name: `Duplicate ${round}` }));
      const results = await Promise.allSettled([
        t.kit.run(() => t.contacts.create({ clientId: source.id, fullName: `Lee ${round}` })),
        openTicket(source.id),
        t.kit.run(() => t.notes.create({ entityType: 'client', entityId: source.id, body: 'Call back' })),
        t.kit.run(() => t.interactions.log({ clientId: source.id, type: 'call', channel: 'phone', occurredAt: '2026-01-05T10:00:00Z' })),
        t.kit.run(() => t.tags.apply(tag.id, { entityType: 'client', entityId: source.id })),
        t.kit.run(() => t.clientMerges.merge(source.id, acme.id)),
      ]);
      expect(results[5].status, String((results[5] as PromiseRejectedResult).reason)).to.equal('fulfilled');
      for (const r of results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]) expect(r.reason).to.be.instanceOf(ClientArchivedError);
      expect(await t.kit.db('crm_contacts').where({ client_id: source.id })).to.be.empty;
      expect(await t.kit.run(() => t.kit.resolve(TicketService).openTickets({ clientId: source.id }))).to.be.empty;
      expect(await t.kit.db('crm_notes').where({ entity_id: source.id })).to.be.empty;
      expect(await t.kit.db('crm_interactions').where({ client_id: source.id })).to.be.empty;
      expect(await t.kit.db('crm_entity_tags').where({ entity_id: source.id })).to.be.empty;
    }
  });

  it('contact merge moves notes, interactions, tags and open tickets, hands over primary and fills empty details', async () => {
    const { dana, danaDup, note, call, vip, open } = await t.kit.run(async () => {
      const dana = await t.contacts.create({ clientId: acme.id, fullName: 'Dana Whitfield' });
      const danaDup = await t.contacts.create({ clientId: acme.id, fullName: 'D. Whitfield', email: 'dana@acme.test', jobTitle: 'Office manager' });
      await t.contactLifecycle.setPrimary(danaDup.id);
      const note = await t.notes.create({ entityType: 'contact', entityId: danaDup.id, body: 'Prefers email' });
      const call = await t.interactions.log({ contactId: danaDup.id, type: 'call', channel: 'phone', occurredAt: '2026-01-05T10:00:00Z' });
      const vip = await t.tagDefinitions.createDefinition({ name: 'Decision maker' });
      await t.tags.apply(vip.id, { entityType: 'contact', entityId: danaDup.id });
      const open = await openTicket(acme.id, danaDup.id);
      return { dana, danaDup, note, call, vip, open };
    });
    t.kit.events.clear();
    const r = await t.kit.run(() => t.contactMerges.merge(danaDup.id, dana.id));
    expect(r).to.deep.include({ movedNoteIds: [note.id], movedInteractionIds: [call.id], movedTagIds: [vip.id], movedTicketIds: [open.id] });
    expect(r.target).to.include({ isPrimary: true, email: 'dana@acme.test', jobTitle: 'Office manager' });
    expect(r.source).to.include({ isPrimary: false, mergedIntoContactId: dana.id });
    expect((await t.kit.run(() => t.kit.resolve(TicketService).get(open.id))).contactId).to.equal(dana.id);
    expect(await t.kit.run(() => t.contacts.findByEmail('DANA@acme.test'))).to.include({ id: dana.id });
    expect(t.kit.events)
      .to.have.emitted('CONTACT_MERGED')
      .withPayload({ sourceContactId: danaDup.id, targetContactId: dana.id, mergedByUserId: t.kit.actorUserId, mergedAt: r.at.toISOString(), strategy: 'absorb-fill-empty' })
      .times(1);
    expect(t.kit.events).to.have.emitted('CONTACT_ARCHIVED').withPayload({ contactId: danaDup.id, clientId: acme.id, reason: `Merged into ${dana.id}` }).times(1);
    expect(t.kit.events).to.have.emitted('CONTACT_PRIMARY_SET').withPayload({ contactId: dana.id, previousPrimaryContactId: danaDup.id }).times(1);
    expect(t.kit.events).to.have.emitted('CONTACT_UPDATED').withPayload({ contactId: dana.id, updatedFields: ['email', 'jobTitle'] }).times(1);
    expect(t.kit.events).to.have.emitted('TAG_APPLIED').withPayload({ tagId: vip.id, entityType: 'contact', entityId: dana.id }).times(1);
  });

  it('contact merge refuses itself, an archived target and contacts of two clients; nothing written or emitted', async () => {
    const [a, b, c, gone] = await t.kit.run(async () => [
      await t.contacts.create({ clientId: acme.id, fullName: 'A' }),
      await t.contacts.create({ clientId: acme.id, fullName: 'B' }),
      await t.contacts.create({ clientId: dup.id, fullName: 'C' }),
      await t.contacts.create({ clientId: acme.id, fullName: 'Gone' }),
    ]);
    await t.kit.run(() => t.contactLifecycle.archive(gone.id));
    t.kit.events.clear();
    const cases: Array<[() => Promise<unknown>, Function]> = [
      [() => t.contactMerges.merge(a.id, a.id), ContactStateError],
      [() => t.contactMerges.merge(a.id, gone.id), ContactArchivedError],
      [() => t.contactMerges.merge(c.id, b.id), ContactStateError],
    ];
    for (const [action, type] of cases) expect(await t.kit.run(action).catch((e) => e)).to.be.instanceOf(type);
    expect(await t.kit.db('crm_contacts').whereNotNull('merged_into_contact_id')).to.be.empty;
    expect(t.kit.events.all).to.be.empty;
  });

  it('CLIENT_MERGED arrives at the worker through the bus', async () => {
    await t.kit
      .scenario(() => t.clientMerges.merge(dup.id, acme.id))
      .expect('CLIENT_MERGED')
      .toArrive();
  });
});
