import { injectable } from 'tsyringe';
import { currentTenant, declareDomainModule, DomainPayload, EmitsEvent, EventEnvelope, OnEvent, StringField, UnitOfWork, UuidField } from '../../../lib/kit';

const shipments = declareDomainModule({ name: 'testing-shipments', category: 'Testing' });

/**
 * A shipment with two handlers on one event, for the worker's fault tests: a mailer whose effect
 * is outside the database (a mail cannot be rolled back) and a ledger that writes a row and can be
 * told to fail. Category "Testing".
 */
@shipments.event({ type: 'TEST_SHIPMENT_SENT', name: 'Test Shipment Sent', description: 'A shipment left the warehouse (engine test fixture).' })
export class TestShipmentSentPayload extends DomainPayload {
  @UuidField() shipmentId!: string;
  @StringField() carrier!: string;
}

@injectable()
export class ShipmentService {
  constructor(private readonly uow: UnitOfWork) {}

  @EmitsEvent('TEST_SHIPMENT_SENT', (s: { id: string; carrier: string }) => ({ shipmentId: s.id, carrier: s.carrier }))
  async send(id: string, carrier = 'DHL'): Promise<{ id: string; carrier: string }> {
    await this.uow.db('test_shipments').insert({ shipment_id: id, tenant: currentTenant('send'), carrier });
    return { id, carrier };
  }
}

/** Sends "mail": an effect outside the database, so a second run would be a second mail. */
@injectable()
export class ShipmentMailer {
  static sent: string[] = [];

  @OnEvent('TEST_SHIPMENT_SENT')
  async mail(payload: TestShipmentSentPayload): Promise<void> {
    ShipmentMailer.sent.push(payload.shipmentId);
  }
}

@injectable()
export class ShipmentLedger {
  static calls = 0;
  static failNext = 0;
  /** Thrown instead of the default handler error, e.g. to simulate an infrastructure error. */
  static failWith?: () => Error;
  constructor(private readonly uow: UnitOfWork) {}

  @OnEvent('TEST_SHIPMENT_SENT')
  async book(payload: TestShipmentSentPayload, envelope: EventEnvelope): Promise<void> {
    ShipmentLedger.calls++;
    await this.uow.db('test_shipment_ledger').insert({ event_id: envelope.id, shipment_id: payload.shipmentId });
    if (ShipmentLedger.failNext > 0) {
      ShipmentLedger.failNext--;
      throw ShipmentLedger.failWith?.() ?? new Error('ledger rejected the booking');
    }
  }

  static reset(): void {
    ShipmentMailer.sent = [];
    ShipmentLedger.calls = 0;
    ShipmentLedger.failNext = 0;
    ShipmentLedger.failWith = undefined;
  }
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    TEST_SHIPMENT_SENT: TestShipmentSentPayload;
  }
}

export const shipmentsModule = shipments.define({
  migrations: [
    {
      name: '901_test_shipments',
      async up(db) {
        await db.schema.createTable('test_shipments', (t) => {
          t.uuid('shipment_id').primary();
          t.uuid('tenant').notNullable();
          t.string('carrier', 32).notNullable();
        });
        await db.schema.createTable('test_shipment_ledger', (t) => {
          t.uuid('event_id').notNullable();
          t.uuid('shipment_id').notNullable();
        });
      },
    },
  ],
  services: [ShipmentService],
  handlers: [ShipmentMailer, ShipmentLedger],
  tables: ['test_shipments'],
});
