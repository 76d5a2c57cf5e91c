import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { redact } from '../text/redact.js';
import type { LogLevel } from './config.js';

/**
 * The app's one logger (Probot, Octokit and our code all write through it): JSON lines, each
 * passed through `redact` on its way out, so no token, key or secret reaches the log whatever
 * a library chose to print. `secrets` adds to the values registered with `registerSecrets`.
 */
export function createLogger(
  level: LogLevel,
  secrets: readonly string[] = [],
  out: NodeJS.WritableStream = process.stdout,
): Logger {
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      out.write(redact(chunk.toString(), secrets));
      done();
    },
  });
  return pino({ level, name: 'streampilot' }, stream);
}
