import type { ResolvedJob } from '../../src/manifest/types.js';

/** A resolved job as the overlay produces it, for tests of what consumes one; override what the test is about. */
export function resolvedJob(overrides: Partial<ResolvedJob> = {}): ResolvedJob {
  return {
    name: 'orders-enrichment',
    dir: 'jobs/orders-enrichment',
    environment: 'staging',
    mode: 'application',
    flinkVersion: '1.20',
    namespace: 'flink-staging',
    baseImage: 'flink:1.20-java17',
    runner: { jarURI: 'local:///opt/flink/usrlib/sql-runner.jar' },
    parallelism: 4,
    upgradeMode: 'savepoint',
    // What the overlay fills in when the manifests say nothing (src/manifest/resource-defaults.ts).
    resources: { jobManager: { memory: '1600m', cpu: 1 }, taskManager: { memory: '1728m', cpu: 1 } },
    // A savepoint upgrade needs both directories, or the operator refuses the resource.
    flinkConfiguration: {
      'execution.checkpointing.interval': '30s',
      'state.checkpoints.dir': 's3://flink-state/checkpoints',
      'state.savepoints.dir': 's3://flink-state/savepoints',
    },
    variables: {},
    secrets: {},
    sql: ['main.sql'],
    dependencies: { maven: [], jars: [] },
    externalTables: [],
    enabled: true,
    state: 'running',
    ...overrides,
  };
}
