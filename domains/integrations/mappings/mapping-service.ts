import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, forUpdate, readDate, requireStaff, UnitOfWork } from '../../../lib/kit';
import { checkId } from '../connections/connection-input';
import { ConnectionStore } from '../connections/connection-store';
import { isUniqueViolation } from '../shared/unique-violation';
import { ChangeMappingInput, CreateMappingInput, ExternalMapping, MappingChange } from './mapping';
import { MappingConflictError, MappingInputError, MappingNotFoundError } from './mapping-errors';
import { mappingChanged } from './mapping-mappers';

const MAPPING_TYPE = /^[a-z][a-z0-9_.-]{0,63}$/;

function checkKey(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new MappingInputError(field, 'must be a non-empty string');
  if (value.trim().length > 255) throw new MappingInputError(field, 'must be at most 255 characters');
  return value.trim();
}

/**
 * Links between local records and a provider's ids, per integration and mapping type, one-to-one:
 * an external id maps to one local record and a local record to one external id (unique keys, so
 * concurrent saves cannot both win). Every create, change and removal is EXTERNAL_MAPPING_CHANGED.
 * Staff only. Local ids are opaque here: checking that a client exists belongs to the CRM module.
 */
@injectable()
export class ExternalMappingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ConnectionStore,
  ) {}

  @EmitsEvent('EXTERNAL_MAPPING_CHANGED', mappingChanged)
  async create(input: CreateMappingInput): Promise<MappingChange> {
    const actorUserId = requireStaff('ExternalMappingService.create');
    const tenant = currentTenant('ExternalMappingService.create');
    const integrationId = checkId(input?.integrationId, 'integrationId');
    if (typeof input.mappingType !== 'string' || !MAPPING_TYPE.test(input.mappingType)) {
      throw new MappingInputError('mappingType', 'must be lower-case letters, digits and _ . - (at most 64), starting with a letter');
    }
    const localId = checkKey(input.localId, 'localId');
    const externalId = checkKey(input.externalId, 'externalId');
    await this.store.integration(integrationId);
    await this.checkFree(integrationId, input.mappingType, { localId, externalId });
    const id = uuidv4();
    const now = actionTime();
    await this.write(() =>
      this.uow.db('integration_external_mappings').insert({
        mapping_id: id,
        tenant,
        integration_id: integrationId,
        mapping_type: input.mappingType,
        local_id: localId,
        external_id: externalId,
        created_by_user_id: actorUserId,
        created_at: now,
        updated_at: now,
      }),
      input.mappingType,
      { localId, externalId },
    );
    return { current: await this.get(id), actorUserId, changedAt: now };
  }

  /** Points a mapping at another local record or external id. The same values again change nothing and emit nothing. */
  @EmitsEvent('EXTERNAL_MAPPING_CHANGED', mappingChanged)
  async change(mappingId: string, patch: ChangeMappingInput): Promise<MappingChange> {
    const actorUserId = requireStaff('ExternalMappingService.change');
    const tenant = currentTenant('ExternalMappingService.change');
    if (patch?.localId === undefined && patch?.externalId === undefined) throw new MappingInputError('localId', 'or externalId must be given');
    const previous = await this.locked(mappingId);
    const next = {
      localId: patch.localId === undefined ? previous.localId : checkKey(patch.localId, 'localId'),
      externalId: patch.externalId === undefined ? previous.externalId : checkKey(patch.externalId, 'externalId'),
    };
    const now = actionTime();
    if (next.localId === previous.localId && next.externalId === previous.externalId) return { previous, current: previous, actorUserId, changedAt: now };
    await this.checkFree(previous.integrationId, previous.mappingType, next, previous.id);
    await this.write(
      () =>
        this.uow
          .db('integration_external_mappings')
          .where({ mapping_id: previous.id, tenant })
          .update({ local_id: next.localId, external_id: next.externalId, updated_at: now }),
      previous.mappingType,
      next,
    );
    return { previous, current: await this.get(previous.id), actorUserId, changedAt: now };
  }

  @EmitsEvent('EXTERNAL_MAPPING_CHANGED', mappingChanged)
  async remove(mappingId: string): Promise<MappingChange> {
    const actorUserId = requireStaff('ExternalMappingService.remove');
    const previous = await this.locked(mappingId);
    await this.uow.db('integration_external_mappings').where({ mapping_id: previous.id, tenant: currentTenant('ExternalMappingService.remove') }).delete();
    return { previous, actorUserId, changedAt: actionTime() };
  }

  async get(mappingId: string): Promise<ExternalMapping> {
    const tenant = currentTenant('ExternalMappingService.get');
    const row = await this.query(tenant).where('m.mapping_id', mappingId).first();
    if (!row) throw new MappingNotFoundError(mappingId);
    return mappingOf(row);
  }

  /** The local record an external id is mapped to, if any. */
  async findByExternalId(integrationId: string, mappingType: string, externalId: string): Promise<ExternalMapping | undefined> {
    const row = await this.query(currentTenant('ExternalMappingService.findByExternalId')).where({ 'm.integration_id': integrationId, 'm.mapping_type': mappingType, 'm.external_id': externalId }).first();
    return row ? mappingOf(row) : undefined;
  }

  /** The external id a local record is mapped to, if any. */
  async findByLocalId(integrationId: string, mappingType: string, localId: string): Promise<ExternalMapping | undefined> {
    const row = await this.query(currentTenant('ExternalMappingService.findByLocalId')).where({ 'm.integration_id': integrationId, 'm.mapping_type': mappingType, 'm.local_id': localId }).first();
    return row ? mappingOf(row) : undefined;
  }

  private query(tenant: string) {
    return this.uow
      .db('integration_external_mappings as m')
      .join('integrations as i', function () {
        this.on('i.integration_id', '=', 'm.integration_id').andOn('i.tenant', '=', 'm.tenant');
      })
      .where('m.tenant', tenant)
      .select('m.*', 'i.provider');
  }

  /** The mapping, locked until commit so concurrent changes of it run one after the other. */
  private async locked(mappingId: string): Promise<ExternalMapping> {
    const db = this.uow.db;
    await db('integration_external_mappings').where({ mapping_id: mappingId, tenant: currentTenant('ExternalMappingService.lock') }).modify(forUpdate(db)).first('mapping_id');
    return this.get(mappingId);
  }

  private async checkFree(integrationId: string, mappingType: string, values: { localId: string; externalId: string }, except?: string): Promise<void> {
    const tenant = currentTenant('ExternalMappingService.checkFree');
    for (const side of ['externalId', 'localId'] as const) {
      const column = side === 'externalId' ? 'external_id' : 'local_id';
      const taken = await this.uow
        .db('integration_external_mappings')
        .where({ tenant, integration_id: integrationId, mapping_type: mappingType, [column]: values[side] })
        .modify((q) => (except ? q.whereNot('mapping_id', except) : q))
        .first('mapping_id');
      if (taken) throw new MappingConflictError(side, values[side], mappingType);
    }
  }

  /** Runs the write; a unique-key violation (a concurrent save won) becomes MappingConflictError. */
  private async write(statement: () => Promise<unknown>, mappingType: string, values: { localId: string; externalId: string }): Promise<void> {
    try {
      await statement();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const side = /local/.test(String((err as Error).message)) ? 'localId' : 'externalId';
      throw new MappingConflictError(side, values[side], mappingType);
    }
  }
}

function mappingOf(row: any): ExternalMapping {
  return {
    id: row.mapping_id,
    tenantId: row.tenant,
    integrationId: row.integration_id,
    provider: row.provider,
    mappingType: row.mapping_type,
    localId: row.local_id,
    externalId: row.external_id,
    createdAt: readDate(row.created_at)!,
    updatedAt: readDate(row.updated_at)!,
  };
}
