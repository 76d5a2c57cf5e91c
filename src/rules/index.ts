import { messageOf } from '../errors.js';
import { diagnosticAt, type Diagnostic } from '../diagnostics.js';
import { LineMap } from '../text/source.js';
import { fullTreeDepth, MAX_SEMANTIC_DEPTH } from '../sql/parser/depth.js';
import { changelogMode } from './changelog-mode.js';
import { aggregatePlacement } from './aggregate-placement.js';
import { connectorDependency } from './connector-dependency.js';
import { connectorOptions } from './connector-options.js';
import { dropStatement } from './drop-statement.js';
import { emptyFile } from './empty-file.js';
import { duplicateTable } from './duplicate-table.js';
import { insertColumnCount } from './insert-column-count.js';
import { metadataKey } from './metadata-key.js';
import { multipleInserts } from './multiple-inserts.js';
import { notGrouped } from './not-grouped.js';
import { noSink } from './no-sink.js';
import { overWindowOrder } from './over-window-order.js';
import { plaintextSecret } from './plaintext-secret.js';
import { primaryKeyEnforced } from './primary-key-enforced.js';
import type { Finding, Rule, RuleContext, SqlUnit } from './types.js';
import { runnerCompatibility } from './runner-compatibility.js';
import { streamingOrderBy } from './streaming-order-by.js';
import { temporalJoin } from './temporal-join.js';
import { unknownTable } from './unknown-table.js';
import { unknownColumn } from './unknown-column.js';
import { ambiguousColumn } from './ambiguous-column.js';
import { unknownQualifier } from './unknown-qualifier.js';
import { undeclaredColumn } from './undeclared-column.js';
import { duplicateColumn } from './duplicate-column.js';
import { declaredSchema } from './declared-schema.js';
import { watermarkType } from './watermark-type.js';
import { windowTimeAttribute } from './window-time-attribute.js';
import { unknownFunction } from './unknown-function.js';
import { functionArguments } from './function-arguments.js';
import { conditionType } from './condition-type.js';
import { mixedTypes } from './mixed-types.js';
import { sinkType } from './sink-type.js';

/**
 * The rules that read the semantic analysis (src/semantics/). They walk expressions recursively,
 * so a job with a statement deeper than MAX_SEMANTIC_DEPTH is left to the others (and to Flink).
 */
const SEMANTIC_RULES: readonly Rule[] = [
  unknownColumn,
  ambiguousColumn,
  unknownQualifier,
  undeclaredColumn,
  duplicateColumn,
  // Streaming semantics (issue 15).
  primaryKeyEnforced,
  watermarkType,
  metadataKey,
  changelogMode,
  windowTimeAttribute,
  streamingOrderBy,
  overWindowOrder,
  temporalJoin,
  // Types and functions (issue 15).
  unknownFunction,
  functionArguments,
  conditionType,
  mixedTypes,
  sinkType,
  // Aggregation (issue 15).
  notGrouped,
  aggregatePlacement,
];

export const RULES: readonly Rule[] = [
  emptyFile,
  unknownTable,
  insertColumnCount,
  connectorOptions,
  connectorDependency,
  noSink,
  plaintextSecret,
  duplicateTable,
  dropStatement,
  multipleInserts,
  runnerCompatibility,
  declaredSchema,
  ...SEMANTIC_RULES,
];

const SEMANTIC: ReadonlySet<Rule> = new Set(SEMANTIC_RULES);

/** Line maps of the original files, built once per unit. */
function lineMaps(): (unit: SqlUnit) => LineMap {
  const maps = new Map<SqlUnit, LineMap>();
  return (unit) => {
    let m = maps.get(unit);
    if (!m) maps.set(unit, (m = new LineMap(unit.original)));
    return m;
  };
}

/** A range of the parsed text, in the user's original file. */
function toOriginalRange(unit: SqlUnit, range: Finding['range']) {
  const start = unit.toOriginal(range.start);
  return { start, end: Math.max(start, unit.toOriginal(range.end)) };
}

export const RULE_FAILED = 'internal/rule-failed';

/**
 * Runs the rules over a job's SQL and positions every finding in the user's file. A rule
 * that throws is a bug of ours, not of the user's SQL: it becomes one `internal/rule-failed`
 * error instead of taking the other rules down with it. An error, not a warning: the rule did
 * not look at the SQL, so the check must fail closed rather than pass what nobody checked.
 */
export function runRules(ctx: RuleContext, rules: readonly Rule[] = RULES): Diagnostic[] {
  const mapOf = lineMaps();
  const out: Diagnostic[] = [];
  const tooDeep = ctx.units.some((u) => u.parsed.statements.some((s) => fullTreeDepth(s) > MAX_SEMANTIC_DEPTH));
  for (const rule of rules) {
    if (rule.wholeJobOnly && !ctx.wholeJob) continue;
    if (tooDeep && SEMANTIC.has(rule)) continue;
    try {
      rule.check(ctx, (f) => {
        out.push(
          diagnosticAt(f.unit.file, mapOf(f.unit), toOriginalRange(f.unit, f.range), {
            severity: f.severity ?? rule.severity,
            rule: rule.id,
            message: f.message,
            hint: f.hint,
          }),
        );
      });
    } catch (error) {
      out.push(ruleFailure(ctx, rule, error, mapOf));
    }
  }
  return out;
}

/** The parser's syntax errors as diagnostics of rule `syntax`. */
export function syntaxDiagnostics(ctx: RuleContext): Diagnostic[] {
  const mapOf = lineMaps();
  return ctx.units.flatMap((unit) =>
    unit.parsed.issues.map((issue) =>
      diagnosticAt(unit.file, mapOf(unit), toOriginalRange(unit, issue.range), {
        severity: 'error',
        rule: 'syntax',
        message: issue.message,
        hint: issue.hint,
      }),
    ),
  );
}

function ruleFailure(ctx: RuleContext, rule: Rule, error: unknown, mapOf: (unit: SqlUnit) => LineMap): Diagnostic {
  const reason = messageOf(error).split('\n')[0]!.slice(0, 200);
  const fields = {
    severity: 'error' as const,
    rule: RULE_FAILED,
    message: `internal rule ${rule.id} failed on this job, so its SQL is not fully checked: ${reason}`,
    hint: 'this is a bug in StreamPilot, not in your SQL; please report it with the SQL that triggers it',
  };
  const unit = ctx.units[0];
  if (unit) return diagnosticAt(unit.file, mapOf(unit), { start: 0, end: 0 }, fields);
  // No SQL file to point at: the job's manifest, so that the failure still has a place.
  const file = ctx.job ? `${ctx.job.dir}/job.yaml` : 'job.yaml';
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, ...fields };
}
