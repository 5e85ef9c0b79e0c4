export * from './database';
export * from './unit-of-work';
export * from './migrator';
export * from './sequences';
export * from './insert-if-absent';
