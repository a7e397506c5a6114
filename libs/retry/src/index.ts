export * from './backoff';
export * from './sleep';
export * from './retry-with-backoff';
