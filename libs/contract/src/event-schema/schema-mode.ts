/**
 * What ingestion does with a catalog type's JSON Schema at publish time (DESIGN §3):
 * `enforce` refuses data that does not match, `warn` accepts it and counts it, `off` does not look.
 */
export const SCHEMA_MODES = ['enforce', 'warn', 'off'] as const;
export type SchemaMode = (typeof SCHEMA_MODES)[number];

/** A type declared without a mode is not checked, as before schemas were checked at all. */
export const DEFAULT_SCHEMA_MODE: SchemaMode = 'off';

export const isSchemaMode = (value: string): value is SchemaMode => (SCHEMA_MODES as readonly string[]).includes(value);
