import { ConfigError } from '../errors.js';
import type { MavenSpec } from '../spec/types.js';

/** A repository ready to be asked: URL normalised, credentials taken from the environment. */
export interface MavenRepository {
  id: string;
  /** Base URL ending in `/`. */
  url: string;
  username?: string;
  password?: string;
  checksums: 'required' | 'optional';
}

export const MAVEN_CENTRAL: MavenRepository = { id: 'central', url: 'https://repo.maven.apache.org/maven2/', checksums: 'required' };

const REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/**
 * The project's `maven.repositories` (or Maven Central) with `${ENV_VAR}` references replaced
 * by their values. A referenced variable that is not set is a configuration error naming it,
 * never an anonymous request that would fail later with a confusing 401.
 */
export function mavenRepositories(spec: MavenSpec | undefined, env: NodeJS.ProcessEnv = process.env): MavenRepository[] {
  if (!spec?.repositories?.length) return [MAVEN_CENTRAL];
  return spec.repositories.map((r) => {
    const expand = (value: string | undefined, field: string): string | undefined => {
      if (value === undefined) return undefined;
      const ref = REFERENCE.exec(value);
      if (!ref) {
        if (field === 'password') throw new ConfigError(`maven repository \`${r.id}\`: password must be an \${ENV_VAR} reference`, 'write password: ${MY_REPO_PASSWORD} in streampilot.yaml and set that variable where StreamPilot runs');
        return value;
      }
      const name = ref[1]!;
      const resolved = env[name];
      if (resolved === undefined || resolved === '') {
        throw new ConfigError(`maven repository \`${r.id}\`: ${field} refers to environment variable ${name}, which is not set`, `set ${name} where StreamPilot runs (a CI secret), or remove ${field} from the repository in streampilot.yaml`);
      }
      return resolved;
    };
    const url = r.url.endsWith('/') ? r.url : `${r.url}/`;
    const username = expand(r.username, 'username');
    const password = expand(r.password, 'password');
    const repo: MavenRepository = { id: r.id, url, checksums: r.checksums ?? 'required' };
    if (username !== undefined) repo.username = username;
    if (password !== undefined) repo.password = password;
    // Basic credentials over plain HTTP are readable by anyone on the path; loopback is a test setup.
    if ((username || password) && url.startsWith('http://') && !/^http:\/\/(127\.|localhost[:/]|\[::1\])/.test(url)) {
      throw new ConfigError(`maven repository \`${r.id}\` sends credentials over plain http (${url})`, 'use the https:// URL of the repository');
    }
    return repo;
  });
}
