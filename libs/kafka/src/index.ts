export type { Batch, Kafka, KafkaMessage } from 'kafkajs';
export { KafkaJSError } from 'kafkajs';
export * from './client';
export * from './topics';
export * from './trace-headers';
export * from './producer';
export * from './consumer';
export * from './partitions';
