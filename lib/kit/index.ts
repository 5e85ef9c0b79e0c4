/**
 * The domain kit: the one entry point through which business modules (domains/*) use the engine.
 * Authoring (decorators, field types, the event type map), the module definition, the unit of
 * work, who acts and when, domain errors, mapper helpers and storage helpers.
 */
export * from '../../decorators';
export type { Knex } from 'knex';
export type { EventEnvelope } from '../bus/envelope';
export { UnitOfWork } from '../uow/unit-of-work';
export type { Migration } from '../uow/migrator';
export { readDate, readJson, isPostgres } from '../uow/database';
export { insertIfAbsent } from '../uow/insert-if-absent';
export { nextSequenceValue } from '../uow/sequences';
export { withEmissionContext, MissingTenantError, EmissionContextInit } from '../emission/emission-context';
export {
  declareDomainModule,
  defineDomainModule,
  DomainModule,
  DomainModuleDeclaration,
  DomainModuleParts,
  ModuleEventOptions,
  Sweeper,
  Constructor,
} from '../modules/domain-module';
export type { ModuleRoutes, ModuleHttpContext, ModuleLogger } from '../modules/module-routes';
export type { ModuleCommands, CommandApp } from '../modules/module-commands';
export type { DemoStory, DemoContext } from '../modules/demo-story';
export { BlobStore, StoredBlob, PutOptions, BlobTooLargeError, BlobNotFoundError } from '../blobs/blob-store';
export { SecretBox, SecretBoxError } from '../security/secret-box';
export { SignedTokens, SignedTokenError, SignOptions } from '../security/signed-tokens';
export * from './acting';
export * from './domain-error';
export * from './mapping';
export * from './storage';
