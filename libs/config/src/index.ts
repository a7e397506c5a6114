export { z } from 'zod';
export * from './load-config';
export * from './fields';
