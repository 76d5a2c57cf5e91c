/**
 * Where StreamPilot's own SQL runner and what it reads live inside a job's pod: the contract
 * between the renderer, the image builder and the Java runner (dev.streampilot.runner.Main).
 */

/** The runner jar in every job image (and in a `build: configmap` job's ConfigMap). */
export const RUNNER_JAR_PATH = '/opt/flink/usrlib/streampilot-sql-runner.jar';

/** `runner.jarURI` of a job that runs on StreamPilot's runner. */
export const DEFAULT_RUNNER_JAR_URI = `local://${RUNNER_JAR_PATH}`;

/** Main-Class of the runner jar's manifest. */
export const RUNNER_MAIN_CLASS = 'dev.streampilot.runner.Main';

/** Folder the runtime values ConfigMap is mounted at. */
export const VALUES_DIR = '/etc/streampilot';

/** The runtime values file the runner reads (`--values`); absent means no values. */
export const VALUES_FILE = `${VALUES_DIR}/values.properties`;

/**
 * The container environment variable that carries secret variable `name`:
 * `STREAMPILOT_SECRET_` + the name upper-cased, every character outside [A-Z0-9_] as `_`.
 */
export function secretEnvName(name: string): string {
  return `STREAMPILOT_SECRET_${name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}
