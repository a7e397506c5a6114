// What a chaos scenario is: its needs, its script and its checks, and what it is given to run
// (the context). Scenarios, the stage and the runner all depend on this file, and it on none of them.
import type { Delivered } from './accounting';
import type { Load } from './load';
import type { ChaosOptions } from './options';
import type { InfraNeeds, Infrastructure } from './infrastructure';
import type { ChaosPlatform } from './platform';

export interface ScenarioContext {
  infra: Infrastructure;
  platform: ChaosPlatform;
  load: Load;
  options: ChaosOptions;
  topicPrefix: string;
  orgId: string;
  apiKey: string;
  receiverUrl: string;
  /** The receiver paths of the load's webhooks. */
  paths: string[];
  /** This scenario's own receiver path prefix (`/s<n>`): put any other webhook's path under it. */
  pathPrefix: string;
  /** Marks the end of a fault (recovery is measured from here). */
  lifted(): void;
  fail(reason: string): void;
  details: Record<string, unknown>;
  /** Every request's arrival (ms) per receiver path since the load's webhooks were routed. */
  requestTimes(): Promise<Map<string, number[]>>;
  /** Whether anything arrived at this receiver path yet. */
  received(path: string): Promise<boolean>;
  /** Waits while the load runs. */
  hold(seconds: number): Promise<void>;
}

export interface Scenario {
  name: string;
  passCondition: string;
  infra: InfraNeeds;
  runs(options: ChaosOptions): number;
  /** Events per second of this scenario's load (default: --rate). */
  loadRate?(options: ChaosOptions): number;
  /** The rate limit of the load's webhooks (default 100/s). */
  webhookRateLimit?(options: ChaosOptions): number;
  /** Service settings for this scenario (e.g. a compressed retry schedule). */
  env?: Record<string, string>;
  script(ctx: ScenarioContext): Promise<void>;
  /** Checks on the counts beyond "nothing lost"; returns failure reasons. */
  check?(ctx: ScenarioContext, delivered: Delivered): Promise<string[]> | string[];
}

/** A pause in a scenario's script (faults last for a time, not until a condition). */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
