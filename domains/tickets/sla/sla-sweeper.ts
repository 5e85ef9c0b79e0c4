import { injectable } from 'tsyringe';
import { actionTime, EmitsEvent } from '../../../lib/kit';
import { slaStagesBreached } from './sla-mappers';
import { SlaClock } from './sla-clock';
import { SlaStage } from '../ticket';

/**
 * The time-based side of SLAs: run it on a schedule (every minute or so). Each run breaches the
 * stages whose target has passed unmet; runs may overlap or repeat, a stage is breached once.
 */
@injectable()
export class SlaSweeper {
  constructor(private readonly sla: SlaClock) {}

  @EmitsEvent('TICKET_SLA_STAGE_BREACHED', slaStagesBreached)
  async sweep(now: Date = actionTime()): Promise<SlaStage[]> {
    return this.sla.breachOverdue(now);
  }
}
