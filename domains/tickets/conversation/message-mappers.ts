import { iso, when } from '../../../lib/kit';
import { EditedMessage, PostedMessage } from './message';
import { TicketMessage } from '../ticket';

/** Mappers of posted and edited messages: the canonical events and the legacy comment ones. */

const messageRef = (m: TicketMessage) => ({ ticketId: m.ticketId, messageId: m.id, channel: m.channel, attachmentsCount: m.attachmentsCount });

export const messageAdded = ({ message: m }: PostedMessage) => ({
  ...messageRef(m),
  visibility: m.visibility,
  authorId: m.authorId,
  authorType: m.authorType,
  createdAt: iso(m.createdAt),
});

export const customerReplied = when(
  ({ message }: PostedMessage) => message.authorType === 'contact',
  ({ message: m }) => ({ ...messageRef(m), contactId: m.authorId, receivedAt: iso(m.createdAt) }),
);

export const internalNoteAdded = when(
  ({ message }: PostedMessage) => message.visibility === 'internal',
  ({ message: m }) => ({ ticketId: m.ticketId, noteId: m.id, createdAt: iso(m.createdAt) }),
);

export const responseStateChanged = when(
  ({ responseState }: PostedMessage) => !!responseState,
  ({ message, responseState }) => ({ ticketId: message.ticketId, previousResponseState: responseState!.previous, newResponseState: responseState!.new }),
);

/** The legacy events' view of a message. */
const legacySnapshot = (m: TicketMessage) => ({ id: m.id, content: m.content, author: m.authorId, isInternal: m.visibility === 'internal' });
const legacyComment = (m: TicketMessage) => ({ ...legacySnapshot(m), authorType: m.authorType === 'user' ? ('internal' as const) : ('client' as const) });

export const commentAdded = ({ message: m }: PostedMessage) => ({ ticketId: m.ticketId, userId: m.authorId, comment: legacyComment(m) });

export const commentUpdated = when(
  ({ before, after }: EditedMessage) => before.content !== after.content,
  ({ before, after, editorId }) => ({
    ticketId: after.ticketId,
    userId: editorId,
    comment: legacyComment(after),
    oldComment: legacySnapshot(before),
    newComment: legacySnapshot(after),
    changes: { content: { previous: before.content, new: after.content } },
  }),
);
