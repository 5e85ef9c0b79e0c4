import { Command } from 'commander';
import { v4 as uuidv4 } from 'uuid';
import { InvoiceService } from '../../domains/billing';
import { MessageService, TicketService, TicketSetupService, TimeEntryService } from '../../domains/tickets';
import { EventEnvelope } from '../../lib/bus/envelope';
import { withEmissionContext } from '../../lib/emission/emission-context';
import { App, createApp, syncCatalog } from '../app';
import { loadConfig } from '../config';
import { outputHelp, table } from './output';

/** A help-desk morning and an invoice, as one tenant's business actions. */
async function businessDay(app: App, people: { contactId: string; technicianId: string }): Promise<void> {
  const r = <T>(t: new (...a: any[]) => T) => app.runtime.resolve(t);
  const setup = r(TicketSetupService);
  await setup.createStatus({ name: 'New', isDefault: true, order: 1 });
  const resolved = await setup.createStatus({ name: 'Resolved', isClosed: true, isDefault: true, order: 2 });
  const high = await setup.createPriority({ name: 'High', order: 1 });
  await setup.createSlaPolicy({ name: 'High priority', priorityId: high.id, responseMinutes: 60, resolutionMinutes: 240 });
  const desk = await setup.createBoard({ name: 'Service Desk', tier: 1 });
  const clientId = uuidv4();

  const ticket = await r(TicketService).create({
    title: 'Email down for the whole office',
    clientId,
    contactId: people.contactId,
    boardId: desk.id,
    priorityId: high.id,
    assignee: { id: people.technicianId, type: 'user' },
  });
  await withEmissionContext({ actorUserId: undefined, actorContactId: people.contactId, actorType: 'CONTACT' }, () =>
    r(MessageService).addMessage(ticket.id, { content: 'Still nothing since 8am, please hurry.', channel: 'email' }),
  );
  await r(MessageService).addMessage(ticket.id, { content: 'Mail relay restarted; can you check again?' });
  await r(TimeEntryService).logTime(ticket.id, { minutes: 45 });
  await r(TicketService).update(ticket.id, { statusId: resolved.id });

  const invoices = r(InvoiceService);
  const invoice = await invoices.generate({ clientId, lines: [{ description: 'Emergency support', quantity: 1, unitPrice: 18000 }] });
  await invoices.finalize(invoice.id);
}

function mainEntity(e: EventEnvelope): string {
  const p = e.payload as Record<string, unknown>;
  const key = ['ticketId', 'invoiceId', 'messageId'].find((k) => typeof p[k] === 'string');
  return key ? `${key}=${String(p[key]).slice(0, 8)}…` : '';
}

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('run a help-desk morning and an invoice through the real services and watch the events arrive')
    .option('--within <ms>', 'how long to wait for the worker', '10000')
    .addHelpText(
      'after',
      outputHelp(
        'The tenant and correlation id, a table of every committed event (type, schema ref, entity, time from\n' +
          'commit to the worker), then "N events committed, N recorded by the worker". Exit 1 if one did not arrive.',
      ),
    )
    .action(async (opts: { within: string }) => {
      const app = await createApp(loadConfig());
      try {
        await syncCatalog(app);
        app.runtime.start();
        const committed = new Map<string, { envelope: EventEnvelope; at: number }>();
        const arrived = new Map<string, number>();
        app.runtime.onCommitted((envs) => envs.forEach((e) => committed.set(e.id, { envelope: e, at: Date.now() })));
        app.runtime.worker.on('ingested', (e: EventEnvelope) => arrived.set(e.id, Date.now()));

        const ctx = { tenantId: uuidv4(), actorUserId: uuidv4(), correlationId: `demo-${Date.now()}` };
        await withEmissionContext(ctx, () => businessDay(app, { contactId: uuidv4(), technicianId: ctx.actorUserId }));

        const deadline = Date.now() + Number(opts.within);
        while ([...committed.keys()].some((id) => !arrived.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        const rows = [...committed.values()].map(({ envelope: e, at }, i) => [
          String(i + 1),
          e.eventType,
          e.schemaRef,
          mainEntity(e),
          arrived.has(e.id) ? `${arrived.get(e.id)! - at} ms` : 'NOT ARRIVED',
        ]);
        process.stdout.write(`tenant ${ctx.tenantId}, correlation id ${ctx.correlationId}, bus ${app.bus.kind}\n\n`);
        process.stdout.write(table(rows, ['#', 'EVENT TYPE', 'SCHEMA REF', 'ENTITY', 'COMMIT → WORKER']) + '\n');
        const missing = rows.filter((r) => r[4] === 'NOT ARRIVED').length;
        process.stdout.write(`\n${committed.size} events committed, ${committed.size - missing} recorded by the worker in workflow_runtime_events\n`);
        if (missing) process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
}
