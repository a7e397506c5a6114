/** Where tests find the real infrastructure started by `npm test`. */
export const testKafkaBrokers = process.env.KAFKA_BROKERS || `127.0.0.1:${process.env.HOOKLINE_KAFKA_PORT || '9092'}`;
export const testDatabaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/hookline_test';

/**
 * A database of its own beside the test database, for suites that read the catalog: MikroORM's
 * schema diff matches columns to tables by name across every schema, so it slows down with each
 * schema other suites leave in the shared database.
 */
export function separateTestDatabaseUrl(name: string): string {
  const url = new URL(testDatabaseUrl);
  url.pathname = `${url.pathname}_${name}`;
  return url.toString();
}
