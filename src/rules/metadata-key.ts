import { tableMetadata } from '../connectors/metadata.js';
import type { QualifiedName } from '../sql/model/common.js';
import type { ColumnDef, CreateTable } from '../sql/model/statements.js';
import { didYouMean } from '../text/did-you-mean.js';
import { insertsOf, jobStatements, nameParts, optionMap, sameTable, whereIs } from './support/job-statements.js';
import { tablesRead } from './support/query-analysis.js';
import type { Rule, SqlUnit } from './types.js';

/**
 * METADATA columns the table's connector cannot serve. Flink checks them when a query reads or
 * writes the table (`DynamicSourceUtils` / `DynamicSinkUtils.validateAndApplyMetadata`), so only
 * tables the job uses are checked:
 * - a key the connector (and, for kafka, its value format as `value.<key>`) does not offer;
 * - a metadata column on a connector that has none (no `SupportsReadingMetadata`);
 * - a persisted (non-VIRTUAL) metadata column of a table the job writes, whose key can only be
 *   read (kafka's `offset`, `partition` …): Flink must write every persisted column.
 * The key lists are in `connectors/metadata.ts`; connectors and formats not listed there are not checked.
 */
export const metadataKey: Rule = {
  id: 'sql/metadata-key',
  severity: 'error',
  description: 'a METADATA column whose key the connector (or its format) does not offer, or cannot write',
  check(ctx, report) {
    const tables: { unit: SqlUnit; table: CreateTable }[] = [];
    for (const { unit, statement } of jobStatements(ctx))
      if (
        statement.kind === 'createTable' &&
        !statement.like &&
        !statement.asQuery &&
        statement.columns.some((c) => c.columnKind === 'metadata')
      )
        tables.push({ unit, table: statement });
    if (tables.length === 0) return;
    const reads: string[][] = [];
    const writes: { parts: string[]; unit: SqlUnit; name: QualifiedName }[] = [];
    for (const { unit, statement } of jobStatements(ctx)) {
      for (const insert of insertsOf(statement)) {
        writes.push({ parts: nameParts(insert.target), unit, name: insert.target });
        for (const r of tablesRead(insert.query)) reads.push(nameParts(r.name));
      }
      const query =
        statement.kind === 'createView' || statement.kind === 'query'
          ? statement.query
          : statement.kind === 'createTable'
            ? statement.asQuery
            : undefined;
      if (query) for (const r of tablesRead(query)) reads.push(nameParts(r.name));
    }
    for (const { unit, table } of tables) {
      const metadataColumns = table.columns.filter((c) => c.columnKind === 'metadata');
      if (metadataColumns.length === 0) continue;
      const parts = nameParts(table.name);
      const read = reads.some((r) => sameTable(r, parts));
      const written = writes.find((w) => sameTable(w.parts, parts));
      if (!read && !written) continue;
      const options = optionMap(table.options);
      const metadata = tableMetadata(options);
      if (!metadata) continue;
      const connector = options.get('connector')!;
      for (const column of metadataColumns) {
        const key = column.metadataKey?.value ?? column.name.value;
        const range = (column.metadataKey ?? column.name).range;
        if (metadata.keys.length === 0) {
          report({
            unit,
            range,
            message: `the ${connector} connector has no metadata: \`${column.name.value}\` cannot be a METADATA column`,
            hint: 'make it a physical column, or remove it',
          });
          continue;
        }
        const known = metadata.keys.find((k) => k.key === key);
        if (!known) {
          const keys = metadata.keys.map((k) => k.key);
          const prefixed = metadata.formatPrefix && keys.includes(metadata.formatPrefix + key);
          const close = prefixed ? metadata.formatPrefix + key : didYouMean(key, keys);
          report({
            unit,
            range,
            severity: metadata.complete ? 'error' : 'warning',
            message: `the ${connector} connector offers no metadata key '${key}'${close ? `; did you mean '${close}'?` : ''}`,
            hint: `${usesFrom(column) ? '' : `without FROM, the column name is the key; `}keys it offers: ${metadata.keys.map((k) => `'${k.key}' ${k.type}`).join(', ')}${metadata.complete ? '' : ' (this list may miss keys of some connector releases)'}`,
          });
          continue;
        }
        if (written && !column.virtual && !known.writable) {
          report({
            unit,
            range,
            message: `metadata key '${key}' of the ${connector} connector can only be read, but \`${column.name.value}\` is not VIRTUAL and the table is written (${whereIs(written.unit, written.name.range.start)})`,
            hint: `declare it \`${column.name.value} ... METADATA${usesFrom(column) ? ` FROM '${key}'` : ''} VIRTUAL\` so that INSERTs leave it out; keys the connector can write: ${
              metadata.keys
                .filter((k) => k.writable)
                .map((k) => `'${k.key}'`)
                .join(', ') || 'none'
            }`,
          });
        }
      }
    }
  },
};

const usesFrom = (c: ColumnDef): boolean => c.metadataKey !== undefined;
