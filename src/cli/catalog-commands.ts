import { Command } from 'commander';
import { CatalogEntry } from '../../lib/catalog/catalog-entry';
import { summarizeFields } from '../../lib/catalog/field-summary';
import { TenantCatalogStore, TenantEventError } from '../../lib/catalog/tenant-catalog';
import { createApp, syncCatalog } from '../app';
import { loadConfig } from '../config';
import { commonFields, eventView } from './event-view';
import { catalogFromMetadata, registryFromMetadata } from './metadata-catalog';
import { CliError, outputHelp, printJson, table } from './output';

function toJson(e: CatalogEntry) {
  return {
    eventType: e.eventType,
    category: e.category,
    module: e.module,
    name: e.name,
    description: e.description,
    status: e.status,
    payloadSchemaRef: e.payloadSchemaRef,
    versions: e.versions,
    payloadSchema: e.payloadSchema,
    emitters: e.emitters,
    ...(e.supersededBy ? { supersededBy: e.supersededBy } : {}),
    ...(e.rationale ? { rationale: e.rationale } : {}),
  };
}

/** A tenant's own events (event_catalog), in the camelCase shape of `toJson`. */
async function tenantEvents(tenant: string) {
  const app = await createApp(loadConfig());
  try {
    const rows = await new TenantCatalogStore(app.runtime.db).list(tenant).catch((err) => {
      throw err instanceof TenantEventError ? new CliError(err.message) : err;
    });
    return rows.map((r: any) => ({
      eventType: r.event_type as string,
      category: r.category as string,
      name: r.name as string,
      description: r.description as string,
      status: r.status as string,
      payloadSchemaRef: r.payload_schema_ref as string,
      payloadSchema: r.payload_schema,
      tenant: r.tenant as string,
    }));
  } finally {
    await app.close();
  }
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`expected a schema version (1, 2, …), got "${v}"`);
  return n;
}

/** `wfe catalog show`: the entry, and the registered version to show (default the current one). */
function findEvent(eventType: string, version?: number) {
  const registry = registryFromMetadata();
  const type = eventType.toUpperCase();
  const entries = catalogFromMetadata();
  const entry = entries.find((e) => e.eventType === type);
  if (!entry) throw new CliError(`Unknown event type ${type}. Run \`wfe catalog list\` to see the catalog.`);
  const shown = version === undefined ? undefined : registry.versions(type).find((d) => d.version === version);
  if (version !== undefined && !shown) throw new CliError(`${type} has no version ${version}; registered: ${entry.versions.join(', ')}`);
  const ref = shown?.schemaRef ?? entry.payloadSchemaRef;
  return { entry, ref, schema: registry.jsonSchema(ref)!, common: commonFields(entries) };
}

export function catalogCommands(program: Command): void {
  const catalog = program
    .command('catalog')
    .description('the event catalog assembled from @DomainEvent / @EmitsEvent metadata: list, show, sync, export, check');

  catalog
    .command('list')
    .description('list every catalogued event: type, category, status, current schema ref and emitters')
    .option('--json', 'print one JSON array: an object per event (with its JSON Schema and emitters), tenant events last')
    .option('--tenant <uuid>', "also list this tenant's own events (event_catalog; reads the database)")
    .addHelpText('after', outputHelp('A table, one row per event, then the count. With --json: one JSON array on stdout.'))
    .action(async (opts: { json?: boolean; tenant?: string }) => {
      const entries = catalogFromMetadata();
      const own = opts.tenant ? await tenantEvents(opts.tenant) : [];
      if (opts.json) return printJson([...entries.map(toJson), ...own]);
      const rows = entries.map((e) => [e.eventType, e.category, e.status, e.payloadSchemaRef, e.emitters.join(', ') || '—']);
      rows.push(...own.map((r) => [r.eventType, r.category, r.status, r.payloadSchemaRef, `tenant ${opts.tenant}`]));
      process.stdout.write(table(rows, ['EVENT TYPE', 'CATEGORY', 'STATUS', 'SCHEMA REF', 'EMITTERS']) + `\n\n${entries.length} events${opts.tenant ? ` + ${own.length} tenant event(s)` : ''}\n`);
    });

  catalog
    .command('show <eventType>')
    .description('one event on one screen: description, status, versions, emitters and a table of its payload fields')
    .option('--schema', 'print the payload JSON Schema (draft-07) instead of the view')
    .option('--schema-version <n>', 'show this schema version instead of the current one', positiveInt)
    .option('--json', 'print everything as one JSON object: the catalog entry, its JSON Schema and its field table')
    .addHelpText(
      'after',
      outputHelp(
        'A one-screen view: name, category, status, versions (current marked), emitters, description and\n' +
          'a field table (field, type, required, description). --schema: one JSON Schema document.\n' +
          '--json: one JSON object. An unknown type or version exits 1 with the reason on stderr.',
      ),
    )
    .action((eventType: string, opts: { schema?: boolean; schemaVersion?: number; json?: boolean }) => {
      const { entry, ref, schema, common } = findEvent(eventType, opts.schemaVersion);
      const fields = summarizeFields(schema);
      if (opts.json) {
        const current = summarizeFields(entry.payloadSchema);
        return printJson({ ...toJson(entry), fields: current, ...(ref !== entry.payloadSchemaRef ? { shown: { schemaRef: ref, payloadSchema: schema, fields } } : {}) });
      }
      if (opts.schema) return printJson(schema);
      process.stdout.write(eventView(entry, ref, fields, common));
    });

  catalog
    .command('sync')
    .description('upsert system_event_catalog (DATABASE_URL or the embedded SQLite) by event type')
    .addHelpText('after', outputHelp('One line with the number of changes (inserted, updated, unchanged), then one line per inserted (+) or updated (~) type.'))
    .action(async () => {
      const app = await createApp(loadConfig());
      try {
        const report = await syncCatalog(app);
        const changed = report.inserted.length + report.updated.length;
        process.stdout.write(
          `catalog sync: ${changed} change(s) — ${report.inserted.length} inserted, ${report.updated.length} updated, ${report.unchanged} unchanged\n` +
            [...report.inserted.map((t) => `  + ${t}`), ...report.updated.map((t) => `  ~ ${t}`)].map((l) => l + '\n').join(''),
        );
      } finally {
        await app.close();
      }
    });
}
