import { ContactPatch, CreateContactInput } from './contact';
import { ContactInputError } from './contact-errors';
import { emailKey, optionalEmail, optionalText, requiredText, requiredUuid } from '../shared/input-checks';

const fail = (field: string, reason: string) => new ContactInputError(field, reason);

/** A new contact's fields, checked (ContactInputError naming the field) and trimmed. */
export function checkCreateContact(input: CreateContactInput) {
  return {
    clientId: requiredUuid(fail, 'clientId', input?.clientId),
    fullName: requiredText(fail, 'fullName', input.fullName),
    email: optionalEmail(fail, 'email', input.email) ?? undefined,
    phoneNumber: optionalText(fail, 'phoneNumber', input.phoneNumber) ?? undefined,
    jobTitle: optionalText(fail, 'jobTitle', input.jobTitle) ?? undefined,
  };
}

/** The patch with its values checked and trimmed; keys absent from the input stay absent. */
export function checkContactPatch(patch: ContactPatch): ContactPatch {
  if (!patch || typeof patch !== 'object') throw fail('patch', 'must be an object');
  const known = ['fullName', 'email', 'phoneNumber', 'jobTitle'];
  const unknown = Object.keys(patch).find((k) => !known.includes(k));
  if (unknown) throw fail(unknown, `cannot be edited here (editable: ${known.join(', ')}; primary, archive and merge have their own actions)`);
  const checked: ContactPatch = {};
  if (patch.fullName !== undefined) checked.fullName = requiredText(fail, 'fullName', patch.fullName);
  if (patch.email !== undefined) checked.email = optionalEmail(fail, 'email', patch.email);
  for (const key of ['phoneNumber', 'jobTitle'] as const) {
    if (patch[key] !== undefined) checked[key] = optionalText(fail, key, patch[key]);
  }
  return checked;
}

/** The address findByEmail looks for: `Name <a@b.c>` and surrounding space are tolerated. */
export function searchKey(address: string): string | undefined {
  if (typeof address !== 'string') return undefined;
  const bracketed = /<([^<>]+)>\s*$/.exec(address);
  const key = emailKey(bracketed ? bracketed[1] : address);
  return key || undefined;
}
