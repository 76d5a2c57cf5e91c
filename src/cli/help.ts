export const MAIN_HELP = `streampilot — GitOps for Apache Flink SQL on Kubernetes

Usage: streampilot <command> [options]

Commands:
  init [dir]                  Start a repository: a commented streampilot.yaml and one
                              datagen → print job that passes check.
  check [dir]                 Validate a whole repository (streampilot.yaml, every job's
                              manifest and SQL) and print, per environment, what would be
                              deployed.
  validate <file|dir>...      Validate .sql files on their own, outside a repository.
  render <job> --env <env>    Print the Kubernetes YAML that would be applied for a job.
  build [job...]              Build and push the jobs' content-addressed images.
  deploy --env <env> [job...] Build, apply to Kubernetes, and follow each job to RUNNING.
  status --env <env>          What runs in an environment: each job's state and Web UI.
  savepoint --env <env> [job...]
                              Take a savepoint of running jobs through the operator.
  rollback --env <env> --to <sha> [job...]
                              Run the jobs again as they were at an earlier commit.
  restart --env <env> job...  Restart running jobs (state per upgradeMode).
  suspend --env <env> job...  Suspend jobs (a savepoint under upgradeMode savepoint).
  resume --env <env> job...   Resume suspended jobs.

Options:
  -h, --help                  Help for StreamPilot or for one command.
  -v, --version               Print the version.

Exit codes: 0 no errors, 1 errors found, 2 usage or configuration problem,
3 internal error (a bug in StreamPilot: please report it with the command you ran).
Run \`streampilot <command> --help\` for a command's options.
`;

export const INIT_HELP = `Usage: streampilot init [dir]

Writes a new StreamPilot repository into dir (default: the current folder, created if
needed): a commented streampilot.yaml with a staging and a production environment, and one
job, jobs/hello, that makes up rows with Flink's datagen connector and prints them. It passes
\`streampilot check\` as written; \`build\` and \`deploy\` need registry.repository set to a
registry you can push to. Never overwrites a file: if any of them exists, nothing is written.

Options:
  -h, --help                  This help.

Exit codes: 0 written, 2 a file would be overwritten (nothing written) or a usage problem.
`;

export const CHECK_HELP = `Usage: streampilot check [dir] [options]

Validates the repository at dir (default: the current folder): streampilot.yaml, every
jobs/<name>/job.yaml against the schemas, and every job's SQL for every environment
(variables substituted per environment). Then prints the plan: per environment, each job
with its mode, parallelism, upgrade mode, the object that would be applied, and its image.

Options:
  --env <name>                Check and plan only this environment (repeatable).
  --format text|json|github   text (default): findings with a code frame, then the plan.
                              json: the findings as a JSON array of
                              {file, line, column, endLine, endColumn, severity, rule, message, hint};
                              columns count UTF-16 code units (a CJK character is one).
                              github: GitHub Actions workflow commands (::error file=…,line=…::).
  --plan-json <file>          Also write the plan as JSON to <file>.
  --no-cache                  Do not read or write the result cache
                              (\${XDG_CACHE_HOME:-~/.cache}/streampilot, keyed by content hash).
  --color / --no-color        Force colours on or off (default: on when writing to a terminal).
  -h, --help                  This help.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or configuration problem
(e.g. a folder that does not exist).
`;

export const VALIDATE_HELP = `Usage: streampilot validate <file|dir>... [options]

Validates Flink SQL files outside any repository: syntax and every rule that can speak
about a file on its own. Folders are searched for *.sql files. Rules that need a whole job
(a script with no INSERT does nothing) stay quiet unless --whole-job is given. \${variables}
are left as written and not reported.

Options:
  --flink-version <v>         Flink version whose syntax applies (1.17 … 2.2; default 1.20).
  --whole-job                 Treat all given files as one job's scripts, in order.
  --format text|json|github   As for \`check\`.
  --color / --no-color        Force colours on or off.
  -h, --help                  This help.

Exit codes: 0 no errors, 1 errors found, 2 usage problem (e.g. a path that does not exist).
`;

export const RENDER_HELP = `Usage: streampilot render <job> --env <env> [--dir <repo>]

Prints, as YAML, the FlinkDeployment (application mode) or FlinkSessionJob (session mode)
that deploying <job> to <env> would apply, with the environment's settings merged in and
the job's content-addressed image. Problems in the job are printed to stderr.

Options:
  --env <name>                The environment (required).
  --dir <repo>                The repository (default: the current folder).
  --git-sha <sha>             Record this commit in the object's annotations.
  -h, --help                  This help.

A job disabled in <env> is still rendered, under a comment saying deploy does not apply it.

Exit codes: 0 rendered; 1 the job has errors: with errors in its SQL the YAML is still
printed (without the script, which is empty), with errors in its settings or manifest
there is nothing to print; 2 usage or configuration problem (unknown job or environment,
a --dir that does not exist).
`;

export const BUILD_HELP = `Usage: streampilot build [job...] [options]

Builds each job's image (application-mode jobs; all of them unless jobs are named) and
pushes it to the project's registry.repository. The tag is a content address: a hash of
the normalised SQL, the resolved Maven jars' checksums, local jars and the base image's
digest. When the registry already has that tag, nothing is built or uploaded.

Without --push nothing is built: each job's tag is computed and looked up in the registry.

Options:
  --env <name>                The environment built for (default: the first environment of
                              streampilot.yaml); only a job with its own runner gets its
                              variables in the image.
  --push                      Build and push.
  --builder registry|docker   registry (default): no Docker daemon; pulls nothing, uploads
                              one layer with the job's files. docker: docker build + push
                              through the engine (the default for jobs with a Dockerfile).
  --dir <repo>                The repository (default: the current folder).
  --no-cache                  Do not use the check result cache.
  -h, --help                  This help.

Registry credentials: STREAMPILOT_REGISTRY_USERNAME / STREAMPILOT_REGISTRY_PASSWORD (sent only to
STREAMPILOT_REGISTRY_HOST when it is set), else ~/.docker/config.json. Maven credentials:
STREAMPILOT_MAVEN_<ID>_USERNAME / _PASSWORD, sent only to STREAMPILOT_MAVEN_<ID>_URL.
Progress goes to stderr, the result per job to stdout.

Exit codes: 0 every image built or reused, 1 a job failed or has errors, 2 usage or
configuration problem (a --dir that does not exist, no registry.repository in
streampilot.yaml).
`;

export const DEPLOY_HELP = `Usage: streampilot deploy --env <env> [job...] [options]

Deploys the environment's jobs (all of them unless jobs are named) to Kubernetes through the
Flink Kubernetes Operator: builds and pushes each image (reused when unchanged), applies the
FlinkDeployment / FlinkSessionJob with server-side apply (field manager "streampilot", the
image pinned by digest), and follows each job until it runs or fails. A failure is reported
with its reason: the job's root exception, the pods' events, the JobManager's last log lines.

A field someone changed outside Git (kubectl edit) is reported as drift and not overwritten;
--force takes it over. Resources of jobs no longer in Git are listed and left running,
unless streampilot.yaml sets deploy.prune (and no job is named).

Options:
  --env <name>                The environment (required).
  --force                     Overwrite fields changed outside Git.
  --kubeconfig <file>         The kubeconfig (default: $KUBECONFIG, then ~/.kube/config).
  --context <name>            Its context (default: the environment's kubeContext, else the
                              kubeconfig's current context).
  --timeout <duration>        How long to wait for each job, e.g. 90s, 10m (default: the
                              environment's deploy.timeout, else 10m).
  --git-sha <sha>             The commit recorded on the objects (default: HEAD of --dir
                              when it is a git repository).
  --dir <repo>                The repository (default: the current folder).
  --no-cache                  Do not use the check result cache.
  -h, --help                  This help.

Progress goes to stderr, the result per job to stdout.

Exit codes: 0 every job running or unchanged, 1 a job failed, timed out, drifted or could
not be built, 2 usage or configuration problem (no such environment, no kubeconfig, no
registry.repository), found before anything is applied.
`;

export const STATUS_HELP = `Usage: streampilot status --env <env> [options]

Shows what runs in an environment: for each job of the repository, its resource's lifecycle
and job state as the operator reports them, the commit and image it runs, and its Web UI;
then resources StreamPilot deployed whose job is no longer in Git. Reads only.

Options:
  --env <name>                The environment (required).
  --kubeconfig <file>         The kubeconfig (default: $KUBECONFIG, then ~/.kube/config).
  --context <name>            Its context (default: the environment's kubeContext).
  --format text|json          text (default) or JSON.
  --dir <repo>                The repository (default: the current folder).
  -h, --help                  This help.

Exit codes: 0 every job running, 1 a job is missing, failed or not running, 2 usage or
configuration problem.
`;

export const SAVEPOINT_HELP = `Usage: streampilot savepoint --env <env> [job...] [options]

Takes a savepoint of each job (default: every job of the environment) through the Flink
Kubernetes Operator and waits for it: a FlinkStateSnapshot on operators from 1.10, a new
spec.job.savepointTriggerNonce on older ones. Prints where each savepoint is, or why there is
none. A job must be running and have state.savepoints.dir set; the object written records who
asked (annotations streampilot.dev/last-command*). What /savepoint does in a pull request.

Options:
  --env <name>                The environment (required).
  --timeout <duration>        How long to wait for each savepoint (default 10m, at most 1h).
  --kubeconfig <file>         The kubeconfig (default: $KUBECONFIG, then ~/.kube/config).
  --context <name>            Its context (default: the environment's kubeContext).
  --dir <repo>                The repository (default: the current folder).
  -h, --help                  This help.

Exit codes: 0 every savepoint taken, 1 a savepoint failed or a job is not running or not
deployed, 2 usage or configuration problem.
`;

export const ROLLBACK_HELP = `Usage: streampilot rollback --env <env> --to <sha> [job...] [options]

Runs the environment's jobs (all of them unless jobs are named) again as they were at commit
<sha>: that commit's tree is checked and rendered as a deploy renders it, on the image each job
had then (looked up in the registry by its content-addressed tag, never rebuilt: a job whose
image is gone is not applied), and applied through the deploy path (the job's Lease, follow to
RUNNING, report). The objects record who rolled back and to which commit (annotations
streampilot.dev/rolled-back-to and streampilot.dev/last-command-*), and \`status\` shows the
job as rolled back until a deploy from Git replaces it.

--to is required here: the earlier deployments are recorded on GitHub, which the CLI does not
read, and the cluster keeps only the commit that runs now. The app's /rollback finds it.

Options:
  --env <name>                The environment (required).
  --to <sha>                  The commit to return to (required; any form git rev-parse reads).
  --kubeconfig <file>         The kubeconfig (default: $KUBECONFIG, then ~/.kube/config).
  --context <name>            Its context (default: the environment's kubeContext).
  --dir <repo>                The repository, a git working copy (default: the current folder).
  -h, --help                  This help.

Exit codes: 0 every job runs the commit again, 1 a job was not rolled back (its image is gone,
it failed), 2 usage or configuration problem (no --to, unknown commit or job).
`;
const OPERATE_WHAT = {
  restart: `Restarts each job through the operator (spec.restartNonce): under upgradeMode savepoint it
stops with a savepoint and starts again from it, under last-state it starts again from its
latest checkpoint (HA metadata kept), under stateless it starts from empty state.`,
  suspend: `Suspends each job through the operator (spec.job.state: suspended), keeping its resource:
under upgradeMode savepoint it stops with a savepoint, under last-state it stops with its HA
metadata kept, under stateless its state is dropped. A later deploy does not resume it: it
reports the field as drift until \`streampilot resume\` (or deploy --force).`,
  resume: `Resumes each suspended job (spec.job.state: running): from the savepoint it was suspended
with (upgradeMode savepoint), from its latest checkpoint (last-state), or from empty state
(stateless).`,
} as const;

/** The help of `streampilot restart|suspend|resume`. */
export function OPERATE_HELP(operation: 'restart' | 'suspend' | 'resume'): string {
  return `Usage: streampilot ${operation} --env <env> <job>... [options]

${OPERATE_WHAT[operation]}

Each job's Lease is taken first: the command waits for a deploy or another command of the job
in progress. The object is annotated with who gave the command and when
(streampilot.dev/last-command, -by, -at). Only jobs this repository deployed are touched.

Options:
  --env <name>                The environment (required).
  --kubeconfig <file>         The kubeconfig (default: $KUBECONFIG, then ~/.kube/config).
  --context <name>            Its context (default: the environment's kubeContext).
  --timeout <duration>        How long each job may take (default: the environment's deploy timeout).
  --dir <repo>                The repository (default: the current folder).
  -h, --help                  This help.

Exit codes: 0 every job ${operation === 'suspend' ? 'suspended' : operation === 'resume' ? 'resumed' : 'restarted'} (or already so), 1 a job was refused or failed, 2 usage or
configuration problem.
`;
}
