import { iso, when } from '../../../lib/kit';
import { Contact, ContactChange, PrimaryChange } from './contact';

/** Result → payload for the CONTACT_* events. */

export const contactCreated = (c: Contact) => ({
  contactId: c.id,
  clientId: c.clientId,
  fullName: c.fullName,
  email: c.email,
  phoneNumber: c.phoneNumber,
  createdByUserId: c.createdByUserId,
  createdAt: iso(c.createdAt),
});

export const contactUpdated = when(
  (c: ContactChange) => c.updatedFields.length > 0,
  (c: ContactChange, ctx) => ({
    contactId: c.after.id,
    clientId: c.after.clientId,
    updatedByUserId: ctx.actorUserId!,
    updatedAt: iso(c.at),
    updatedFields: c.updatedFields,
    changes: c.changes,
  }),
);

export const contactPrimarySet = when(
  (p: PrimaryChange) => p.changed,
  (p: PrimaryChange, ctx) => ({
    clientId: p.contact.clientId,
    contactId: p.contact.id,
    previousPrimaryContactId: p.previousPrimaryContactId,
    setByUserId: ctx.actorUserId!,
    setAt: iso(p.at),
  }),
);

export const contactArchived = (c: Contact) => ({
  contactId: c.id,
  clientId: c.clientId,
  archivedByUserId: c.archivedByUserId!,
  archivedAt: iso(c.archivedAt!),
  reason: c.archiveReason,
});
