/** Touchpoints with a client (calls, emails, meetings) as the CRM services return them. */

export const INTERACTION_TYPES = ['call', 'email', 'meeting', 'chat', 'visit'] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

export const INTERACTION_CHANNELS = ['phone', 'email', 'video', 'in_person', 'chat', 'portal'] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

export interface Interaction {
  id: string;
  tenantId: string;
  clientId: string;
  contactId?: string;
  type: InteractionType;
  channel: InteractionChannel;
  /** When the touchpoint itself happened (not when it was logged). */
  occurredAt: Date;
  subject?: string;
  /** Free text, e.g. `left voicemail`, `renewal agreed`. */
  outcome?: string;
  loggedByUserId: string;
  loggedAt: Date;
}

export interface LogInteractionInput {
  /** The client; may be left out when `contactId` is given (the contact's client is used). */
  clientId?: string;
  contactId?: string;
  type: InteractionType;
  channel: InteractionChannel;
  /** ISO 8601 with offset, not in the future (up to a minute of clock skew is tolerated). */
  occurredAt: string;
  subject?: string;
  outcome?: string;
}
