import { CatalogEntry } from '../lib/catalog/catalog-entry';
import { SyncReport } from '../lib/catalog/catalog-store';
import { table } from './cli/output';
import { AppConfig, describeDatabase } from './config';

/** What the status columns count, in one line under the table. */
export const STATUS_LEGEND =
  'emitted: raised by code here · legacy: still raised, superseded by a newer event · catalog-only: documented, nothing raises it yet';

/** The one-screen start-up summary of `wfe serve`. */
export function startupSummary(config: AppConfig, catalog: CatalogEntry[], sync: SyncReport, address: string): string {
  const byCategory = new Map<string, Record<string, number>>();
  for (const e of catalog) {
    const counts = byCategory.get(e.category) ?? { emitted: 0, legacy: 0, 'catalog-only': 0 };
    counts[e.status]++;
    byCategory.set(e.category, counts);
  }
  const rows = [...byCategory.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, c]) => [category, String(c.emitted), String(c.legacy), String(c['catalog-only']), String(c.emitted + c.legacy + c['catalog-only'])]);
  const changes = sync.inserted.length + sync.updated.length;
  return [
    'workflow-events',
    `  database:  ${describeDatabase(config)}`,
    `  bus:       ${config.redisUrl ? `Redis Streams ${config.redisUrl} (stream ${config.stream}, group ${config.group})` : 'in-memory (set REDIS_URL for Redis Streams)'}`,
    `  catalog:   ${catalog.length} events, synced (${changes} change(s), ${sync.unchanged} unchanged)`,
    '',
    table(rows, ['CATEGORY', 'EMITTED', 'LEGACY', 'CATALOG-ONLY', 'TOTAL']),
    STATUS_LEGEND,
    '',
    `  listening: ${address}`,
    '    GET  /catalog[?tenant=<id>]   GET /catalog/:eventType   GET /schemas/:ref   GET /asyncapi.json',
    '    POST /simulate/:eventType     GET /healthz              GET /metrics',
    config.apiToken
      ? '  writing routes need Authorization: Bearer <WFE_API_TOKEN>; read routes are open'
      : '  writing routes are open to local callers (loopback only; set WFE_API_TOKEN to require a token)',
    '  relay and worker running; Ctrl-C to stop',
    '',
  ].join('\n');
}
