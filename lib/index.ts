/**
 * `workflow-events`: the framework — authoring decorators, the domain kit and the engine. Loads no
 * business module: a runtime runs exactly the modules it is given (`workflow-events/modules` has the
 * MSP ones, `workflow-events/testing` the test kit, `workflow-events/app` the composition root).
 */
export * from './kit'; // the decorators, field types and everything a module needs
export * from './schema';
export * from './bus';
export * from './uow';
export * from './emission';
export * from './interception';
export * from './outbox';
export * from './catalog';
export * from './worker';
export * from './runtime';
export * from './simulation';
export * from './modules';
export * from './blobs';
export * from './security';
