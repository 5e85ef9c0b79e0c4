import { iso } from '../../../lib/kit';
import { ExternalMapping, MappingChange } from './mapping';

const valueOf = (m: ExternalMapping | undefined) => (m ? { integrationId: m.integrationId, localId: m.localId, externalId: m.externalId } : undefined);

/** Nothing when the save changed nothing. */
export const mappingChanged = (change: MappingChange) => {
  const subject = change.current ?? change.previous!;
  const previousValue = valueOf(change.previous);
  const newValue = valueOf(change.current);
  if (JSON.stringify(previousValue) === JSON.stringify(newValue)) return undefined;
  return {
    tenantId: subject.tenantId,
    actorUserId: change.actorUserId,
    provider: subject.provider,
    mappingType: subject.mappingType,
    mappingId: subject.id,
    changedAt: iso(change.changedAt),
    previousValue,
    newValue,
  };
};
