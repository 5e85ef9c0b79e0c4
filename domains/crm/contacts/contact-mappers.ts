import { iso } from '../../../lib/kit';
import { Contact } from './contact';

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
