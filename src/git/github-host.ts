import { DomainError } from '../errors.js';
import { redactUrl } from './git-remote.js';

/**
 * The one place the app fetches repositories from: the web host of the GitHub it is configured
 * for. A webhook's `clone_url` is never followed: the installation token goes with every fetch,
 * so a URL naming another host (or file://, or http:// to an https GitHub) would hand it away.
 */

/** A repository URL the app refuses to fetch from; the check run says so with the hint. */
export class UntrustedRemoteError extends DomainError {}

const HINT =
  'StreamPilot fetches only from the GitHub it is configured for (GHE_HOST and GHE_PROTOCOL; unset: github.com). Check those settings.';
const FULL_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** `https://api.github.com` → `https://github.com`; `<proto>://<host>/api/v3` (GHE) → `<proto>://<host>`. */
export function githubWebOrigin(apiBaseUrl: string): string {
  const api = new URL(apiBaseUrl);
  if (api.hostname === 'api.github.com') return `${api.protocol}//github.com`;
  return `${api.protocol}//${api.host}`;
}

/** The clone URL of `owner/name` on the configured GitHub, whatever a payload says. */
export function cloneUrlOn(webOrigin: string, fullName: string): string {
  if (!FULL_NAME.test(fullName) || fullName.split('/').some((part) => part === '.' || part === '..')) {
    throw new UntrustedRemoteError(
      `${JSON.stringify(fullName.slice(0, 100))} is not a repository name (owner/name)`,
      HINT,
    );
  }
  return `${webOrigin}/${fullName}.git`;
}

/** Throws unless `cloneUrl` is an http(s) URL of `webOrigin` without credentials in it. */
export function checkRemoteOnHost(cloneUrl: string, webOrigin: string): void {
  const shown = redactUrl(cloneUrl.slice(0, 200));
  let url: URL | undefined;
  try {
    url = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(cloneUrl) ? new URL(cloneUrl) : undefined;
  } catch {
    url = undefined;
  }
  const origin =
    url && (url.protocol === 'https:' || url.protocol === 'http:') ? `${url.protocol}//${url.host}` : undefined;
  if (!url || origin !== webOrigin || url.username || url.password) {
    throw new UntrustedRemoteError(
      `the repository URL ${shown} is not on the configured GitHub host ${webOrigin}: nothing was fetched from it`,
      HINT,
    );
  }
}
