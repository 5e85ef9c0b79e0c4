import { DateTimeField, DomainPayload, StringField, UuidField } from '../../../lib/kit';
import { crm } from '../module';

const TAGS = 'Tags';
const TICKETS_NOTE =
  'On tickets the same action also emits the tickets module\'s TICKET_TAGS_CHANGED (and TICKET_UPDATED), which saves ' +
  'the ticket\'s tag set; a ticket save through TicketService.update that changes tagIds emits TICKET_TAGS_CHANGED only, ' +
  'no TAG_APPLIED / TAG_REMOVED. Subscribe to TICKET_TAGS_CHANGED for every tag change of tickets.';

@crm.event({
  type: 'TAG_DEFINITION_CREATED',
  name: 'Tag Definition Created',
  category: TAGS,
  description:
    'A new tag was defined for the tenant (TagService.createDefinition), usable on clients, contacts and tickets. Names ' +
    'are unique per tenant, case-insensitively. Putting the tag on a record is TAG_APPLIED; renaming it TAG_DEFINITION_UPDATED.',
})
export class TagDefinitionCreatedPayload extends DomainPayload {
  @UuidField({ description: 'The new tag' }) tagId!: string;
  @StringField({ description: 'Its name as entered, trimmed', examples: ['VIP', 'Managed services', 'Onboarding'] }) tagName!: string;
  @UuidField({ description: 'Internal user who defined it' }) createdByUserId!: string;
  @DateTimeField({ description: 'When it was defined' }) createdAt!: string;
}

@crm.event({
  type: 'TAG_DEFINITION_UPDATED',
  name: 'Tag Definition Updated',
  category: TAGS,
  description:
    'A tag definition was renamed (a change of case counts; the same name emits nothing). The records it is applied to ' +
    'keep it: no TAG_REMOVED / TAG_APPLIED follow. previousName and newName are both present for a rename.',
})
export class TagDefinitionUpdatedPayload extends DomainPayload {
  @UuidField({ description: 'The tag' }) tagId!: string;
  @StringField({ optional: true, description: 'Name before', examples: ['vip', 'Onboard'] }) previousName?: string;
  @StringField({ optional: true, description: 'Name after', examples: ['VIP', 'Onboarding'] }) newName?: string;
  @UuidField({ description: 'Internal user who changed it' }) updatedByUserId!: string;
  @DateTimeField({ description: 'When it changed' }) updatedAt!: string;
}

@crm.event({
  type: 'TAG_APPLIED',
  name: 'Tag Applied',
  category: TAGS,
  description:
    'A tag was put on a client, contact or ticket through TagService.apply, or landed on a client or contact because a ' +
    'merge moved it there. Applying a tag the record already has changes nothing and emits nothing. ' + TICKETS_NOTE,
})
export class TagAppliedPayload extends DomainPayload {
  @UuidField({ description: 'The tag' }) tagId!: string;
  @StringField({ description: 'Kind of record: client, contact or ticket', examples: ['client', 'contact', 'ticket'] }) entityType!: string;
  @UuidField({ description: 'The record tagged' }) entityId!: string;
  @UuidField({ description: 'Internal user who applied it' }) appliedByUserId!: string;
  @DateTimeField({ description: 'When it was applied' }) appliedAt!: string;
}

@crm.event({
  type: 'TAG_REMOVED',
  name: 'Tag Removed',
  category: TAGS,
  description:
    'A tag was taken off a client, contact or ticket through TagService.remove, or off the source of a merge (it moved to ' +
    'the target, which gets TAG_APPLIED unless it had the tag). Removing a tag the record does not have emits nothing. ' +
    TICKETS_NOTE,
})
export class TagRemovedPayload extends DomainPayload {
  @UuidField({ description: 'The tag' }) tagId!: string;
  @StringField({ description: 'Kind of record: client, contact or ticket', examples: ['client', 'contact', 'ticket'] }) entityType!: string;
  @UuidField({ description: 'The record untagged' }) entityId!: string;
  @UuidField({ description: 'Internal user who removed it' }) removedByUserId!: string;
  @DateTimeField({ description: 'When it was removed' }) removedAt!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    TAG_DEFINITION_CREATED: TagDefinitionCreatedPayload;
    TAG_DEFINITION_UPDATED: TagDefinitionUpdatedPayload;
    TAG_APPLIED: TagAppliedPayload;
    TAG_REMOVED: TagRemovedPayload;
  }
}
