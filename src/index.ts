/**
 * `workflow-events/app`: the composition root behind `wfe` — `createApp` (database, bus, runtime and
 * the application's modules), configuration, the HTTP server and the CLI program.
 */
export { createApp, syncCatalog, App, AppOptions } from './app';
export { loadAppModules, AppConfigFileError, CONFIG_FILE } from './app-modules';
export { loadConfig, AppConfig } from './config';
export { createServer } from './http/server';
export { buildProgram, main } from './cli/main';
