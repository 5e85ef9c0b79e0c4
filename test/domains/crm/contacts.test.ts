import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { ClientArchivedError, ClientNotFoundError, ContactEmailTakenError, ContactInputError, ContactNotFoundError } from '../../../domains/crm';
import { forEachDatabase } from '../../support/databases';
import { CrmKit, crmKit } from './crm-kit';

forEachDatabase('crm: creating and finding contacts', (target) => {
  let t: CrmKit;
  let clientId: string;
  beforeEach(async () => {
    t = await crmKit(target);
    clientId = (await t.kit.run(() => t.clients.create({ name: 'Acme Dental', status: 'active' }))).id;
    t.kit.events.clear();
  });
  afterEach(() => t.kit.close());

  const dana = () => ({ clientId, fullName: 'Dana Whitfield', email: 'Dana.Whitfield@Acme.test', phoneNumber: '+1 555 0100' });

  it('create stores the contact under its client and emits CONTACT_CREATED', async () => {
    const contact = await t.kit.run(() => t.contacts.create(dana()));
    expect(contact).to.include({ clientId, fullName: 'Dana Whitfield', email: 'Dana.Whitfield@Acme.test', isPrimary: false });
    expect(await t.kit.db('crm_contacts').where({ contact_id: contact.id }).first()).to.include({ email_key: 'dana.whitfield@acme.test', tenant: t.kit.tenantId });
    expect(t.kit.events)
      .to.have.emitted('CONTACT_CREATED')
      .withPayload({
        tenantId: t.kit.tenantId,
        contactId: contact.id,
        clientId,
        fullName: 'Dana Whitfield',
        email: 'Dana.Whitfield@Acme.test',
        phoneNumber: '+1 555 0100',
        createdByUserId: t.kit.actorUserId,
        createdAt: contact.createdAt.toISOString(),
      })
      .times(1);
  });

  it('findByEmail is case-insensitive, tolerates a display name, and returns the contact with its clientId', async () => {
    const contact = await t.kit.run(() => t.contacts.create(dana()));
    for (const address of ['dana.whitfield@acme.test', ' DANA.WHITFIELD@ACME.TEST ', 'Dana <dana.whitfield@acme.TEST>']) {
      const found = await t.kit.run(() => t.contacts.findByEmail(address));
      expect(found, address).to.include({ id: contact.id, clientId });
    }
    expect(await t.kit.run(() => t.contacts.findByEmail('someone@acme.test'))).to.equal(undefined);
    expect(await t.kit.run(() => t.contacts.findByEmail(''))).to.equal(undefined);
    expect(await t.kit.run(() => t.contacts.findByEmail('dana.whitfield@acme.test'), { tenantId: uuidv4() })).to.equal(undefined);
  });

  const refusals: Array<[string, string, (d: ReturnType<typeof dana>) => Record<string, unknown>]> = [
    ['a blank name', 'fullName', (d) => ({ ...d, fullName: ' ' })],
    ['a malformed email', 'email', (d) => ({ ...d, email: 'dana at acme' })],
    ['two addresses in one', 'email', (d) => ({ ...d, email: 'a@acme.test, b@acme.test' })],
    ['a client id that is no uuid', 'clientId', (d) => ({ ...d, clientId: 'acme' })],
  ];
  for (const [what, field, input] of refusals) {
    it(`refuses ${what} with ContactInputError naming ${field}; nothing written or emitted`, async () => {
      const err = await t.kit.run(() => t.contacts.create(input(dana()) as any)).catch((e) => e);
      expect(err).to.be.instanceOf(ContactInputError).and.include({ field });
      expect(await t.kit.db('crm_contacts')).to.be.empty;
      expect(t.kit.events.all).to.be.empty;
    });
  }

  it('an email address already used by a live contact of the tenant is refused, whatever its case', async () => {
    const first = await t.kit.run(() => t.contacts.create(dana()));
    t.kit.events.clear();
    const err = await t.kit.run(() => t.contacts.create({ ...dana(), fullName: 'Dana W.', email: 'DANA.whitfield@acme.test' })).catch((e) => e);
    expect(err).to.be.instanceOf(ContactEmailTakenError).and.include({ field: 'email', existingContactId: first.id });
    expect(await t.kit.db('crm_contacts')).to.have.length(1);
    expect(t.kit.events.all).to.be.empty;
    // Another tenant may use it.
    const otherClient = await t.kit.run(() => t.clients.create({ name: 'Other' }), { tenantId: uuidv4() });
    expect(otherClient.id).to.be.a('string');
  });

  it('an unknown or archived client gets no contacts', async () => {
    const unknown = await t.kit.run(() => t.contacts.create({ ...dana(), clientId: uuidv4() })).catch((e) => e);
    expect(unknown).to.be.instanceOf(ClientNotFoundError);
    await t.kit.db('crm_clients').where({ client_id: clientId }).update({ archived_at: new Date() });
    const archived = await t.kit.run(() => t.contacts.create(dana())).catch((e) => e);
    expect(archived).to.be.instanceOf(ClientArchivedError).and.include({ field: 'clientId' });
    expect(await t.kit.db('crm_contacts')).to.be.empty;
    expect(t.kit.events.all).to.be.empty;
  });

  it('get: unknown and malformed ids are not found', async () => {
    for (const id of [uuidv4(), 'x']) expect(await t.kit.run(() => t.contacts.get(id)).catch((e) => e)).to.be.instanceOf(ContactNotFoundError);
  });
});
