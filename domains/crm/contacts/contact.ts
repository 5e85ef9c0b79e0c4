/** Contacts (people at a client) as the CRM services return them. */

export interface Contact {
  id: string;
  tenantId: string;
  clientId: string;
  fullName: string;
  /** As entered (trimmed); found and kept unique per tenant case-insensitively. */
  email?: string;
  phoneNumber?: string;
  jobTitle?: string;
  /** The client's main (billing) contact; at most one per client. */
  isPrimary: boolean;
  createdByUserId: string;
  createdAt: Date;
  updatedAt: Date;
  archivedAt?: Date;
  archivedByUserId?: string;
  archiveReason?: string;
  /** The contact this one was merged into (then it is archived too). */
  mergedIntoContactId?: string;
}

export interface CreateContactInput {
  clientId: string;
  fullName: string;
  email?: string;
  phoneNumber?: string;
  jobTitle?: string;
}

/** Editable details; absent keeps a field, `null` clears an optional one. Primary and archive have their own actions. */
export interface ContactPatch {
  fullName?: string;
  email?: string | null;
  phoneNumber?: string | null;
  jobTitle?: string | null;
}

/** What one contact action did; an empty `changes` means it changed nothing (no event). */
export interface ContactChange {
  before: Contact;
  after: Contact;
  at: Date;
  updatedFields: string[];
  changes: Record<string, { previous: unknown; new: unknown }>;
}

/** What setPrimary did: `changed` false when the contact already was the primary one (no event). */
export interface PrimaryChange {
  contact: Contact;
  previousPrimaryContactId?: string;
  changed: boolean;
  at: Date;
}
