/** CSAT alerting: scopes, windows and the alerts raised. */

export const CSAT_WINDOWS = ['daily', 'weekly', 'monthly'] as const;
export type CsatWindow = (typeof CSAT_WINDOWS)[number];

export const CSAT_SCOPES = ['agent', 'team', 'org'] as const;
export type CsatScope = (typeof CSAT_SCOPES)[number];

export interface CsatAlert {
  tenantId: string;
  scopeType: CsatScope;
  scopeId?: string;
  window: CsatWindow;
  periodStart: Date;
  score: number;
  baseline?: number;
  delta?: number;
  threshold: number;
  responses: number;
  triggeredAt: Date;
}
