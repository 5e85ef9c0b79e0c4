export * from '../decorators';
export * from '../lib';
export { createApp, syncCatalog, App } from './app';
export { loadConfig, AppConfig } from './config';
