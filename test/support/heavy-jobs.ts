import type { FileChanges } from './git-fixture.js';

/**
 * Jobs that take seconds to check although each file stays under the SQL size limit: thousands
 * of table definitions (each redefinition reported), `jobs` times over. Each file differs, so
 * no cache shares work between them.
 */
export function heavyJobs(jobs: number, statements = 12_000): FileChanges {
  const changes: FileChanges = {};
  const body =
    "CREATE TABLE t (x INT) WITH ('connector' = 'datagen');\n".repeat(statements) +
    "CREATE TABLE s (x INT) WITH ('connector' = 'blackhole');\nINSERT INTO s SELECT x FROM t;\n";
  for (let i = 0; i < jobs; i++) {
    const name = `heavy-${i}`;
    changes[`jobs/${name}/job.yaml`] =
      `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: ${name}\nsql: [main.sql]\n`;
    changes[`jobs/${name}/main.sql`] = `-- ${name}\n${body}`;
  }
  return changes;
}
