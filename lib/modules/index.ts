export * from './domain-module';
export * from './resolve-modules';
export * from './module-routes';
export * from './module-commands';
export * from './demo-story';
export * from './sweep-runner';
