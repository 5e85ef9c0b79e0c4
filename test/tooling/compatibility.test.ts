import { expect } from 'chai';
import { allModules } from '../../domains';
import { ordersModule } from '../fixtures/orders';
import { catalogFor, registryFor } from '../../lib/runtime/event-runtime';
import { compareSchemas, incompatibleChanges } from '../../lib/catalog/compatibility';
import { buildLock, checkLock, validationShape } from '../../lib/catalog/lock-file';
import { JsonSchema } from '../../lib/schema/json-schema';
import { SchemaRegistry } from '../../lib/schema/registry';

const base: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'ticketId'],
  properties: {
    tenantId: { type: 'string', format: 'uuid' },
    ticketId: { type: 'string', format: 'uuid' },
    priority: { type: 'string', enum: ['low', 'high'] },
    count: { type: 'integer', minimum: 0 },
    note: { type: 'string' },
    meta: { type: 'object' },
    comment: { $ref: '#/definitions/Comment' },
  },
  definitions: {
    Comment: { type: 'object', additionalProperties: false, required: ['content'], properties: { content: { type: 'string' }, author: { type: 'string' } } },
  },
};

const clone = (): JsonSchema => JSON.parse(JSON.stringify(base));
const codes = (after: JsonSchema) => incompatibleChanges(base, after).map((c) => `${c.code} ${c.path}`);

describe('tooling: schema compatibility', () => {
  it('an identical schema has no changes', () => {
    expect(compareSchemas(base, clone())).to.deep.equal([]);
  });

  it('flags a removed field', () => {
    const after = clone();
    delete after.properties.note;
    expect(codes(after)).to.deep.equal(['FIELD_REMOVED note']);
  });

  it('flags a field made required, and a required field added', () => {
    const after = clone();
    after.required.push('note', 'currency');
    after.properties.currency = { type: 'string' };
    expect(codes(after)).to.have.members(['FIELD_MADE_REQUIRED note', 'REQUIRED_FIELD_ADDED currency']);
  });

  it('flags a type change but not a widening (integer → number)', () => {
    const after = clone();
    after.properties.note = { type: 'integer' };
    after.properties.count = { type: 'number', minimum: 0 };
    expect(codes(after)).to.deep.equal(['TYPE_CHANGED note']);
  });

  it('flags a removed enum value; an added one is compatible', () => {
    const after = clone();
    after.properties.priority.enum = ['high', 'urgent'];
    const changes = compareSchemas(base, after);
    expect(changes.filter((c) => !c.compatible).map((c) => c.code)).to.deep.equal(['ENUM_VALUE_REMOVED']);
    expect(changes.filter((c) => c.compatible).map((c) => c.code)).to.deep.equal(['ENUM_VALUE_ADDED']);
  });

  it('flags additionalProperties tightened, and a format or bound added', () => {
    const after = clone();
    after.properties.meta = { type: 'object', additionalProperties: false };
    after.properties.note = { type: 'string', format: 'email', maxLength: 10 };
    expect(codes(after)).to.have.members(['ADDITIONAL_PROPERTIES_TIGHTENED meta', 'FORMAT_CHANGED note', 'CONSTRAINT_TIGHTENED note']);
  });

  it('follows nested DTOs through their definitions', () => {
    const after = clone();
    after.definitions.Comment.required.push('author');
    delete after.definitions.Comment.properties.content;
    expect(codes(after)).to.have.members(['FIELD_MADE_REQUIRED comment.author', 'FIELD_REMOVED comment.content']);
  });

  it('passes compatible additions and relaxations', () => {
    const after = clone();
    after.properties.extra = { type: 'string' };
    after.required = ['tenantId'];
    after.properties.count = { type: 'integer' };
    const changes = compareSchemas(base, after);
    expect(changes.every((c) => c.compatible)).to.equal(true);
    expect(changes.map((c) => c.code)).to.have.members(['FIELD_ADDED', 'FIELD_MADE_OPTIONAL']);
  });

  it('the TEST_ORDER_SHIPPED v2 change, made in place to v1, is flagged', () => {
    const registry = registryFor([ordersModule]);
    const v1 = registry.jsonSchema('payload.TestOrderShipped.v1')!;
    const v2 = registry.jsonSchema('payload.TestOrderShipped.v2')!;
    const inPlace = { ...v2, $id: v1.$id };
    expect(incompatibleChanges(v1, inPlace).map((c) => `${c.code} ${c.path}`)).to.have.members([
      'REQUIRED_FIELD_ADDED trackingNumber',
      'REQUIRED_FIELD_ADDED shippedAt',
    ]);
  });

  describe('catalog lock', () => {
    const registry = registryFor([...allModules, ordersModule]);
    const lock = () => buildLock(registry);

    it('the live catalog matches a lock built from it', () => {
      const report = checkLock(lock(), registry);
      expect(report.unchanged).to.have.length(registry.all().length);
      expect(report.added.length + report.compatible.length + report.incompatible.length + report.removed.length).to.equal(0);
    });

    it('reports refs missing from the lock as added (compatible)', () => {
      const l = lock();
      delete l.refs['payload.TestOrderShipped.v2'];
      const report = checkLock(l, registry);
      expect(report.added).to.deep.equal(['payload.TestOrderShipped.v2']);
      expect(report.incompatible).to.deep.equal([]);
    });

    it('names the ref and the reason when a locked ref changed incompatibly', () => {
      const l = lock();
      // As if the lock had been taken when v1 had an extra field that has since been dropped.
      l.refs['payload.InvoiceFinalized.v1'].schema.properties.poNumber = { type: 'string' };
      l.refs['payload.InvoiceFinalized.v1'].fingerprint = 'sha256:stale';
      const report = checkLock(l, registry);
      expect(report.incompatible).to.have.length(1);
      expect(report.incompatible[0].ref).to.equal('payload.InvoiceFinalized.v1');
      expect(report.incompatible[0].changes.map((c) => c.message)).to.deep.equal(['field "poNumber" removed']);
    });

    it('a compatible change passes; a dropped ref does not', () => {
      const l = lock();
      l.refs['payload.InvoiceFinalized.v1'].schema.required = l.refs['payload.InvoiceFinalized.v1'].schema.required.concat('clientId');
      l.refs['payload.InvoiceFinalized.v1'].fingerprint = 'sha256:stale';
      l.refs['payload.Gone.v1'] = { eventType: 'GONE', fingerprint: 'x', schema: {} };
      const report = checkLock(l, registry);
      expect(report.compatible.map((c) => c.ref)).to.deep.equal(['payload.InvoiceFinalized.v1']);
      expect(report.removed).to.deep.equal(['payload.Gone.v1']);
    });

    it('ignores annotations: rewording a description is not a change', () => {
      const schema = registry.jsonSchema('payload.InvoiceGenerated.v1')!;
      const reworded = { ...schema, description: 'new words', properties: { ...schema.properties, description: { type: 'string' } } };
      const shape = validationShape(reworded) as JsonSchema;
      expect(shape).to.not.have.property('description');
      expect(shape.properties).to.have.property('description'); // a field named "description" is kept
    });
  });
});
