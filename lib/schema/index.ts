export * from './errors';
export * from './validator';
export * from './registry';
export * from './json-schema';
export * from './forbidden-keys';
export { ClassValidatorValidator } from './class-validator-validator';
export { CompiledValidator } from './compiled-validator';
export * from './sample-payload';
