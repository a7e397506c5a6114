export * from './domain-errors';
export * from './pg-errors';
