import 'reflect-metadata';
export * from './test-kit';
export * from './scenario';
export * from './event-recorder';
export * from './chai-plugin';
export * from './environment';
export { isDeepSubset } from './subset';
