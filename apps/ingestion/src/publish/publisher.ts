import { ConflictError, DeadlineError, InputError, isDomainError, UnavailableError } from '@hookline/errors';
import type { IdGenerator } from '@hookline/ids';
import type { OutgoingMessage } from '@hookline/kafka';
import type { Event } from '../events/event';
import { encodeEventMessage } from '../events/event-message';
import { reservationKey, type IdempotencyKeys, type Reservation } from '../db/idempotency-keys';
import type { EventTypeCatalog } from './event-type-catalog';
import type { Organizations } from './organizations';
import type { PublishCommand, PublishOutcome } from './publish-command';
import { sameContent } from './same-content';
import { validateCommand } from './validate-command';

/** Produces messages to the events topic; resolves once Kafka acknowledged all of them. */
export type ProduceEvents = (messages: OutgoingMessage[]) => Promise<void>;

export interface PublisherOptions {
  organizations: Organizations;
  catalog: EventTypeCatalog;
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

type Slot = { command: PublishCommand; outcome?: PublishOutcome; event?: Event };

/**
 * The publish pipeline: validate → check org and type → assign id and time → reserve
 * idempotency keys → produce (one request for all) → answer. Refused items get their own
 * error; a Kafka failure fails the whole call, since nothing of it was stored.
 */
export class Publisher {
  private readonly now: () => number;

  constructor(private readonly options: PublisherOptions) {
    this.now = options.now ?? Date.now;
  }

  /** One outcome per command, in order. Throws UnavailableError when Kafka did not acknowledge. */
  async publish(commands: PublishCommand[], traceparent?: string): Promise<PublishOutcome[]> {
    const slots: Slot[] = commands.map((command) => ({ command }));
    const refuse = (slot: Slot, error: unknown) => {
      // A dependency that is down fails the whole call: the caller should retry it as a whole.
      if (!isDomainError(error) || error instanceof UnavailableError || error instanceof DeadlineError) throw error;
      slot.outcome = { error };
    };

    for (const slot of slots) {
      try {
        validateCommand(slot.command, this.options.maxEventBytes);
      } catch (error) {
        refuse(slot, error);
      }
    }
    await this.checkOrganizations(slots.filter((s) => !s.outcome), refuse);
    await this.checkTypes(slots.filter((s) => !s.outcome));

    const accepted = slots.filter((s) => !s.outcome);
    for (const slot of accepted) slot.event = this.assign(slot.command);
    const fresh = await this.applyIdempotency(accepted);

    await this.produce(fresh, traceparent);
    for (const slot of slots) if (!slot.outcome && slot.event) slot.outcome = { event: slot.event, duplicate: false };
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
   * Reserves the keys of keyed events; a key already bound answers with its first event.
   * Returns the slots whose events must be produced.
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
    const reservations = await this.options.idempotencyKeys.reserve([...firstByKey.values()].map((s) => s.event!));
    for (const [key, slot] of firstByKey) this.settle(slot, reservations.get(key)!);
    // A key repeated inside one batch: the later items share the first one's event.
    for (const [slot, first] of repeats) {
      const shared = first.outcome;
      if (!sameContent(slot.command, first.command)) slot.outcome = { error: keyReused() };
      else if (shared && 'error' in shared) slot.outcome = shared;
      else slot.outcome = { event: shared?.event ?? first.event!, duplicate: true };
    }
    return slots.filter((s) => !s.outcome);
  }

  private settle(slot: Slot, reservation: Reservation): void {
    if (reservation.kind === 'duplicate') {
      // The same key for another event is a client bug: say so (ALREADY_EXISTS → 409), as REST does.
      slot.outcome = sameContent(slot.command, reservation.event) ? { event: reservation.event, duplicate: true } : { error: keyReused() };
    } else if (reservation.kind === 'in_progress') {
      slot.outcome = {
        error: new ConflictError('a request with this idempotency key is still in progress; retry shortly', {
          param: 'idempotency_key',
          code: 'idempotency_key_in_use',
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
      // Not acknowledged: free the keys so a retry can publish.
      await this.options.idempotencyKeys.release(keyed).catch(() => undefined);
      throw new UnavailableError('the event store (Kafka) did not acknowledge the event; retry later', { cause: error });
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
