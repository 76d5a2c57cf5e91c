/**
 * WITH options whose values no rule reads. Environments differ mostly in such values (the Kafka
 * brokers, the topic, the path of staging and of production), so a check that analysed the job's
 * SQL for one environment can give the other the same findings, when the variables that differ
 * stand only in these values (`workflows/check-job-sql.ts`).
 *
 * A rule that starts to read one of these values must take its key out of this list: the test
 * `test/rules/inert-options.test.ts` changes each listed value in every SQL text it has and fails
 * when any finding changes.
 */
import type { SqlUnit } from './types.js';
import { withOptionsOf } from './support/job-statements.js';
import type { Range } from '../text/source.js';

export const INERT_OPTION_KEYS: ReadonlySet<string> = new Set([
  'properties.bootstrap.servers',
  'properties.group.id',
  'topic',
  'topic-pattern',
  'path',
  'hosts',
  'index',
  'hostname',
  'port',
  'database-name',
  'schema-name',
  'table-name',
]);

/**
 * The ranges, in each file as written, of the values of inert options: where a `${name}` may
 * stand without its value mattering to any rule.
 */
export function inertValueRanges(units: readonly SqlUnit[]): Map<string, Range[]> {
  const out = new Map<string, Range[]>();
  for (const unit of units) {
    const ranges: Range[] = [];
    for (const statement of unit.parsed.statements) {
      for (const option of withOptionsOf(statement)) {
        if (!INERT_OPTION_KEYS.has(option.key.value)) continue;
        ranges.push({ start: unit.toOriginal(option.value.range.start), end: unit.toOriginal(option.value.range.end) });
      }
    }
    out.set(unit.file, ranges);
  }
  return out;
}
