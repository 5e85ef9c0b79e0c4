export * from './intercept-container';
