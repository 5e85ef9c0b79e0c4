import { iso } from '../../../lib/kit';
import { SlaStage, Ticket } from '../ticket';

const stageFields = (s: SlaStage) => ({ ticketId: s.ticketId, slaPolicyId: s.slaPolicyId, stage: s.stage, targetAt: iso(s.targetAt) });

/** One event per stage a new ticket entered. */
export const slaStagesEntered = (t: Ticket) => t.sla.map((s) => ({ ...stageFields(s), enteredAt: iso(s.enteredAt) }));

/** One event per stage an action met (none: no event). */
export const slaStagesMet = (r: { slaMet: SlaStage[] }) => r.slaMet.map((s) => ({ ...stageFields(s), metAt: iso(s.metAt!) }));

/**
 * The sweeper works across tenants for no one in particular: the tenant comes from the stage and
 * the actor is SYSTEM (stated, so the caller's context actor is not attached).
 */
export const slaStagesBreached = (stages: SlaStage[]) =>
  stages.map((s) => ({
    ...stageFields(s),
    tenantId: s.tenantId,
    actorType: 'SYSTEM' as const,
    breachedAt: iso(s.breachedAt!),
    overdueBySeconds: Math.floor((s.breachedAt!.getTime() - s.targetAt.getTime()) / 1000),
  }));
