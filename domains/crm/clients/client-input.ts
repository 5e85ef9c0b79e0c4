import { CreateClientInput, ClientPatch, CLIENT_STATUSES, ClientStatus } from './client';
import { ClientInputError } from './client-errors';
import { oneOf, optionalText, optionalUuid, requiredText } from '../shared/input-checks';

const fail = (field: string, reason: string) => new ClientInputError(field, reason);

/** The columns a new client is stored with, after checking every field (ClientInputError naming it). */
export function checkCreateClient(input: CreateClientInput) {
  return {
    name: requiredText(fail, 'name', input?.name),
    status: (input.status === undefined ? 'prospect' : oneOf(fail, 'status', input.status, CLIENT_STATUSES)) as ClientStatus,
    ownerUserId: optionalUuid(fail, 'ownerUserId', input.ownerUserId) ?? undefined,
    website: optionalText(fail, 'website', input.website) ?? undefined,
    phoneNumber: optionalText(fail, 'phoneNumber', input.phoneNumber) ?? undefined,
    industry: optionalText(fail, 'industry', input.industry) ?? undefined,
  };
}

/** The patch with its values checked and trimmed; keys absent from the input stay absent. */
export function checkClientPatch(patch: ClientPatch): ClientPatch {
  if (!patch || typeof patch !== 'object') throw fail('patch', 'must be an object');
  const known = ['name', 'website', 'phoneNumber', 'industry'];
  const unknown = Object.keys(patch).find((k) => !known.includes(k));
  if (unknown) throw fail(unknown, `cannot be edited here (editable: ${known.join(', ')}; status and owner have their own actions)`);
  const checked: ClientPatch = {};
  if (patch.name !== undefined) checked.name = requiredText(fail, 'name', patch.name);
  for (const key of ['website', 'phoneNumber', 'industry'] as const) {
    if (patch[key] !== undefined) checked[key] = optionalText(fail, key, patch[key]);
  }
  return checked;
}

export const checkStatus = (status: unknown): ClientStatus => oneOf(fail, 'status', status, CLIENT_STATUSES);
