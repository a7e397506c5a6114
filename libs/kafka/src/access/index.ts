export * from './acl-plan';
export * from './credentials';
export * from './provision';
export * from './refusal';
export * from './acl-script';
