import { expect } from 'chai';
import { Lifecycle } from 'tsyringe';
import { createTestKit, TestKit } from '../../lib/testing';
import { NotInterceptedError } from '../../lib/kit';
import { CheckoutService, GlobalSingletonOrders, OrderService, ordersModule, OverridingOrderService, SingletonOrderService } from '../fixtures/orders';

describe('interception of container-resolved services', () => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await createTestKit({ modules: [ordersModule] });
  });
  afterEach(() => kit.close());

  it('transient services are intercepted on every resolution', async () => {
    const a = kit.resolve(OrderService);
    const b = kit.resolve(OrderService);
    expect(a).not.to.equal(b);
    await kit.run(() => a.place(1));
    await kit.run(() => b.place(2));
    expect(kit.events).to.have.emitted('TEST_ORDER_PLACED').times(2);
  });

  it('a singleton is wrapped once, however often it is resolved', async () => {
    kit.container.register(SingletonOrderService, { useClass: SingletonOrderService }, { lifecycle: Lifecycle.Singleton });
    const first = kit.resolve(SingletonOrderService);
    const place = first.place;
    for (let i = 0; i < 3; i++) expect(kit.resolve(SingletonOrderService)).to.equal(first);
    expect(first.place).to.equal(place);
    await kit.run(() => first.place(1));
    expect(kit.events).to.have.emitted('TEST_ORDER_PLACED').times(1);
    expect(kit.events).to.have.emitted('TEST_ORDER_CREATED').times(1);
  });

  it('child containers (and container-scoped services) are intercepted', async () => {
    kit.container.register(SingletonOrderService, { useClass: SingletonOrderService }, { lifecycle: Lifecycle.ContainerScoped });
    const child = kit.container.createChildContainer();
    const grandchild = child.createChildContainer();
    await kit.run(() => child.resolve(SingletonOrderService).place(1));
    await kit.run(() => grandchild.resolve(OrderService).place(2));
    expect(kit.events).to.have.emitted('TEST_ORDER_PLACED').times(2);
  });

  it('constructor-injected dependencies are intercepted', async () => {
    const checkout = kit.resolve(CheckoutService);
    await kit.run(() => checkout.checkout(99));
    expect(kit.events).to.have.emitted('TEST_ORDER_PLACED', { total: 99 }).times(1);
  });

  it('undecorated methods are untouched', () => {
    const svc = kit.resolve(OrderService);
    expect(Object.prototype.hasOwnProperty.call(svc, 'get')).to.equal(false);
    expect(svc.get).to.equal(OrderService.prototype.get);
    expect(Object.prototype.hasOwnProperty.call(svc, 'place')).to.equal(true);
  });

  it('an instance registered by value is wrapped once even when resolved from several containers', async () => {
    const instance = new OrderService(kit.runtime.uow);
    kit.container.registerInstance(OrderService, instance);
    const child = kit.container.createChildContainer();
    expect(child.resolve(OrderService)).to.equal(kit.resolve(OrderService));
    await kit.run(() => instance.place(1));
    expect(kit.events).to.have.emitted('TEST_ORDER_PLACED').times(1);
  });

  it('an instance built with `new` refuses its decorated methods, naming the class and the fix, and writes nothing', async () => {
    const raw = new OrderService(kit.runtime.uow);
    const err = await kit.run(() => kit.runtime.uow.run(() => raw.place(1))).catch((e) => e);
    expect(err).to.be.instanceOf(NotInterceptedError);
    expect(err.message).to.contain('OrderService.place').and.contain('runtime.resolve(OrderService)');
    expect(await kit.db('test_orders')).to.be.empty;
    expect(kit.events.all).to.have.length(0);
    // Undecorated methods still work on such an instance.
    expect(typeof raw.get).to.equal('function');
  });

  it('a subclass override calling super on a decorated method emits once', async () => {
    const svc = kit.resolve(OverridingOrderService);
    await kit.run(() => svc.place(3));
    expect(kit.events).to.have.emitted('TEST_ORDER_PLACED').withPayload({ total: 6 }).times(1);
  });

  it("a class registered with tsyringe's @singleton is bound once per runtime, never shared between two", async () => {
    const other = await createTestKit({ modules: [ordersModule] });
    try {
      const a = kit.resolve(GlobalSingletonOrders);
      const b = other.resolve(GlobalSingletonOrders);
      expect(a).to.equal(kit.resolve(GlobalSingletonOrders));
      expect(a).not.to.equal(b);
      await kit.run(() => a.place(1));
      await other.run(() => b.place(2));
      expect(await kit.db('test_orders').pluck('total')).to.deep.equal([1]);
      expect(await other.db('test_orders').pluck('total')).to.deep.equal([2]);
      await other.close();
      // The second runtime is gone; the first one's instance still works on its own database.
      await kit.run(() => a.place(3));
      expect(kit.events).to.have.emitted('TEST_ORDER_PLACED').times(2);
    } finally {
      await other.close().catch(() => undefined);
    }
  });
});
