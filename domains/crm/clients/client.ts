/** Clients as the CRM services return them. */

/** Lifecycle statuses a client moves between (CLIENT_STATUS_CHANGED). Archiving is separate: see `archivedAt`. */
export const CLIENT_STATUSES = ['prospect', 'active', 'inactive'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

export interface Client {
  id: string;
  tenantId: string;
  name: string;
  status: ClientStatus;
  /** Account manager (internal user). */
  ownerUserId?: string;
  website?: string;
  phoneNumber?: string;
  industry?: string;
  createdByUserId: string;
  createdAt: Date;
  updatedAt: Date;
  /** Set once archived (by hand or by a merge): no new tickets or appointments, no edits. */
  archivedAt?: Date;
  archivedByUserId?: string;
  archiveReason?: string;
  /** The client this one was merged into (then it is archived too). */
  mergedIntoClientId?: string;
}

export interface CreateClientInput {
  name: string;
  /** Default `prospect`. */
  status?: ClientStatus;
  ownerUserId?: string;
  website?: string;
  phoneNumber?: string;
  industry?: string;
}

/** Editable details; absent keeps a field, `null` clears an optional one. Status and owner have their own actions. */
export interface ClientPatch {
  name?: string;
  website?: string | null;
  phoneNumber?: string | null;
  industry?: string | null;
}

/** What one client action did; an empty `changes` means it changed nothing (no event). */
export interface ClientChange {
  before: Client;
  after: Client;
  /** The emission clock of the action. */
  at: Date;
  updatedFields: string[];
  changes: Record<string, { previous: unknown; new: unknown }>;
}
