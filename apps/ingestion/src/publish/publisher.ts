import type { SchemaMode } from '@hookline/contract';
import { ConflictError, DeadlineError, InputError, isDomainError, UnavailableError } from '@hookline/errors';
import type { IdGenerator } from '@hookline/ids';
import type { OutgoingMessage } from '@hookline/kafka';
import type { Event } from '../events/event';
import { encodeEventMessage } from '../events/event-message';
import { reservationKey, type IdempotencyKeys, type Reservation } from '../db/idempotency-keys';
import type { DataSchemas } from './data-schemas';
import type { EventTypeCatalog } from './event-type-catalog';
import type { Organizations } from './organizations';
import type { PublishCommand, PublishOutcome } from './publish-command';
import { contentHash, sameContent } from './same-content';
import { validateCommand } from './validate-command';

/** Produces messages to the events topic; resolves once Kafka acknowledged all of them. */
export type ProduceEvents = (messages: OutgoingMessage[]) => Promise<void>;

export interface PublisherOptions {
  organizations: Organizations;
  catalog: EventTypeCatalog;
  /** The compiled data schemas of catalog types (DESIGN §3: enforce, warn, off). */
  dataSchemas: DataSchemas;
  /** Counts data that broke its type's schema (refused under enforce, accepted under warn). */
  onSchemaViolation?: (type: string, mode: SchemaMode) => void;
  idempotencyKeys: IdempotencyKeys;
  ids: IdGenerator;
  produce: ProduceEvents;
  source: string;
  maxEventBytes: number;
  /** Kafka must acknowledge within this, else the publish fails with UNAVAILABLE. */
  produceTimeoutMs: number;
  now?: () => number;
  onWarning?: (error: unknown, message: string) => void;
}

type Slot = {
  command: PublishCommand;
  /** The parsed data, once the command passed its own checks. */
  data?: Record<string, unknown>;
  outcome?: PublishOutcome;
  event?: Event;
  /** The event was assigned by an earlier attempt with the same key (its produce was not acknowledged). */
  retried?: boolean;
};

/**
 * The publish pipeline: validate → check org and type → assign id and time → bind idempotency
 * keys (a key bound already keeps its first event, id and time) → produce (one request for all)
 * → answer. Refused items get their own error; a Kafka failure fails the whole call: nothing of
 * it was acknowledged, and a retry with the same keys produces the same events.
 */
export class Publisher {
  private readonly now: () => number;

  constructor(private readonly options: PublisherOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * One outcome per command, in order. Throws UnavailableError when Kafka did not acknowledge.
   * Once `signal` aborts (the caller went away) nothing more is reserved or produced.
   */
  async publish(commands: PublishCommand[], traceparent?: string, signal?: AbortSignal): Promise<PublishOutcome[]> {
    const slots: Slot[] = commands.map((command) => ({ command }));
    const refuse = (slot: Slot, error: unknown) => {
      // A dependency that is down fails the whole call: the caller should retry it as a whole.
      if (!isDomainError(error) || error instanceof UnavailableError || error instanceof DeadlineError) throw error;
      slot.outcome = { error };
    };

    for (const slot of slots) {
      try {
        slot.data = validateCommand(slot.command, this.options.maxEventBytes);
      } catch (error) {
        refuse(slot, error);
      }
    }
    await this.checkOrganizations(slots.filter((s) => !s.outcome), refuse);
    await this.checkTypes(slots.filter((s) => !s.outcome));
    this.checkSchemas(slots.filter((s) => !s.outcome));

    signal?.throwIfAborted();
    const accepted = slots.filter((s) => !s.outcome);
    for (const slot of accepted) slot.event = this.assign(slot.command);
    const fresh = await this.applyIdempotency(accepted);

    await this.produce(fresh, traceparent);
    for (const slot of slots) if (!slot.outcome && slot.event) slot.outcome = { event: slot.event, duplicate: slot.retried === true };
    return slots.map((s) => s.outcome!);
  }

  private async checkOrganizations(slots: Slot[], refuse: (slot: Slot, error: unknown) => void): Promise<void> {
    const orgIds = [...new Set(slots.map((s) => s.command.orgId))];
    const results = await Promise.allSettled(orgIds.map((id) => this.options.organizations.assertExists(id)));
    const failures = new Map(orgIds.map((id, i) => [id, results[i]]));
    for (const slot of slots) {
      const result = failures.get(slot.command.orgId)!;
      if (result.status === 'rejected') refuse(slot, result.reason);
    }
  }

  private async checkTypes(slots: Slot[]): Promise<void> {
    const unknown = await this.options.catalog.unknown(new Set(slots.map((s) => s.command.type)));
    for (const slot of slots) {
      if (unknown.has(slot.command.type)) {
        slot.outcome = {
          error: new InputError(`unknown event type "${slot.command.type}"`, { param: 'type', code: 'unknown_event_type' }),
        };
      }
    }
  }

  /**
   * Data against its type's schema: refused under `enforce` (naming the JSON pointer and the rule
   * that failed), counted under `warn` and `enforce`. Test events are not checked: their sample
   * data need not match, and they reach only the receivers that asked for a test.
   */
  private checkSchemas(slots: Slot[]): void {
    for (const slot of slots) {
      if (slot.command.isTest) continue;
      const { type } = slot.command;
      const failed = this.options.dataSchemas.check(type, this.options.catalog.schemaOf(type), slot.data);
      if (!failed) continue;
      this.options.onSchemaViolation?.(type, failed.mode);
      if (failed.mode !== 'enforce') continue;
      const { pointer, rule, message } = failed.violation;
      slot.outcome = {
        error: new InputError(`data does not match the schema of ${type} (version ${failed.version}): ${message} (rule: ${rule})`, {
          code: 'schema_violation',
          param: pointer,
          details: { pointer, rule, schema_version: failed.version },
        }),
      };
    }
  }

  private assign(command: PublishCommand): Event {
    const { id, timeMs } = this.options.ids.next('evt', this.now());
    return {
      id,
      orgId: command.orgId,
      type: command.type,
      source: this.options.source,
      time: new Date(timeMs).toISOString(),
      isTest: command.isTest,
      dataJson: command.dataJson,
      targetWebhookId: command.targetWebhookId,
      idempotencyKey: command.idempotencyKey,
      group: this.options.catalog.groupOf(command.type),
    };
  }

  /**
   * Binds the keys of keyed events to their events before anything is produced; a key bound
   * already answers with its event, or hands it back to be produced again when its last attempt
   * was not acknowledged. Returns the slots whose events must be produced.
   */
  private async applyIdempotency(slots: Slot[]): Promise<Slot[]> {
    const firstByKey = new Map<string, Slot>();
    const repeats: Array<[Slot, Slot]> = [];
    for (const slot of slots) {
      if (!slot.command.idempotencyKey) continue;
      const key = reservationKey(slot.command);
      const first = firstByKey.get(key);
      if (first) repeats.push([slot, first]);
      else firstByKey.set(key, slot);
    }
    const firsts = [...firstByKey.values()];
    const reservations = await this.options.idempotencyKeys.reserve(firsts.map((s) => ({ event: s.event!, contentHash: contentHash(s.command) })));
    const givenBack: Event[] = [];
    for (const [key, slot] of firstByKey) this.settle(slot, reservations.get(key)!, givenBack);
    // A key bound before its content hash was stored, taken by another content: give the attempt back.
    await this.options.idempotencyKeys.endAttempt(givenBack);
    // A key repeated inside one batch: the later items share the first one's event.
    for (const [slot, first] of repeats) {
      const shared = first.outcome;
      if (!sameContent(slot.command, first.command)) slot.outcome = { error: keyReused() };
      else if (shared && 'error' in shared) slot.outcome = shared;
      else slot.outcome = { event: shared?.event ?? first.event!, duplicate: true };
    }
    return slots.filter((s) => !s.outcome);
  }

  private settle(slot: Slot, reservation: Reservation, givenBack: Event[]): void {
    // The same key for another event is a client bug: say so (ALREADY_EXISTS → 409), as REST does.
    if (reservation.event && !sameContent(slot.command, reservation.event)) {
      if (reservation.kind === 'reserved') givenBack.push(reservation.event);
      slot.outcome = { error: keyReused() };
    } else if (reservation.kind === 'reserved') {
      // A retry of an attempt that was not acknowledged produces the same event (same id) again.
      slot.event = reservation.event;
      slot.retried = reservation.retried;
    } else if (reservation.kind === 'duplicate') {
      slot.outcome = { event: reservation.event, duplicate: true };
    } else {
      const retryAfterSeconds = Math.min(reservation.retryAfterSeconds, Math.ceil(this.options.produceTimeoutMs / 1000));
      slot.outcome = {
        error: new ConflictError('a request with this idempotency key is still in progress; retry shortly', {
          param: 'idempotency_key',
          code: 'idempotency_key_in_use',
          details: { retry_after_seconds: retryAfterSeconds },
        }),
      };
    }
  }

  private async produce(slots: Slot[], traceparent?: string): Promise<void> {
    if (slots.length === 0) return;
    const events = slots.map((s) => s.event!);
    const keyed = events.filter((e) => e.idempotencyKey);
    const headers: Record<string, string> = traceparent ? { traceparent } : {};
    try {
      await withTimeout(
        this.options.produce(events.map((e) => ({ key: e.orgId, value: encodeEventMessage(e), headers }))),
        this.options.produceTimeoutMs,
      );
    } catch (error) {
      // Not acknowledged, yet Kafka may store it still: the keys stay bound to these events, and
      // a retry with the same key produces the same events again (downstream dedupes on the id).
      await this.options.idempotencyKeys.endAttempt(keyed).catch((cause: unknown) => this.options.onWarning?.(cause, 'ending the attempt of idempotency keys failed'));
      throw new UnavailableError('the event store (Kafka) did not acknowledge the event; retry with the same idempotency key', {
        cause: error,
        details: { retry_after_seconds: 1 },
      });
    }
    // The events are stored whatever happens next; a key left pending is taken over after its timeout.
    await this.options.idempotencyKeys.markPublished(keyed).catch((error: unknown) => this.options.onWarning?.(error, 'marking idempotency keys published failed'));
  }
}

function keyReused(): ConflictError {
  return new ConflictError('this idempotency key was already used for a different event', { param: 'idempotency_key', code: 'idempotency_key_reused' });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no acknowledgement within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
