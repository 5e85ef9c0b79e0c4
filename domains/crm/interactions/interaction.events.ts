import { DateTimeField, DomainPayload, StringField, UuidField } from '../../../lib/kit';
import { crm } from '../module';

@crm.event({
  type: 'INTERACTION_LOGGED',
  name: 'Interaction Logged',
  description:
    'A touchpoint with a client, such as a call, email or meeting, was recorded in the CRM (InteractionService.log), ' +
    'optionally with the contact spoken to. interactionOccurredAt is when the touchpoint happened; occurredAt is when it ' +
    'was logged. Emitted once per logged interaction. Messages on a ticket are TICKET_MESSAGE_ADDED, free-form notes ' +
    'NOTE_CREATED.',
})
export class InteractionLoggedPayload extends DomainPayload {
  @UuidField({ description: 'The logged interaction' }) interactionId!: string;
  @UuidField({ description: 'The client it was with' }) clientId!: string;
  @UuidField({ optional: true, description: 'The contact it was with, if one was named' }) contactId?: string;
  @StringField({ description: 'Kind of touchpoint: call, email, meeting, chat or visit', examples: ['call', 'meeting', 'email'] }) interactionType!: string;
  @StringField({ description: 'Medium: phone, email, video, in_person, chat or portal', examples: ['phone', 'in_person', 'email'] }) channel!: string;
  @DateTimeField({ description: 'When the touchpoint itself happened' }) interactionOccurredAt!: string;
  @UuidField({ description: 'Internal user who logged it' }) loggedByUserId!: string;
  @StringField({ optional: true, description: 'Short subject as entered', examples: ['Quarterly review', 'Renewal call'] }) subject?: string;
  @StringField({ optional: true, description: 'Outcome as entered', examples: ['Renewal agreed', 'Left voicemail'] }) outcome?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    INTERACTION_LOGGED: InteractionLoggedPayload;
  }
}
