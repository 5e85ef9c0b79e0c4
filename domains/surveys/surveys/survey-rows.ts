import { readDate } from '../../../lib/kit';
import { Survey } from './survey';

const opt = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined ? undefined : v);

/** A `surveys` row as the domain reads it. */
export function toSurvey(row: Record<string, any>): Survey {
  return {
    id: row.survey_id,
    tenantId: row.tenant,
    surveyType: row.survey_type,
    recipientId: row.recipient_id,
    ticketId: opt(row.ticket_id),
    agentId: opt(row.agent_id),
    teamId: opt(row.team_id),
    templateId: opt(row.template_id),
    channel: row.channel,
    status: row.status,
    sentAt: readDate(row.sent_at)!,
    expiresAt: readDate(row.expires_at)!,
    remindersSent: Number(row.reminders_sent),
    maxReminders: Number(row.max_reminders),
    nextReminderAt: readDate(row.next_reminder_at) ?? undefined,
    respondedAt: readDate(row.responded_at) ?? undefined,
    expiredAt: readDate(row.expired_at) ?? undefined,
  };
}
