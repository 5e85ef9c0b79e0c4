import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { ClientService } from '../../../domains/crm';
import { DocumentNotFoundError, DocumentTargetInputError, DocumentTargetNotFoundError, EntityType } from '../../../domains/documents';
import { forEachDatabase } from '../../support/databases';
import { pdf } from '../assets/sample-files';
import { DocumentDesk } from './document-desk';

forEachDatabase('documents: links to tickets, clients, contacts, projects and assets', (target) => {
  let desk: DocumentDesk;
  beforeEach(async () => (desk = await DocumentDesk.create(target)));
  afterEach(() => desk.close());
  const at = (iso: string) => ({ clock: () => new Date(iso) });
  const upload = async (name = 'manual.pdf') => {
    const file = await pdf(name);
    return desk.run(() => desk.documents.upload({ file, fileName: name }));
  };

  it('DOCUMENT_ASSOCIATED for each kind of record, each checked by its own module', async () => {
    const doc = await upload();
    const targets: Array<[EntityType, string]> = [
      ['ticket', (await desk.ticket()).id],
      ['client', desk.client.id],
      ['contact', desk.contact.id],
      ['project', (await desk.project()).id],
      ['asset', (await desk.asset()).id],
    ];
    for (const [entityType, entityId] of targets) await desk.run(() => desk.associations.associate(doc.id, { entityType, entityId }), at('2026-05-07T09:00:00Z'));
    for (const [entityType, entityId] of targets) {
      expect(desk.kit.events).to.have.emitted('DOCUMENT_ASSOCIATED').withPayload({
        documentId: doc.id,
        entityType,
        entityId,
        associatedByUserId: desk.kit.actorUserId,
        associatedAt: '2026-05-07T09:00:00.000Z',
      }).times(1);
    }
    expect(await desk.run(() => desk.associations.targetsOf(doc.id))).to.have.deep.members(targets.map(([entityType, entityId]) => ({ entityType, entityId })));
  });

  it('associating twice changes nothing and emits nothing', async () => {
    const doc = await upload();
    await desk.run(() => desk.associations.associate(doc.id, { entityType: 'client', entityId: desk.client.id }));
    const again = await desk.run(() => desk.associations.associate(doc.id, { entityType: 'client', entityId: desk.client.id.toUpperCase() }));
    expect(again.changed).to.equal(false);
    expect(desk.kit.events.ofType('DOCUMENT_ASSOCIATED')).to.have.length(1);
  });

  it("unknown records, other tenants' records, bad input and deleted documents are refused; nothing written", async () => {
    const doc = await upload();
    desk.kit.events.clear();
    for (const entityType of ['ticket', 'client', 'contact', 'project', 'asset'] as const) {
      const err = await desk.refusal(() => desk.associations.associate(doc.id, { entityType, entityId: uuidv4() }));
      expect(err, entityType).to.be.instanceOf(DocumentTargetNotFoundError).and.include({ entityType });
    }
    const elsewhere = await desk.run(() => desk.kit.resolve(ClientService).create({ name: 'Other' }), { tenantId: uuidv4() });
    expect(await desk.refusal(() => desk.associations.associate(doc.id, { entityType: 'client', entityId: elsewhere.id }))).to.be.instanceOf(DocumentTargetNotFoundError);
    expect((await desk.refusal(() => desk.associations.associate(doc.id, { entityType: 'invoice' as any, entityId: uuidv4() }))).field).to.equal('entityType');
    const bad = await desk.refusal(() => desk.associations.associate(doc.id, { entityType: 'client', entityId: 'acme' }));
    expect(bad).to.be.instanceOf(DocumentTargetInputError).and.include({ field: 'entityId' });
    await desk.run(() => desk.documents.delete(doc.id));
    expect(await desk.refusal(() => desk.associations.associate(doc.id, { entityType: 'client', entityId: desk.client.id }))).to.be.instanceOf(DocumentNotFoundError);
    expect(await desk.kit.db('document_associations').count({ n: '*' }).then(([r]) => Number(r.n))).to.equal(0);
    expect(desk.kit.events.ofType('DOCUMENT_ASSOCIATED')).to.be.empty;
  });

  it('DOCUMENT_DETACHED with the reason; detaching what is not linked emits nothing; deleting drops links silently', async () => {
    const doc = await upload();
    const asset = await desk.asset();
    await desk.run(() => desk.associations.associate(doc.id, { entityType: 'asset', entityId: asset.id }));
    await desk.run(() => desk.associations.associate(doc.id, { entityType: 'client', entityId: desk.client.id }));
    await desk.run(() => desk.associations.detach(doc.id, { entityType: 'asset', entityId: asset.id }, { reason: 'Filed against the wrong device' }), at('2026-05-08T10:00:00Z'));
    expect(desk.kit.events).to.have.emitted('DOCUMENT_DETACHED').withPayload({
      documentId: doc.id,
      entityType: 'asset',
      entityId: asset.id,
      detachedByUserId: desk.kit.actorUserId,
      detachedAt: '2026-05-08T10:00:00.000Z',
      reason: 'Filed against the wrong device',
    }).times(1);
    await desk.run(() => desk.associations.detach(doc.id, { entityType: 'asset', entityId: asset.id }));
    expect(desk.kit.events.ofType('DOCUMENT_DETACHED')).to.have.length(1);
    await desk.run(() => desk.documents.delete(doc.id));
    expect(await desk.kit.db('document_associations').where({ document_id: doc.id }).count({ n: '*' }).then(([r]) => Number(r.n))).to.equal(0);
    expect(desk.kit.events.ofType('DOCUMENT_DETACHED')).to.have.length(1);
  });

  if (target.name === 'postgres') {
    it('two concurrent identical associations: one link, one event', async () => {
      const doc = await upload();
      await Promise.all([0, 1, 2].map(() => desk.run(() => desk.associations.associate(doc.id, { entityType: 'contact', entityId: desk.contact.id }))));
      expect(desk.kit.events.ofType('DOCUMENT_ASSOCIATED')).to.have.length(1);
    });

    it('an association racing a delete: either it lands first and is dropped, or it is refused', async () => {
      const doc = await upload();
      const [linked, deleted] = await Promise.allSettled([
        desk.run(() => desk.associations.associate(doc.id, { entityType: 'client', entityId: desk.client.id })),
        desk.run(() => desk.documents.delete(doc.id)),
      ]);
      expect(deleted.status).to.equal('fulfilled');
      if (linked.status === 'rejected') expect(linked.reason).to.be.instanceOf(DocumentNotFoundError);
      expect(await desk.kit.db('document_associations').where({ document_id: doc.id }).count({ n: '*' }).then(([r]) => Number(r.n))).to.equal(0);
    });
  }
});
