import Ajv from 'ajv';
import { isUuid } from '../../decorators';
import { Knex } from 'knex';
import { v4 as uuidv4 } from 'uuid';
import { EventStatus, pascalCase } from '../../decorators';
import { JsonSchema } from '../schema/json-schema';
import { readJson } from '../uow/database';

/** An event a tenant defines for its own workflows (e.g. raised by an integration or a form). */
export interface TenantEventInput {
  eventType: string;
  name: string;
  description: string;
  category: string;
  /** Draft-07 JSON Schema of the payload; default: any object. */
  payloadSchema?: JsonSchema;
  status?: EventStatus;
  version?: number;
}

export class TenantEventError extends Error {
  readonly code = 'TENANT_EVENT_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'TenantEventError';
  }
}

const EVENT_TYPE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/**
 * `event_catalog`: tenant-defined events, one row per (tenant, event type), listed beside the
 * system catalog. A tenant cannot redefine a system event type.
 */
export class TenantCatalogStore {
  private readonly ajv = new Ajv({ strict: false });

  constructor(
    private readonly db: Knex,
    private readonly isSystemType: (eventType: string) => boolean = () => false,
  ) {}

  /** Inserts, or updates the tenant's existing definition of the type. */
  async define(tenant: string, input: TenantEventInput): Promise<'inserted' | 'updated'> {
    this.check(tenant, input);
    const version = input.version ?? 1;
    const cols = {
      name: input.name,
      description: input.description,
      category: input.category,
      module: null,
      status: input.status ?? 'emitted',
      payload_schema_ref: `tenant.${pascalCase(input.eventType)}.v${version}`,
      payload_schema: JSON.stringify(input.payloadSchema ?? { type: 'object' }),
      emitters: JSON.stringify([]),
      superseded_by: null,
      rationale: null,
      is_system_event: false,
    };
    const now = new Date();
    return this.db.transaction(async (trx) => {
      const existing = await trx('event_catalog').where({ tenant, event_type: input.eventType }).first('event_id');
      if (existing) {
        await trx('event_catalog').where({ event_id: existing.event_id }).update({ ...cols, updated_at: now });
        return 'updated';
      }
      await trx('event_catalog').insert({ event_id: uuidv4(), tenant, event_type: input.eventType, ...cols, created_at: now, updated_at: now });
      return 'inserted';
    });
  }

  async list(tenant: string): Promise<Array<Record<string, unknown>>> {
    if (!isUuid(tenant)) throw new TenantEventError(`tenant must be a UUID, got ${JSON.stringify(tenant)}`);
    const rows = await this.db('event_catalog').where({ tenant }).orderBy(['category', 'event_type']);
    return rows.map((r: any) => ({
      ...r,
      is_system_event: Boolean(r.is_system_event),
      payload_schema: readJson(r.payload_schema),
      emitters: readJson(r.emitters),
      superseded_by: r.superseded_by === null ? null : readJson(r.superseded_by),
    }));
  }

  private check(tenant: string, input: TenantEventInput): void {
    if (!isUuid(tenant)) throw new TenantEventError(`tenant must be a UUID, got ${JSON.stringify(tenant)}`);
    if (!EVENT_TYPE.test(input.eventType)) throw new TenantEventError(`event type ${input.eventType} must be SCREAMING_SNAKE_CASE`);
    if (this.isSystemType(input.eventType)) throw new TenantEventError(`${input.eventType} is a system event type; pick another name`);
    if (input.payloadSchema && !this.ajv.validateSchema(input.payloadSchema)) {
      throw new TenantEventError(`payload schema of ${input.eventType} is not a valid JSON Schema: ${this.ajv.errorsText(this.ajv.errors)}`);
    }
  }
}
