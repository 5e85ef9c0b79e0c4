import { DateTimeField, DomainPayload, EnumField, NumberField, UuidField } from '../../../lib/kit';
import { surveys } from '../module';
import { CSAT_SCOPES, CSAT_WINDOWS, CsatScope, CsatWindow } from './csat';

@surveys.event({
  type: 'CSAT_ALERT_TRIGGERED',
  name: 'CSAT Alert Triggered',
  subject: 'scopeId',
  description:
    'The CSAT score (share of satisfied answers, 4 or 5 of 5, in percent) of an agent, a team or the whole ' +
    'organisation over the current UTC day, ISO week or month fell below the tenant\'s threshold, or dropped from ' +
    'the previous period (the baseline) by more than the allowed drop. Once per scope, window and period; ' +
    'evaluated on each CSAT response. NPS and custom surveys do not count.',
})
export class CsatAlertTriggeredPayload extends DomainPayload {
  @EnumField(CSAT_WINDOWS, { description: 'Period the score covers: the UTC day, ISO week or calendar month of the response' }) window!: CsatWindow;
  @NumberField({ description: 'CSAT of the period in percent (0–100)', example: 50 }) score!: number;
  @NumberField({ optional: true, description: 'CSAT of the previous period of the same window; absent without answers then', example: 92.5 }) baseline?: number;
  @NumberField({ optional: true, description: 'score − baseline in percentage points (negative: worse)', example: -42.5 }) delta?: number;
  @NumberField({ description: 'The tenant\'s CSAT threshold in percent', example: 80 }) threshold!: number;
  @DateTimeField() triggeredAt!: string;
  @EnumField(CSAT_SCOPES, { description: 'agent: a technician; team: an assignee team; org: the whole tenant' }) scopeType!: CsatScope;
  @UuidField({ optional: true, description: 'The agent (user) or team; absent for org' }) scopeId?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    CSAT_ALERT_TRIGGERED: CsatAlertTriggeredPayload;
  }
}
