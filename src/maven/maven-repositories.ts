import { ConfigError } from '../errors.js';
import { mavenCredentialVariables } from '../manifest/maven-credentials.js';
import type { MavenSpec } from '../manifest/types.js';

export { mavenCredentialKey, mavenCredentialVariables } from '../manifest/maven-credentials.js';

/** A repository ready to be asked: URL normalised, credentials (if any) from the operator's allow-list. */
export interface MavenRepository {
  id: string;
  /** Base URL ending in `/`. */
  url: string;
  username?: string;
  password?: string;
  checksums: 'required' | 'optional';
}

export const MAVEN_CENTRAL: MavenRepository = {
  id: 'central',
  url: 'https://repo.maven.apache.org/maven2/',
  checksums: 'required',
};

/**
 * The project's `maven.repositories` (or Maven Central). Credentials never come from
 * streampilot.yaml: the repository is written by whoever can merge, and the process running
 * StreamPilot holds secrets of its own (the app's key, a CI runner's cloud credentials). They
 * come only from `STREAMPILOT_MAVEN_<ID>_USERNAME` / `_PASSWORD`, and only when
 * `STREAMPILOT_MAVEN_<ID>_URL` (set by the same operator) pins the URL they may be sent to.
 */
export function mavenRepositories(
  spec: MavenSpec | undefined,
  env: NodeJS.ProcessEnv = process.env,
): MavenRepository[] {
  if (!spec?.repositories?.length) return [MAVEN_CENTRAL];
  return spec.repositories.map((r) => {
    // The manifest check refuses these keys; this is the engine's own guard for callers that skip it.
    if (r.username !== undefined || r.password !== undefined) {
      const names = mavenCredentialVariables(r.id);
      throw new ConfigError(
        `maven repository \`${r.id}\`: credentials are not read from streampilot.yaml`,
        `remove username and password from the repository; whoever runs StreamPilot sets ${names.username}, ${names.password} and ${names.url}`,
      );
    }
    const url = normaliseRepositoryUrl(r.id, r.url);
    const repo: MavenRepository = { id: r.id, url, checksums: r.checksums ?? 'required' };
    const credentials = allowListedCredentials(r.id, url, env);
    if (credentials) Object.assign(repo, credentials);
    return repo;
  });
}

function allowListedCredentials(
  id: string,
  url: string,
  env: NodeJS.ProcessEnv,
): { username: string; password: string } | undefined {
  const names = mavenCredentialVariables(id);
  const username = env[names.username] || undefined;
  const password = env[names.password] || undefined;
  if (username === undefined && password === undefined) return undefined;
  const pinned = env[names.url] || undefined;
  if (pinned === undefined) {
    throw new ConfigError(
      `maven repository \`${id}\`: ${names.username}/${names.password} are set but ${names.url} is not, so no URL may receive them`,
      `set ${names.url} to the URL of the repository the credentials belong to (where StreamPilot runs, not in the repository)`,
    );
  }
  if (!sameRepository(pinned, url)) {
    throw new ConfigError(
      `maven repository \`${id}\`: streampilot.yaml names ${url}, which is not the URL the credentials are for (${names.url}); nothing was sent`,
      `use the URL set in ${names.url} (or a path below it) in streampilot.yaml, or ask whoever runs StreamPilot to change ${names.url}`,
    );
  }
  // Basic credentials over plain HTTP are readable by anyone on the path; loopback is a test setup.
  if (url.startsWith('http://') && !/^http:\/\/(127\.|localhost[:/]|\[::1\])/.test(url)) {
    throw new ConfigError(
      `maven repository \`${id}\` sends credentials over plain http (${url})`,
      'use the https:// URL of the repository, in streampilot.yaml and in ' + names.url,
    );
  }
  if (username === undefined || password === undefined) {
    const missing = username === undefined ? names.username : names.password;
    throw new ConfigError(
      `maven repository \`${id}\`: ${missing} is not set`,
      `set both ${names.username} and ${names.password}, or neither`,
    );
  }
  return { username, password };
}

/** The URL as the resolver will request it (WHATWG-normalised, so `..` cannot slip past the pin), ending in `/`. */
function normaliseRepositoryUrl(id: string, written: string): string {
  let parsed: URL;
  try {
    parsed = new URL(written);
  } catch {
    throw new ConfigError(
      `maven repository \`${id}\`: \`${written.slice(0, 200)}\` is not a URL`,
      'write the https:// base URL of the repository',
    );
  }
  if (parsed.username || parsed.password) {
    throw new ConfigError(
      `maven repository \`${id}\`: the URL carries credentials`,
      'remove user:password@ from the URL; credentials come from the STREAMPILOT_MAVEN_* variables',
    );
  }
  const href = parsed.href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * Same scheme, host and port, and the repository's path at or below the pinned path (segment by
 * segment, so `/maven` does not cover `/maven-evil`). Query strings and fragments are never matched.
 */
export function sameRepository(pinned: string, url: string): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(pinned);
    b = new URL(url);
  } catch {
    return false;
  }
  if (a.search || a.hash || b.search || b.hash || a.username || a.password || b.username || b.password) return false;
  if (a.protocol !== b.protocol || a.hostname !== b.hostname || a.port !== b.port) return false;
  const prefix = a.pathname.endsWith('/') ? a.pathname : `${a.pathname}/`;
  const path = b.pathname.endsWith('/') ? b.pathname : `${b.pathname}/`;
  return path.startsWith(prefix);
}
