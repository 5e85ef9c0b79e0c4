import { BooleanField, EnumField, JsonField, NestedField, StringField, UuidField } from '../../../lib/kit';
import { TicketPayload } from '../ticket-payloads';
import { tickets } from '../module';

/**
 * The comment events older workflows subscribe to. They keep their own payload shape and are
 * emitted beside the canonical message events; consumers are not aliased across.
 */

export const LEGACY_COMMENT_AUTHOR_TYPES = ['internal', 'client', 'unknown'] as const;
export type LegacyCommentAuthorType = (typeof LEGACY_COMMENT_AUTHOR_TYPES)[number];

/** A comment as the legacy events describe it (the before/after of an edit). */
export class TicketLegacyCommentSnapshot {
  @UuidField() id!: string;
  @StringField() content!: string;
  @StringField({ description: 'Author id (user or contact)', examples: ['5d7f9b1c-3e5a-4c7e-a1b3-d5f7091b3c5e', '7f9b1d3f-5a7c-4e9a-b3d5-f7091b3d5f7a'] }) author!: string;
  @BooleanField({ optional: true, examples: [true, false] }) isInternal?: boolean;
}

export class TicketLegacyComment extends TicketLegacyCommentSnapshot {
  // Paired with `isInternal`'s examples: a staff-only note, a client's comment.
  @EnumField(LEGACY_COMMENT_AUTHOR_TYPES, { optional: true, examples: ['internal', 'client'] }) authorType?: LegacyCommentAuthorType;
}

const SUPERSEDED_BY = ['TICKET_MESSAGE_ADDED'];

abstract class TicketLegacyCommentPayload extends TicketPayload {
  @UuidField({ description: 'Who posted (or edited) the comment: internal user, or the contact for client replies' }) userId!: string;
  @UuidField({ optional: true }) assignedByUserId?: string;
  @JsonField({ optional: true, example: { content: { previous: 'Rebooted the router.', new: 'Rebooted the router; all green now.' } } }) changes?: unknown;
  @BooleanField({ optional: true }) suppressContactNotifications?: boolean;
  @BooleanField({ optional: true }) suppressInternalNotifications?: boolean;
  @NestedField(() => TicketLegacyComment, { optional: true }) comment?: TicketLegacyComment;
}

@tickets.event({
  type: 'TICKET_COMMENT_ADDED',
  name: 'Ticket Comment Added',
  description: 'Legacy notice that a comment was posted on a ticket, still emitted beside TICKET_MESSAGE_ADDED; new workflows should use that.',
  status: 'legacy',
  supersededBy: SUPERSEDED_BY,
})
export class TicketCommentAddedPayload extends TicketLegacyCommentPayload {}

@tickets.event({
  type: 'TICKET_COMMENT_UPDATED',
  name: 'Ticket Comment Updated',
  description: 'Legacy notice that a ticket comment was edited, with the text before and after the edit.',
  status: 'legacy',
  supersededBy: SUPERSEDED_BY,
})
export class TicketCommentUpdatedPayload extends TicketLegacyCommentPayload {
  @NestedField(() => TicketLegacyCommentSnapshot, { optional: true }) oldComment?: TicketLegacyCommentSnapshot;
  @NestedField(() => TicketLegacyCommentSnapshot, { optional: true }) newComment?: TicketLegacyCommentSnapshot;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    TICKET_COMMENT_ADDED: TicketCommentAddedPayload;
    TICKET_COMMENT_UPDATED: TicketCommentUpdatedPayload;
  }
}
