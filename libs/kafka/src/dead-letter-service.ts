import type { Kafka, Producer } from 'kafkajs';
import { ConflictError, NotFoundError, PermissionError } from '@hookline/errors';
import type { commonV1, deadlettersV1 } from '@hookline/proto';
import { isAccessRefusal } from './access';
import { DEAD_ROW_PARTITION, type DeadLetter, type DeadLetters } from './dead-letters';

export interface DeadLetterHandlers {
  listDeadLetters(request: deadlettersV1.ListDeadLettersRequest): Promise<deadlettersV1.ListDeadLettersResponse>;
  replayDeadLetter(request: deadlettersV1.ReplayDeadLetterRequest): Promise<deadlettersV1.ReplayDeadLetterResponse>;
  /** Disconnects the replay producer (if a replay ever connected it). */
  close(): Promise<void>;
}

const toProto = (service: string, letter: DeadLetter): deadlettersV1.DeadLetter => ({
  id: letter.id,
  service,
  consumer: letter.consumer,
  topic: letter.topic,
  partition: letter.partition,
  offset: letter.offset,
  key: letter.key ?? Buffer.alloc(0),
  value: letter.value ?? Buffer.alloc(0),
  valueSize: letter.valueSize,
  truncated: letter.truncated,
  error: letter.error,
  createdAt: letter.createdAt.toISOString(),
  replayedAt: letter.replayedAt?.toISOString() ?? '',
  replayCount: letter.replayCount,
});

function requireOperator(context: commonV1.RequestContext | undefined): void {
  if (context?.actor?.kind !== 'operator') throw new PermissionError('Only the operator may read or replay dead letters.', { code: 'operator_required' });
}

/**
 * The DeadLetterService of one consuming service: lists its dead-letter table and replays a
 * record by producing its original key and value to its topic again (the consumer then handles
 * it like any other record; one that fails again is dead-lettered again, at its new offset).
 */
export function deadLetterHandlers(service: string, deadLetters: DeadLetters, kafka: Kafka): DeadLetterHandlers {
  let producer: Producer | null = null;
  return {
    async listDeadLetters(request) {
      requireOperator(request.context);
      const limit = Math.min(Math.max(request.limit || 20, 1), 100);
      const rows = await deadLetters.list({ consumer: request.consumer || undefined, before: request.before || undefined, limit });
      return { deadLetters: rows.map((row) => toProto(service, row)) };
    },
    async replayDeadLetter(request) {
      requireOperator(request.context);
      const letter = await deadLetters.find(request.id);
      if (!letter) throw new NotFoundError(`dead letter ${request.id} not found`, { code: 'dead_letter_not_found' });
      if (letter.partition === DEAD_ROW_PARTITION) {
        throw new ConflictError('This is a row a batched writer could not store, not a Kafka record: it cannot be replayed to a topic.', { code: 'dead_letter_not_replayable' });
      }
      if (letter.truncated) throw new ConflictError('This record was kept truncated (it was too large) and cannot be replayed.', { code: 'dead_letter_truncated' });
      if (!producer) {
        const connecting = kafka.producer();
        await connecting.connect();
        producer = connecting;
      }
      await producer.send({ topic: letter.topic, acks: -1, messages: [{ key: letter.key, value: letter.value }] }).catch((error: unknown) => {
        // The broker's ACLs let a service write only the topics it produces (libs/kafka/src/access/acl-plan.ts):
        // the dispatcher may not forge events, so it cannot put an event back on the events topic either.
        if (isAccessRefusal(error)) {
          throw new ConflictError(`The ${service} service may not write to ${letter.topic}: this record cannot be replayed by it.`, { code: 'dead_letter_topic_not_writable', cause: error });
        }
        throw error;
      });
      await deadLetters.markReplayed(letter.id);
      return { deadLetter: toProto(service, (await deadLetters.find(letter.id))!) };
    },
    async close() {
      await producer?.disconnect().catch(() => undefined);
      producer = null;
    },
  };
}
