/** Where tests find the real infrastructure started by `npm test`. */
export const testKafkaBrokers = process.env.KAFKA_BROKERS || '127.0.0.1:9092';
export const testDatabaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/hookline_test';
