import { shielded, type Logger } from '@hookline/logging';
import type { RoutingView } from '../routing/routing-view';
import type { DeliveryConfig } from '../webhook-config/delivery-config';
import { WebhookLane, type QueuedTask } from './webhook-lane';

/** The part of a webhook's config its lane's limits come from. */
export type LaneConfig = Pick<DeliveryConfig, 'fifo' | 'rateLimitRps'>;

/** Where lanes learn their limits (the DeliveryConfigCache). */
export interface LaneConfigs {
  /** The config if it has arrived, without waiting. */
  peek(webhookId: string): LaneConfig | undefined;
  get(webhookId: string): Promise<LaneConfig>;
  /** Called when a webhook's config changes: its lane reloads its limits. */
  onInvalidate(listener: (webhookId: string) => void): void;
}

export interface LaneSchedulerDeps {
  configs: LaneConfigs;
  /** Lanes of deleted webhooks are dropped once idle. */
  view: Pick<RoutingView, 'route'>;
  logger: Logger;
}

export interface LaneSchedulerOptions {
  concurrencyPerWebhook: number;
  /** How often lanes of deleted or quiet webhooks are dropped. */
  laneSweepMs?: number;
}

/** Tasks taken out of one lane's queue. */
export interface RemovedTasks {
  lane: WebhookLane;
  removed: QueuedTask[];
}

/**
 * One lane per webhook, each starting `run` for its tasks under the webhook's rate limit and
 * concurrency (FIFO webhooks: one at a time, in order), so a slow endpoint only ever delays its
 * own lane. A lane is made on first use, loads its limits from the webhook's config (again when
 * the config changes) and is dropped when nothing needs it. What enters a lane is decided before
 * it, by the admission step (admission/admission.ts).
 */
export class LaneScheduler {
  private readonly lanes = new Map<string, WebhookLane>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly run: (item: QueuedTask) => Promise<void>,
    private readonly deps: LaneSchedulerDeps,
    private readonly options: LaneSchedulerOptions,
  ) {
    deps.configs.onInvalidate((webhookId) => {
      const lane = this.lanes.get(webhookId);
      if (lane) this.loadLimits(webhookId, lane);
    });
    this.sweep = setInterval(shielded(deps.logger, 'lane sweep', () => this.evictLanes(Date.now())), options.laneSweepMs ?? 30_000);
    this.sweep.unref();
  }

  /** The webhook's lane; a new one loads its limits (a config change reloads them, see the constructor). */
  laneOf(webhookId: string): WebhookLane {
    let lane = this.lanes.get(webhookId);
    if (!lane) {
      lane = new WebhookLane(this.run);
      this.lanes.set(webhookId, lane);
      this.loadLimits(webhookId, lane);
    }
    return lane;
  }

  /** Takes the queued, not yet started tasks matching `predicate` out of every lane, per lane in queue order. */
  removeQueued(predicate: (item: QueuedTask) => boolean): RemovedTasks[] {
    const taken: RemovedTasks[] = [];
    for (const lane of this.lanes.values()) {
      if (!lane.hasQueued) continue;
      const removed = lane.removeWhere(predicate);
      if (removed.length > 0) taken.push({ lane, removed });
    }
    return taken;
  }

  /**
   * Drops the lanes nothing needs: idle ones of deleted webhooks, and idle ones whose rate window
   * is empty (a new lane for the webhook starts with the same state), so the map does not grow
   * with every webhook ever seen.
   */
  evictLanes(nowMs: number): void {
    for (const [webhookId, lane] of this.lanes) {
      if (lane.idle && (lane.quiet(nowMs) || this.deps.view.route(webhookId)?.status === 'deleted')) {
        lane.stop();
        this.lanes.delete(webhookId);
      }
    }
  }

  /** How many webhooks have a lane now. */
  get laneCount(): number {
    return this.lanes.size;
  }

  stop(): void {
    clearInterval(this.sweep);
    for (const lane of this.lanes.values()) lane.stop();
  }

  private loadLimits(webhookId: string, lane: WebhookLane): void {
    const limitsOf = (config: LaneConfig) => ({ concurrency: config.fifo ? 1 : this.options.concurrencyPerWebhook, rps: config.rateLimitRps, fifo: config.fifo });
    // A config fetched already applies at once: a lane made again for a known webhook (after a
    // quiet spell swept it) takes the fan-out's hand-over from its first task.
    const known = this.deps.configs.peek(webhookId);
    if (known) {
      lane.setLimits(limitsOf(known));
      return;
    }
    lane.setLimits(null);
    this.deps.configs.get(webhookId).then(
      (config) => lane.setLimits(limitsOf(config)),
      // Unknown or unreachable: let tasks through one at a time; each settles on its own in its run.
      () => lane.setLimits({ concurrency: 1, rps: 100, fifo: true }),
    );
  }
}
