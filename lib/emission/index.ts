export * from './emission-context';
export * from './emission-pipeline';
