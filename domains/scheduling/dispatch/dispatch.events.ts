import { DateTimeField, DomainPayload, JsonField, StringField, UuidField } from '../../../lib/kit';
import { scheduling } from '../module';
import { GeoLocation } from './visit';

/** Every dispatch step names the appointment, its ticket and the technician sent. */
abstract class VisitPayload extends DomainPayload {
  @UuidField({ description: 'The appointment visited' }) appointmentId!: string;
  @UuidField({ optional: true, description: 'The ticket the visit is for, if any' }) ticketId?: string;
  @UuidField({ description: 'The technician (the user the appointment is assigned to)' }) technicianUserId!: string;
}

@scheduling.event({
  type: 'TECHNICIAN_DISPATCHED',
  name: 'Technician Dispatched',
  description:
    "A scheduled appointment's technician was sent out: the first step of a field visit (dispatched → en route → " +
    'arrived → checked out). Once per appointment; the appointment must be assigned to a user.',
  subject: 'appointmentId',
})
export class TechnicianDispatchedPayload extends VisitPayload {
  @UuidField({ description: 'Dispatcher who sent the technician' }) dispatchedByUserId!: string;
  @DateTimeField({ description: 'When the technician was dispatched' }) dispatchedAt!: string;
}

@scheduling.event({
  type: 'TECHNICIAN_EN_ROUTE',
  name: 'Technician En Route',
  description: 'The dispatched technician set off for the site, optionally with an estimated arrival. Once per visit, only after TECHNICIAN_DISPATCHED.',
  subject: 'appointmentId',
})
export class TechnicianEnRoutePayload extends VisitPayload {
  @DateTimeField({ description: 'When the technician set off' }) startedAt!: string;
  @DateTimeField({ optional: true, description: 'Estimated arrival (UTC), not before startedAt' }) eta?: string;
}

@scheduling.event({
  type: 'TECHNICIAN_ARRIVED',
  name: 'Technician Arrived',
  description: 'The technician checked in on site. Once per visit, only after TECHNICIAN_EN_ROUTE.',
  subject: 'appointmentId',
})
export class TechnicianArrivedPayload extends VisitPayload {
  @DateTimeField({ description: 'When the technician checked in' }) arrivedAt!: string;
  @JsonField({ optional: true, description: 'Where the check-in was made: { latitude, longitude, accuracyMeters? } (WGS 84 degrees, meters)', examples: [{ latitude: 40.7128, longitude: -74.006, accuracyMeters: 12 }] })
  location?: GeoLocation;
}

@scheduling.event({
  type: 'TECHNICIAN_CHECKED_OUT',
  name: 'Technician Checked Out',
  description:
    'The technician finished on site and left, optionally with a summary of the work. Ends the visit; recording the ' +
    'appointment as done is APPOINTMENT_COMPLETED.',
  subject: 'appointmentId',
})
export class TechnicianCheckedOutPayload extends VisitPayload {
  @DateTimeField({ description: 'When the technician checked out' }) checkedOutAt!: string;
  @StringField({ optional: true, description: 'What was done on site, as written by the technician', examples: ['Replaced 4 UPS batteries; self-test passed', 'Re-crimped the patch cable to the switch'] }) workSummary?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    TECHNICIAN_DISPATCHED: TechnicianDispatchedPayload;
    TECHNICIAN_EN_ROUTE: TechnicianEnRoutePayload;
    TECHNICIAN_ARRIVED: TechnicianArrivedPayload;
    TECHNICIAN_CHECKED_OUT: TechnicianCheckedOutPayload;
  }
}
