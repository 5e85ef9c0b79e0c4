import fs from 'node:fs';
import path from 'node:path';
import { allModules } from '../domains';
import { DomainModule } from '../lib/kit';

export const CONFIG_FILE = 'wfe.config.js';

export class AppConfigFileError extends Error {
  readonly code = 'CONFIG_FILE_INVALID';
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'AppConfigFileError';
  }
}

/**
 * The modules an application runs: those named by a config file (`WFE_CONFIG`, set by
 * `wfe --config <file>`, else `./wfe.config.js` when present), or every MSP module. The file is a
 * CommonJS module exporting `{ modules: DomainModule[] }` (or `default` of that shape).
 */
export function loadAppModules(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): DomainModule[] {
  const named = env.WFE_CONFIG;
  const file = named ? path.resolve(cwd, named) : path.join(cwd, CONFIG_FILE);
  if (!named && !fs.existsSync(file)) return allModules;
  if (!fs.existsSync(file)) throw new AppConfigFileError(file, 'does not exist');
  let loaded: any;
  try {
    loaded = require(file);
  } catch (err) {
    throw new AppConfigFileError(file, `cannot be loaded: ${(err as Error).message}`);
  }
  const modules = (loaded?.modules ?? loaded?.default?.modules) as unknown;
  if (!Array.isArray(modules) || !modules.length) throw new AppConfigFileError(file, 'must export { modules: [...] } with at least one module');
  modules.forEach((m, i) => {
    if (!m || typeof m.name !== 'string' || typeof m.events !== 'function') {
      throw new AppConfigFileError(file, `modules[${i}] is not a module made with declareDomainModule(...).define() or defineDomainModule()`);
    }
  });
  return modules as DomainModule[];
}
