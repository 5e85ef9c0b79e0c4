import { injectable } from 'tsyringe';
import { SignedTokenError, SignedTokens } from '../../../lib/kit';
import { Survey } from './survey';
import { SurveyLinkError } from './survey-errors';

const PURPOSE = 'survey-response';

/** What an answer link grants: answering one survey of one tenant. */
export interface SurveyLinkClaims {
  tenant: string;
  surveyId: string;
}

/**
 * Answer links: a signed JWS (`SignedTokens`, HS256 with a key of its own purpose) naming the
 * tenant and survey, expiring with the survey. The public base URL is `WFE_PUBLIC_URL`.
 */
@injectable()
export class SurveyLinks {
  constructor(private readonly tokens: SignedTokens) {}

  /** A token for `survey`, valid until the survey expires (at least one second from `now`). */
  async tokenFor(survey: Survey, now: Date): Promise<string> {
    const seconds = Math.max(1, Math.floor((survey.expiresAt.getTime() - now.getTime()) / 1000));
    return this.tokens.sign(PURPOSE, { tenant: survey.tenantId, surveyId: survey.id }, { expiresInSeconds: seconds, now });
  }

  /** The page a contact opens: `<WFE_PUBLIC_URL>/surveys/respond?token=…`. */
  async urlFor(survey: Survey, now: Date): Promise<string> {
    const base = (process.env.WFE_PUBLIC_URL || 'http://localhost:3000').replace(/\/+$/, '');
    return `${base}/surveys/respond?token=${await this.tokenFor(survey, now)}`;
  }

  /** The claims of a valid link; throws SurveyLinkError (SURVEY_LINK_INVALID or SURVEY_LINK_EXPIRED). */
  async verify(token: unknown, now?: Date): Promise<SurveyLinkClaims> {
    if (typeof token !== 'string' || !token) throw new SurveyLinkError(false, 'the survey link has no token');
    try {
      const claims = await this.tokens.verify<Partial<SurveyLinkClaims>>(PURPOSE, token, now);
      if (typeof claims.tenant !== 'string' || typeof claims.surveyId !== 'string') throw new SurveyLinkError(false, 'the survey link names no survey');
      return { tenant: claims.tenant, surveyId: claims.surveyId };
    } catch (err) {
      if (err instanceof SignedTokenError) throw new SurveyLinkError(err.code === 'TOKEN_EXPIRED', err.message);
      throw err;
    }
  }
}
