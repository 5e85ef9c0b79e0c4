export * from './secret-key';
export * from './secret-box';
export * from './signed-tokens';
