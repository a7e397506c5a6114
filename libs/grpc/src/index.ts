export * from './error-mapping';
export * from './server';
export * from './client';
export * from './health-client';
export * from './serve';
export { HEALTH_SERVICE_NAME, serviceName } from './health';
