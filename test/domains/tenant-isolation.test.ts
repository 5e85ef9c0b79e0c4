import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { billingModule, InvoiceNotFoundError, InvoiceService } from '../../domains/billing';
import { TicketNotFoundError, TicketReferenceError, ticketsModule } from '../../domains/tickets';
import { forEachDatabase } from '../support/databases';
import { freshHelpDeskPerTest } from './tickets/help-desk';
import { unscopedQueries } from './unscoped-queries';

/** What tenant A's day writes: the tables the two modules declare, and the invoice lines scoped through their invoice. */
const TABLES = [...ticketsModule.tables, ...billingModule.tables, 'invoice_items'];

forEachDatabase('tenants: one tenant cannot reach another tenant\'s tickets, messages or invoices', (target) => {
  const desk = freshHelpDeskPerTest(target, [billingModule]);

  /** Tenant A's help-desk day through every service; one invoice finalized, one left a draft. */
  async function tenantAWorks() {
    const { tickets, messages, time, mergeSplit, tags } = desk;
    const invoices = desk.kit.resolve(InvoiceService);
    const first = await desk.open({ priorityId: desk.priorities.high.id, tagIds: [tags.vip.id] });
    const second = await desk.open();
    const { message: question } = await desk.asContact(() => messages.addMessage(first.id, { content: 'The printer is offline too' }));
    const { message: reply } = await desk.run(() => messages.addMessage(first.id, { content: 'On it' }));
    const draft = await desk.run(async () => {
      await tickets.update(first.id, { tagIds: [tags.network.id] });
      await messages.editMessage(reply.id, 'On it, restarting the mail relay');
      await tickets.escalate(first.id);
      await time.logTime(first.id, { minutes: 15 });
      const [printer] = (await mergeSplit.split(first.id, [{ title: 'Printer offline', messageIds: [question.id] }])).created;
      await mergeSplit.merge(printer.id, second.id);
      await tickets.close(first.id);
      const lines = [{ description: 'Support', quantity: 2, unitPrice: 4500 }];
      await invoices.finalize((await invoices.generate({ clientId: desk.clientId, lines })).id);
      return invoices.generate({ clientId: desk.clientId, lines });
    });
    return { closed: first, open: second, reply, draft };
  }

  const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, (await desk.kit.db(t)).map((r) => JSON.stringify(r)).sort()])));

  it('every statement the services send is scoped by tenant', async () => {
    expect(await unscopedQueries(desk.kit.db, tenantAWorks)).to.deep.equal([]);
  });

  it("tenant B gets not-found for tenant A's ids, and A's rows and events stay as they were", async () => {
    const { closed, open, reply, draft } = await tenantAWorks();
    const { tickets, messages, time, mergeSplit } = desk;
    const invoices = desk.kit.resolve(InvoiceService);
    await desk.kit.settle();
    const before = await snapshot();
    desk.kit.events.clear();
    const attempts: Array<[string, () => Promise<unknown>, Function]> = [
      ['TicketService.get', () => tickets.get(open.id), TicketNotFoundError],
      ['TicketService.update', () => tickets.update(open.id, { title: 'Hijacked' }), TicketNotFoundError],
      ['TicketService.escalate', () => tickets.escalate(open.id), TicketNotFoundError],
      ['TicketService.close', () => tickets.close(open.id, { statusId: desk.statuses.resolved.id }), TicketNotFoundError],
      ['MessageService.addMessage', () => messages.addMessage(open.id, { content: 'Hello from B' }), TicketNotFoundError],
      ['MessageService.editMessage', () => messages.editMessage(reply.id, 'Hijacked'), TicketReferenceError],
      ['TimeEntryService.logTime', () => time.logTime(open.id, { minutes: 5 }), TicketNotFoundError],
      ['MergeSplitService.merge', () => mergeSplit.merge(open.id, closed.id), TicketNotFoundError],
      ['MergeSplitService.split', () => mergeSplit.split(open.id, [{ title: 'Mine now', messageIds: [reply.id] }]), TicketNotFoundError],
      ['InvoiceService.get', () => invoices.get(draft.id), InvoiceNotFoundError],
      ['InvoiceService.finalize', () => invoices.finalize(draft.id), InvoiceNotFoundError],
    ];
    const tenantB = { tenantId: uuidv4() };
    for (const [name, attempt, notFound] of attempts) {
      const err = await desk.run(attempt, tenantB).then(() => new Error(`${name} succeeded for tenant B`), (e) => e);
      expect(err, name).to.be.instanceOf(notFound);
    }
    await desk.kit.settle();
    expect(await snapshot()).to.deep.equal(before);
    expect(desk.kit.events.all).to.be.empty;
  });
});
