import type { ResolvedJob } from '../manifest/types.js';
import { RenderError } from './render-error.js';
import {
  RUNNER_APPLICATION_ARGS,
  RUNNER_JAR_FILE_NAME,
  RUNNER_JAR_URI,
  usesOwnRunner,
} from '../runner/runner-paths.js';

/**
 * Where the builder writes the normalised script in the job's image when the runner does not
 * say (`runner.scriptPath`). The image builder must use this same constant.
 */
export const DEFAULT_SCRIPT_PATH = '/opt/flink/usrlib/sql-scripts/script.sql';

/**
 * Runner arguments when the manifest gives none, for a team's own runner (`runner.jarURI` set).
 * - application: the operator's flink-sql-runner-example convention, one argument, the path of
 *   the script inside our image.
 * - session: the session cluster runs its own image and never sees ours, so a path would point
 *   at nothing; the script travels inline in the FlinkSessionJob (`{{sql}}`). That needs a
 *   runner that takes SQL text as its argument, which the session cluster's jarURI must name.
 */
const CUSTOM_RUNNER_ARGS: Record<ResolvedJob['mode'], readonly string[]> = {
  application: ['{{script}}'],
  session: ['{{sql}}'],
};

/**
 * StreamPilot's runner (README, "How a job runs"): in application mode the framed script and the
 * values file at their paths in the pod; in session mode the framed script inline, since the
 * session cluster never sees the job's image or ConfigMaps.
 */
const OWN_RUNNER_ARGS: Record<ResolvedJob['mode'], readonly string[]> = {
  application: RUNNER_APPLICATION_ARGS,
  session: ['--script-text', '{{sql}}'],
};

const PLACEHOLDER = /\{\{([^}]*)\}\}/g;

/** The runner's args with `{{script}}` (path in the image) and `{{sql}}` (the script text) filled in. */
export function runnerArgs(job: ResolvedJob, script: string): string[] {
  const own = usesOwnRunner(job.runner.jarURI);
  if (own && job.mode === 'session' && job.runner.jarURI === RUNNER_JAR_URI) {
    // The operator downloads a session job's jar itself (ArtifactManager: http(s) directly, other
    // schemes through Flink's FileSystem) and uploads it to the session cluster; its validator
    // allows only https unless kubernetes.operator.user.artifacts.allowed-schemes says otherwise.
    throw new RenderError(
      job.name,
      job.environment,
      `runs in a session cluster with the default runner.jarURI ${RUNNER_JAR_URI}, a path inside a job image that a session job does not have; the operator downloads a session job's jar and accepts https URLs.`,
      `Host ${RUNNER_JAR_FILE_NAME} from the StreamPilot package (dist/runner/) at an https URL the operator can reach, and set runner.jarURI to it (keep the file name).`,
    );
  }
  const template = job.runner.args ?? (own ? OWN_RUNNER_ARGS : CUSTOM_RUNNER_ARGS)[job.mode];
  const scriptPath = job.runner.scriptPath ?? DEFAULT_SCRIPT_PATH;
  const filled = template.map((arg) => {
    for (const [, inner] of arg.matchAll(PLACEHOLDER)) {
      if (inner !== 'script' && inner !== 'sql') {
        throw new RenderError(
          job.name,
          job.environment,
          `runner argument "${arg}" uses {{${inner}}}, which is not a placeholder.`,
          'Use {{script}} for the script path in the image or {{sql}} for the SQL text.',
          ['runner', 'args'],
        );
      }
      if (inner === 'script' && job.mode === 'session') {
        throw new RenderError(
          job.name,
          job.environment,
          `runner argument "${arg}" passes {{script}}, a path inside the job's image, but a session job runs in the session cluster's image, where that file does not exist.`,
          'Pass the SQL inline with {{sql}} and a runner that accepts SQL text, or use mode: application.',
          ['runner', 'args'],
        );
      }
    }
    // split/join rather than String.replace: SQL text may contain `$&`, `$1` … which replace() would expand.
    return arg.split('{{script}}').join(scriptPath).split('{{sql}}').join(script);
  });
  // A session job's `--value` arguments are the runtime values' (runtime-values.ts), added by the renderer.
  return filled;
}
