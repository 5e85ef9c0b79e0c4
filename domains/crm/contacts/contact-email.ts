import { isUniqueViolation } from '../shared/unique-violation';
import { ContactEmailTakenError } from './contact-errors';

/** Runs a write that stores `email`; a unique-key violation (a concurrent save took it) becomes ContactEmailTakenError. */
export async function saveEmailSafely<T>(email: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (email && isUniqueViolation(err)) throw new ContactEmailTakenError(email, 'another contact');
    throw err;
  }
}
