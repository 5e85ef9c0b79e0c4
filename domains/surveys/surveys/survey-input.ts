import { isUuid } from '../../../lib/kit';
import { SCORE_SCALES, SendSurveyInput, SURVEY_TYPES, SurveyType } from './survey';
import { SurveyInputError } from './survey-errors';

export function checkUuid(field: string, value: unknown, optional = false): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'string' || !isUuid(value)) throw new SurveyInputError(field, 'must be a UUID');
}

export function checkSend(input: SendSurveyInput): void {
  if (!SURVEY_TYPES.includes(input.surveyType)) throw new SurveyInputError('surveyType', `must be one of ${SURVEY_TYPES.join(', ')}`);
  checkUuid('recipientId', input.recipientId);
  checkUuid('ticketId', input.ticketId, true);
  checkUuid('agentId', input.agentId, true);
  checkUuid('teamId', input.teamId, true);
  if (input.templateId !== undefined && (typeof input.templateId !== 'string' || !/^[\w.-]{1,100}$/.test(input.templateId))) {
    throw new SurveyInputError('templateId', 'must be 1 to 100 letters, digits, dots, dashes or underscores');
  }
}

/** A score on the type's scale (SCORE_SCALES) and a comment of at most 5000 characters. */
export function checkAnswer(type: SurveyType, answer: { score: unknown; comment?: unknown }): { score: number; comment?: string } {
  const scale = SCORE_SCALES[type];
  const { score, comment } = answer;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < scale.min || score > scale.max || (scale.whole && !Number.isInteger(score))) {
    throw new SurveyInputError('score', `must be a ${scale.whole ? 'whole ' : ''}number from ${scale.min} to ${scale.max} for a ${type} survey`);
  }
  if (comment !== undefined && comment !== null && typeof comment !== 'string') throw new SurveyInputError('comment', 'must be text');
  if (typeof comment === 'string' && comment.length > 5000) throw new SurveyInputError('comment', 'must be at most 5000 characters');
  const text = typeof comment === 'string' && comment.trim() ? comment.trim() : undefined;
  return { score, comment: text };
}
