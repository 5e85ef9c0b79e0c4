import { injectable } from 'tsyringe';
import { actionTime, EmitsEvent, Sweeper, UnitOfWork } from '../../../lib/kit';
import { BillingSettingsService } from '../settings/billing-settings-service';
import { addDays, daysBetween } from './calendar-date';
import { OverdueFinding } from './invoice';
import { invoicesOverdue, overdueStatusMoves } from './overdue-mappers';
import { OVERDUE_CANDIDATES } from './invoice-status';

const BALANCE = 'total_amount - amount_paid - amount_credited - amount_written_off';

/**
 * INVOICE_OVERDUE: a sent or partly paid invoice whose due date is before the tenant's calendar
 * day (its billing time zone) and still owes money. Exactly once per invoice and due date: each
 * invoice is claimed by a conditional UPDATE of `overdue_notified_for`, so sweeps run twice or at
 * once emit it once; moving the due date makes the invoice eligible again for the new date.
 * Across tenants, for no one: payloads carry the row's tenant and actorType SYSTEM.
 */
@injectable()
export class InvoiceOverdueSweeper implements Sweeper {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly settings: BillingSettingsService,
  ) {}

  @EmitsEvent('INVOICE_OVERDUE', invoicesOverdue)
  @EmitsEvent('INVOICE_STATUS_CHANGED', overdueStatusMoves)
  async sweep(now: Date = actionTime()): Promise<OverdueFinding[]> {
    const db = this.uow.db;
    // No zone is more than 14 h ahead of UTC: nothing due on or after tomorrow (UTC) can be overdue anywhere.
    const latestDay = addDays(now.toISOString().slice(0, 10), 1);
    const candidates = await db('invoices')
      .whereIn('status', OVERDUE_CANDIDATES as string[])
      .whereNotNull('due_date')
      .where('due_date', '<', latestDay)
      .where((q) => q.whereNull('overdue_notified_for').orWhereRaw('overdue_notified_for <> due_date'))
      .whereRaw(`${BALANCE} > 0`)
      .orderBy(['tenant', 'due_date', 'invoice_id'])
      .select('*');
    const found: OverdueFinding[] = [];
    const today = new Map<string, string>();
    for (const row of candidates) {
      if (!today.has(row.tenant)) today.set(row.tenant, await this.settings.localDate(row.tenant, now));
      const localDay = today.get(row.tenant)!;
      if (row.due_date >= localDay) continue;
      const claimed = await db('invoices')
        .where({ invoice_id: row.invoice_id, tenant: row.tenant, due_date: row.due_date })
        .whereIn('status', OVERDUE_CANDIDATES as string[])
        .where((q) => q.whereNull('overdue_notified_for').orWhere('overdue_notified_for', '<>', row.due_date))
        .whereRaw(`${BALANCE} > 0`)
        .update({ overdue_notified_for: row.due_date, status: 'overdue', updated_at: now });
      if (!claimed) continue; // another sweep (or a payment) got there first
      const fresh = await db('invoices').where({ invoice_id: row.invoice_id, tenant: row.tenant }).first();
      const settings = await this.settings.forTenant(row.tenant);
      const byUserId = settings.automationUserId ?? row.sent_by_user_id ?? row.finalized_by_user_id ?? row.created_by_user_id;
      found.push({
        tenantId: row.tenant,
        invoiceId: row.invoice_id,
        clientId: row.client_id,
        dueDate: row.due_date,
        amountDue: Number(fresh.total_amount) - Number(fresh.amount_paid) - Number(fresh.amount_credited) - Number(fresh.amount_written_off),
        currency: row.currency,
        daysOverdue: daysBetween(row.due_date, localDay),
        at: now,
        move:
          row.status !== 'overdue' && byUserId
            ? { invoiceId: row.invoice_id, tenantId: row.tenant, previousStatus: row.status, newStatus: 'overdue', byUserId, automatic: true, at: now }
            : undefined,
      });
    }
    return found;
  }
}
