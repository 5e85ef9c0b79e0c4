import { expect } from 'chai';
import { currentContactId, currentTenant, currentUserId, withEmissionContext } from '../../lib/kit';
import { createTestKit, TestKit } from '../../lib/testing';
import { OrderService, ordersModule } from '../fixtures/orders';
import { forEachDatabase } from '../support/databases';

const UPPER = '0F8FAD5B-D9CB-469F-A165-70867728950E';
const LOWER = UPPER.toLowerCase();

/**
 * Services scope their rows by `currentTenant()`; the pipeline canonicalises the envelope's tenant
 * (issue 10.1). Both must agree: a row written under an upper-case tenant must be found by the
 * tenant its event carries, on SQLite (which compares text) as on PostgreSQL (which folds uuid).
 */
forEachDatabase('who acts: tenant and actor ids as services read them', (target) => {
  let kit: TestKit;
  beforeEach(async () => (kit = await createTestKit({ modules: [ordersModule], databaseUrl: target.url })));
  afterEach(() => kit.close());

  it('currentTenant, currentUserId and currentContactId give UUIDs in lower case', () => {
    withEmissionContext({ tenantId: UPPER, actorUserId: UPPER, actorContactId: UPPER }, () => {
      expect(currentTenant('read')).to.equal(LOWER);
      expect(currentUserId()).to.equal(LOWER);
      expect(currentContactId()).to.equal(LOWER);
    });
  });

  it('a row written under an upper-case tenant carries the tenant of its event', async () => {
    const orders = kit.resolve(OrderService);
    const order = await withEmissionContext({ tenantId: UPPER }, () => orders.place(100));
    expect(kit.events.ofType('TEST_ORDER_PLACED')[0].tenantId).to.equal(LOWER);
    expect((await kit.db('test_orders').where({ tenant: LOWER })).map((r) => r.order_id)).to.deep.equal([order.id]);
  });

  it('a tenant that is not a UUID is refused by type, naming tenantId, before anything is written', async () => {
    const orders = kit.resolve(OrderService);
    for (const tenantId of ['acme', '42', ` ${LOWER}`]) {
      const err = await withEmissionContext({ tenantId }, () => orders.place(100)).then(() => undefined, (e: unknown) => e);
      expect(err, tenantId).to.include({ name: 'InvalidTenantError', code: 'TENANT_INVALID', field: 'tenantId' });
      expect((err as Error).message).to.contain('place').and.contain(JSON.stringify(tenantId));
    }
    expect(await kit.db('test_orders')).to.deep.equal([]);
    expect(await kit.db('event_outbox')).to.deep.equal([]);
  });
});
