import { Command } from 'commander';
import { CatalogEntry } from '../../lib/catalog/catalog-entry';
import { TenantCatalogStore, TenantEventError } from '../../lib/catalog/tenant-catalog';
import { createApp, syncCatalog } from '../app';
import { loadConfig } from '../config';
import { catalogFromMetadata } from './metadata-catalog';
import { CliError, printJson, table } from './output';

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

export function catalogCommands(program: Command): void {
  const catalog = program.command('catalog').description('the event catalog assembled from @DomainEvent / @EmitsEvent metadata');

  catalog
    .command('list')
    .description('list every catalogued event')
    .option('--json', 'one JSON object per event, with its JSON Schema and emitters')
    .option('--tenant <uuid>', "also list this tenant's own events (event_catalog; reads the database)")
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
    .description('one event: description, status, emitters and payload schema')
    .option('--json', 'machine-readable output')
    .action((eventType: string, opts: { json?: boolean }) => {
      const type = eventType.toUpperCase();
      const entry = catalogFromMetadata().find((e) => e.eventType === type);
      if (!entry) throw new CliError(`Unknown event type ${type}. Run \`wfe catalog list\` to see the catalog.`);
      if (opts.json) return printJson(toJson(entry));
      const lines = [
        `${entry.eventType} — ${entry.name}`,
        `  category:    ${entry.category}${entry.module ? ` (module ${entry.module})` : ''}`,
        `  status:      ${entry.status}`,
        `  schema ref:  ${entry.payloadSchemaRef}${entry.versions.length > 1 ? ` (also ${entry.versions.slice(0, -1).join(', ')})` : ''}`,
        `  emitters:    ${entry.emitters.join(', ') || '—'}`,
        ...(entry.supersededBy ? [`  superseded by: ${entry.supersededBy.join(', ')}`] : []),
        ...(entry.rationale ? [`  rationale:   ${entry.rationale}`] : []),
        '',
        `  ${entry.description}`,
        '',
        'Payload schema:',
        JSON.stringify(entry.payloadSchema, null, 2),
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });

  catalog
    .command('sync')
    .description('upsert system_event_catalog (DATABASE_URL or the embedded SQLite) by event type')
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
