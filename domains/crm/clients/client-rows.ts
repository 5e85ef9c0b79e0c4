import { readDate } from '../../../lib/kit';
import { Client } from './client';

type Row = Record<string, any>;
const opt = <T>(v: T | null): T | undefined => v ?? undefined;

/** A crm_clients row as a Client (SQLite returns dates as epoch millis). */
export function toClient(row: Row): Client {
  return {
    id: row.client_id,
    tenantId: row.tenant,
    name: row.name,
    status: row.status,
    ownerUserId: opt(row.owner_user_id),
    website: opt(row.website),
    phoneNumber: opt(row.phone_number),
    industry: opt(row.industry),
    createdByUserId: row.created_by_user_id,
    createdAt: readDate(row.created_at)!,
    updatedAt: readDate(row.updated_at)!,
    archivedAt: readDate(row.archived_at) ?? undefined,
    archivedByUserId: opt(row.archived_by_user_id),
    archiveReason: opt(row.archive_reason),
    mergedIntoClientId: opt(row.merged_into_client_id),
  };
}
