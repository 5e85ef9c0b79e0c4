import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { EventPayloadInvalidError } from '../../lib/schema/errors';
import { createTestKit, TestKit } from '../../lib/testing';
import { OrderService, ordersModule } from '../fixtures/orders';
import { forEachDatabase } from '../support/databases';

forEachDatabase('emission path', (target) => {
  let kit: TestKit;
  let orders: OrderService;

  beforeEach(async () => {
    kit = await createTestKit({ modules: [ordersModule], databaseUrl: target.url });
    orders = kit.resolve(OrderService);
  });
  afterEach(() => kit.close());

  const countOrders = async () => Number((await kit.db('test_orders').count({ n: '*' }))[0].n);
  const outboxRows = () => kit.db('event_outbox').select('*');

  it('emits on success, with tenant, time and actor filled from the context', async () => {
    const order = await kit.run(() => orders.place(1200));
    expect(kit.events).to.have.emitted('TEST_ORDER_PLACED').withPayload({
      orderId: order.id,
      total: 1200,
      tenantId: kit.tenantId,
      actorUserId: kit.actorUserId,
      actorType: 'USER',
    });
    const [placed] = kit.events.ofType('TEST_ORDER_PLACED');
    expect(placed.schemaRef).to.equal('payload.TestOrderPlaced.v1');
    expect(placed.tenantId).to.equal(kit.tenantId);
    expect(placed.occurredAt).to.equal(placed.payload.occurredAt);
    expect(Date.now() - Date.parse(placed.occurredAt)).to.be.within(0, 5000);
    expect(placed.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-7/); // UUID v7
    const rows = await outboxRows();
    expect(rows.map((r) => r.event_id)).to.include(placed.id);
  });

  it('a contact actor and a correlation id come from the context', async () => {
    const contact = uuidv4();
    await kit.run(() => orders.place(5), { actorUserId: undefined, actorContactId: contact, correlationId: 'req-42' });
    const [placed] = kit.events.ofType('TEST_ORDER_PLACED');
    expect(placed.payload).to.include({ actorContactId: contact, actorType: 'CONTACT' });
    expect(placed.payload).not.to.have.property('actorUserId');
    expect(placed.correlationId).to.equal('req-42');
  });

  it('emits nothing and keeps no state when the method throws', async () => {
    const err = await kit.run(() => orders.placeThenFail(10)).catch((e) => e);
    expect(err.message).to.equal('payment declined');
    expect(kit.events).not.to.have.emitted('TEST_ORDER_PLACED');
    expect(await countOrders()).to.equal(0);
    expect(await outboxRows()).to.have.length(0);
  });

  it('publishes nothing when an outer transaction rolls back after the decorated method returned', async () => {
    const err = await kit
      .run(() =>
        kit.runtime.uow.run(async () => {
          await orders.place(10);
          await orders.place(20);
          throw new Error('outer failure');
        }),
      )
      .catch((e) => e);
    expect(err.message).to.equal('outer failure');
    await kit.settle();
    expect(kit.events.all).to.have.length(0);
    expect(kit.bus.log).to.have.length(0);
    expect(await countOrders()).to.equal(0);
    expect(await outboxRows()).to.have.length(0);
  });

  it('a nested decorated call that fails inside a caught error leaves neither its row nor its event', async () => {
    await kit.run(() =>
      kit.runtime.uow.run(async () => {
        await orders.placeWith(10, { bogus: true }).catch(() => undefined);
        await orders.place(20);
      }),
    );
    expect((await kit.db('test_orders').select('total')).map((r) => Number(r.total))).to.deep.equal([20]);
    expect(kit.events).to.have.emitted('TEST_ORDER_PLACED').times(1);
    expect(kit.events).to.have.emitted('TEST_ORDER_PLACED', { total: 20 });
  });

  it('joins the outer transaction and publishes only after it commits', async () => {
    let seenBeforeCommit = -1;
    await kit.run(() =>
      kit.runtime.uow.run(async () => {
        await orders.place(10);
        await orders.place(20);
        seenBeforeCommit = kit.events.all.length;
      }),
    );
    expect(seenBeforeCommit).to.equal(0);
    expect(kit.events).to.have.emitted('TEST_ORDER_PLACED').times(2);
    await kit.settle();
    expect(kit.bus.log.map((e) => e.fields.event_type)).to.deep.equal(['TEST_ORDER_PLACED', 'TEST_ORDER_CREATED', 'TEST_ORDER_PLACED', 'TEST_ORDER_CREATED']);
  });

  it('a mapper returning nothing emits nothing; an array emits one event per item', async () => {
    const order = await kit.run(() => orders.place(10));
    kit.events.clear();
    await kit.run(() => orders.tag(order.id, ['vip', 'rush', 'gift']));
    expect(kit.events).to.have.emitted('TEST_ORDER_TAGGED').times(3);
    expect(kit.events.payloads('TEST_ORDER_TAGGED').map((p: any) => p.tag)).to.deep.equal(['vip', 'rush', 'gift']);
    kit.events.clear();
    await kit.run(() => orders.tag(order.id, ['vip']));
    expect(kit.events.all).to.have.length(0);
  });

  it('stacked decorators emit in declaration order', async () => {
    const order = await kit.run(() => orders.place(10));
    expect(kit.events.types()).to.deep.equal(['TEST_ORDER_PLACED', 'TEST_ORDER_CREATED']);
    expect(kit.events).to.have.emittedInOrder(['TEST_ORDER_PLACED', 'TEST_ORDER_CREATED']);
    expect(kit.events).to.have.emitted('TEST_ORDER_CREATED', { orderId: order.id });
  });

  it('an invalid payload throws EventPayloadInvalidError naming type, field and constraint, and rolls back', async () => {
    const err = await kit.run(() => orders.placeWith(10, { channel: 'fax' })).catch((e) => e);
    expect(err).to.be.instanceOf(EventPayloadInvalidError);
    expect(err.eventType).to.equal('TEST_ORDER_PLACED');
    expect(err.schemaRef).to.equal('payload.TestOrderPlaced.v1');
    expect(err.field).to.equal('channel');
    expect(err.constraint).to.equal('isIn');
    expect(err.message).to.contain('TEST_ORDER_PLACED').and.contain('channel');
    expect(await countOrders()).to.equal(0);
    expect(await outboxRows()).to.have.length(0);
    expect(kit.events.all).to.have.length(0);
  });

  it('keys a mapper sets to undefined are left out of the payload', async () => {
    await kit.run(() => orders.placeWith(10, { channel: undefined }));
    const [placed] = kit.events.ofType('TEST_ORDER_PLACED');
    expect(Object.keys(placed.payload)).not.to.include('channel');
  });

  it('nested fields are validated with their path', async () => {
    const err = await kit.run(() => orders.placeWith(10, { lines: [{ sku: 'A', amount: 1.5 }] })).catch((e) => e);
    expect(err).to.be.instanceOf(EventPayloadInvalidError);
    expect(err.issues.map((i: any) => `${i.field}:${i.constraint}`)).to.deep.equal(['lines.0.amount:isInt']);
  });

  it('refuses unknown keys', async () => {
    const err = await kit.run(() => orders.placeWith(10, { discount: 5 })).catch((e) => e);
    expect(err).to.be.instanceOf(EventPayloadInvalidError);
    expect(err.issues).to.deep.include({ field: 'discount', constraint: 'whitelistValidation', message: 'property discount should not exist' });
    expect(await countOrders()).to.equal(0);
  });

  for (const key of ['__proto__', 'constructor']) {
    it(`refuses a ${key} key (prototype pollution)`, async () => {
      const extra = JSON.parse(`{"${key}": {"polluted": true}}`);
      const err = await kit.run(() => orders.placeWith(10, extra)).catch((e) => e);
      expect(err).to.be.instanceOf(EventPayloadInvalidError);
      expect(err.issues[0]).to.include({ field: key, constraint: 'forbiddenKey' });
      expect(({} as any).polluted).to.equal(undefined);
      expect(await countOrders()).to.equal(0);
    });
  }

  it('a missing tenant is reported as an invalid tenantId', async () => {
    const order = await kit.run(() => orders.place(10));
    const err = await kit.run(() => orders.tag(order.id, ['x']), { tenantId: undefined }).catch((e) => e);
    expect(err).to.be.instanceOf(EventPayloadInvalidError);
    expect(err.field).to.equal('tenantId');
  });

  it('a field a DTO makes required stays required although DomainPayload has it optional', async () => {
    const order = await kit.run(() => orders.place(10));
    const err = await kit.run(() => orders.approve(order.id), { actorUserId: undefined, actorType: 'SYSTEM' }).catch((e) => e);
    expect(err).to.be.instanceOf(EventPayloadInvalidError);
    expect(err.field).to.equal('actorUserId');
    expect((await orders.get(order.id)).status).to.equal('placed');
    await kit.run(() => orders.approve(order.id));
    expect(kit.events).to.have.emitted('TEST_ORDER_APPROVED', { orderId: order.id, actorUserId: kit.actorUserId });
    expect(kit.runtime.registry.jsonSchema('payload.TestOrderApproved.v1')!.required).to.include('actorUserId');
  });
});
