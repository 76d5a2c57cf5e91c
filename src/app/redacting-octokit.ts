import { redact, registerSecrets } from '../text/redact.js';

// Transport fields, not content: redacting them could only break the request.
const TRANSPORT_KEYS = new Set(['method', 'url', 'baseUrl', 'headers', 'request', 'mediaType']);
const MAX_DEPTH = 20;

interface HookedOctokit {
  hook: {
    before(name: 'request', hook: (options: Record<string, unknown>) => void): void;
    after(name: 'request', hook: (response: { data?: unknown }, options: Record<string, unknown>) => void): void;
  };
}

/**
 * An Octokit plugin for every client the app makes: each value sent to GitHub (check runs,
 * comments, deployment statuses) passes through `redact` on its way out, so no code path can
 * publish a secret by forgetting to clean its text; and each installation token GitHub hands out
 * is registered as a secret the moment it arrives, whatever its format (GHES tokens match no pattern).
 */
export function redactingOctokit(octokit: HookedOctokit): void {
  octokit.hook.before('request', (options) => {
    for (const key of Object.keys(options)) if (!TRANSPORT_KEYS.has(key)) options[key] = scrub(options[key], 0);
  });
  octokit.hook.after('request', (response, options) => {
    const token = (response.data as { token?: unknown } | undefined)?.token;
    if (typeof token === 'string' && /\/access_tokens$/.test(String(options.url))) registerSecrets([token]);
  });
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}
