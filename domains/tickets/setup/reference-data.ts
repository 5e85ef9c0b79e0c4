/** Per-tenant help-desk configuration tickets point at. */

export interface TicketStatus {
  id: string;
  name: string;
  isClosed: boolean;
  /** New tickets start in the default open status; merges close with the default closed one. */
  isDefault: boolean;
  order: number;
}

export interface Priority {
  id: string;
  name: string;
  order: number;
}

/** A board is a service queue; its tier (1 = service desk) orders escalation. */
export interface Board {
  id: string;
  name: string;
  tier: number;
}

export interface Tag {
  id: string;
  name: string;
}

/** Response and resolution targets for tickets of one priority. */
export interface SlaPolicy {
  id: string;
  name: string;
  priorityId: string;
  responseMinutes: number;
  resolutionMinutes: number;
}
