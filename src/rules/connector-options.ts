import {
  allowedValues,
  connectorIds,
  exactKeys,
  findConnector,
  findFormat,
  formatIds,
  formatOptionPrefix,
  formatsInUse,
  isKnownOptionKey,
  WATERMARK_OPTIONS,
  WATERMARK_OPTIONS_SINCE,
  type ConnectorSpec,
} from '../connectors/catalog.js';
import { compareVersions, DEFAULT_FLINK_VERSION } from '../sql/parser/versions.js';
import type { CreateTable, TableOption } from '../sql/model/statements.js';
import { didYouMean } from '../text/did-you-mean.js';
import { couldProvideCustom } from './support/job-dependencies.js';
import { displayName, jobStatements, nameParts, optionMap, optionNamed, shortParts } from './support/job-statements.js';
import type { Finding, Rule, RuleContext, SqlUnit } from './types.js';

/**
 * The WITH options of each CREATE TABLE against the connector catalog: connector known,
 * required options present, option keys spelled right.
 *
 * Unknown connectors: a connector not in the catalog may well be a custom one whose jar the
 * job brings, so it is an error only when it is a near-miss of a known identifier (`kakfa`)
 * AND nothing in the job could provide it (no dependency mentioning it, no unidentified jar,
 * not in `provided.connectors`) — Flink would then fail with "Could not find any factory".
 * Otherwise a near-miss is a warning, and a name unlike any known one says nothing at all.
 * Unknown option keys are reported only for connectors whose key list is complete: as an
 * error when close to a real key (Flink rejects it as an unsupported option), as a warning
 * otherwise (a newer connector release may have added it).
 */
export const connectorOptions: Rule = {
  id: 'sql/connector-options',
  severity: 'error',
  description: 'unknown connector or format, missing required option, or misspelled option key in a WITH list',
  check(ctx, report) {
    const scriptHasCatalogs = ctx.units.some((u) =>
      u.parsed.statements.some((s) => s.kind === 'createCatalog' || (s.kind === 'use' && s.catalog)),
    );
    for (const { unit, statement } of jobStatements(ctx)) {
      if (statement.kind !== 'createTable') continue;
      checkTable(ctx, unit, statement, scriptHasCatalogs, report);
    }
  },
};

function checkTable(
  ctx: RuleContext,
  unit: SqlUnit,
  table: CreateTable,
  scriptHasCatalogs: boolean,
  report: (f: Finding) => void,
): void {
  const name = displayName(shortParts(nameParts(table.name)));
  const connectorOption = optionNamed(table.options, 'connector');
  if (!connectorOption) {
    // LIKE inherits the connector; in a catalog other than the in-memory default (Hive,
    // Paimon, …) a table needs none — and once the script creates or switches catalogs we
    // cannot tell where an unqualified table lands.
    if (table.like || scriptHasCatalogs || table.name.parts.length === 3) return;
    report({
      unit,
      range: table.name.range,
      message: `table \`${name}\` has no 'connector' option, so Flink cannot read or write it`,
      hint: "add WITH ('connector' = '...', ...) naming the system the table lives in, e.g. 'kafka', 'jdbc', 'filesystem'",
    });
    return;
  }
  const id = connectorOption.value.value;
  const spec = findConnector(id);
  if (!spec) {
    reportUnknown(ctx, unit, connectorOption, 'connector', connectorIds(), report);
    return;
  }
  const options = optionMap(table.options);
  const inherited = table.like !== undefined;

  if (!inherited) {
    const missing = spec.required.filter(
      (group) =>
        !group.some((k) => options.has(k)) &&
        !(id === 'kafka' && group.includes('topic') && writesTopicMetadata(table)),
    );
    if (missing.length > 0) {
      const wanted = missing.map((group) =>
        group.length === 1 ? `'${group[0]}'` : `one of ${group.map((k) => `'${k}'`).join(' or ')}`,
      );
      report({
        unit,
        range: connectorOption.range,
        message: `${id} table \`${name}\` is missing required option${missing.length > 1 ? 's' : ''} ${wanted.join(', ')}`,
        hint: `add ${missing.map((group) => `'${group[0]}' = '...'`).join(', ')} to its WITH list`,
      });
    }
    for (const { when, need } of spec.dependent ?? []) {
      const w = optionNamed(table.options, when);
      if (w && !options.has(need))
        report({
          unit,
          range: w.range,
          message: `'${when}' is set but '${need}' is not: ${id} needs both`,
          hint: `add '${need}' = '...' (or remove '${when}')`,
        });
    }
  }
  for (const group of spec.exclusive ?? []) {
    const set = group.map((k) => optionNamed(table.options, k)).filter((o): o is TableOption => o !== undefined);
    const second = set[1];
    if (second)
      report({
        unit,
        range: second.range,
        message: `${id} accepts only one of ${group.map((k) => `'${k}'`).join(' and ')}, and \`${name}\` sets both`,
        hint: `remove '${second.key.value}' or '${set[0]!.key.value}'`,
      });
  }

  for (const { slot, format } of formatsInUse(spec, options)) {
    const formatOption = optionNamed(table.options, slot)!;
    const fmt = findFormat(format);
    if (!fmt) {
      reportUnknown(ctx, unit, formatOption, 'format', formatIds(), report);
      continue;
    }
    if (inherited) continue;
    for (const r of fmt.required ?? []) {
      const key = formatOptionPrefix(slot, format) + r;
      if (!options.has(key))
        report({
          unit,
          range: formatOption.range,
          message: `format ${format} needs option '${key}'`,
          hint: `add '${key}' = '...' to the WITH list of \`${name}\``,
        });
    }
  }

  if (spec.primaryKey && !inherited && !table.asQuery && !hasPrimaryKey(table)) {
    report({
      unit,
      range: table.name.range,
      message: `${id} table \`${name}\` has no PRIMARY KEY; Flink refuses ${id} tables without one when the job starts`,
      hint: `declare the key, e.g. PRIMARY KEY (id) NOT ENFORCED: ${spec.primaryKey.why}`,
    });
  }

  const flinkVersion = ctx.job?.flinkVersion ?? ctx.flinkVersion ?? DEFAULT_FLINK_VERSION;
  checkKeys(unit, table, spec, options, flinkVersion, report);
  checkValues(unit, table, spec, report);
  if (!inherited) checkWatermarkAlignment(unit, table, options, report);
}

/**
 * FactoryUtil.checkWatermarkOptions: any watermark alignment option needs both the group and the
 * maximum drift, or Flink refuses the table.
 */
function checkWatermarkAlignment(
  unit: SqlUnit,
  table: CreateTable,
  options: ReadonlyMap<string, string>,
  report: (f: Finding) => void,
): void {
  const first = table.options.find((o) => o.key.value.startsWith('scan.watermark.alignment.'));
  if (!first) return;
  const missing = ['scan.watermark.alignment.group', 'scan.watermark.alignment.max-drift'].filter(
    (k) => !options.has(k),
  );
  if (missing.length === 0) return;
  report({
    unit,
    range: first.key.range,
    message: `watermark alignment needs both 'scan.watermark.alignment.group' and 'scan.watermark.alignment.max-drift'; ${missing.map((k) => `'${k}'`).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing`,
    hint: `add ${missing.map((k) => `'${k}' = '...'`).join(', ')}, or remove the alignment options`,
  });
}

function hasPrimaryKey(table: CreateTable): boolean {
  return table.constraints.some((c) => c.constraintKind === 'primaryKey') || table.columns.some((c) => c.primaryKey);
}

/** Values outside an option's fixed list: Flink's factory refuses them when the job starts. */
function checkValues(unit: SqlUnit, table: CreateTable, spec: ConnectorSpec, report: (f: Finding) => void): void {
  for (const option of table.options) {
    const allowed = allowedValues(spec, option.key.value);
    const value = option.value.value;
    // A `${variable}` left in the text is checked once it has a value (or reported as unresolved).
    if (!allowed || value.includes('${')) continue;
    if (allowed.some((a) => a.toLowerCase() === value.trim().toLowerCase())) continue;
    const close = didYouMean(value, allowed);
    report({
      unit,
      range: option.value.range,
      message: `'${option.key.value}' = '${value}' is not a value ${spec.id} accepts${close ? `; did you mean '${close}'?` : ''}`,
      hint: `use one of ${allowed.map((a) => `'${a}'`).join(', ')}; Flink refuses any other value when the job starts`,
    });
  }
}

function checkKeys(
  unit: SqlUnit,
  table: CreateTable,
  spec: ConnectorSpec,
  options: ReadonlyMap<string, string>,
  flinkVersion: string,
  report: (f: Finding) => void,
): void {
  const columns =
    table.like || table.asQuery
      ? undefined
      : table.columns.filter((c) => c.columnKind === 'physical').map((c) => c.name.value);
  const watermarkOptions = compareVersions(flinkVersion, WATERMARK_OPTIONS_SINCE) >= 0;
  const shape = columns ? { options, columns, watermarkOptions } : { options, watermarkOptions };
  // Built only for a key that is not known, as the candidates of "did you mean".
  let exact: string[] | undefined;
  for (const option of table.options) {
    const key = option.key.value;
    if (isKnownOptionKey(spec, shape, key)) continue;
    exact ??= exactKeys(spec, shape);
    if (WATERMARK_OPTIONS.includes(key)) {
      report({
        unit,
        range: option.key.range,
        message: `'${key}' needs Flink ${WATERMARK_OPTIONS_SINCE} or later; this job runs Flink ${flinkVersion}`,
        hint: `raise flinkVersion to ${WATERMARK_OPTIONS_SINCE} or later, or remove the option (Flink ${flinkVersion} rejects it as unsupported)`,
      });
      continue;
    }
    const field = spec.fieldOptions && columns ? /^fields\.(.+)\.([^.]+)$/.exec(key) : null;
    if (field && spec.fieldOptions!.includes(field[2]!)) {
      const close = didYouMean(field[1]!, columns!);
      report({
        unit,
        range: option.key.range,
        message: `'${key}' configures column \`${field[1]}\`, but the table has no such physical column${close ? `; did you mean \`${close}\`?` : ''}`,
        hint: `${spec.id} reads 'fields.<column>.<option>' for physical columns only`,
      });
      continue;
    }
    const close = didYouMean(key, exact);
    if (close) {
      report({
        unit,
        range: option.key.range,
        message: `unknown ${spec.id} option '${key}'; did you mean '${close}'?`,
        hint: `Flink rejects unsupported options when the job starts; rename it to '${close}'`,
      });
    } else if (spec.optionsComplete) {
      report({
        unit,
        range: option.key.range,
        severity: 'warning',
        message: `'${key}' is not an option of the ${spec.id} connector${formatHint(spec, options)}`,
        hint: 'Flink rejects unsupported options when the job starts; check the spelling against the connector documentation for your version',
      });
    }
  }
}

function formatHint(spec: ConnectorSpec, options: ReadonlyMap<string, string>): string {
  const used = formatsInUse(spec, options);
  return used.length ? ` or of its format${used.length > 1 ? 's' : ''} (${used.map((u) => u.format).join(', ')})` : '';
}

/** A sink may route rows by a writable `topic` metadata column instead of a fixed topic. */
function writesTopicMetadata(table: CreateTable): boolean {
  return table.columns.some(
    (c) => c.columnKind === 'metadata' && !c.virtual && (c.metadataKey?.value ?? c.name.value) === 'topic',
  );
}

function reportUnknown(
  ctx: RuleContext,
  unit: SqlUnit,
  option: TableOption,
  what: 'connector' | 'format',
  known: string[],
  report: (f: Finding) => void,
): void {
  const id = option.value.value;
  const close = didYouMean(id, known);
  if (!close) return;
  const provided = ctx.job ? couldProvideCustom(ctx, id) : true;
  report({
    unit,
    range: option.value.range,
    severity: provided ? 'warning' : 'error',
    message: `unknown ${what} '${id}'; did you mean '${close}'?`,
    hint: provided
      ? `if '${id}' is a custom ${what}, make sure its jar provides that identifier; otherwise write '${close}'`
      : `write '${close}'; no dependency of this job provides a ${what} called '${id}'`,
  });
}
