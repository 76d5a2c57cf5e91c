import type { IngressSpec } from '../kube/types.js';
import type { ResolvedJob } from '../manifest/types.js';
import { RenderError } from './render-error.js';

/**
 * The environment's `webUI.ingress` is the address a person types, scheme included, e.g.
 * `https://flink.acme.dev/{{namespace}}/{{name}}/`. From that one setting we derive both the
 * operator's `spec.ingress` and the browser URL we post on pull requests, so they cannot drift.
 *
 * - Path routing (`https://host/prefix/{{namespace}}/{{name}}/`): the operator's docs pair the
 *   template `host/prefix/{{namespace}}/{{name}}(/|$)(.*)` with nginx's
 *   `rewrite-target: /$2`, because Flink's UI is served from `/` of the `<name>-rest` service.
 *   The URL must end with `/`: the UI loads its assets by relative path.
 * - Host routing (`https://{{name}}.{{namespace}}.flink.acme.dev/`): the template is the host
 *   alone and needs no rewrite.
 *
 * The operator does not configure TLS; the scheme only shapes the URL we show, so `https`
 * means the ingress controller terminates TLS (default certificate or its own setup).
 */

const PLACEHOLDER = /\{\{([^}]*)\}\}/g;
const KNOWN = new Set(['name', 'namespace']);
const REWRITE_ANNOTATION = 'nginx.ingress.kubernetes.io/rewrite-target';

interface ParsedAddress {
  scheme: string;
  /** Host, possibly with a port and placeholders. */
  host: string;
  /** Path without its trailing slash; '' for host routing. */
  path: string;
}

function parseAddress(setting: string): ParsedAddress | string {
  const m = /^(https?):\/\/([^/?#\s]+)(\/[^?#\s]*)?$/i.exec(setting.trim());
  if (!m) {
    return `webUI.ingress "${setting}" is not an http(s) address without query or fragment.`;
  }
  for (const [, inner] of setting.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has((inner ?? '').toLowerCase())) {
      return `webUI.ingress "${setting}" uses the placeholder {{${inner}}}; only {{name}} and {{namespace}} exist.`;
    }
  }
  if (!/\{\{name\}\}/i.test(setting)) {
    return `webUI.ingress "${setting}" has no {{name}}, so every job would get the same address.`;
  }
  return { scheme: m[1]!.toLowerCase(), host: m[2]!, path: (m[3] ?? '').replace(/\/+$/, '') };
}

function parseFor(job: ResolvedJob, setting: string): ParsedAddress {
  const parsed = parseAddress(setting);
  if (typeof parsed === 'string') {
    throw new RenderError(
      job.name,
      job.environment,
      parsed,
      'Write it as the browser address, e.g. "https://flink.example.com/{{namespace}}/{{name}}/" or "https://{{name}}.{{namespace}}.flink.example.com/".',
      ['webUI', 'ingress'],
    );
  }
  return parsed;
}

/** `spec.ingress` for a FlinkDeployment, or undefined when the environment has no webUI.ingress. */
export function ingressFor(job: ResolvedJob): IngressSpec | undefined {
  const setting = job.webUI?.ingress;
  if (!setting) return undefined;
  const { host, path } = parseFor(job, setting);
  if (path === '') return { template: host };
  return { template: `${host}${path}(/|$)(.*)`, annotations: { [REWRITE_ANNOTATION]: '/$2' } };
}

/**
 * The browser URL of the job's Flink Web UI, ending in `/`, or undefined without webUI.ingress.
 * A session job has no UI of its own: the URL is its session cluster's.
 */
export function webUIUrl(job: ResolvedJob): string | undefined {
  const setting = job.webUI?.ingress;
  if (!setting) return undefined;
  const { scheme, host, path } = parseFor(job, setting);
  const name = job.mode === 'session' ? (job.sessionCluster ?? job.name) : job.name;
  const fill = (s: string): string =>
    s.replace(PLACEHOLDER, (_all, inner: string) => (inner.toLowerCase() === 'name' ? name : job.namespace));
  return `${scheme}://${fill(host)}${fill(path)}/`;
}
