import { CountField, DateTimeField, EnumField, UuidField } from '../../../lib/kit';
import { SLA_STAGES, SlaStageName } from '../ticket';
import { TicketPayload } from '../ticket-payloads';
import { tickets } from '../module';

/** One SLA stage of a ticket and its deadline. */
abstract class TicketSlaStagePayload extends TicketPayload {
  @UuidField({ description: 'SLA policy (chosen by the ticket priority) that set the target' }) slaPolicyId!: string;
  @EnumField(SLA_STAGES, { description: 'response: first staff public reply; resolution: ticket closed' }) stage!: SlaStageName;
  // Example times of one stage: entered 09:00, deadline 13:00, met 11:40 or breached 15:30.
  @DateTimeField({ description: 'Deadline of the stage', example: '2026-03-02T13:00:00Z' }) targetAt!: string;
}

@tickets.event({
  type: 'TICKET_SLA_STAGE_ENTERED',
  name: 'Ticket SLA Stage Entered',
  description:
    'An SLA clock started on a ticket: when a ticket is created under an SLA policy, one event per stage ' +
    '(response and resolution) with the deadline in targetAt.',
})
export class TicketSlaStageEnteredPayload extends TicketSlaStagePayload {
  @DateTimeField({ example: '2026-03-02T09:00:00Z' }) enteredAt!: string;
}

@tickets.event({
  type: 'TICKET_SLA_STAGE_MET',
  name: 'Ticket SLA Stage Met',
  description:
    'A ticket completed an SLA stage before its deadline: the first public staff reply for the response stage, ' +
    'closing the ticket for the resolution stage.',
})
export class TicketSlaStageMetPayload extends TicketSlaStagePayload {
  @DateTimeField({ example: '2026-03-02T11:40:00Z' }) metAt!: string;
}

@tickets.event({
  type: 'TICKET_SLA_STAGE_BREACHED',
  name: 'Ticket SLA Stage Breached',
  description:
    'An SLA deadline passed without the stage being met. Emitted by the SLA sweeper, exactly once per ticket and stage; ' +
    'typical use: alert the team lead or escalate.',
})
export class TicketSlaStageBreachedPayload extends TicketSlaStagePayload {
  @DateTimeField({ description: 'When the stage was completed late, or else when the sweeper found it overdue', example: '2026-03-02T15:30:00Z' })
  breachedAt!: string;

  @CountField({ description: 'Whole seconds between targetAt and breachedAt', example: 9000 }) overdueBySeconds!: number;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    TICKET_SLA_STAGE_ENTERED: TicketSlaStageEnteredPayload;
    TICKET_SLA_STAGE_MET: TicketSlaStageMetPayload;
    TICKET_SLA_STAGE_BREACHED: TicketSlaStageBreachedPayload;
  }
}
