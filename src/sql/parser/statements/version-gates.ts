/**
 * Syntax that only some Flink releases accept, in one table: the minimum release, and
 * the words an error uses for it. Sources: the SQL reference and release notes of each
 * release (1.17 … 2.2).
 */
import type { Token } from '../../lexer.js';
import type { Range } from '../../../text/source.js';
import type { Cursor } from '../cursor.js';
import type { FlinkVersion } from '../versions.js';

export const VERSION_GATES = {
  replaceTableAs: { since: '1.18', feature: 'CREATE OR REPLACE TABLE ... AS (RTAS)' },
  truncate: { since: '1.18', feature: 'TRUNCATE TABLE' },
  call: { since: '1.18', feature: 'CALL of a procedure' },
  showProcedures: { since: '1.18', feature: 'SHOW PROCEDURES' },
  materializedTable: { since: '1.20', feature: 'MATERIALIZED TABLE' },
  alterCatalog: { since: '1.20', feature: 'ALTER CATALOG' },
  describeCatalog: { since: '1.20', feature: 'DESCRIBE CATALOG' },
  catalogComment: { since: '1.20', feature: 'CREATE CATALOG ... COMMENT' },
  showCreateCatalog: { since: '1.20', feature: 'SHOW CREATE CATALOG' },
  distribution: { since: '1.20', feature: 'DISTRIBUTED BY / DISTRIBUTED INTO' },
  model: { since: '2.0', feature: 'MODEL statements' },
  tableAsColumnNames: { since: '2.0', feature: 'column names without types in CREATE/REPLACE TABLE ... AS' },
  explainTableAs: { since: '2.0', feature: 'EXPLAIN of CREATE/REPLACE TABLE ... AS (CTAS/RTAS)' },
  createOrAlterMaterializedTable: { since: '2.2', feature: 'CREATE OR ALTER MATERIALIZED TABLE' },
} as const satisfies Record<string, { since: FlinkVersion; feature: string }>;

export type GatedFeature = keyof typeof VERSION_GATES;

export function requireFeature(c: Cursor, feature: GatedFeature, at: Token | Range): void {
  const gate = VERSION_GATES[feature];
  c.requireVersion(gate.since, gate.feature, at);
}
