export * from './caller/actor';
export * from './webhook-rules/field-rule';
export * from './webhook-rules/webhook-rules';
export * from './webhook-rules/webhook-bodies';
export * from './untrusted-text/untrusted-text';
export * from './wire-profile/wire-profile';
export * from './parameters/parameters';
export * from './portal/portal-features';
