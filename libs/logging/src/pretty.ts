import type { DestinationStream } from 'pino';
import { PinoPretty } from 'pino-pretty';

/**
 * pino-pretty as an in-process stream (no worker thread): `12:01:02.345 INFO  registry: message`
 * and the record's other fields on the same line; an error's stack on lines of its own. Colours
 * when stdout is a terminal, or when `npm start` (which prefixes each line) asks with FORCE_COLOR.
 */
export function prettyStream(destination?: NodeJS.WritableStream): DestinationStream {
  return PinoPretty({
    ...(destination ? { destination } : {}),
    colorize: destination ? false : Boolean(process.stdout.isTTY) || (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0'),
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,name,service',
    messageFormat: '{service}: {msg}',
    singleLine: true,
    errorLikeObjectKeys: ['err', 'error'],
    sync: true,
  });
}
