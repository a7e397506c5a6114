export * from './caller/actor';
