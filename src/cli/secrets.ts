import { secretsFromEnv } from '../app/config.js';

/**
 * Every value the CLI must never print, built in this one place: what the app counts as a
 * secret in its environment, and the app's own key and webhook secret when a CI job has them
 * set. A finding can quote a file (or a link's target) that holds one of them; the CLI's output
 * goes through `redact` with this list, as the app's does.
 */
export function cliSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const own = ['PRIVATE_KEY', 'WEBHOOK_SECRET'].flatMap((name) => (env[name] ? [env[name]] : []));
  return [...new Set([...own, ...secretsFromEnv(env)])];
}
