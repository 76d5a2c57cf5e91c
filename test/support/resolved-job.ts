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
    resources: {},
    flinkConfiguration: { 'execution.checkpointing.interval': '30s' },
    variables: {},
    sql: ['main.sql'],
    dependencies: { maven: [], jars: [] },
    externalTables: [],
    enabled: true,
    state: 'running',
    ...overrides,
  };
}
