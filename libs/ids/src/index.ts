export * from './prefixed-id';
export * from './page-cursor';
export * from './cursor-seal';
