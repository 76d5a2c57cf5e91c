import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RegistryAuth } from './types.js';
import { registerSecrets } from '../text/redact.js';
import { ConfigError } from '../errors.js';
import { DOCKER_HUB } from './image-name.js';

export interface CredentialSources {
  /** Given by the caller (CLI flags, GitHub secrets): wins over everything. */
  explicit?: RegistryAuth;
  /** Environment to read STREAMPILOT_REGISTRY_USERNAME / _PASSWORD from. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Docker CLI config; default `$DOCKER_CONFIG/config.json` or `~/.docker/config.json`. */
  dockerConfigPath?: string;
}

/** Where the credentials came from, so messages can say which ones to fix (never the values). */
export interface ResolvedCredentials extends RegistryAuth {
  source: 'explicit' | 'environment' | 'docker-config';
}

export function defaultDockerConfigPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(env['DOCKER_CONFIG'] ?? join(homedir(), '.docker'), 'config.json');
}

/**
 * Credentials for one registry: explicit, else the STREAMPILOT_REGISTRY_* variables, else the
 * `auths` entry of the Docker config (what `docker login` writes). Explicit and environment
 * credentials are meant for the project's own registry, so callers pass them only for it;
 * the Docker config is looked up by registry host for any registry. Undefined: anonymous.
 */
export async function resolveCredentials(
  registry: string,
  sources: CredentialSources = {},
): Promise<ResolvedCredentials | undefined> {
  const found = await findCredentials(registry, sources);
  // Known from here on to every redact(): a registry's error or a client's debug line may echo it.
  if (found) registerSecrets([found.password, Buffer.from(`${found.username}:${found.password}`).toString('base64')]);
  return found;
}

async function findCredentials(registry: string, sources: CredentialSources): Promise<ResolvedCredentials | undefined> {
  const explicit = sources.explicit;
  if (explicit && (explicit.username || explicit.password)) return { ...explicit, source: 'explicit' };
  const env = sources.env ?? process.env;
  const username = env['STREAMPILOT_REGISTRY_USERNAME'];
  const password = env['STREAMPILOT_REGISTRY_PASSWORD'];
  if (username || password) {
    // registry.repository is written by the repository: the pin keeps these credentials on the operator's registry.
    const pinned = registryHostPin(env);
    if (pinned !== undefined && pinned !== normaliseRegistryHost(registry)) {
      throw new ConfigError(
        `registry ${registry} is not the one STREAMPILOT_REGISTRY_USERNAME/_PASSWORD are for (STREAMPILOT_REGISTRY_HOST=${pinned}); nothing was sent`,
        'name that registry in registry.repository of streampilot.yaml, or ask whoever runs StreamPilot to change STREAMPILOT_REGISTRY_HOST',
      );
    }
    return { username: username ?? '', password: password ?? '', source: 'environment' };
  }
  return dockerConfigCredentials(registry, sources.dockerConfigPath ?? defaultDockerConfigPath(env));
}

/** The `auths` entry `docker login` wrote for this registry; undefined when there is none (credential helpers are not consulted). */
export async function dockerConfigCredentials(
  registry: string,
  path: string = defaultDockerConfigPath(),
): Promise<ResolvedCredentials | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new Error(
      `${path} is not valid JSON (${(e as Error).message}); fix it or run "docker login" again to rewrite it.`,
      { cause: e },
    );
  }
  const auths = (config as { auths?: Record<string, { auth?: string; username?: string; password?: string }> }).auths;
  if (!auths || typeof auths !== 'object') return undefined;
  const wanted = hostKey(registry);
  for (const [key, entry] of Object.entries(auths)) {
    if (hostKey(key) !== wanted || !entry) continue;
    if (typeof entry.auth === 'string' && entry.auth !== '') {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0)
        throw new Error(
          `${path}: the "auth" of "${key}" is not base64 of "user:password"; run "docker login ${registry}" again.`,
        );
      return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source: 'docker-config' };
    }
    if (entry.username || entry.password)
      return { username: entry.username ?? '', password: entry.password ?? '', source: 'docker-config' };
  }
  return undefined;
}

/** `https://index.docker.io/v1/`, `docker.io` and `registry-1.docker.io` are one registry; so are `host:5000` and `http://host:5000/`. */
function hostKey(registryOrUrl: string): string {
  const host = registryOrUrl
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? DOCKER_HUB : host;
}

/** STREAMPILOT_REGISTRY_HOST, normalised; undefined when unset. */
export function registryHostPin(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const raw = env['STREAMPILOT_REGISTRY_HOST']?.trim();
  return raw ? normaliseRegistryHost(raw) : undefined;
}

/** `https://GHCR.io/` → `ghcr.io`; Docker Hub's other names → `docker.io`. */
export function normaliseRegistryHost(host: string): string {
  const bare = host
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
  return bare === 'index.docker.io' || bare === 'registry-1.docker.io' ? DOCKER_HUB : bare;
}
