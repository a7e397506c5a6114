/**
 * A foreign key held as the plain id (`mapToPk`): use cases read and write ids, never load the
 * referenced row. Named and ruled as PostgreSQL named them in the migrations.
 */
export function belongsTo(entity: string, table: string, column: string, options: { nullable?: boolean } = {}) {
  return {
    kind: 'm:1' as const,
    entity,
    mapToPk: true,
    fieldName: column,
    foreignKeyName: `${table}_${column}_fkey`,
    deleteRule: 'no action',
    updateRule: 'no action',
    nullable: options.nullable,
  };
}

export const belongsToOrganization = (table: string) => belongsTo('Organization', table, 'org_id');

/**
 * Columns declared `check (x in (...))` in SQL are enums to MikroORM: it names their check
 * `<table>_<column>_check`, as PostgreSQL did.
 */
export const ROLES = ['admin', 'developer', 'viewer'];
