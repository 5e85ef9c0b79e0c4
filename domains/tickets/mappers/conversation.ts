import type { EditedMessage, PostedMessage } from '../message-service';
import { TicketMessage } from '../ticket';
import { iso, Payload, when } from './helpers';

/** Mappers of posted and edited messages: the canonical events and the legacy comment ones. */

const messageRef = (m: TicketMessage) => ({ ticketId: m.ticketId, messageId: m.id, channel: m.channel, attachmentsCount: m.attachmentsCount });

export const messageAdded = ({ message: m }: PostedMessage): Payload => ({
  ...messageRef(m),
  visibility: m.visibility,
  authorId: m.authorId,
  authorType: m.authorType,
  createdAt: iso(m.createdAt),
});

export const customerReplied = when<PostedMessage>(
  ({ message }) => message.authorType === 'contact',
  ({ message: m }) => ({ ...messageRef(m), contactId: m.authorId, receivedAt: iso(m.createdAt) }),
);

export const internalNoteAdded = when<PostedMessage>(
  ({ message }) => message.visibility === 'internal',
  ({ message: m }) => ({ ticketId: m.ticketId, noteId: m.id, createdAt: iso(m.createdAt) }),
);

export const responseStateChanged = when<PostedMessage>(
  ({ responseState }) => !!responseState,
  ({ message, responseState }) => ({ ticketId: message.ticketId, previousResponseState: responseState!.previous, newResponseState: responseState!.new }),
);

/** The legacy events' view of a message. */
const legacySnapshot = (m: TicketMessage) => ({ id: m.id, content: m.content, author: m.authorId, isInternal: m.visibility === 'internal' });
const legacyComment = (m: TicketMessage) => ({ ...legacySnapshot(m), authorType: m.authorType === 'user' ? 'internal' : 'client' });

export const commentAdded = ({ message: m }: PostedMessage): Payload => ({ ticketId: m.ticketId, userId: m.authorId, comment: legacyComment(m) });

export const commentUpdated = when<EditedMessage>(
  ({ before, after }) => before.content !== after.content,
  ({ before, after }, ctx) => ({
    ticketId: after.ticketId,
    userId: ctx.actorUserId ?? ctx.actorContactId,
    comment: legacyComment(after),
    oldComment: legacySnapshot(before),
    newComment: legacySnapshot(after),
    changes: { content: { previous: before.content, new: after.content } },
  }),
);
