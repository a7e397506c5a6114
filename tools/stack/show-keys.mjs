// The keys `npm start` hands a newcomer (the operator key, the demo organization's admin key) go
// to a person, never into a log: written once to a file only its owner can read, and shown on the
// terminal when there is one (stdout when it is the terminal, else the controlling terminal), so
// `npm start > stack.log` or a log collector never holds them. The stack's log says where they are.
import { chmodSync, closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `keys`: lines such as `operator key: hkop_…`. Returns what may go into the log: where the keys
 * are, without them.
 */
export function showKeys(keys, { file, stdout = process.stdout, terminal = '/dev/tty' }) {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, 'w', 0o600);
  try {
    writeSync(fd, `${keys.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
  chmodSync(file, 0o600); // an existing file keeps its mode on open: make it the owner's again
  const shown = stdout.isTTY ? writeTo(stdout) : writeToTerminal(terminal);
  function writeTo(stream) {
    stream.write(`${keys.map((line) => `  ${line}`).join('\n')}\n`);
    return true;
  }
  function writeToTerminal(path) {
    try {
      const tty = openSync(path, 'w');
      try {
        writeSync(tty, `${keys.map((line) => `  ${line}`).join('\n')}\n`);
      } finally {
        closeSync(tty);
      }
      return true;
    } catch {
      return false; // no controlling terminal (CI, a service manager): the file is the way
    }
  }
  return [`keys:         ${file} (readable by you only)${shown ? '; shown on the terminal, not in this log' : ''}`];
}
