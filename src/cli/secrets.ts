import { environmentSecrets } from '../text/environment-secrets.js';

/**
 * Every value the CLI must never print, built in this one place: the secrets of its environment
 * (found by name, URL credentials or token shape, as the app finds its own), the app's key and
 * webhook secret among them when a CI job has them set. A finding can quote a file (or a link's
 * target) that holds one of them; the CLI's output goes through `redact` with this list, as the
 * app's does.
 */
export function cliSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...new Set(environmentSecrets(env))];
}
