/**
 * The repository `streampilot init` writes: a commented streampilot.yaml and one job that
 * reads rows Flink's datagen connector makes up and prints them. It passes `check` as written
 * and deploys as soon as `registry.repository` names a registry the cluster can pull from.
 */
export const INIT_JOB = 'hello';

const PROJECT = `# StreamPilot project: the settings every job (jobs/<name>/job.yaml) inherits, and the
# environments jobs deploy to. Run \`streampilot check\` after every change.
apiVersion: streampilot.dev/v1
kind: Project

# Where \`build\` and \`deploy\` push each job's image (tagged <job>-<content hash>). This is a
# placeholder: \`check\` and \`render\` work with it, \`build\` and \`deploy\` need a repository
# the cluster can pull from and you can push to, e.g. ghcr.io/<your-org>/flink-jobs.
registry:
  repository: registry.example.com/my-team/flink-jobs

defaults:
  flinkVersion: "1.20"
  # The operator's service account in the job namespaces (the Helm chart's jobServiceAccount).
  serviceAccount: flink
  # Without \`resources\`, each JobManager gets 1600m of memory and 1 cpu, each TaskManager
  # 1728m and 1 cpu (Flink's own defaults). Uncomment to size them:
  # resources:
  #   jobManager: { memory: 2048m, cpu: 1 }
  #   taskManager: { memory: 4096m, cpu: 2, taskSlots: 2 }
  flinkConfiguration:
    execution.checkpointing.interval: 30s
    # A job that keeps state (\`upgradeMode: savepoint\`, the default, or \`last-state\`) needs a
    # checkpoint and a savepoint directory: the Flink operator refuses it without them, and
    # \`check\` says so. Point them at a bucket every environment's Flink pods can write, and
    # enable the matching filesystem plugin in the image (e.g. flink-s3-fs-presto for s3://):
    # state.checkpoints.dir: s3://my-flink-state/checkpoints
    # state.savepoints.dir: s3://my-flink-state/savepoints

environments:
  staging:
    namespace: flink-staging
    # The kubeconfig context to deploy with; without it, the in-cluster configuration.
    # kubeContext: staging
    deployOn: merge
  production:
    namespace: flink-production
    # kubeContext: production
    # Deployed by a \`/deploy production\` comment, and only what already ran in staging.
    deployOn: command
    after: staging
`;

const JOB = `# One Flink SQL job: its SQL files run in order, as one application cluster of its own.
apiVersion: streampilot.dev/v1
kind: FlinkSqlJob
name: ${INIT_JOB}
description: Rows made up by datagen, printed to the TaskManager log.
sql: [main.sql]
parallelism: 1
# This job keeps no state worth keeping, so an upgrade may start it afresh. A job with state
# leaves this out (the default is savepoint) and sets the state directories in streampilot.yaml.
upgradeMode: stateless
`;

const SQL = `-- Ten rows a second, made up by Flink's datagen connector.
CREATE TABLE greetings (
  id BIGINT,
  message STRING
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '10',
  'fields.message.length' = '12'
);

-- Each row goes to the TaskManagers' standard output: kubectl logs <taskmanager pod>.
CREATE TABLE console (
  id BIGINT,
  message STRING
) WITH (
  'connector' = 'print'
);

INSERT INTO console SELECT id, message FROM greetings;
`;

/** Repository-relative path → content, in the order they are written and listed. */
export function initFiles(): [string, string][] {
  return [
    ['streampilot.yaml', PROJECT],
    [`jobs/${INIT_JOB}/job.yaml`, JOB],
    [`jobs/${INIT_JOB}/main.sql`, SQL],
  ];
}
