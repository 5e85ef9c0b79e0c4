import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { Client, ClientArchivedError, Contact, ContactArchivedError, InteractionInputError, NoteInputError } from '../../../domains/crm';
import { forEachDatabase } from '../../support/databases';
import { CrmKit, crmKit } from './crm-kit';

forEachDatabase('crm: interactions and notes', (target) => {
  let t: CrmKit;
  let client: Client;
  let dana: Contact;
  beforeEach(async () => {
    t = await crmKit(target);
    client = await t.kit.run(() => t.clients.create({ name: 'Acme Dental', status: 'active' }));
    dana = await t.kit.run(() => t.contacts.create({ clientId: client.id, fullName: 'Dana Whitfield', email: 'dana@acme.test' }));
    t.kit.events.clear();
  });
  afterEach(() => t.kit.close());

  const call = { type: 'call', channel: 'phone', occurredAt: '2026-01-05T14:30:00+01:00', subject: 'Renewal call', outcome: 'Renewal agreed' } as const;

  it('log records a call with a contact (client taken from it) and emits INTERACTION_LOGGED', async () => {
    const logged = await t.kit.run(() => t.interactions.log({ ...call, contactId: dana.id }));
    expect(logged).to.include({ clientId: client.id, contactId: dana.id, type: 'call', channel: 'phone' });
    expect(await t.kit.db('crm_interactions').where({ interaction_id: logged.id }).first()).to.include({ tenant: t.kit.tenantId, client_id: client.id });
    expect(t.kit.events)
      .to.have.emitted('INTERACTION_LOGGED')
      .withPayload({
        interactionId: logged.id,
        clientId: client.id,
        contactId: dana.id,
        interactionType: 'call',
        channel: 'phone',
        interactionOccurredAt: '2026-01-05T13:30:00.000Z',
        loggedByUserId: t.kit.actorUserId,
        subject: 'Renewal call',
        outcome: 'Renewal agreed',
      })
      .times(1);
    const [payload] = t.kit.events.payloads<{ occurredAt: string }>('INTERACTION_LOGGED');
    expect(payload.occurredAt).to.equal(logged.loggedAt.toISOString());
  });

  it('a meeting with the client alone has no contactId', async () => {
    await t.kit.run(() => t.interactions.log({ clientId: client.id, type: 'meeting', channel: 'in_person', occurredAt: '2026-01-06T09:00:00Z' }));
    expect(t.kit.events.payloads('INTERACTION_LOGGED')[0]).to.not.have.property('contactId');
    expect(await t.kit.run(() => t.interactions.listForClient(client.id))).to.have.length(1);
  });

  it('log refuses bad input naming the field; nothing written or emitted', async () => {
    const other = await t.kit.run(() => t.clients.create({ name: 'Other' }));
    t.kit.events.clear();
    const cases: Array<[string, Record<string, unknown>]> = [
      ['type', { ...call, clientId: client.id, type: 'fax' }],
      ['channel', { ...call, clientId: client.id, channel: 'pigeon' }],
      ['occurredAt', { ...call, clientId: client.id, occurredAt: '2026-01-05 14:30' }],
      ['occurredAt', { ...call, clientId: client.id, occurredAt: new Date(Date.now() + 3_600_000).toISOString() }],
      ['clientId', { ...call }],
      ['contactId', { ...call, clientId: other.id, contactId: dana.id }],
      ['outcome', { ...call, clientId: client.id, outcome: 'o'.repeat(300) }],
    ];
    for (const [field, input] of cases) {
      const err = await t.kit.run(() => t.interactions.log(input as any)).catch((e) => e);
      expect(err, field).to.be.instanceOf(InteractionInputError).and.include({ field });
    }
    expect(await t.kit.db('crm_interactions')).to.be.empty;
    expect(t.kit.events.all).to.be.empty;
  });

  it('NoteService.create attaches a note to a client or contact and emits NOTE_CREATED with a preview', async () => {
    const body = `Prefers calls after 2pm.\n\nBilling questions go to Dana.   ${'x'.repeat(200)}`;
    const note = await t.kit.run(() => t.notes.create({ entityType: 'client', entityId: client.id, body }));
    expect(note).to.include({ visibility: 'internal', body: body.trim() });
    expect(t.kit.events)
      .to.have.emitted('NOTE_CREATED')
      .withPayload({
        noteId: note.id,
        entityType: 'client',
        entityId: client.id,
        createdByUserId: t.kit.actorUserId,
        createdAt: note.createdAt.toISOString(),
        visibility: 'internal',
        bodyPreview: `Prefers calls after 2pm. Billing questions go to Dana. ${'x'.repeat(84)}…`,
      })
      .times(1);
    const onContact = await t.kit.run(() => t.notes.create({ entityType: 'contact', entityId: dana.id, body: 'Works Mon-Thu', visibility: 'public' }));
    expect(t.kit.events).to.have.emitted('NOTE_CREATED').withPayload({ noteId: onContact.id, entityType: 'contact', entityId: dana.id, visibility: 'public', bodyPreview: 'Works Mon-Thu' }).times(1);
    expect(await t.kit.run(() => t.notes.listFor('client', client.id))).to.have.length(1);
  });

  it('NoteService.create refuses bad input naming the field', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['entityType', { entityType: 'ticket', entityId: client.id, body: 'x' }],
      ['entityId', { entityType: 'client', entityId: 'acme', body: 'x' }],
      ['body', { entityType: 'client', entityId: client.id, body: '  ' }],
      ['body', { entityType: 'client', entityId: client.id, body: 'b'.repeat(10_001) }],
      ['visibility', { entityType: 'client', entityId: client.id, body: 'x', visibility: 'secret' }],
    ];
    for (const [field, input] of cases) {
      const err = await t.kit.run(() => t.notes.create(input as any)).catch((e) => e);
      expect(err, field).to.be.instanceOf(NoteInputError).and.include({ field });
    }
    expect(await t.kit.db('crm_notes')).to.be.empty;
    expect(t.kit.events.all).to.be.empty;
  });

  it('archived clients and contacts get no interactions or notes; unknown ones are not found', async () => {
    await t.kit.run(() => t.contactLifecycle.archive(dana.id));
    expect(await t.kit.run(() => t.interactions.log({ ...call, contactId: dana.id })).catch((e) => e)).to.be.instanceOf(ContactArchivedError);
    expect(await t.kit.run(() => t.notes.create({ entityType: 'contact', entityId: dana.id, body: 'x' })).catch((e) => e)).to.be.instanceOf(ContactArchivedError);
    await t.kit.run(() => t.lifecycle.archive(client.id));
    t.kit.events.clear();
    expect(await t.kit.run(() => t.interactions.log({ ...call, clientId: client.id })).catch((e) => e)).to.be.instanceOf(ClientArchivedError);
    const note = await t.kit.run(() => t.notes.create({ entityType: 'client', entityId: client.id, body: 'x' })).catch((e) => e);
    expect(note).to.be.instanceOf(ClientArchivedError).and.include({ field: 'entityId' });
    expect(await t.kit.run(() => t.notes.create({ entityType: 'client', entityId: uuidv4(), body: 'x' })).catch((e) => e)).to.have.property('code', 'CLIENT_NOT_FOUND');
    expect(t.kit.events.all).to.be.empty;
  });
});
