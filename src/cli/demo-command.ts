import { Command } from 'commander';
import { v4 as uuidv4 } from 'uuid';
import { EventEnvelope } from '../../lib/bus/envelope';
import { withEmissionContext } from '../../lib/emission/emission-context';
import { DemoContext } from '../../lib/modules/demo-story';
import { subjectOf } from '../../lib/bus/cloudevent';
import { App, createApp, syncCatalog } from '../app';
import { loadConfig } from '../config';
import { outputHelp, table } from './output';

type Line = { kind: 'say'; text: string } | { kind: 'event'; envelope: EventEnvelope; at: number };

/** Each module's story, in dependency order, as one tenant's business actions. */
async function tellStories(app: App, ctx: { tenantId: string; actorUserId: string; correlationId: string }, lines: Line[], settle: () => Promise<void>): Promise<string[]> {
  const told: string[] = [];
  for (const m of app.runtime.modules) {
    if (!m.demo) continue;
    lines.push({ kind: 'say', text: `— ${m.demo.title}` });
    const demo: DemoContext = {
      runtime: app.runtime,
      tenantId: ctx.tenantId,
      actorUserId: ctx.actorUserId,
      resolve: (token) => app.runtime.resolve(token),
      as: (over, fn) => withEmissionContext(over, fn),
      say: (text) => lines.push({ kind: 'say', text }),
      settle,
    };
    await withEmissionContext(ctx, () => m.demo!.run(demo));
    told.push(m.name);
  }
  return told;
}

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description("tell each module's short story through its real services (a help-desk morning, an invoice, …) and show every event arriving at the worker")
    .option('--within <ms>', 'how long to wait for the worker', '10000')
    .addHelpText(
      'after',
      outputHelp(
        'The tenant and correlation id, a table of every committed event (type, schema ref, entity, time from\n' +
          'commit to the worker), then "N events committed, N recorded by the worker". Exit 1 if one did not arrive.',
      ),
    )
    .action(async (opts: { within: string }) => {
      const app = await createApp(loadConfig());
      try {
        await syncCatalog(app);
        app.runtime.start();
        const lines: Line[] = [];
        const committed = new Map<string, number>();
        const arrived = new Map<string, number>();
        app.runtime.onCommitted((envs) =>
          envs.forEach((e) => {
            committed.set(e.id, Date.now());
            lines.push({ kind: 'event', envelope: e, at: Date.now() });
          }),
        );
        app.runtime.worker.on('ingested', (e: EventEnvelope) => arrived.set(e.id, Date.now()));
        const within = Number(opts.within);
        const settle = async () => {
          const deadline = Date.now() + within;
          while ([...committed.keys()].some((id) => !arrived.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        };

        const ctx = { tenantId: uuidv4(), actorUserId: uuidv4(), correlationId: `demo-${Date.now()}` };
        await tellStories(app, ctx, lines, settle);
        await settle();

        process.stdout.write(`tenant ${ctx.tenantId}, correlation id ${ctx.correlationId}, bus ${app.bus.kind}\n`);
        let n = 0;
        let rows: string[][] = [];
        const flush = () => {
          if (rows.length) process.stdout.write(table(rows, ['#', 'EVENT TYPE', 'SCHEMA REF', 'SUBJECT', 'COMMIT → WORKER']) + '\n');
          rows = [];
        };
        for (const line of lines) {
          if (line.kind === 'say') {
            flush();
            process.stdout.write(`\n${line.text}\n`);
          } else {
            const e = line.envelope;
            const subject = e.subject ?? subjectOf(e);
            rows.push([String(++n), e.eventType, e.schemaRef, subject ? `${subject.slice(0, 8)}…` : '', arrived.has(e.id) ? `${arrived.get(e.id)! - line.at} ms` : 'NOT ARRIVED']);
          }
        }
        flush();
        const missing = [...committed.keys()].filter((id) => !arrived.has(id)).length;
        process.stdout.write(`\n${committed.size} events committed, ${committed.size - missing} recorded by the worker in workflow_runtime_events\n`);
        if (missing) process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
}
