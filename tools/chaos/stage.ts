// Where scenarios run: infrastructure and the five services. Scenarios that only kill and
// restart services share one stage (starting the platform is most of a short scenario's time);
// a scenario that stops the broker or the database, or needs other settings, gets its own.
import { randomBytes } from 'node:crypto';
import { startInfrastructure, type Infrastructure } from './infrastructure';
import { ChaosPlatform } from './platform';
import { say } from './say';
import type { Scenario } from './scenario';

export interface Stage {
  infra: Infrastructure;
  platform: ChaosPlatform;
  topicPrefix: string;
  /** Whether scenarios after this one may run on it. */
  shared: boolean;
}

export const needsOwnStage = (scenario: Scenario) => Boolean(scenario.infra.ownKafka || scenario.infra.ownPostgres || scenario.env);

export async function startStage(scenario: Scenario): Promise<Stage> {
  const infra = await startInfrastructure(scenario.infra);
  const topicPrefix = `chaos${Date.now().toString(36)}${randomBytes(2).toString('hex')}.`;
  try {
    const platform = await ChaosPlatform.start(infra, topicPrefix, scenario.env);
    return { infra, platform, topicPrefix, shared: !needsOwnStage(scenario) };
  } catch (error) {
    await infra.stop().catch(() => undefined);
    throw error;
  }
}

export async function stopStage(stage: Stage): Promise<void> {
  await stage.platform.stop().catch(() => undefined);
  await stage.infra.stop().catch(() => undefined);
}

/** The shared stage, if it is still fit for the next scenario (every service it runs ready). */
export async function reusable(stage: Stage | undefined): Promise<Stage | undefined> {
  if (!stage) return undefined;
  try {
    await stage.platform.waitAllReady(60_000);
    return stage;
  } catch (error) {
    say(`the shared platform is not ready any more; starting a new one: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    await stopStage(stage);
    return undefined;
  }
}
