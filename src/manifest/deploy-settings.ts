import type { Diagnostic } from '../diagnostics.js';
import type { DeploySettingsSpec, ProjectSpec } from './types.js';
import { diagnosticAtPath, formatPath, type YamlPath, type YamlSource } from './yaml-document.js';

/** A project's deploy settings for one environment, resolved: what the deploy workflow reads. */
export interface DeploySettings {
  /** How long a deploy follows one job before reporting it as timed out. */
  timeoutMs: number;
  /** Delete the resources of jobs gone from Git (true), or only report them (false). */
  prune: boolean;
}

export const DEFAULT_DEPLOY_TIMEOUT = '10m';
export const DEFAULT_DEPLOY_TIMEOUT_MS = 10 * 60_000;
/**
 * The longest deploy timeout: Node's timers take at most 2^31-1 ms (about 24.8 days) and fire at
 * once beyond it, which reported every job as timed out immediately; and no rollout is followed
 * for days. A day is the documented maximum.
 */
export const MAX_DEPLOY_TIMEOUT = '24h';
export const MAX_DEPLOY_TIMEOUT_MS = 24 * 3_600_000;
export const DEFAULT_DEPLOY_SETTINGS: Readonly<DeploySettings> = { timeoutMs: DEFAULT_DEPLOY_TIMEOUT_MS, prune: false };

const DURATION = /^(?=\d)(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** `90s`, `10m`, `1h30m` → milliseconds; undefined for anything else (the schema's pattern, same grammar). */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const [h, min, s] = [m[1], m[2], m[3]].map((part) => (part === undefined ? 0 : Number(part)));
  return ((h! * 60 + min!) * 60 + s!) * 1000;
}

/**
 * `deploy` of streampilot.yaml for `environment`: built-in defaults < top-level `deploy` <
 * `environments.<environment>.deploy`, key by key. An environment the project does not define
 * gets the top-level settings. Expects a project that passed the manifest checks.
 */
export function deploySettings(project: ProjectSpec, environment: string): DeploySettings {
  const layers: (DeploySettingsSpec | undefined)[] = [project.deploy, project.environments[environment]?.deploy];
  const out = { ...DEFAULT_DEPLOY_SETTINGS };
  for (const layer of layers) {
    if (layer?.timeout !== undefined) {
      const ms = parseDuration(layer.timeout);
      if (ms === undefined || ms <= 0 || ms > MAX_DEPLOY_TIMEOUT_MS) {
        throw new Error(
          `deploy.timeout "${layer.timeout}" is not a duration above 0 and at most ${MAX_DEPLOY_TIMEOUT} such as 10m; check streampilot.yaml first`,
        );
      }
      out.timeoutMs = ms;
    }
    if (layer?.prune !== undefined) out.prune = layer.prune;
  }
  return out;
}

/**
 * What the schema's pattern cannot say: a timeout of zero, or one beyond the maximum (past
 * Node's timer range it fires at once), would report every job as timed out at once.
 */
export function checkDeploySettings(source: YamlSource, project: ProjectSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (settings: DeploySettingsSpec | undefined, at: YamlPath) => {
    const ms = settings?.timeout === undefined ? undefined : parseDuration(settings.timeout);
    if (ms === undefined || (ms > 0 && ms <= MAX_DEPLOY_TIMEOUT_MS)) return;
    const name = `\`${formatPath([...at, 'timeout'])}\``;
    out.push(
      diagnosticAtPath(source, [...at, 'timeout'], 'value', {
        severity: 'error',
        rule: 'manifest/schema',
        message:
          ms === 0
            ? `${name} is zero: every job would be reported as timed out before it could start`
            : `${name} is longer than the maximum, ${MAX_DEPLOY_TIMEOUT}`,
        hint: `give the time a job needs to reach RUNNING, at most ${MAX_DEPLOY_TIMEOUT}, e.g. ${DEFAULT_DEPLOY_TIMEOUT} (the default)`,
      }),
    );
  };
  check(project.deploy, ['deploy']);
  for (const [name, env] of Object.entries(project.environments)) check(env.deploy, ['environments', name, 'deploy']);
  return out;
}
