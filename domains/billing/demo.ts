import { randomBytes, randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import fastify from 'fastify';
import { DemoStory } from '../../lib/kit';
import { ContractService } from './contracts/contract-service';
import { CreditNoteService } from './credit-notes/credit-note-service';
import { addDays } from './invoices/calendar-date';
import { InvoiceLifecycleService } from './invoices/invoice-lifecycle-service';
import { InvoiceService } from './invoices/invoice-service';
import { InvoiceOverdueSweeper } from './invoices/overdue-sweeper';
import { toMajorUnits } from './money';
import { RecurringBillingService } from './recurring/recurring-billing-service';
import { billingRoutes } from './routes';
import { BillingSettingsService } from './settings/billing-settings-service';
import { signedIntentEvent } from './stripe/stripe-demo-delivery';
import { StripeWebhookSettings } from './stripe/stripe-settings';

/**
 * A month billed for a client: a contract, the recurring run that drafts its invoice, sending it,
 * a declined then a successful card payment posted by "Stripe" as signed webhooks to the real
 * route, a credit note for an outage, and an older invoice going overdue in the sweep.
 */
export const billingDemo: DemoStory = {
  title: 'Billing: a month for Northwind Dental',
  async run(demo) {
    const clientId = randomUUID();
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    demo.runtime.container.registerInstance(StripeWebhookSettings, new StripeWebhookSettings({ endpointSecret: secret }));
    const server = fastify({ logger: false });
    const quiet = { info() {}, warn() {}, error() {} };
    await server.register(async (scope) => billingRoutes(scope, { runtime: demo.runtime, logger: quiet, requireApiToken: async () => undefined }));
    await server.listen({ port: 0, host: '127.0.0.1' });
    const webhookUrl = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/webhooks/stripe`;
    try {
      const today = await demo.resolve(BillingSettingsService).localDate(demo.tenantId, new Date());
      const period = today.slice(0, 7);

      demo.say('Northwind Dental signs a managed-services contract, billed monthly, and it is activated.');
      const contracts = demo.resolve(ContractService);
      const contract = await contracts.create({
        clientId,
        name: 'Managed IT — Northwind Dental',
        startDate: `${period}-01`,
        currency: 'USD',
        billingFrequency: 'monthly',
        lines: [
          { description: 'Managed workstation', quantity: 12, unitPrice: 4500 },
          { description: 'Backup storage (TB)', quantity: 2, unitPrice: 1250 },
        ],
      });
      await contracts.changeStatus(contract.id, 'active');

      demo.say(`The recurring billing run for ${period} drafts the month's invoice; it is finalized and emailed.`);
      const run = await demo.resolve(RecurringBillingService).run({ period });
      const invoiceId = run.items.find((i) => i.contractId === contract.id)?.invoiceId;
      if (!invoiceId) throw new Error(`recurring run did not bill the contract: ${run.warnings.join('; ')}`);
      const invoices = demo.resolve(InvoiceService);
      await invoices.finalize(invoiceId);
      const sent = await demo.resolve(InvoiceLifecycleService).send(invoiceId, { deliveryMethod: 'email', recipients: ['accounts@northwind.example'] });
      const total = { amount: sent.invoice.totalAmount, currency: sent.invoice.currency };
      demo.say(`  → ${sent.invoice.invoiceNumber}: ${toMajorUnits(total)} ${total.currency}, due ${sent.invoice.dueDate}`);

      demo.say('The client pays by card: Stripe posts a signed webhook for a declined attempt, then one for the payment that succeeds.');
      const intentId = `pi_${randomBytes(12).toString('hex')}`;
      const metadata = { tenantId: demo.tenantId, clientId, invoiceId };
      for (const type of ['payment_intent.payment_failed', 'payment_intent.succeeded'] as const) {
        const { body, signature } = signedIntentEvent(secret, type, { id: intentId, amount: total.amount, currency: total.currency, metadata });
        const res = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
        demo.say(`  → ${type}: HTTP ${res.status} ${JSON.stringify(((await res.json()) as { outcome?: string }).outcome)}`);
      }

      demo.say('An older emergency-support invoice is still open; an outage credit of 50.00 USD goes against it.');
      const older = await invoices.generate({ clientId, currency: 'USD', dueDate: addDays(today, -10), lines: [{ description: 'Emergency support (after hours)', quantity: 1, unitPrice: 18000 }] });
      await invoices.finalize(older.id);
      await demo.resolve(InvoiceLifecycleService).send(older.id, { deliveryMethod: 'portal' });
      const notes = demo.resolve(CreditNoteService);
      const note = await notes.create({ clientId, currency: 'USD', amount: 5000, reason: 'Outage credit (SLA)' });
      await notes.apply(note.id, older.id);

      demo.say('The nightly sweep finds the older invoice past its due date with 130.00 USD still owing.');
      await demo.as({ tenantId: undefined, actorUserId: undefined, actorType: 'SYSTEM' }, () => demo.resolve(InvoiceOverdueSweeper).sweep());
    } finally {
      await server.close();
    }
  },
};
