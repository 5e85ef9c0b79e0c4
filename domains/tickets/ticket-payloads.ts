import { BooleanField, ChangesField, DomainPayload, StringField, UpdatedFieldsField, UuidField } from '../../lib/kit';
import { FieldChanges } from './ticket';

/** Every ticket event names its ticket. */
export abstract class TicketPayload extends DomainPayload {
  @UuidField({ description: 'Ticket the event is about' }) ticketId!: string;
}

/**
 * Makes DomainPayload's optional `actorUserId` required, for staff-only actions. It has to sit on
 * each concrete DTO: class-validator lets only a class's own ValidateIf replace an inherited one,
 * so on an abstract base between DomainPayload and the DTO it would have no effect.
 */
export const ActingUser = (): PropertyDecorator => UuidField({ optional: false, description: 'Internal user who performed the action' });

/** A staff change that may carry the reason the user gave for it. */
export abstract class TicketReasonedPayload extends TicketPayload {
  @StringField({
    optional: true,
    description: 'Reason the user gave for the change, if any',
    examples: ['Client confirmed the outage affects every user', 'Waiting on the vendor RMA'],
  })
  reason?: string;
}

/** Which ticket fields an action set, with their previous and new values. */
export abstract class TicketFieldChangesPayload extends TicketPayload {
  @UpdatedFieldsField({
    optional: true,
    description: 'Dot-paths of the fields that changed, e.g. statusId, assignee.id, tagIds',
    examples: [['title'], ['priorityId', 'assignee.id']],
  })
  updatedFields?: string[];

  @ChangesField({
    optional: true,
    description: 'Previous and new value of each changed dot-path; null means unset',
    examples: [
      { title: { previous: 'Email down', new: 'Email down for the whole office' } },
      {
        priorityId: { previous: '9a3c1f0e-5b7d-4c2a-8e61-2f4b6d8a0c13', new: '1e8b2d4f-6a0c-4e3b-9d57-8c2a4f6e1b09' },
        'assignee.id': { previous: null, new: '5d7f9b1c-3e5a-4c7e-a1b3-d5f7091b3c5e' },
      },
    ],
  })
  changes?: FieldChanges;
}

/** An edit whose author may have asked to keep it quiet. */
export abstract class TicketEditPayload extends TicketFieldChangesPayload {
  @BooleanField({ optional: true, description: 'The editor asked that client contacts not be notified of this change' })
  suppressContactNotifications?: boolean;

  @BooleanField({ optional: true, description: 'The editor asked that internal staff not be notified of this change' })
  suppressInternalNotifications?: boolean;
}
