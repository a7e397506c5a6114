// `npm run chaos`: kills and stops services, the broker and the database under a steady load
// and checks that no acknowledged event is lost. See tools/chaos/README.md.
import { startReceiver } from '../bench/receiver';
import { parseOptions } from './options';
import { say } from './say';
import { machine, toMarkdown, writeReport, type ChaosReport, type ScenarioResult } from './report';
import { runScenario } from './run-scenario';
import { SCENARIOS } from './scenarios';
import { needsOwnStage, reusable, startStage, stopStage, type Stage } from './stage';

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const scenarios = options.only.length ? SCENARIOS.filter((s) => options.only.some((name) => s.name.toLowerCase().includes(name.toLowerCase()))) : SCENARIOS;
  if (scenarios.length === 0) throw new Error(`no scenario matches --only ${options.only.join(',')}`);
  const started = Date.now();
  const receiver = await startReceiver();
  const results: ScenarioResult[] = [];
  // Scenarios that share a platform first, then those with a broker or database of their own.
  const ordered = [...scenarios.filter((s) => !needsOwnStage(s)), ...scenarios.filter(needsOwnStage)];
  let shared: Stage | undefined;
  try {
    for (const scenario of ordered) {
      for (let run = 1; run <= scenario.runs(options); run++) {
        let stage: Stage | undefined;
        if (needsOwnStage(scenario) && shared) {
          // Its infrastructure may recreate the shared database: the shared platform goes first.
          await stopStage(shared);
          shared = undefined;
        }
        try {
          stage = needsOwnStage(scenario) ? undefined : (shared = await reusable(shared));
          stage ??= await startStage(scenario);
          if (stage.shared) shared = stage;
          results.push(await runScenario(scenario, run, options, receiver, stage));
        } catch (error) {
          say(`${scenario.name} (run ${run}) could not run: ${error instanceof Error ? error.stack : String(error)}`);
          results.push({
            scenario: scenario.name,
            run,
            passCondition: scenario.passCondition,
            passed: false,
            failures: [`could not run: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`],
            acknowledgedEvents: 0,
            expected: 0,
            received: 0,
            lost: 0,
            duplicated: 0,
            duplicatedWithNewId: 0,
            apiErrors: { rest5xx: 0, restNoAnswer: 0, grpc: 0, unexpected: 0 },
            recoverySeconds: [],
            details: {},
          });
        } finally {
          if (stage && !stage.shared) await stopStage(stage);
        }
      }
    }
  } finally {
    if (shared) await stopStage(shared);
    await receiver.close();
  }
  const report: ChaosReport = { date: new Date().toISOString(), quick: options.quick, machine: machine(), ratePerSecond: options.rate, webhooks: options.webhooks, results };
  const file = writeReport(report, options.out);
  process.stdout.write(toMarkdown(report));
  say(`results written to ${file} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const failed = results.filter((r) => !r.passed);
  if (failed.length) say(`FAILED: ${failed.map((r) => `${r.scenario} #${r.run}`).join(', ')}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    say(`failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
