export * from './domain-module';
export * from './event-runtime';
export * from './core-migrations';
