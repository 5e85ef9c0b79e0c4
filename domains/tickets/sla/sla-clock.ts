import { UnitOfWork, currentTenant } from '../../../lib/kit';
import { injectable } from 'tsyringe';
import { toSlaStage } from '../rows';
import { SlaStage, SlaStageName } from '../ticket';
import { TicketRepository } from '../ticket-repository';

const MINUTE = 60_000;

/**
 * The SLA stage clocks of tickets (one `ticket_sla_stages` row per ticket and stage). A stage
 * leaves 'active' only through a conditional UPDATE ... WHERE state = 'active', so it is met or
 * breached exactly once, whoever gets there first and however many sweepers run at once.
 */
@injectable()
export class SlaClock {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tickets: TicketRepository,
  ) {}

  /** Starts the response and resolution clocks of the policy for the ticket's priority (none without a policy). */
  async start(ticket: { id: string; priorityId: string }, at: Date): Promise<SlaStage[]> {
    const tenant = currentTenant('SlaClock.start');
    const policy = await this.tickets.slaPolicyFor(ticket.priorityId);
    if (!policy) return [];
    const targets: Array<[SlaStageName, number]> = [
      ['response', policy.responseMinutes],
      ['resolution', policy.resolutionMinutes],
    ];
    const rows = targets.map(([stage, minutes]) => ({
      tenant,
      ticket_id: ticket.id,
      stage,
      sla_policy_id: policy.id,
      state: 'active',
      entered_at: at,
      target_at: new Date(at.getTime() + minutes * MINUTE),
    }));
    await this.uow.db('ticket_sla_stages').insert(rows);
    return rows.map(toSlaStage);
  }

  /**
   * Records that the work a stage waits for happened at `at`. On time, the stage is met (returned);
   * late, it stays active with its completion noted and the sweeper records the breach.
   */
  async complete(ticketId: string, stages: SlaStageName[], at: Date): Promise<SlaStage[]> {
    const tenant = currentTenant('SlaClock.complete');
    const db = this.uow.db;
    const open = await db('ticket_sla_stages').where({ tenant, ticket_id: ticketId, state: 'active' }).whereNull('completed_at').whereIn('stage', stages);
    const met: SlaStage[] = [];
    for (const stage of open.map(toSlaStage)) {
      // Exactly at the target is on time; the sweeper breaches only once the target has passed.
      const onTime = at.getTime() <= stage.targetAt.getTime();
      const updated = await db('ticket_sla_stages')
        .where({ tenant, ticket_id: ticketId, stage: stage.stage, state: 'active' })
        .whereNull('completed_at')
        .update(onTime ? { state: 'met', met_at: at, completed_at: at } : { completed_at: at });
      if (updated && onTime) met.push({ ...stage, state: 'met', metAt: at, completedAt: at });
    }
    return met;
  }

  /**
   * Breaches every active stage whose target is before `now`, across tenants; returns the ones this
   * call breached. A stage completed late is breached as of its completion, so overdueBySeconds
   * measures the lateness, not how long the sweeper took to notice.
   */
  async breachOverdue(now: Date, limit = 500): Promise<SlaStage[]> {
    const db = this.uow.db;
    // A fixed order makes concurrent sweepers lock rows in the same sequence (no deadlock).
    const due = await db('ticket_sla_stages').where({ state: 'active' }).where('target_at', '<', now).orderBy(['target_at', 'ticket_id', 'stage']).limit(limit);
    const breached: SlaStage[] = [];
    for (const stage of due.map(toSlaStage)) {
      const breachedAt = stage.completedAt ?? now;
      const updated = await db('ticket_sla_stages')
        .where({ tenant: stage.tenantId, ticket_id: stage.ticketId, stage: stage.stage, state: 'active' })
        .update({ state: 'breached', breached_at: breachedAt });
      if (updated) breached.push({ ...stage, state: 'breached', breachedAt });
    }
    return breached;
  }
}
