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
      if (ms === undefined || ms <= 0) throw new Error(`deploy.timeout "${layer.timeout}" is not a duration above 0 such as 10m; check streampilot.yaml first`);
      out.timeoutMs = ms;
    }
    if (layer?.prune !== undefined) out.prune = layer.prune;
  }
  return out;
}

/** What the schema's pattern cannot say: a timeout of zero would report every job as timed out at once. */
export function checkDeploySettings(source: YamlSource, project: ProjectSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (settings: DeploySettingsSpec | undefined, at: YamlPath) => {
    if (settings?.timeout === undefined || parseDuration(settings.timeout) !== 0) return;
    out.push(
      diagnosticAtPath(source, [...at, 'timeout'], 'value', {
        severity: 'error',
        rule: 'manifest/schema',
        message: `\`${formatPath([...at, 'timeout'])}\` is zero: every job would be reported as timed out before it could start`,
        hint: `give the time a job needs to reach RUNNING, e.g. ${DEFAULT_DEPLOY_TIMEOUT} (the default)`,
      }),
    );
  };
  check(project.deploy, ['deploy']);
  for (const [name, env] of Object.entries(project.environments)) check(env.deploy, ['environments', name, 'deploy']);
  return out;
}
