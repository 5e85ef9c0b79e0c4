import { injectable } from 'tsyringe';
import { actionTime, currentTenant, EmitsEvent, insertIfAbsent, iso, readDate, UnitOfWork } from '../../../lib/kit';
import { SurveySettings } from '../settings/survey-settings';
import { SurveySettingsService } from '../settings/survey-settings-service';
import { Survey } from '../surveys/survey';
import { CSAT_WINDOWS, CsatAlert, CsatScope } from './csat';
import { csatPercent, periodsOf } from './csat-windows';

const alertPayloads = (alerts: CsatAlert[]) =>
  alerts.map((a) => ({
    window: a.window,
    score: a.score,
    baseline: a.baseline,
    delta: a.delta,
    threshold: a.threshold,
    triggeredAt: iso(a.triggeredAt),
    scopeType: a.scopeType,
    scopeId: a.scopeId,
  }));

/**
 * CSAT alerts per agent, team and organisation over the UTC day, ISO week and month of a
 * response. A period alerts when it has at least `csatMinResponses` answers and its CSAT is below
 * `csatThreshold`, or (with `csatMaxDrop`) fell from the previous period by more than that. The
 * primary key of `csat_alerts` makes it once per scope, window and period, even for two
 * evaluations at once.
 */
@injectable()
export class CsatAlertService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly settings: SurveySettingsService,
  ) {}

  /** Evaluates every scope and window the answer to `survey` (a CSAT survey) falls in; resolves with the alerts raised now. */
  @EmitsEvent('CSAT_ALERT_TRIGGERED', alertPayloads)
  async evaluate(survey: Survey): Promise<CsatAlert[]> {
    const tenant = currentTenant('CsatAlertService.evaluate');
    if (survey.surveyType !== 'csat' || !survey.respondedAt) return [];
    const settings = await this.settings.get(tenant);
    const scopes: Array<{ type: CsatScope; id?: string }> = [{ type: 'org' }];
    if (survey.teamId) scopes.unshift({ type: 'team', id: survey.teamId });
    if (survey.agentId) scopes.unshift({ type: 'agent', id: survey.agentId });
    const raised: CsatAlert[] = [];
    for (const scope of scopes) {
      for (const window of CSAT_WINDOWS) {
        const alert = await this.check(tenant, settings, scope, window, survey.respondedAt);
        if (alert) raised.push(alert);
      }
    }
    return raised;
  }

  /** The tenant's alerts, newest period first (for a dashboard). */
  async recent(limit = 20): Promise<CsatAlert[]> {
    const tenant = currentTenant('CsatAlertService.recent');
    const rows = await this.uow
      .db('csat_alerts')
      .where({ tenant })
      .orderBy([{ column: 'period_start', order: 'desc' }, { column: 'scope_type' }, { column: 'time_window' }])
      .limit(limit);
    return rows.map((r) => {
      const baseline = r.baseline === null ? undefined : Number(r.baseline);
      const score = Number(r.score);
      return {
        tenantId: r.tenant,
        scopeType: r.scope_type,
        scopeId: r.scope_key === 'org' ? undefined : r.scope_key,
        window: r.time_window,
        periodStart: readDate(r.period_start)!,
        score,
        baseline,
        delta: baseline === undefined ? undefined : Math.round((score - baseline) * 10) / 10,
        threshold: Number(r.threshold),
        responses: Number(r.responses),
        triggeredAt: readDate(r.triggered_at)!,
      };
    });
  }

  private async check(tenant: string, settings: SurveySettings, scope: { type: CsatScope; id?: string }, window: CsatAlert['window'], at: Date): Promise<CsatAlert | undefined> {
    const { current, previous } = periodsOf(window, at);
    const scores = await this.scores(tenant, scope, current);
    if (scores.length < settings.csatMinResponses) return undefined;
    const score = csatPercent(scores);
    const before = await this.scores(tenant, scope, previous);
    const baseline = before.length >= settings.csatMinResponses ? csatPercent(before) : undefined;
    const delta = baseline === undefined ? undefined : Math.round((score - baseline) * 10) / 10;
    const belowThreshold = score < settings.csatThreshold;
    const dropped = settings.csatMaxDrop !== null && delta !== undefined && -delta > settings.csatMaxDrop;
    if (!belowThreshold && !dropped) return undefined;
    const alert: CsatAlert = { tenantId: tenant, scopeType: scope.type, scopeId: scope.id, window, periodStart: current.start, score, baseline, delta, threshold: settings.csatThreshold, responses: scores.length, triggeredAt: actionTime() };
    const first = await insertIfAbsent(
      this.uow.db,
      'csat_alerts',
      {
        tenant,
        scope_type: scope.type,
        scope_key: scope.id ?? 'org',
        time_window: window,
        period_start: current.start,
        score,
        baseline: baseline ?? null,
        threshold: settings.csatThreshold,
        responses: scores.length,
        triggered_at: alert.triggeredAt,
      },
      ['tenant', 'scope_type', 'scope_key', 'time_window', 'period_start'],
    );
    return first ? alert : undefined;
  }

  private async scores(tenant: string, scope: { type: CsatScope; id?: string }, period: { start: Date; end: Date }): Promise<number[]> {
    const q = this.uow.db('survey_responses').where({ tenant, survey_type: 'csat' }).where('responded_at', '>=', period.start).where('responded_at', '<', period.end);
    if (scope.type === 'agent') q.where({ agent_id: scope.id });
    if (scope.type === 'team') q.where({ team_id: scope.id });
    return (await q.select('score')).map((r) => Number(r.score));
  }
}
