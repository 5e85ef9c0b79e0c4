import { SchemaRegistry } from '../schema/registry';
import { JsonSchema } from '../schema/json-schema';

export interface AsyncApiOptions {
  title?: string;
  version?: string;
  /** The global stream every event is published to. */
  stream?: string;
}

const CHANNEL = 'globalStream';

/** The flat fields each stream entry carries beside the payload (DESIGN.md, Redis wire format). */
const WIRE_HEADERS: JsonSchema = {
  type: 'object',
  required: ['event_id', 'event_type', 'tenant', 'timestamp', 'payload_schema_ref'],
  properties: {
    event_id: { type: 'string', format: 'uuid', description: 'UUID v7, the de-duplication key end to end' },
    event_name: { type: 'string', description: "The catalog's human name" },
    event_type: { type: 'string' },
    tenant: { type: 'string', format: 'uuid' },
    timestamp: { type: 'string', format: 'date-time', description: 'occurredAt' },
    user_id: { type: 'string', description: 'actorUserId, or empty' },
    payload_schema_ref: { type: 'string' },
    correlation_id: { type: 'string' },
    causation_id: { type: 'string' },
    traceparent: { type: 'string' },
  },
};

/** Nested DTO refs point into the document's components once definitions are hoisted there. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/definitions/', '#/components/schemas/') : rewriteRefs(v)]),
  );
}

const messageId = (ref: string) => ref.replace(/^payload\./, '');

/**
 * An AsyncAPI 3.0 document: one channel (the global stream), one message per registered schema
 * ref with its payload schema and its category as tag, and the send operation that publishes them.
 */
export function toAsyncApi(registry: SchemaRegistry, options: AsyncApiOptions = {}): Record<string, unknown> {
  const defs = [...registry.all()].sort((a, b) => a.schemaRef.localeCompare(b.schemaRef));
  const schemas: Record<string, unknown> = { WireHeaders: WIRE_HEADERS };
  const messages: Record<string, unknown> = {};
  for (const def of defs) {
    const { $schema: _s, $id: _i, definitions, title: _t, ...payload } = registry.jsonSchema(def.schemaRef)!;
    for (const [name, schema] of Object.entries<JsonSchema>(definitions ?? {})) schemas[name] = rewriteRefs(schema);
    messages[messageId(def.schemaRef)] = {
      name: def.type,
      title: `${def.name} (v${def.version})`,
      summary: def.description,
      contentType: 'application/json',
      tags: [{ name: def.category }],
      headers: { $ref: '#/components/schemas/WireHeaders' },
      payload: rewriteRefs(payload),
      'x-schema-ref': def.schemaRef,
      'x-status': def.status,
    };
  }
  const ids = Object.keys(messages);
  return {
    asyncapi: '3.0.0',
    info: {
      title: options.title ?? 'workflow-events',
      version: options.version ?? '0.0.0',
      description: 'Catalogued, schema-validated domain events published through the transactional outbox.',
    },
    defaultContentType: 'application/json',
    channels: {
      [CHANNEL]: {
        address: options.stream ?? 'workflow:events:global',
        title: 'Global event stream',
        messages: Object.fromEntries(ids.map((id) => [id, { $ref: `#/components/messages/${id}` }])),
      },
    },
    operations: {
      publishEvent: {
        action: 'send',
        title: 'Publish a domain event',
        channel: { $ref: `#/channels/${CHANNEL}` },
        messages: ids.map((id) => ({ $ref: `#/channels/${CHANNEL}/messages/${id}` })),
      },
    },
    components: { schemas, messages },
  };
}
