export * from './simulator';
export * from './await-ingestion';
export * from './simulate-all';
