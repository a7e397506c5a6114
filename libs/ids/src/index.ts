export * from './prefixed-id';
export * from './page-cursor';
