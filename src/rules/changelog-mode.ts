import { sinkChangelog, sourceChangelog } from '../connectors/changelog.js';
import type { CatalogTable, JobAnalysis, SinkWrite } from '../semantics/analysis.js';
import { isUnknown } from '../semantics/sql-type.js';
import { changelogOf, type ChangelogEnvironment, type ChangeProducer } from '../semantics/changelog.js';
import type { SelectQuery } from '../sql/model/query.js';
import type { Statement } from '../sql/model/statements.js';
import { displayName, insertsOf, jobStatements, whereIs } from './support/job-statements.js';
import { runtimeModes, type RuntimeMode } from './support/runtime-mode.js';
import { jobAnalysis } from './support/semantic-analysis.js';
import { mentions, referenceType, surelyNotTimeAttribute } from './support/time-attributes.js';
import type { Rule, RuleContext } from './types.js';

/**
 * Updates written into a sink that accepts inserts only: the planner's changelog-mode inference
 * (`FlinkChangelogModeInferenceProgram`) refuses the job at submit time with "Table sink … doesn't
 * support consuming update and delete changes which is produced by node …". Reported with the
 * operator that produces the updates (`semantics/changelog.ts`) and the ways out. Also a JDBC sink
 * without a PRIMARY KEY fed updates (`JdbcDynamicTableSink.validatePrimaryKey`). Streaming jobs only:
 * in batch mode every query inserts only. And an operator that reads inserts only (OVER, MATCH_RECOGNIZE,
 * interval and window joins, window Top-N) fed updates, which the planner refuses whatever the sink.
 * Quiet whenever the sink, a source or an operator is not known.
 */
export const changelogMode: Rule = {
  id: 'sql/changelog-mode',
  severity: 'error',
  description: 'a query that produces updates or deletes written into a sink that accepts inserts only',
  check(ctx, report) {
    const analysis = jobAnalysis(ctx);
    if (analysis.writes.length === 0) return;
    const modes = modeOfWrites(ctx);
    const env = environment(analysis);
    // Only these operators refuse updates: without them, a sink that takes anything needs no inference.
    const refusing = ctx.units.some((u) => mentions(u, /\b(OVER|MATCH_RECOGNIZE|JOIN)\b/i));
    for (const write of analysis.writes) {
      if (modes.get(write.statement) !== 'streaming') continue;
      // OPTIONS hints on the target may change its format: its mode is then not known.
      const hinted =
        write.statement.kind === 'insert' &&
        (write.statement.hints ?? []).some((h) => h.name.value.toUpperCase() === 'OPTIONS');
      const accepts =
        write.sink && !hinted
          ? sinkChangelog(write.sink.options, (write.sink.primaryKey?.length ?? 0) > 0)
          : { accepts: 'unknown' as const };
      const limited = accepts.accepts === 'insert-only' || (accepts.accepts === 'upsert-with-key' && !accepts.keyed);
      if (!limited && !refusing) continue;
      const changelog = changelogOf(write.query, write.unit, env);
      // Placed where it is written when that is this statement, else at the INSERT's target.
      const place = (p: ChangeProducer) => {
        const own = p.unit === write.unit && within(p, write.statement);
        return {
          unit: own ? p.unit : write.unit,
          range: own ? p.range : targetRange(write),
          where: own ? '' : ` (${whereIs(p.unit, p.range.start)})`,
        };
      };
      if (changelog.kind === 'refused') {
        const { consumer, producer } = changelog;
        const at = place(consumer);
        const from = place(producer);
        report({
          unit: at.unit,
          range: at.range,
          message: `the ${consumer.operator}${at.where} reads inserts only, but its input produces updates, from the ${producer.operator}${from.where}: Flink refuses the query`,
          hint: [
            ...consumer.fixes,
            'read an insert-only source (kafka with a json/avro format rather than a CDC one)',
          ].join('; or '),
        });
        continue;
      }
      if (changelog.kind !== 'updating' || !write.sink || !limited) continue;
      const sink = write.sink;
      const connector = sink.options.get('connector')!;
      // upsert-kafka without a key is already refused by sql/connector-options.
      if (connector === 'upsert-kafka') continue;
      const { producer } = changelog;
      const sinkName = displayName(sink.path.slice(-1));
      const changes = changelog.deletes ? 'updates and deletes' : 'updates';
      const at = place(producer);
      const why =
        accepts.accepts === 'insert-only'
          ? `\`${sinkName}\` (${describeSink(sink)}) accepts inserts only`
          : `\`${sinkName}\` (${connector}) has no PRIMARY KEY, so it accepts inserts only`;
      report({
        unit: at.unit,
        range: at.range,
        message: `${why}, but the query writing it produces ${changes}, from the ${producer.operator}${at.where}`,
        hint: [...producer.fixes, ...sinkFixes(sink, accepts.accepts === 'insert-only', producer)].join('; or '),
      });
    }
  },
};

/** The runtime mode each INSERT or CTAS runs in. */
function modeOfWrites(ctx: RuleContext): Map<Statement, RuntimeMode> {
  const modes = runtimeModes(ctx);
  const out = new Map<Statement, RuntimeMode>();
  for (const { statement } of jobStatements(ctx)) {
    const mode = modes.get(statement) ?? 'unknown';
    out.set(statement, mode);
    for (const insert of insertsOf(statement)) out.set(insert, mode);
  }
  return out;
}

function environment(analysis: JobAnalysis): ChangelogEnvironment {
  const blocks = new Map<SelectQuery, JobAnalysis['blocks'][number]>();
  for (const b of analysis.blocks) blocks.set(b.select, b);
  return {
    table(name) {
      const found = analysis.lookup(name);
      if (found.kind !== 'known') return { kind: 'unknown' };
      const t = found.table;
      if (t.kind === 'view')
        return t.query && t.definition
          ? { kind: 'view', query: t.query, unit: t.definition.unit }
          : { kind: 'unknown' };
      const connector = t.options.get('connector');
      return { kind: 'source', mode: sourceChangelog(t.options), ...(connector ? { connector } : {}) };
    },
    timeAttribute(select, ref) {
      const type = referenceType(analysis, ref) ?? blocks.get(select)?.scope.column(ref);
      if (!type || isUnknown(type)) return undefined;
      if (type.timeAttribute) return type.timeAttribute;
      return surelyNotTimeAttribute(analysis, select, ref, type) ? 'none' : undefined;
    },
  };
}

function within(producer: ChangeProducer, statement: Statement): boolean {
  return producer.range.start >= statement.range.start && producer.range.end <= statement.range.end;
}

function targetRange(write: SinkWrite) {
  return write.statement.kind === 'insert' ? write.statement.target.range : write.statement.name.range;
}

function describeSink(sink: CatalogTable): string {
  const connector = sink.options.get('connector')!;
  const format = sink.options.get('value.format') ?? sink.options.get('format');
  return format ? `${connector}, format ${format}` : connector;
}

function sinkFixes(sink: CatalogTable, insertOnly: boolean, producer: ChangeProducer): string[] {
  const key = producer.key ? producer.key.join(', ') : 'the key columns';
  if (!insertOnly) return [`declare the sink's PRIMARY KEY (${key}) NOT ENFORCED: JDBC then upserts by it`];
  const fixes = [
    `write to a sink that takes updates: an upsert-kafka or jdbc table with PRIMARY KEY (${key}) NOT ENFORCED`,
  ];
  if (sink.options.get('connector') === 'kafka')
    fixes.push("keep kafka with a changelog format ('format' = 'debezium-json')");
  return fixes;
}
