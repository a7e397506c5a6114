import { HooklineApiError } from '../client/api-error';
import { login, publishEvent, retryDelivery, tailDeliveries, verifyRequest, type Command, type Output } from './commands';
import { listen } from './listen';

const USAGE = `usage: hookline <command>

  login --url <gateway> --api-key <hk_…>     check the key and keep it in your config file (0600)
  listen --forward-to <local URL>             receive real deliveries on this machine (relay webhook)
         [--name <relay> | --webhook wh_…] [--events <type,…>]
  events publish --type <t> --data <json>     publish an event (always with an Idempotency-Key)
  deliveries tail [--webhook wh_…]            follow deliveries as they are attempted
  deliveries retry <del_…>                    queue a delivery again
  verify --file <request> --key <key>         check a saved request's signature (v1, v1a, v1e)
`;

const COMMANDS: Record<string, Command> = {
  login,
  listen,
  'events publish': publishEvent,
  'deliveries tail': tailDeliveries,
  'deliveries retry': retryDelivery,
  verify: verifyRequest,
};

const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs one command; answers the exit code. Ctrl-C (SIGINT) or SIGTERM ends a command that follows. */
export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  const name = [argv.slice(0, 2).join(' '), argv[0]].find((candidate) => candidate && COMMANDS[candidate]);
  if (!name) {
    (argv.length && !['help', '--help', '-h'].includes(argv[0]) ? output.err : output.out)(USAGE);
    return argv.length && !['help', '--help', '-h'].includes(argv[0]) ? 2 : 0;
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    return await COMMANDS[name](argv.slice(name.split(' ').length), output, controller.signal);
  } catch (error) {
    output.err(`hookline: ${error instanceof HooklineApiError ? error.message : (error as Error).message}`);
    return 1;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => process.exit(code));
