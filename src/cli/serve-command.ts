import { Command } from 'commander';
import { SweepScheduler } from '../../lib/modules/sweep-runner';
import { createApp, syncCatalog } from '../app';
import { loadConfig } from '../config';
import { createServer } from '../http/server';
import { startupSummary } from '../summary';
import { outputHelp } from './output';
import { onShutdown } from './shutdown';

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('migrate, sync the catalog, run relay + worker and serve the HTTP API (what `npm start` runs)')
    .option('-p, --port <port>', 'port to listen on (default PORT or 8080)')
    .addHelpText('after', outputHelp('A one-screen summary (database, bus, catalog by category, routes), then runs until SIGTERM/SIGINT.\nLogs (JSON, pino) go to stderr.'))
    .action(async (opts: { port?: string }) => {
      const config = loadConfig();
      if (opts.port) config.port = Number(opts.port);
      const app = await createApp(config);
      const report = await syncCatalog(app);
      const catalog = app.runtime.catalog();
      app.runtime.start();
      const sweeps = new SweepScheduler(app.runtime, config.sweepIntervalMs, (results) => {
        for (const r of results) {
          if (r.error) app.logger.error({ module: r.module, sweeper: r.sweeper, err: r.error }, 'sweep failed');
          else if (r.count) app.logger.info({ module: r.module, sweeper: r.sweeper, count: r.count }, 'sweep emitted');
        }
      });
      sweeps.start();
      const server = createServer(app);
      const address = await server.listen({ host: config.host, port: config.port });
      process.stdout.write(startupSummary(config, catalog, report, address));
      onShutdown(async () => {
        await sweeps.stop();
        await server.close();
        await app.close();
      });
    });
}
