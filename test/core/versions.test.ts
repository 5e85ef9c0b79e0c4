import { expect } from 'chai';
import { createTestKit, TestKit } from '../../lib/testing';
import { forEachDatabase } from '../support/databases';
import { OrderService, ordersModule, ShipmentV1Handler } from '../fixtures/orders';

forEachDatabase('schema versions: one event per occurrence, older consumers converted', (target) => {
  let kit: TestKit;
  beforeEach(async () => {
    ShipmentV1Handler.received = [];
    kit = await createTestKit({ modules: [ordersModule], databaseUrl: target.url });
  });
  afterEach(() => kit.close());

  it('emits the current version once, and the catalog lists every version with the current one', async () => {
    const orders = kit.resolve(OrderService);
    const order = await kit.run(() => orders.place(10));
    await kit.run(() => orders.ship(order.id, 'UPS', '1Z999'));
    const shipped = kit.events.ofType('TEST_ORDER_SHIPPED');
    expect(shipped.map((e) => e.schemaRef)).to.deep.equal(['payload.TestOrderShipped.v2']);
    expect(kit.events).to.have.emitted('TEST_ORDER_SHIPPED').withPayload({ orderId: order.id, carrier: 'UPS', trackingNumber: '1Z999' }).times(1);
    const entry = kit.runtime.catalog().find((e) => e.eventType === 'TEST_ORDER_SHIPPED')!;
    expect(entry.payloadSchemaRef).to.equal('payload.TestOrderShipped.v2');
    expect(entry.versions).to.deep.equal(['payload.TestOrderShipped.v1', 'payload.TestOrderShipped.v2']);
  });

  it('a handler declared for v1 receives the v2 payload converted down by toPreviousVersion', async () => {
    const orders = kit.resolve(OrderService);
    const order = await kit.run(() => orders.place(10));
    await kit.run(() => orders.ship(order.id, 'DHL', 'JD014600'));
    await kit.settle();
    expect(ShipmentV1Handler.received).to.have.length(1);
    const [payload] = ShipmentV1Handler.received;
    expect(payload).to.include({ orderId: order.id, carrier: 'DHL', tenantId: kit.tenantId });
    expect(payload).not.to.have.any.keys('trackingNumber', 'shippedAt');
    expect(kit.runtime.validator.validate('payload.TestOrderShipped.v1', payload).ok).to.equal(true);
  });
});
