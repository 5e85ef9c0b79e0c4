export * from './event-runtime';
export * from './core-migrations';
