import { Command, Option } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { exportCatalogRows } from '../../lib/catalog/export-catalog';
import { toAsyncApi } from '../../lib/catalog/export-asyncapi';
import { exportJsonSchemas } from '../../lib/catalog/export-json-schema';
import { buildLock, checkLock, LockReport, readLock, writeLock } from '../../lib/catalog/lock-file';
import { loadConfig } from '../config';
import { catalogFromMetadata, registryFromMetadata } from './metadata-catalog';
import { CliError, outputHelp, printJson } from './output';
import { PACKAGE_ROOT, packageVersion } from './package-info';

function write(text: string, out?: string): void {
  if (!out) return void process.stdout.write(text);
  fs.writeFileSync(out, text);
  process.stderr.write(`wrote ${out}\n`);
}

function describeReport(report: LockReport, lockFile: string): string {
  const lines = [
    `catalog check against ${path.relative(process.cwd(), lockFile) || lockFile}: ${report.unchanged.length} unchanged, ` +
      `${report.added.length} added, ${report.compatible.length} compatible change(s), ` +
      `${report.incompatible.length + report.removed.length} incompatible`,
    ...report.added.map((ref) => `  + ${ref}  added`),
    ...report.compatible.map(({ ref, changes }) => `  ~ ${ref}  compatible: ${changes.map((c) => c.message).join('; ') || 'same validation (annotations, ordering or shared definitions changed)'}`),
    ...report.incompatible.flatMap(({ ref, changes }) => changes.filter((c) => !c.compatible).map((c) => `  ✗ ${ref}  ${c.code}: ${c.message}`)),
    ...report.removed.map((ref) => `  ✗ ${ref}  REF_REMOVED: a registered schema ref disappeared (keep old versions registered)`),
  ];
  return lines.join('\n') + '\n';
}

/** `wfe catalog export` and `wfe catalog check` (schema evolution against catalog.lock.json). */
export function catalogToolingCommands(program: Command): void {
  const catalog = program.commands.find((c) => c.name() === 'catalog');
  if (!catalog) throw new Error('catalogToolingCommands must be registered after catalogCommands');
  catalog
    .command('export')
    .description('export the catalog: JSON Schemas (one per ref), an AsyncAPI 3.0 document, or the catalog rows')
    .addOption(new Option('--format <format>', 'what to export').choices(['json-schema', 'asyncapi', 'catalog']).makeOptionMandatory())
    .option('--out <file>', 'write to a file instead of stdout')
    .addHelpText(
      'after',
      outputHelp(
        'One JSON document on stdout (or in --out, with "wrote <file>" on stderr): json-schema, an array of\n' +
          'draft-07 schemas ($id = schema ref, every version); asyncapi, an AsyncAPI 3.0 document; catalog,\n' +
          'an array of system_event_catalog rows with every registered version.',
      ),
    )
    .action((opts: { format: 'json-schema' | 'asyncapi' | 'catalog'; out?: string }) => {
      const registry = registryFromMetadata();
      const doc =
        opts.format === 'json-schema'
          ? exportJsonSchemas(registry)
          : opts.format === 'asyncapi'
            ? toAsyncApi(registry, { version: packageVersion(), stream: loadConfig().stream })
            : exportCatalogRows(catalogFromMetadata());
      write(JSON.stringify(doc, null, 2) + '\n', opts.out);
    });

  catalog
    .command('check')
    .description('compare every schema ref with catalog.lock.json; fails when an existing ref changed incompatibly')
    .option('--update', 'rewrite the lock with the live catalog (refused on incompatible changes unless --allow-breaking)')
    .option('--allow-breaking', 'with --update: record incompatible changes too')
    .option('--lock <file>', 'lock file (default: catalog.lock.json in the working directory)', 'catalog.lock.json')
    .option('--json', 'print the report as one JSON object (added, unchanged, compatible, incompatible, removed)')
    .addHelpText(
      'after',
      outputHelp(
        'A summary line, then one line per added (+), compatible (~) or incompatible (✗) ref; with --json the\n' +
          'report as one JSON object. Exit 1 when a ref changed incompatibly or disappeared (the reason on stderr).\n' +
          'With --update the rewritten lock is announced on stderr.',
      ),
    )
    .action((opts: { update?: boolean; allowBreaking?: boolean; lock: string; json?: boolean }) => {
      const registry = registryFromMetadata();
      const lock = readLock(opts.lock);
      if (!lock && !opts.update) throw new CliError(`${opts.lock} does not exist: run \`wfe catalog check --update\` to create it`);
      const report = checkLock(lock ?? { lockVersion: 1, refs: {} }, registry);
      const breaking = report.incompatible.length + report.removed.length;
      if (opts.json) printJson(report);
      else process.stdout.write(describeReport(report, opts.lock));
      if (opts.update && (!breaking || opts.allowBreaking)) {
        writeLock(opts.lock, buildLock(registry));
        process.stderr.write(`updated ${opts.lock} (${registry.all().length} refs)\n`);
        return;
      }
      if (breaking) {
        throw new CliError(
          `${breaking} schema ref(s) changed incompatibly. Publish the change as a new version (@DomainEvent version: N+1) ` +
            `beside the old one${opts.update ? ', or record it anyway with --update --allow-breaking' : ''}.`,
        );
      }
    });
}

