import { CountField, DateField, DateTimeField, DomainPayload, UuidField } from '../../../lib/kit';
import { scheduling } from '../module';

@scheduling.event({
  type: 'CAPACITY_THRESHOLD_REACHED',
  name: 'Capacity Threshold Reached',
  description:
    "A booking brought a team's booked minutes for one local day (in the team's zone) up to or over the team's daily " +
    'capacity. Emitted by the booking, move or hand-over that crosses the threshold upward, once per team and day; it ' +
    'fires again for that day only after cancellations or moves took the day back under capacity. Both figures are ' +
    'minutes. Not refused: overbooking is allowed, this is the warning.',
  subject: 'teamId',
})
export class CapacityThresholdReachedPayload extends DomainPayload {
  @UuidField({ description: 'The team' }) teamId!: string;
  @DateField({ description: "The local calendar day in the team's zone, YYYY-MM-DD" }) date!: string;
  @CountField({ description: "The team's bookable minutes per day" }) capacityLimit!: number;
  @CountField({ description: 'Minutes booked for the team that day, this booking included' }) currentBooked!: number;
  @DateTimeField({ description: 'When the booking crossed the threshold' }) triggeredAt!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    CAPACITY_THRESHOLD_REACHED: CapacityThresholdReachedPayload;
  }
}
