import { readDate } from '../../../lib/kit';
import { Contact } from './contact';

type Row = Record<string, any>;
const opt = <T>(v: T | null): T | undefined => v ?? undefined;

/** A crm_contacts row as a Contact (SQLite returns booleans as 0/1 and dates as epoch millis). */
export function toContact(row: Row): Contact {
  return {
    id: row.contact_id,
    tenantId: row.tenant,
    clientId: row.client_id,
    fullName: row.full_name,
    email: opt(row.email),
    phoneNumber: opt(row.phone_number),
    jobTitle: opt(row.job_title),
    isPrimary: Boolean(row.is_primary),
    createdByUserId: row.created_by_user_id,
    createdAt: readDate(row.created_at)!,
    updatedAt: readDate(row.updated_at)!,
    archivedAt: readDate(row.archived_at) ?? undefined,
    archivedByUserId: opt(row.archived_by_user_id),
    archiveReason: opt(row.archive_reason),
    mergedIntoContactId: opt(row.merged_into_contact_id),
  };
}
