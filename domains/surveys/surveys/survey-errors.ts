import { DomainError, DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';

export class SurveyInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'SURVEY_INPUT_INVALID', 'survey');
  }
}

export class SurveyNotFoundError extends DomainNotFoundError {
  constructor(id: string) {
    super('survey', id);
  }
}

/** Answering twice, or answering an expired survey. */
export class SurveyStateError extends DomainStateError {
  constructor(message: string, code = 'SURVEY_STATE_INVALID') {
    super(message, code);
  }
}

/** The link's token was altered, forged, or has expired (`code` SURVEY_LINK_INVALID / SURVEY_LINK_EXPIRED). */
export class SurveyLinkError extends DomainError {
  constructor(expired: boolean, message: string) {
    super(expired ? 'SURVEY_LINK_EXPIRED' : 'SURVEY_LINK_INVALID', message, 'token');
  }
}
