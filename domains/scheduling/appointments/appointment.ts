import { TimeWindow } from '../time/time-window';

/** The scheduling domain's appointments, as services return them and mappers read them. */

export const ASSIGNEE_TYPES = ['user', 'team'] as const;
export type AssigneeType = (typeof ASSIGNEE_TYPES)[number];

/** Who an appointment or block belongs to: one user (a technician) or a team. */
export interface Assignee {
  id: string;
  type: AssigneeType;
}

/** `scheduled` until it is canceled, completed or marked a no-show; those three are final. */
export const APPOINTMENT_STATUSES = ['scheduled', 'canceled', 'completed', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const NO_SHOW_PARTIES = ['customer', 'agent'] as const;
export type NoShowParty = (typeof NO_SHOW_PARTIES)[number];

export interface Appointment extends TimeWindow {
  id: string;
  tenantId: string;
  title: string;
  ticketId?: string;
  /** The CRM client visited; opaque here (CRM owns clients). */
  clientId?: string;
  location?: string;
  assignee?: Assignee;
  /** The team whose daily capacity the appointment books (the assignee when that is a team). */
  teamId?: string;
  status: AppointmentStatus;
  /** Times the window moved; the iCalendar SEQUENCE. */
  rescheduleCount: number;
  createdByUserId: string;
  createdAt: Date;
  updatedAt: Date;
  canceledAt?: Date;
  cancelReason?: string;
  completedAt?: Date;
  outcome?: string;
  noShowAt?: Date;
  noShowParty?: NoShowParty;
}

/** A team-day whose bookings reached the team's daily capacity with this action (false → true). */
export interface CapacityCrossing {
  tenantId: string;
  teamId: string;
  /** Local calendar day in the team's zone, YYYY-MM-DD. */
  date: string;
  capacityMinutes: number;
  bookedMinutes: number;
  at: Date;
}

/** What an action that may move, hand over or book time did; `before` is absent for a new booking. */
export interface AppointmentChange {
  before?: Appointment;
  after: Appointment;
  at: Date;
  actorUserId: string;
  reason?: string;
  capacity: CapacityCrossing[];
}
