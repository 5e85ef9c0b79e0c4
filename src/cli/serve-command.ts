import { Command } from 'commander';
import { SweepScheduler } from '../../lib/modules/sweep-runner';
import { createApp, syncCatalog } from '../app';
import { loadConfig } from '../config';
import { isLoopbackHost } from '../http/api-token';
import { createServer } from '../http/server';
import { startupSummary } from '../summary';
import { CliError, outputHelp } from './output';
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
      if (!config.apiToken && !isLoopbackHost(config.host)) {
        throw new CliError(`HOST=${config.host} is not a loopback address and WFE_API_TOKEN is not set: writing routes (POST /simulate, …) would be open to the network. Set WFE_API_TOKEN, or listen on 127.0.0.1.`);
      }
      const app = await createApp(config);
      const server = createServer(app);
      let address: string;
      try {
        const report = await syncCatalog(app);
        // Listen before starting relay and worker: a taken port stops here with nothing running.
        address = await server.listen({ host: config.host, port: config.port });
        process.stdout.write(startupSummary(config, app.runtime.catalog(), report, address));
      } catch (err) {
        await server.close().catch(() => undefined);
        await app.close();
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new CliError(`port ${config.port} on ${config.host} is already in use (EADDRINUSE): stop the other server or pass --port`);
        if (code === 'EADDRNOTAVAIL') throw new CliError(`HOST=${config.host} is not an address of this machine (EADDRNOTAVAIL)`);
        if (code === 'EACCES') throw new CliError(`not allowed to listen on port ${config.port} (EACCES)`);
        throw err;
      }
      app.runtime.start();
      const sweeps = new SweepScheduler(app.runtime, config.sweepIntervalMs, (results) => {
        for (const r of results) {
          if (r.error) app.logger.error({ module: r.module, sweeper: r.sweeper, err: r.error }, 'sweep failed');
          else if (r.count) app.logger.info({ module: r.module, sweeper: r.sweeper, count: r.count }, 'sweep emitted');
        }
      });
      sweeps.start();
      onShutdown(async () => {
        await sweeps.stop();
        await server.close();
        await app.close();
      });
    });
}
