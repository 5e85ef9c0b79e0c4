/** The tickets domain model: what services return and mappers read. */

export const ASSIGNEE_TYPES = ['user', 'team'] as const;
export type AssigneeType = (typeof ASSIGNEE_TYPES)[number];

export const RESPONSE_STATES = ['awaiting_client', 'awaiting_internal'] as const;
export type ResponseState = (typeof RESPONSE_STATES)[number];

export const MESSAGE_VISIBILITIES = ['public', 'internal'] as const;
export type MessageVisibility = (typeof MESSAGE_VISIBILITIES)[number];

export const MESSAGE_AUTHOR_TYPES = ['user', 'contact'] as const;
export type MessageAuthorType = (typeof MESSAGE_AUTHOR_TYPES)[number];

export const MESSAGE_CHANNELS = ['email', 'portal', 'ui', 'api'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** `custom` stages are catalogued for tenant-defined SLAs; policies here drive response and resolution. */
export const SLA_STAGES = ['response', 'resolution', 'custom'] as const;
export type SlaStageName = (typeof SLA_STAGES)[number];
export type SlaStageState = 'active' | 'met' | 'breached';

export interface Assignee {
  id: string;
  type: AssigneeType;
}

export interface SlaStage {
  ticketId: string;
  tenantId: string;
  stage: SlaStageName;
  slaPolicyId: string;
  state: SlaStageState;
  enteredAt: Date;
  targetAt: Date;
  /** When the work the stage waits for happened (first staff reply, close), on time or late. */
  completedAt?: Date;
  metAt?: Date;
  breachedAt?: Date;
}

export interface Ticket {
  id: string;
  tenantId: string;
  ticketNumber: string;
  title: string;
  clientId: string;
  contactId?: string;
  boardId: string;
  statusId: string;
  isClosed: boolean;
  priorityId: string;
  assignee?: Assignee;
  /** Sorted, so two tag sets compare by value. */
  tagIds: string[];
  responseState?: ResponseState;
  escalationLevel: number;
  closedAt?: Date;
  closedByUserId?: string;
  mergedIntoTicketId?: string;
  splitFromTicketId?: string;
  createdByUserId?: string;
  createdAt: Date;
  updatedAt: Date;
  sla: SlaStage[];
}

export interface TicketMessage {
  id: string;
  ticketId: string;
  visibility: MessageVisibility;
  authorId: string;
  authorType: MessageAuthorType;
  channel: MessageChannel;
  content: string;
  attachmentsCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface TimeEntry {
  id: string;
  ticketId: string;
  userId: string;
  minutes: number;
  billable: boolean;
  notes?: string;
  createdAt: Date;
}

/** A `{ previous, new }` pair per changed dot-path (`assignee.id`, `tagIds`, …); null stands for "unset". */
export type FieldChanges = Record<string, { previous: unknown; new: unknown }>;

export interface Transition<T> {
  previous?: T;
  new: T;
}
