import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, messageOf } from '../errors.js';

/**
 * Where StreamPilot's SQL runner and what it reads sit in a job's pods (the contract between
 * the runner, the image builders and the renderer; docs in README, "How a job runs").
 */
export const RUNNER_JAR_PATH = '/opt/flink/usrlib/streampilot-sql-runner.jar';

/** The default `runner.jarURI`: our runner, at the path every image and ConfigMap job carries it. */
export const RUNNER_JAR_URI = `local://${RUNNER_JAR_PATH}`;

/** The runner's entry point, also its jar's Main-Class (so FlinkDeployments need no entryClass). */
export const RUNNER_MAIN_CLASS = 'dev.streampilot.runner.Main';

/** Folder the per-environment runtime values ConfigMap is mounted at. */
export const VALUES_DIR = '/etc/streampilot';

/** Mounted from the per-environment values ConfigMap; an absent file means no values. */
export const RUNNER_VALUES_PATH = `${VALUES_DIR}/values.properties`;

/** Arguments of our runner in application mode; `{{script}}` is the framed script's path in the pod. */
export const RUNNER_APPLICATION_ARGS: readonly string[] = ['--script', '{{script}}', '--values', RUNNER_VALUES_PATH];

/** The jar's file name in the package (dist/runner/) and the ConfigMap key that carries it. */
export const RUNNER_JAR_FILE_NAME = 'streampilot-sql-runner.jar';

/**
 * Whether a job runs on our runner (and so gets the framed script and the jar) or on a team's own:
 * the default jarURI, or one whose file name is the runner's (a session job names the jar where
 * the operator can download it, e.g. `https://artifacts.example.com/streampilot-sql-runner.jar`).
 */
export function usesOwnRunner(jarURI: string): boolean {
  if (jarURI === RUNNER_JAR_URI) return true;
  const path = jarURI.replace(/[?#].*$/, '');
  return path.slice(path.lastIndexOf('/') + 1) === RUNNER_JAR_FILE_NAME;
}

/**
 * The environment variable that carries secret `${name}` into the runner's container:
 * `STREAMPILOT_SECRET_` + the name upper-cased, every character outside [A-Z0-9_] as `_`.
 */
export function secretEnvName(name: string): string {
  return `STREAMPILOT_SECRET_${name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}

let foundJarFile: string | undefined;

/**
 * The built runner jar on this machine. `npm run build` writes it next to the compiled
 * dist/runner/runner-paths.js; running from src/ (tests), it is looked up in dist/runner/.
 */
export function runnerJarFile(): string {
  // Once found it stays: a check asks for every job in every environment. Not found is asked
  // again, as a build may write it meanwhile.
  if (foundJarFile) return foundJarFile;
  const candidates = [
    new URL(`./${RUNNER_JAR_FILE_NAME}`, import.meta.url),
    new URL(`../../dist/runner/${RUNNER_JAR_FILE_NAME}`, import.meta.url),
  ].map((u) => fileURLToPath(u));
  foundJarFile = candidates.find((c) => existsSync(c));
  return foundJarFile ?? candidates[0]!;
}

export interface RunnerJar {
  bytes: Buffer;
  /**
   * sha256 over the jar's inputs (Java sources, stubs, build script), written next to it by the
   * build: image tags and ConfigMap names hash this, so they do not depend on which javac ran.
   */
  sourceSha256: string;
}

let loaded: { file: string; jar: RunnerJar } | undefined;

/** The built runner jar; a checkout that was never built has none, which is said with the fix. */
export function runnerJar(): RunnerJar {
  const file = runnerJarFile();
  if (loaded?.file === file) return loaded.jar;
  try {
    const bytes = readFileSync(file);
    const meta = JSON.parse(readFileSync(file.replace(/\.jar$/, '.json'), 'utf8')) as { sourceSha256?: unknown };
    if (typeof meta.sourceSha256 !== 'string') throw new Error('its .json has no sourceSha256');
    loaded = { file, jar: { bytes, sourceSha256: meta.sourceSha256 } };
    return loaded.jar;
  } catch (e) {
    throw new ConfigError(
      `StreamPilot's SQL runner jar is missing or incomplete (${file}): ${messageOf(e)}`,
      'build it with `npm run build` (needs a JDK: javac on PATH or JAVA_HOME), or install the published package, which ships it',
    );
  }
}
