import { ConfigError } from '../errors.js';

/**
 * Which clusters and namespaces each repository may deploy to, as the operator of the app says
 * (STREAMPILOT_CLUSTER_ACCESS), never as the repository says: streampilot.yaml names a
 * `kubeContext` and namespaces, and one app installed on many repositories would otherwise let
 * each of them deploy wherever the app's kubeconfig or service account reaches. Kubernetes RBAC
 * of the app's own identity is the second layer, below this one.
 *
 * Only the app applies it: `streampilot deploy` runs with the kubeconfig of the person running it,
 * whose own RBAC is what limits them.
 */

/** An environment without `kubeContext` deploys with the pod's service account: named so in the map. */
export const IN_CLUSTER = 'in-cluster';
export const CLUSTER_ACCESS_SETTING = 'STREAMPILOT_CLUSTER_ACCESS';

export interface ClusterGrant {
  /** A context of the app's kubeconfig, or `in-cluster`. */
  context: string;
  namespaces: string[];
}

/** Keys are `owner/name` or `owner/*`, lower-cased (GitHub names are case-insensitive). */
export type ClusterAccess = ReadonlyMap<string, readonly ClusterGrant[]>;

export interface DeployTarget {
  /** `owner/name` */
  repository: string;
  environment: string;
  /** The environment's `kubeContext`; undefined = in-cluster. */
  context: string | undefined;
  /** Every namespace the deploy would write to (the jobs' and the environment's own). */
  namespaces: readonly string[];
}

export type AccessDecision = { allowed: true } | { allowed: false; reason: string; hint: string };

const REPOSITORY_KEY = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/(?:\*|[A-Za-z0-9._-]+)$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * `{ "acme/flink-jobs": [{ "context": "staging", "namespaces": ["flink-staging"] }], "acme/*": [...] }`,
 * already parsed (JSON or YAML). Anything malformed is a ConfigError naming where: an access map
 * the app half understood would grant or refuse by accident.
 */
export function parseClusterAccess(value: unknown, from: string = CLUSTER_ACCESS_SETTING): ClusterAccess {
  const bad = (where: string, what: string) =>
    new ConfigError(
      `${from}: ${where} ${what}`,
      `write a mapping of "owner/name" or "owner/*" to a list of { "context": "<kube context or in-cluster>", "namespaces": ["<namespace>", …] } (see .env.example)`,
    );
  if (!isPlainObject(value)) throw bad('the value', 'must be a mapping of repositories to what they may deploy to');
  const out = new Map<string, ClusterGrant[]>();
  for (const [key, grants] of Object.entries(value)) {
    if (!REPOSITORY_KEY.test(key))
      throw bad(`key ${JSON.stringify(key.slice(0, 100))}`, 'must be "owner/name" or "owner/*"');
    if (out.has(key.toLowerCase()))
      throw bad(`key ${JSON.stringify(key)}`, 'appears twice (names are case-insensitive)');
    if (!Array.isArray(grants)) throw bad(`"${key}"`, 'must be a list of { context, namespaces }');
    out.set(
      key.toLowerCase(),
      grants.map((grant: unknown, i) => {
        const at = `"${key}"[${i}]`;
        if (!isPlainObject(grant)) throw bad(at, 'must be { "context": …, "namespaces": [...] }');
        const extra = Object.keys(grant).filter((k) => k !== 'context' && k !== 'namespaces');
        if (extra.length > 0) throw bad(at, `has unknown key ${JSON.stringify(extra[0])}; only context and namespaces`);
        if (typeof grant.context !== 'string' || grant.context === '')
          throw bad(`${at}.context`, `must be a kubeconfig context name or "${IN_CLUSTER}"`);
        if (!Array.isArray(grant.namespaces) || grant.namespaces.length === 0)
          throw bad(`${at}.namespaces`, 'must be a non-empty list of namespace names');
        const namespaces = grant.namespaces.map((ns: unknown, j) => {
          if (typeof ns !== 'string' || ns.length > 63 || !NAMESPACE.test(ns))
            throw bad(
              `${at}.namespaces[${j}]`,
              'must be a Kubernetes namespace name (lowercase letters, digits and "-", at most 63)',
            );
          return ns;
        });
        return { context: grant.context, namespaces };
      }),
    );
  }
  return out;
}

/**
 * May `target.repository` deploy to that context and every one of those namespaces? The most
 * specific entry wins: `owner/name` when there is one (its list is the whole answer), else
 * `owner/*`. No map at all refuses everything: deploying is opted into, per repository.
 */
export function checkClusterAccess(access: ClusterAccess | undefined, target: DeployTarget): AccessDecision {
  const context = target.context ?? IN_CLUSTER;
  const where = `environment \`${target.environment}\` of ${target.repository} (context \`${context}\`, namespace ${target.namespaces.map((n) => `\`${n}\``).join(', ')})`;
  if (!access) {
    return {
      allowed: false,
      reason: `not deployed: ${where}: the app has no ${CLUSTER_ACCESS_SETTING}, so it lets no repository deploy anywhere`,
      hint: `whoever runs the app sets ${CLUSTER_ACCESS_SETTING} to map "${target.repository}" (or "${ownerOf(target.repository)}/*") to the contexts and namespaces it may deploy to`,
    };
  }
  const [owner] = target.repository.toLowerCase().split('/');
  const key = access.has(target.repository.toLowerCase())
    ? target.repository.toLowerCase()
    : access.has(`${owner}/*`)
      ? `${owner}/*`
      : undefined;
  const grants = key ? access.get(key)! : [];
  const entry = key ? `the entry "${key}"` : `no entry for "${target.repository}" or "${ownerOf(target.repository)}/*"`;
  const forContext = grants.filter((g) => g.context === context);
  if (forContext.length === 0) {
    return {
      allowed: false,
      reason: `not deployed: ${where}: ${CLUSTER_ACCESS_SETTING} has ${entry}${key ? `, which does not allow context \`${context}\`` : ''}`,
      hint: `deploy to a context the app allows for this repository${key ? ` (${[...new Set(grants.map((g) => g.context))].join(', ')})` : ''}, or ask whoever runs the app to add it to ${CLUSTER_ACCESS_SETTING}`,
    };
  }
  const allowed = new Set(forContext.flatMap((g) => g.namespaces));
  const refused = target.namespaces.filter((n) => !allowed.has(n));
  if (refused.length > 0) {
    return {
      allowed: false,
      reason: `not deployed: ${where}: ${CLUSTER_ACCESS_SETTING} (${entry}) does not allow namespace ${refused.map((n) => `\`${n}\``).join(', ')} in context \`${context}\``,
      hint: `use a namespace it allows there (${[...allowed].join(', ')}), or ask whoever runs the app to add it to ${CLUSTER_ACCESS_SETTING}`,
    };
  }
  return { allowed: true };
}

function ownerOf(repository: string): string {
  return repository.split('/')[0] ?? repository;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
