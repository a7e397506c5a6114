import { UnavailableError } from '@hookline/errors';
import type { Logger } from '@hookline/logging';
import type { DataSchema } from './data-schemas';

/** A catalog type, the group it belongs to (`transfer.completed` in `transfer`) and its data schema. */
export interface CatalogEntry {
  type: string;
  group: string;
  schema?: DataSchema;
}

/** Reads the registry's catalog of event types. */
export type LoadEventTypes = () => Promise<CatalogEntry[]>;

export interface EventTypeCatalogOptions {
  load: LoadEventTypes;
  logger: Logger;
  /** Background refresh period (ms). */
  refreshMs: number;
}

/**
 * The event-type catalog, cached: refreshed in the background and again on a miss before a
 * type is refused, so a type added to the registry is accepted at once.
 */
export class EventTypeCatalog {
  private types: Map<string, CatalogEntry> | undefined;
  private refreshing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private waitingForRegistry = false;
  constructor(private readonly options: EventTypeCatalogOptions) {}

  /** Starts the background refresh; a registry that is down now is retried on the next tick. */
  start(): void {
    void this.refresh().catch(() => undefined);
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), this.options.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The subset of `types` the catalog does not know; UnavailableError when it cannot be read. */
  async unknown(types: ReadonlySet<string>): Promise<Set<string>> {
    const missing = () => new Set([...types].filter((t) => !this.types?.has(t)));
    if (missing().size === 0) return new Set();
    // A miss re-reads the catalog before refusing (concurrent misses share one read), so a type
    // registered a moment ago is accepted.
    try {
      const joined = this.refreshing !== undefined;
      await this.refresh();
      // A read already in flight may have started before the type was registered.
      if (joined && missing().size > 0) await this.refresh();
    } catch (error) {
      throw new UnavailableError('the event-type catalog cannot be read from the registry', { cause: error });
    }
    return missing();
  }

  /** The group of a type `unknown` accepted; '' when the catalog does not know it. */
  groupOf(type: string): string {
    return this.types?.get(type)?.group ?? '';
  }

  /**
   * The data schema and mode of a type `unknown` accepted, as of the last refresh: a change in the
   * registry applies within the refresh period (HOOKLINE_CATALOG_REFRESH_MS).
   */
  schemaOf(type: string): DataSchema | undefined {
    return this.types?.get(type)?.schema;
  }

  /** One load at a time; concurrent callers share it. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.options
      .load()
      .then(
        (types) => {
          // Said only after an outage; the first load at start-up is not news.
          if (this.waitingForRegistry && this.types) this.options.logger.info('registry reachable again: event-type catalog loaded');
          this.waitingForRegistry = false;
          this.types = new Map(types.map((entry) => [entry.type, entry]));
        },
        (error: unknown) => {
          // A registry that is not up yet (start-up) or briefly gone is said once, not at every tick.
          if (error instanceof UnavailableError) {
            if (!this.waitingForRegistry) {
              if (this.types) this.options.logger.warn({ reason: error.message }, 'registry unavailable: waiting for registry…');
              else this.options.logger.info('waiting for registry…');
            }
            this.waitingForRegistry = true;
          } else {
            this.options.logger.warn({ err: error }, 'event-type catalog refresh failed');
          }
          throw error;
        },
      )
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }
}
