import type { GitHubClient } from './types.js';

/**
 * The installation access token of an authenticated installation Octokit, for git over https.
 * Probot's auth caches tokens until a minute before they expire, so asking per event is cheap.
 * The token is a secret: it goes to git and nowhere else (never into a log or an error).
 */
export async function installationToken(octokit: Pick<GitHubClient, 'auth'>): Promise<string | undefined> {
  const auth = (await octokit.auth({ type: 'installation' })) as { token?: unknown } | undefined;
  return typeof auth?.token === 'string' && auth.token !== '' ? auth.token : undefined;
}
