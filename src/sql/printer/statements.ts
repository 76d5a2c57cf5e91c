/**
 * Canonical SQL text of statements: parse -> print -> parse yields the same tree (ranges
 * aside). The script form is what the naive SQL runner inside the image can read: no
 * comments, every statement ending with `;` at a line end and no other line ending with
 * `;`, `SET 'key' = 'value';`, and statement sets as `EXECUTE STATEMENT SET` / `BEGIN` /
 * inserts / a line that is exactly `END;`.
 */
import type { Identifier, QualifiedName } from '../model/common.js';
import type {
  AlterSchemaItem,
  AlterTableAction,
  ColumnDef,
  Distribution,
  Insert,
  PartitionSpec,
  Statement,
  StatementSet,
  StringLiteral,
  TableConstraint,
  TableOption,
  Watermark,
} from '../model/statements.js';
import { printDataType, printIdentifier, printString } from './data-type.js';
import { printExpression, printHints, printQuery } from './query.js';

export interface PrintScriptOptions {
  /**
   * Write `BEGIN STATEMENT SET; ... END;` blocks as `EXECUTE STATEMENT SET BEGIN ... END;`,
   * the only form the SQL runner executes (TableEnvironment has no BEGIN STATEMENT SET).
   */
  runner?: boolean;
}

export function printScript(statements: Statement[], options: PrintScriptOptions = {}): string {
  return (
    statements
      // The runner form closes every statement set itself, so a lone `END;` would be a stray statement.
      .filter((s) => !(options.runner && s.kind === 'endStatementSet'))
      .map((s) => {
        if (options.runner && s.kind === 'statementSet' && s.form === 'begin')
          return printStatement({ ...s, form: 'execute', unclosed: false }) + ';';
        if (s.kind === 'statementSet' && s.unclosed) return printStatement(s);
        return printStatement(s) + ';';
      })
      .join('\n') + (statements.length > 0 ? '\n' : '')
  );
}

/** One statement without its final `;`. */
export function printStatement(s: Statement): string {
  switch (s.kind) {
    case 'createTable': {
      let out = `CREATE ${s.orReplace ? 'OR REPLACE ' : ''}${s.temporary ? 'TEMPORARY ' : ''}TABLE ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${name(s.name)}`;
      out += s.columnNames ? ` (${ids(s.columnNames)})` : schema(s.columns, s.watermarks, s.constraints);
      out += tableTail(s);
      if (s.like)
        out += ` LIKE ${name(s.like.source)}${s.like.options.length > 0 ? ` (${s.like.options.join(' ')})` : ''}`;
      if (s.asQuery) out += `\nAS ${printQuery(s.asQuery)}`;
      return out;
    }
    case 'createMaterializedTable': {
      let out = `CREATE ${s.orAlter ? 'OR ALTER ' : ''}MATERIALIZED TABLE ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${name(s.name)}`;
      out += s.columnNames ? ` (${ids(s.columnNames)})` : schema(s.columns, s.watermarks, s.constraints);
      out += tableTail(s);
      if (s.freshness) out += `\nFRESHNESS = ${printExpression(s.freshness)}`;
      if (s.refreshMode) out += `\nREFRESH_MODE = ${s.refreshMode}`;
      return out + `\nAS ${printQuery(s.query)}`;
    }
    case 'insert':
      return printInsert(s);
    case 'statementSet':
      return printStatementSet(s);
    case 'endStatementSet':
      return 'END';
    case 'set':
      return s.key && s.value ? `SET ${str(s.key)} = ${str(s.value)}` : 'SET';
    case 'reset':
      return s.key ? `RESET ${str(s.key)}` : 'RESET';
    case 'createView':
      return `CREATE ${s.temporary ? 'TEMPORARY ' : ''}VIEW ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${name(s.name)}${s.columns ? ` (${ids(s.columns)})` : ''}${s.comment ? ` COMMENT ${str(s.comment)}` : ''} AS\n${printQuery(s.query)}`;
    case 'createFunction':
      return `CREATE ${s.temporary ? 'TEMPORARY ' : ''}${s.system ? 'SYSTEM ' : ''}FUNCTION ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${name(s.name)} AS ${str(s.className)}${s.language ? ` LANGUAGE ${s.language}` : ''}${s.usingJars.length > 0 ? ` USING ${s.usingJars.map((j) => `JAR ${str(j)}`).join(', ')}` : ''}`;
    case 'createCatalog':
      return `CREATE CATALOG ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${id(s.name)}${s.comment ? ` COMMENT ${str(s.comment)}` : ''}${withOptions(s.options, true)}`;
    case 'createDatabase':
      return `CREATE DATABASE ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${name(s.name)}${s.comment ? ` COMMENT ${str(s.comment)}` : ''}${withOptions(s.options)}`;
    case 'createModel': {
      let out = `CREATE ${s.orReplace ? 'OR REPLACE ' : ''}${s.temporary ? 'TEMPORARY ' : ''}MODEL ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${name(s.name)}`;
      if (s.input.length > 0) out += `\nINPUT (${s.input.map(column).join(', ')})`;
      if (s.output.length > 0) out += `\nOUTPUT (${s.output.map(column).join(', ')})`;
      if (s.comment) out += `\nCOMMENT ${str(s.comment)}`;
      out += withOptions(s.options);
      if (s.asQuery) out += `\nAS ${printQuery(s.asQuery)}`;
      return out;
    }
    case 'drop':
      return `DROP ${s.temporary ? 'TEMPORARY ' : ''}${s.system ? 'SYSTEM ' : ''}${s.objectType} ${s.ifExists ? 'IF EXISTS ' : ''}${name(s.name)}${s.cascade ? ' ' + s.cascade : ''}`;
    case 'query':
      return (s.execute ? 'EXECUTE ' : '') + printQuery(s.query);
    case 'alterTable':
      return `ALTER TABLE ${s.ifExists ? 'IF EXISTS ' : ''}${name(s.name)} ${alterTableAction(s.change)}`;
    case 'alterMaterializedTable': {
      const ch = s.change;
      const head = `ALTER MATERIALIZED TABLE ${name(s.name)} `;
      switch (ch.action) {
        case 'suspend':
          return head + 'SUSPEND';
        case 'resume':
          return head + 'RESUME';
        case 'resumeWith':
          return head + 'RESUME' + withOptions(ch.options);
        case 'refresh':
          return head + 'REFRESH' + (ch.partition ? ` PARTITION ${partition(ch.partition)}` : '');
        case 'setFreshness':
          return head + `SET FRESHNESS = ${printExpression(ch.freshness)}`;
        case 'setRefreshMode':
          return head + `SET REFRESH_MODE = ${ch.refreshMode}`;
        case 'asQuery':
          return head + `AS ${printQuery(ch.query)}`;
        case 'setOptions':
          return head + `SET ${optionList(ch.options)}`;
        case 'resetOptions':
          return head + `RESET (${ch.keys.map(str).join(', ')})`;
      }
      break;
    }
    case 'alterView':
      return `ALTER VIEW ${name(s.name)} ${s.change.action === 'rename' ? `RENAME TO ${name(s.change.newName)}` : `AS ${printQuery(s.change.query)}`}`;
    case 'alterFunction':
      return `ALTER ${s.temporary ? 'TEMPORARY ' : ''}${s.system ? 'SYSTEM ' : ''}FUNCTION ${s.ifExists ? 'IF EXISTS ' : ''}${name(s.name)} AS ${str(s.className)}${s.language ? ` LANGUAGE ${s.language}` : ''}`;
    case 'alterDatabase':
      return `ALTER DATABASE ${name(s.name)} SET ${optionList(s.options)}`;
    case 'alterCatalog': {
      const ch = s.change;
      return `ALTER CATALOG ${id(s.name)} ${ch.action === 'setOptions' ? `SET ${optionList(ch.options)}` : ch.action === 'resetOptions' ? `RESET (${ch.keys.map(str).join(', ')})` : `COMMENT ${str(ch.comment)}`}`;
    }
    case 'alterModel': {
      const ch = s.change;
      return `ALTER MODEL ${s.ifExists ? 'IF EXISTS ' : ''}${name(s.name)} ${ch.action === 'rename' ? `RENAME TO ${name(ch.newName)}` : ch.action === 'setOptions' ? `SET ${optionList(ch.options)}` : `RESET (${ch.keys.map(str).join(', ')})`}`;
    }
    case 'show': {
      let out = `SHOW ${s.object}`;
      if (s.name) out += ` ${name(s.name)}`;
      if (s.partition) out += ` PARTITION ${partition(s.partition)}`;
      if (s.from) out += ` ${s.from.preposition} ${name(s.from.name)}`;
      if (s.like)
        out += `${s.like.not ? ' NOT' : ''} ${s.like.caseInsensitive ? 'ILIKE' : 'LIKE'} ${str(s.like.pattern)}`;
      return out;
    }
    case 'describe': {
      if (s.objectType === 'JOB') return `DESCRIBE JOB ${str(s.jobId!)}`;
      if (s.objectType) return `DESCRIBE ${s.objectType}${s.extended ? ' EXTENDED' : ''} ${name(s.name!)}`;
      return `DESCRIBE ${s.extended ? 'EXTENDED ' : ''}${name(s.name!)}`;
    }
    case 'use':
      return `USE ${s.catalog ? 'CATALOG ' : ''}${name(s.name)}`;
    case 'useModules':
      return `USE MODULES ${ids(s.modules)}`;
    case 'loadModule':
      return `LOAD MODULE ${id(s.name)}${withOptions(s.options)}`;
    case 'unloadModule':
      return `UNLOAD MODULE ${id(s.name)}`;
    case 'addJar':
      return `ADD JAR ${str(s.path)}`;
    case 'removeJar':
      return `REMOVE JAR ${str(s.path)}`;
    case 'explain': {
      const head = `EXPLAIN ${s.planFor ? 'PLAN FOR ' : ''}${s.details.length > 0 ? s.details.join(', ') + ' ' : ''}`;
      if (s.statement.kind === 'statementSet' && s.bareStatementSet)
        return head + printStatementSet(s.statement).replace(/^EXECUTE /, '');
      return head + printStatement(s.statement);
    }
    case 'compilePlan':
      return `COMPILE ${s.andExecute ? 'AND EXECUTE ' : ''}PLAN ${str(s.file)}${s.ifNotExists ? ' IF NOT EXISTS' : ''} FOR ${printStatement(s.statement)}`;
    case 'executePlan':
      return `EXECUTE PLAN ${str(s.file)}`;
    case 'analyze': {
      let out = `ANALYZE TABLE ${name(s.name)}`;
      if (s.partition)
        out += ` PARTITION (${s.partition.map((p) => id(p.column) + (p.value ? ` = ${printExpression(p.value)}` : '')).join(', ')})`;
      out += ' COMPUTE STATISTICS';
      if (s.columns === 'all') out += ' FOR ALL COLUMNS';
      else if (s.columns) out += ` FOR COLUMNS ${ids(s.columns)}`;
      return out;
    }
    case 'call':
      return `CALL ${name(s.procedure)}(${s.arguments.map(printExpression).join(', ')})`;
    case 'truncate':
      return `TRUNCATE TABLE ${name(s.name)}`;
    case 'delete':
      return `DELETE FROM ${name(s.target)}${s.alias ? ` AS ${id(s.alias)}` : ''}${s.where ? ` WHERE ${printExpression(s.where)}` : ''}`;
    case 'update':
      return `UPDATE ${name(s.target)}${s.alias ? ` AS ${id(s.alias)}` : ''} SET ${s.assignments.map((a) => `${id(a.column)} = ${printExpression(a.value)}`).join(', ')}${s.where ? ` WHERE ${printExpression(s.where)}` : ''}`;
    case 'stopJob':
      return `STOP JOB ${str(s.jobId)}${s.withSavepoint ? ' WITH SAVEPOINT' : ''}${s.withDrain ? ' WITH DRAIN' : ''}`;
  }
  return assertNever(s);
}

function assertNever(s: never): never {
  throw new Error(`no printer for statement ${(s as { kind: string }).kind}`);
}

function printInsert(s: Insert): string {
  let out = `${s.execute ? 'EXECUTE ' : ''}${s.upsert ? 'UPSERT' : 'INSERT'} ${s.overwrite ? 'OVERWRITE' : 'INTO'} ${name(s.target)}`;
  if (s.hints && s.hints.length > 0) out += ' ' + printHints(s.hints);
  if (s.partition) out += ` PARTITION ${partition(s.partition)}`;
  if (s.targetColumns) out += ` (${ids(s.targetColumns)})`;
  return `${out}\n${printQuery(s.query)}`;
}

function printStatementSet(s: StatementSet): string {
  const body = s.statements.map((i) => printInsert(i) + ';').join('\n');
  if (s.form === 'begin') return `BEGIN STATEMENT SET;\n${body}${s.unclosed ? '' : '\nEND'}`;
  return `EXECUTE STATEMENT SET\nBEGIN\n${body}\nEND`;
}

function tableTail(s: {
  comment?: StringLiteral;
  distribution?: Distribution;
  partitionedBy: Identifier[];
  options: TableOption[];
}): string {
  let out = '';
  if (s.comment) out += `\nCOMMENT ${str(s.comment)}`;
  if (s.distribution) out += `\n${distribution(s.distribution)}`;
  if (s.partitionedBy.length > 0) out += `\nPARTITIONED BY (${ids(s.partitionedBy)})`;
  return out + withOptions(s.options);
}

function schema(columns: ColumnDef[], watermarks: Watermark[], constraints: TableConstraint[]): string {
  const items = [...columns.map(column), ...watermarks.map(watermark), ...constraints.map(constraint)];
  return items.length > 0 ? ` (\n  ${items.join(',\n  ')}\n)` : '';
}

function column(c: ColumnDef): string {
  let out = id(c.name);
  if (c.columnKind === 'computed') out += ` AS ${printExpression(c.expression!)}`;
  else {
    out += ' ' + printDataType(c.type!);
    if (c.columnKind === 'metadata')
      out += ` METADATA${c.metadataKey ? ` FROM ${str(c.metadataKey)}` : ''}${c.virtual ? ' VIRTUAL' : ''}`;
    if (c.constraint) {
      out += `${c.constraint.name ? ` CONSTRAINT ${id(c.constraint.name)}` : ''} ${c.constraint.constraintKind === 'primaryKey' ? 'PRIMARY KEY' : 'UNIQUE'}${c.constraint.enforced ? '' : ' NOT ENFORCED'}`;
    }
  }
  if (c.comment) out += ` COMMENT ${str(c.comment)}`;
  return out;
}

function watermark(w: Watermark): string {
  return `WATERMARK FOR ${name(w.column)} AS ${printExpression(w.expression)}`;
}

function constraint(c: TableConstraint): string {
  return `${c.name ? `CONSTRAINT ${id(c.name)} ` : ''}${c.constraintKind === 'primaryKey' ? 'PRIMARY KEY' : 'UNIQUE'} (${ids(c.columns)})${c.enforced ? '' : ' NOT ENFORCED'}`;
}

function distribution(d: Distribution): string {
  if (d.columns.length === 0) return `DISTRIBUTED INTO ${d.buckets} BUCKETS`;
  return `DISTRIBUTED BY ${d.algorithm ? d.algorithm + ' ' : ''}(${ids(d.columns)})${d.buckets !== undefined ? ` INTO ${d.buckets} BUCKETS` : ''}`;
}

function alterTableAction(a: AlterTableAction): string {
  switch (a.action) {
    case 'rename':
      return `RENAME TO ${name(a.newName)}`;
    case 'renameColumn':
      return `RENAME ${name(a.column)} TO ${name(a.newName)}`;
    case 'setOptions':
      return `SET ${optionList(a.options)}`;
    case 'resetOptions':
      return `RESET (${a.keys.map(str).join(', ')})`;
    case 'add':
    case 'modify': {
      const verb = a.action.toUpperCase();
      const items = a.items.map(alterItem);
      return a.parenthesised ? `${verb} (\n  ${items.join(',\n  ')}\n)` : `${verb} ${items[0]}`;
    }
    case 'dropColumns':
      return a.parenthesised ? `DROP (${a.columns.map(name).join(', ')})` : `DROP ${name(a.columns[0]!)}`;
    case 'dropPrimaryKey':
      return 'DROP PRIMARY KEY';
    case 'dropConstraint':
      return `DROP CONSTRAINT ${id(a.name)}`;
    case 'dropWatermark':
      return 'DROP WATERMARK';
    case 'dropDistribution':
      return 'DROP DISTRIBUTION';
    case 'compact':
      return 'COMPACT';
    case 'addPartitions':
      return `ADD ${a.ifExists ? 'IF NOT EXISTS ' : ''}${a.partitions.map((p) => `PARTITION ${partition(p.spec)}${withOptions(p.options)}`).join(' ')}`;
    case 'dropPartitions':
      return `DROP ${a.ifExists ? 'IF EXISTS ' : ''}${a.partitions.map((p) => `PARTITION ${partition(p.spec)}`).join(', ')}`;
  }
}

function alterItem(i: AlterSchemaItem): string {
  switch (i.item) {
    case 'column':
      return (
        column(i.column) + (i.position ? ('first' in i.position ? ' FIRST' : ` AFTER ${id(i.position.after)}`) : '')
      );
    case 'constraint':
      return constraint(i.constraint);
    case 'watermark':
      return watermark(i.watermark);
    case 'distribution':
      return distribution(i.distribution).replace(/^DISTRIBUTED/, 'DISTRIBUTION');
  }
}

function partition(spec: PartitionSpec[]): string {
  return `(${spec.map((p) => `${id(p.column)} = ${printExpression(p.value)}`).join(', ')})`;
}

function withOptions(options: TableOption[], always = false): string {
  if (options.length === 0) return always ? ' WITH ()' : '';
  return `\nWITH ${optionList(options)}`;
}

function optionList(options: TableOption[]): string {
  if (options.length === 0) return '()';
  return `(\n  ${options.map((o) => `${str(o.key)} = ${str(o.value)}`).join(',\n  ')}\n)`;
}

function str(s: StringLiteral): string {
  return printString(s.value);
}

const id = printIdentifier;

function ids(list: Identifier[]): string {
  return list.map(id).join(', ');
}

function name(n: QualifiedName): string {
  return n.parts.map(id).join('.');
}
