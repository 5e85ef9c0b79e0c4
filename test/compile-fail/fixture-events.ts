// Compiled only by test/compile-fail/mappers.test.ts, never by the project build.
import { declareDomainModule, DomainPayload, EmitsEvent, MoneyField, OnEvent, StringField, UuidField } from '../../lib/kit';

const shop = declareDomainModule({ name: 'compile-fail', category: 'Testing' });

@shop.event({ type: 'CF_ORDER_PLACED', name: 'Order Placed', description: 'fixture' })
export class CfOrderPlacedPayload extends DomainPayload {
  @UuidField() orderId!: string;
  @MoneyField() total!: number;
  @StringField({ optional: true }) note?: string;
}

declare module '../../lib/kit' {
  interface EventPayloadMap {
    CF_ORDER_PLACED: CfOrderPlacedPayload;
  }
}

export interface Order {
  id: string;
  total: number;
}

export class Orders {
  // @case ok
  @EmitsEvent('CF_ORDER_PLACED', (o: Order) => ({ orderId: o.id, total: o.total }))
  async ok(): Promise<Order> {
    return { id: '', total: 0 };
  }
  // @end

  // @case missing-required-field
  @EmitsEvent('CF_ORDER_PLACED', (o: Order) => ({ orderId: o.id }))
  async missingField(): Promise<Order> {
    return { id: '', total: 0 };
  }
  // @end

  // @case unknown-key
  @EmitsEvent('CF_ORDER_PLACED', (o: Order) => ({ orderId: o.id, total: o.total, totl: 1 }))
  async unknownKey(): Promise<Order> {
    return { id: '', total: 0 };
  }
  // @end

  // @case wrong-type
  @EmitsEvent('CF_ORDER_PLACED', (o: Order) => ({ orderId: o.id, total: String(o.total) }))
  async wrongType(): Promise<Order> {
    return { id: '', total: 0 };
  }
  // @end

  // @case misspelled-event-type
  @EmitsEvent('CF_ORDER_PLCED', (o: Order) => ({ orderId: o.id, total: o.total }))
  async misspelled(): Promise<Order> {
    return { id: '', total: 0 };
  }
  // @end

  // @case method-returns-something-else
  @EmitsEvent('CF_ORDER_PLACED', (o: Order) => ({ orderId: o.id, total: o.total }))
  async otherResult(): Promise<string> {
    return '';
  }
  // @end

  // @case array-of-payloads-with-unknown-key
  @EmitsEvent('CF_ORDER_PLACED', (os: Order[]) => os.map((o) => ({ orderId: o.id, total: o.total, extra: true })))
  async many(): Promise<Order[]> {
    return [];
  }
  // @end

  // @case handler-with-wrong-payload
  @OnEvent('CF_ORDER_PLACED')
  async handle(_payload: { orderId: number }): Promise<void> {}
  // @end
}
