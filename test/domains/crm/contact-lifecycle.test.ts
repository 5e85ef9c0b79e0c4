import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { Client, ClientArchivedError, Contact, ContactArchivedError, ContactEmailTakenError, ContactInputError } from '../../../domains/crm';
import { forEachDatabase } from '../../support/databases';
import { CrmKit, crmKit } from './crm-kit';

forEachDatabase('crm: editing contacts, the primary contact and archive', (target) => {
  let t: CrmKit;
  let client: Client;
  let dana: Contact;
  let sam: Contact;
  beforeEach(async () => {
    t = await crmKit(target);
    client = await t.kit.run(() => t.clients.create({ name: 'Acme Dental', status: 'active' }));
    dana = await t.kit.run(() => t.contacts.create({ clientId: client.id, fullName: 'Dana Whitfield', email: 'dana@acme.test' }));
    sam = await t.kit.run(() => t.contacts.create({ clientId: client.id, fullName: 'Sam Okafor' }));
    t.kit.events.clear();
  });
  afterEach(() => t.kit.close());

  const primaries = async () => (await t.kit.db('crm_contacts').where({ client_id: client.id }).where('is_primary', true)).map((r) => r.contact_id);

  it('update saves the details and emits CONTACT_UPDATED with changes', async () => {
    const r = await t.kit.run(() => t.contactLifecycle.update(dana.id, { email: 'Dana.Whitfield@acme.test', jobTitle: 'Office manager' }));
    expect(await t.kit.run(() => t.contacts.findByEmail('dana.whitfield@ACME.test'))).to.include({ id: dana.id });
    expect(await t.kit.run(() => t.contacts.findByEmail('dana@acme.test'))).to.equal(undefined);
    expect(t.kit.events)
      .to.have.emitted('CONTACT_UPDATED')
      .withPayload({
        contactId: dana.id,
        clientId: client.id,
        updatedByUserId: t.kit.actorUserId,
        updatedAt: r.at.toISOString(),
        updatedFields: ['email', 'jobTitle'],
        changes: { email: { previous: 'dana@acme.test', new: 'Dana.Whitfield@acme.test' }, jobTitle: { previous: null, new: 'Office manager' } },
      })
      .times(1);
  });

  it('a save that changes nothing emits nothing', async () => {
    await t.kit.run(() => t.contactLifecycle.update(dana.id, { fullName: ' Dana Whitfield ', email: 'dana@acme.test' }));
    expect(t.kit.events.all).to.be.empty;
  });

  it('update refuses bad input naming the field, and an email another live contact has', async () => {
    for (const [patch, field] of [
      [{ fullName: ' ' }, 'fullName'],
      [{ email: 'nope' }, 'email'],
      [{ clientId: uuidv4() }, 'clientId'],
    ] as const) {
      const err = await t.kit.run(() => t.contactLifecycle.update(sam.id, patch as any)).catch((e) => e);
      expect(err, field).to.be.instanceOf(ContactInputError).and.include({ field });
    }
    const taken = await t.kit.run(() => t.contactLifecycle.update(sam.id, { email: 'DANA@acme.test' })).catch((e) => e);
    expect(taken).to.be.instanceOf(ContactEmailTakenError).and.include({ field: 'email', existingContactId: dana.id });
    expect(await t.kit.db('crm_contacts').where({ contact_id: sam.id }).first()).to.include({ email: null });
    expect(t.kit.events.all).to.be.empty;
  });

  it('setPrimary emits CONTACT_PRIMARY_SET naming the previous primary; setting it again emits nothing', async () => {
    const first = await t.kit.run(() => t.contactLifecycle.setPrimary(dana.id));
    const second = await t.kit.run(() => t.contactLifecycle.setPrimary(sam.id));
    await t.kit.run(() => t.contactLifecycle.setPrimary(sam.id));
    expect(await primaries()).to.deep.equal([sam.id]);
    expect(t.kit.events)
      .to.have.emitted('CONTACT_PRIMARY_SET')
      .withPayload({ clientId: client.id, contactId: dana.id, setByUserId: t.kit.actorUserId, setAt: first.at.toISOString() })
      .times(1);
    expect(t.kit.events.payloads('CONTACT_PRIMARY_SET')[0]).to.not.have.property('previousPrimaryContactId');
    expect(t.kit.events)
      .to.have.emitted('CONTACT_PRIMARY_SET')
      .withPayload({ contactId: sam.id, previousPrimaryContactId: dana.id, setAt: second.at.toISOString() })
      .times(1);
    expect(t.kit.events.types()).to.deep.equal(['CONTACT_PRIMARY_SET', 'CONTACT_PRIMARY_SET']);
  });

  it('concurrent setPrimary calls leave exactly one primary; the later event names the earlier one', async function () {
    if (target.name !== 'postgres') return this.skip();
    const more = await t.kit.run(() => Promise.all([1, 2, 3].map((i) => t.contacts.create({ clientId: client.id, fullName: `Extra ${i}` }))));
    const all = [dana, sam, ...more];
    await Promise.all(all.map((c) => t.kit.run(() => t.contactLifecycle.setPrimary(c.id))));
    expect(await primaries()).to.have.length(1);
    const events = t.kit.events.payloads<{ contactId: string; previousPrimaryContactId?: string }>('CONTACT_PRIMARY_SET');
    expect(events).to.have.length(all.length);
    expect(events[0].previousPrimaryContactId).to.equal(undefined);
    for (let i = 1; i < events.length; i++) expect(events[i].previousPrimaryContactId).to.equal(events[i - 1].contactId);
    expect(await primaries()).to.deep.equal([events[events.length - 1].contactId]);
  });

  it('concurrent creates with one email address: one wins, the other gets ContactEmailTakenError', async function () {
    if (target.name !== 'postgres') return this.skip();
    const results = await Promise.allSettled(
      ['ops@acme.test', 'OPS@acme.test'].map((email) => t.kit.run(() => t.contacts.create({ clientId: client.id, fullName: 'Ops desk', email }))),
    );
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected).to.have.length(1);
    expect(rejected[0].reason).to.be.instanceOf(ContactEmailTakenError).and.include({ field: 'email' });
    expect(t.kit.events.types()).to.deep.equal(['CONTACT_CREATED']);
  });

  it('archive emits CONTACT_ARCHIVED, ends primary status and email lookup; archived contacts take no more actions', async () => {
    await t.kit.run(() => t.contactLifecycle.setPrimary(dana.id));
    t.kit.events.clear();
    const archived = await t.kit.run(() => t.contactLifecycle.archive(dana.id, { reason: 'Left the company' }));
    expect(archived).to.include({ isPrimary: false });
    expect(await primaries()).to.deep.equal([]);
    expect(await t.kit.run(() => t.contacts.findByEmail('dana@acme.test'))).to.equal(undefined);
    expect(t.kit.events)
      .to.have.emitted('CONTACT_ARCHIVED')
      .withPayload({ contactId: dana.id, clientId: client.id, archivedByUserId: t.kit.actorUserId, archivedAt: archived.archivedAt!.toISOString(), reason: 'Left the company' })
      .times(1);
    t.kit.events.clear();
    for (const action of [() => t.contactLifecycle.archive(dana.id), () => t.contactLifecycle.update(dana.id, { fullName: 'D' }), () => t.contactLifecycle.setPrimary(dana.id)]) {
      expect(await t.kit.run(action as () => Promise<unknown>).catch((e) => e)).to.be.instanceOf(ContactArchivedError).and.include({ code: 'CONTACT_ARCHIVED' });
    }
    expect(t.kit.events.all).to.be.empty;
    // The address is free again for a new contact.
    await t.kit.run(() => t.contacts.create({ clientId: client.id, fullName: 'Dana Whitfield', email: 'dana@acme.test' }));
  });

  it("contacts of an archived client take no edits and cannot become primary", async () => {
    await t.kit.run(() => t.lifecycle.archive(client.id));
    t.kit.events.clear();
    for (const action of [() => t.contactLifecycle.update(sam.id, { jobTitle: 'CEO' }), () => t.contactLifecycle.setPrimary(sam.id)]) {
      expect(await t.kit.run(action as () => Promise<unknown>).catch((e) => e)).to.be.instanceOf(ClientArchivedError);
    }
    expect(t.kit.events.all).to.be.empty;
  });
});
