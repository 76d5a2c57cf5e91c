import { createHash } from 'node:crypto';
import path from 'node:path';

/** Where to fetch from, and the secret to fetch with. Any git URL: https, ssh, file://, a local path. */
export interface RemoteSpec {
  cloneUrl: string;
  /** GitHub installation access token (https only), sent as user `x-access-token`. */
  token?: string;
}

/**
 * A remote split into what may be stored and shown (the URL without credentials) and what
 * may only reach the git process (the Authorization header, through the environment).
 */
export interface GitRemote {
  /** The URL without user or password: safe for `git remote`, logs and errors. */
  url: string;
  /** Stable key of the repository: the same repository, with or without credentials, shares one mirror. */
  key: string;
  /** Values that must never be printed; redact them from any text that leaves the cache. */
  secrets: string[];
  /**
   * Environment for git: the credentials as an `http.<url>.extraHeader`, passed through
   * GIT_CONFIG_* variables so they are in neither argv (visible in `ps`) nor any config file.
   */
  env: Record<string, string>;
}

const SCP_LIKE = /^[A-Za-z0-9._-]+@[^:/]+:/;

export function gitRemote(spec: RemoteSpec): GitRemote {
  const raw = spec.cloneUrl.trim();
  if (raw === '') throw new Error('the repository clone URL is empty; pass the `clone_url` of the webhook payload.');
  const secrets = spec.token ? [spec.token] : [];
  let url = raw;
  let user: string | undefined;
  let password: string | undefined;
  let httpOrigin: string | undefined;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(raw)) {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new Error(`the repository URL ${redactUrl(raw)} is not a valid URL.`);
    }
    if (parsed.password) {
      user = decodeURIComponent(parsed.username);
      password = decodeURIComponent(parsed.password);
      secrets.push(password, parsed.password);
    }
    const isHttp = parsed.protocol === 'http:' || parsed.protocol === 'https:';
    // ssh://git@host keeps its user: it names the account, not a secret.
    if (isHttp || parsed.password) {
      parsed.username = '';
      parsed.password = '';
    }
    url = parsed.toString();
    if (isHttp) httpOrigin = `${parsed.protocol}//${parsed.host}/`;
  } else if (!SCP_LIKE.test(raw)) {
    url = path.resolve(raw);
  }
  if (spec.token && !httpOrigin) {
    throw new Error(
      `an access token was given for ${redactUrl(url)}, but tokens are only sent over http(s); use an https clone URL or drop the token.`,
    );
  }
  const env: Record<string, string> = { GIT_TERMINAL_PROMPT: '0' };
  const basic = spec.token
    ? `x-access-token:${spec.token}`
    : password !== undefined
      ? `${user ?? ''}:${password}`
      : undefined;
  if (basic && httpOrigin) {
    const header = `Authorization: Basic ${Buffer.from(basic, 'utf8').toString('base64')}`;
    secrets.push(Buffer.from(basic, 'utf8').toString('base64'));
    // Scoped to the repository's origin, so a redirect to another host never receives it.
    Object.assign(env, {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `http.${httpOrigin}.extraHeader`,
      GIT_CONFIG_VALUE_0: header,
    });
  }
  return { url, key: repositoryKey(url), secrets: secrets.filter((s) => s.length > 0), env };
}

function repositoryKey(url: string): string {
  const normalised = url.replace(/\/+$/, '').replace(/\.git$/, '');
  return createHash('sha256').update(normalised, 'utf8').digest('hex').slice(0, 32);
}

/** `https://user:secret@host/x` → `https://***@host/x`, everywhere in a text. */
export function redactUrl(text: string): string {
  return text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s/@]+@/g, '$1***@');
}

/** Redact URLs' credentials and every known secret from a text that may be shown. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = redactUrl(text);
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return out;
}

const NAME_SEGMENT = /^[A-Za-z0-9_.-]+$/;

/**
 * `owner/name` of a GitHub-style remote URL, whatever its form: `https://github.com/acme/jobs.git`,
 * `https://user:token@ghe.example.com/acme/jobs`, `ssh://git@github.com:22/acme/jobs.git` or the
 * scp-like `git@github.com:acme/jobs.git` all give `acme/jobs` (the last two path segments).
 * Undefined for a local path or file:// URL, which names no hosted repository.
 */
export function repositoryFullName(remoteUrl: string): string | undefined {
  const raw = remoteUrl.trim();
  let pathPart: string;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(raw)) {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      return undefined;
    }
    if (parsed.protocol === 'file:' || !parsed.host) return undefined;
    pathPart = decodeURIComponent(parsed.pathname);
  } else if (SCP_LIKE.test(raw)) {
    pathPart = raw.slice(raw.indexOf(':') + 1);
  } else {
    return undefined;
  }
  const segments = pathPart
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/')
    .filter((s) => s !== '');
  if (segments.length < 2) return undefined;
  const [owner, name] = segments.slice(-2) as [string, string];
  return NAME_SEGMENT.test(owner) && NAME_SEGMENT.test(name) ? `${owner}/${name}` : undefined;
}
