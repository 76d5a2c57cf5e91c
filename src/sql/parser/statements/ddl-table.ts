/** CREATE / ALTER of tables and materialized tables (CTAS and RTAS included). */
import type { Identifier } from '../../model/common.js';
import type {
  AlterMaterializedTable,
  AlterSchemaItem,
  AlterTable,
  AlterTableAction,
  CreateMaterializedTable,
  CreateTable,
  LikeClause,
} from '../../model/statements.js';
import type { Expression } from '../../model/query.js';
import type { Cursor } from '../cursor.js';
import {
  columnDef,
  distributionBody,
  ifExists,
  keyList,
  optionalComment,
  optionalDistribution,
  optionalPartitionedBy,
  optionalWith,
  optionList,
  partitionSpec,
  tableConstraint,
  tableSchema,
  onlyOneWatermark,
  watermark,
} from './clauses.js';
import { parseExpression, parseQuery } from './embedded.js';
import { requireFeature } from './version-gates.js';

export interface CreatePrefix {
  start: number;
  orReplace: boolean;
  temporary: boolean;
}

/** After `CREATE [OR REPLACE] [TEMPORARY] TABLE` (or `REPLACE TABLE`). */
export function createTable(c: Cursor, p: CreatePrefix): CreateTable {
  const ifNotExists = c.acceptKeyword('IF', 'NOT', 'EXISTS');
  const name = c.qualifiedName('a table name');
  const stmt: CreateTable = {
    kind: 'createTable',
    name,
    orReplace: p.orReplace,
    temporary: p.temporary,
    ifNotExists,
    columns: [],
    watermarks: [],
    constraints: [],
    partitionedBy: [],
    options: [],
    range: { start: p.start, end: p.start },
  };
  const schemaStart = c.peek();
  tableBody(c, stmt);
  if (c.isKeyword('LIKE')) stmt.like = likeClause(c);
  else if (c.isKeyword('AS')) {
    const as = c.next();
    // Flink's own validation of the parsed statement refuses a temporary CTAS/RTAS.
    if (p.temporary)
      c.fail(
        'a table created from a query (CTAS/RTAS) cannot be TEMPORARY',
        as,
        'drop `TEMPORARY`, or create the temporary table with columns and fill it with INSERT INTO',
      );
    stmt.asQuery = parseQuery(c);
  }
  if (stmt.columnNames) {
    if (!stmt.asQuery) {
      const names = stmt.columnNames;
      const at = { start: schemaStart.start, end: names[names.length - 1]!.range.end };
      c.fail(
        'column names without types are only allowed when the table is created from a query (CREATE TABLE ... AS SELECT)',
        at,
        'give every column a type, e.g. `(a INT, b STRING)`',
      );
    }
    requireFeature(c, 'tableAsColumnNames', schemaStart);
  }
  if (p.orReplace && !stmt.asQuery) {
    c.fail(
      'CREATE OR REPLACE TABLE needs `AS` and a query (REPLACE TABLE AS SELECT)',
      c.peek(),
      'add `AS SELECT ...`, or drop `OR REPLACE` to create a table with a schema',
    );
  }
  if (!stmt.asQuery && !stmt.like && stmt.columns.length === 0 && !c.isOp(';') && !c.atEnd()) {
    c.expected(
      ['`(` and the columns', '`WITH`', '`LIKE`', '`AS`'],
      `table \`${name.parts.map((x) => x.value).join('.')}\``,
    );
  }
  stmt.range = c.rangeFrom(p.start);
  return stmt;
}

const LIKE_OPTIONS: Record<string, readonly string[]> = {
  INCLUDING: ['ALL', 'CONSTRAINTS', 'DISTRIBUTION', 'PARTITIONS', 'GENERATED', 'OPTIONS', 'WATERMARKS', 'METADATA'],
  EXCLUDING: ['ALL', 'CONSTRAINTS', 'DISTRIBUTION', 'PARTITIONS', 'GENERATED', 'OPTIONS', 'WATERMARKS', 'METADATA'],
  OVERWRITING: ['GENERATED', 'OPTIONS', 'WATERMARKS', 'METADATA'],
};

function likeClause(c: Cursor): LikeClause {
  const start = c.expectKeyword('LIKE').start;
  const source = c.qualifiedName('the source table of LIKE');
  const options: string[] = [];
  if (c.acceptOp('(')) {
    // Options follow each other without commas: (EXCLUDING ALL INCLUDING GENERATED).
    do {
      const mode = c.peek();
      const allowed = mode.kind === 'ident' ? LIKE_OPTIONS[mode.upper] : undefined;
      if (!allowed) c.expected(['`INCLUDING`, `EXCLUDING`', '`OVERWRITING`']);
      c.next();
      const what = c.peek();
      if (what.kind !== 'ident' || !allowed.includes(what.upper))
        c.expected([allowed.map((a) => `\`${a}\``).join(', ')]);
      c.next();
      options.push(`${mode.upper} ${what.upper}`);
    } while (!c.isOp(')'));
    c.expectOp(')');
  }
  return { source, options, range: c.rangeFrom(start) };
}

/** After `CREATE [OR ALTER] MATERIALIZED TABLE`. */
export function createMaterializedTable(c: Cursor, start: number, orAlter: boolean): CreateMaterializedTable {
  const ifNotExists = c.acceptKeyword('IF', 'NOT', 'EXISTS');
  const name = c.qualifiedName('a materialized table name');
  const stmt: CreateMaterializedTable = {
    kind: 'createMaterializedTable',
    name,
    orAlter,
    ifNotExists,
    columns: [],
    watermarks: [],
    constraints: [],
    partitionedBy: [],
    options: [],
    query: undefined as never,
    range: { start, end: start },
  };
  tableBody(c, stmt);
  if (c.acceptKeyword('FRESHNESS')) {
    c.expectOp('=', '`FRESHNESS`');
    stmt.freshness = freshness(c);
  }
  if (c.acceptKeyword('REFRESH_MODE')) {
    c.expectOp('=', '`REFRESH_MODE`');
    stmt.refreshMode = refreshMode(c);
  }
  c.expectKeyword('AS');
  stmt.query = parseQuery(c);
  stmt.range = c.rangeFrom(start);
  return stmt;
}

/** Flink's parser takes only an interval literal here, `INTERVAL '5' MINUTE`. */
function freshness(c: Cursor): Expression {
  const e = parseExpression(c);
  const hint = "write the freshness as an interval literal, e.g. `FRESHNESS = INTERVAL '5' MINUTE`";
  if (e.kind !== 'interval') c.fail('FRESHNESS must be an interval literal', e.range, hint);
  if (e.value.kind !== 'literal' || e.value.literalKind !== 'string')
    c.fail('FRESHNESS must be an interval literal with the amount in quotes', e.qualifier.range, hint);
  return e;
}

function refreshMode(c: Cursor): 'FULL' | 'CONTINUOUS' {
  if (c.isKeyword('FULL') || c.isKeyword('CONTINUOUS')) return c.next().upper as 'FULL' | 'CONTINUOUS';
  return c.expected(['`FULL` or `CONTINUOUS`']);
}

/** After `ALTER MATERIALIZED TABLE`. */
export function alterMaterializedTable(c: Cursor, start: number): AlterMaterializedTable {
  const name = c.qualifiedName('a materialized table name');
  let change: AlterMaterializedTable['change'];
  if (c.acceptKeyword('SUSPEND')) change = { action: 'suspend' };
  else if (c.acceptKeyword('RESUME')) {
    const options = optionalWith(c);
    change = options.length > 0 ? { action: 'resumeWith', options } : { action: 'resume' };
  } else if (c.acceptKeyword('REFRESH')) {
    change = { action: 'refresh' };
    if (c.acceptKeyword('PARTITION')) change.partition = partitionSpec(c);
  } else if (c.acceptKeyword('AS')) change = { action: 'asQuery', query: parseQuery(c) };
  else if (c.acceptKeyword('SET')) {
    if (c.acceptKeyword('FRESHNESS')) {
      c.expectOp('=', '`FRESHNESS`');
      change = { action: 'setFreshness', freshness: freshness(c) };
    } else if (c.acceptKeyword('REFRESH_MODE')) {
      c.expectOp('=', '`REFRESH_MODE`');
      change = { action: 'setRefreshMode', refreshMode: refreshMode(c) };
    } else change = { action: 'setOptions', options: optionList(c) };
  } else if (c.acceptKeyword('RESET')) change = { action: 'resetOptions', keys: keyList(c) };
  else return c.expected(['`SUSPEND`, `RESUME`, `REFRESH`, `SET`, `RESET`', '`AS`']);
  return { kind: 'alterMaterializedTable', name, change, range: c.rangeFrom(start) };
}

/** After `ALTER TABLE`. */
export function alterTable(c: Cursor, start: number): AlterTable {
  const ifExistsFlag = ifExists(c);
  const name = c.qualifiedName('a table name');
  const change = alterTableAction(c);
  return { kind: 'alterTable', name, ifExists: ifExistsFlag, change, range: c.rangeFrom(start) };
}

function alterTableAction(c: Cursor): AlterTableAction {
  if (c.acceptKeyword('RENAME')) {
    if (c.acceptKeyword('TO')) return { action: 'rename', newName: c.qualifiedName('the new table name') };
    const column = c.qualifiedName('the column to rename');
    c.expectKeyword('TO');
    return { action: 'renameColumn', column, newName: c.qualifiedName('the new column name') };
  }
  if (c.acceptKeyword('SET')) return { action: 'setOptions', options: optionList(c) };
  if (c.acceptKeyword('RESET')) return { action: 'resetOptions', keys: keyList(c) };
  if (c.acceptKeyword('COMPACT')) return { action: 'compact' };
  if (c.isKeyword('ADD') || c.isKeyword('MODIFY')) {
    const action = c.next().upper === 'ADD' ? 'add' : 'modify';
    if (action === 'add' && (c.isKeyword('PARTITION') || c.isKeywords('IF', 'NOT', 'EXISTS'))) {
      const ifNotExistsFlag = c.acceptKeyword('IF', 'NOT', 'EXISTS');
      const partitions: { spec: ReturnType<typeof partitionSpec>; options: ReturnType<typeof optionalWith> }[] = [];
      while (c.acceptKeyword('PARTITION')) partitions.push({ spec: partitionSpec(c), options: optionalWith(c) });
      if (partitions.length === 0) c.expected(['`PARTITION`']);
      return { action: 'addPartitions', partitions, ifExists: ifNotExistsFlag };
    }
    if (c.isOp('(')) {
      c.next();
      const items: AlterSchemaItem[] = [];
      do {
        if (c.isOp(')') && items.length > 0)
          c.fail('expected a column definition after `,`, found `)`', c.peek(), 'remove the trailing comma');
        const item = alterItem(c);
        if (item.item === 'watermark') {
          onlyOneWatermark(
            c,
            items.flatMap((i) => (i.item === 'watermark' ? [i.watermark] : [])),
            item.watermark,
          );
        }
        items.push(item);
      } while (c.acceptOp(','));
      c.expectOp(')');
      return { action, items, parenthesised: true };
    }
    return { action, items: [alterItem(c)], parenthesised: false };
  }
  if (c.acceptKeyword('DROP')) {
    if (c.acceptKeyword('PRIMARY', 'KEY')) return { action: 'dropPrimaryKey' };
    if (c.acceptKeyword('CONSTRAINT')) return { action: 'dropConstraint', name: c.identifier('a constraint name') };
    if (c.acceptKeyword('WATERMARK')) return { action: 'dropWatermark' };
    if (c.isKeyword('DISTRIBUTION')) {
      requireFeature(c, 'distribution', c.next());
      return { action: 'dropDistribution' };
    }
    if (c.isKeyword('PARTITION') || c.isKeywords('IF', 'EXISTS')) {
      const ifExistsFlag = ifExists(c);
      const partitions: { spec: ReturnType<typeof partitionSpec>; options: [] }[] = [];
      do {
        c.expectKeyword('PARTITION');
        partitions.push({ spec: partitionSpec(c), options: [] });
      } while (c.acceptOp(','));
      return { action: 'dropPartitions', partitions, ifExists: ifExistsFlag };
    }
    if (c.isOp('(')) {
      c.next();
      const columns = [];
      do columns.push(c.qualifiedName('a column name'));
      while (c.acceptOp(','));
      c.expectOp(')');
      return { action: 'dropColumns', columns, parenthesised: true };
    }
    return {
      action: 'dropColumns',
      columns: [c.qualifiedName('a column, `PRIMARY KEY`, `CONSTRAINT name` or `WATERMARK`')],
      parenthesised: false,
    };
  }
  return c.expected(['`RENAME`, `SET`, `RESET`, `ADD`, `MODIFY`, `DROP`', '`COMPACT`']);
}

function alterItem(c: Cursor): AlterSchemaItem {
  if (c.isKeyword('DISTRIBUTION')) {
    const t = c.next();
    requireFeature(c, 'distribution', t);
    return { item: 'distribution', distribution: distributionBody(c, t.start) };
  }
  if (c.isKeywords('WATERMARK', 'FOR')) return { item: 'watermark', watermark: watermark(c) };
  if (c.isKeyword('CONSTRAINT') || c.isKeyword('PRIMARY') || c.isKeyword('UNIQUE'))
    return { item: 'constraint', constraint: tableConstraint(c) };
  const column = columnDef(c);
  const item: AlterSchemaItem = { item: 'column', column };
  if (c.acceptKeyword('FIRST')) item.position = { first: true };
  else if (c.acceptKeyword('AFTER'))
    item.position = { after: c.identifier('the column to place it after') as Identifier };
  return item;
}

/**
 * `(a, b, c)`: a schema of bare names, as CTAS/RTAS and materialized tables allow. Flink
 * decides on the second token, so `(a, b INT)` fails at the type.
 */
function columnNameList(c: Cursor): Identifier[] {
  c.expectOp('(');
  const names: Identifier[] = [];
  do names.push(c.identifier('a column name'));
  while (c.acceptOp(','));
  if (!c.isOp(')')) {
    const t = c.peek();
    c.fail(
      `expected \`,\` or \`)\` after column \`${names[names.length - 1]!.value}\`, found ${t.kind === 'eof' ? 'the end of the script' : `\`${t.value}\``}`,
      t,
      'either name every column without a type, `(a, b)`, or define every column with its type, `(a INT, b STRING)`',
    );
  }
  c.next();
  return names;
}

/** What CREATE TABLE and CREATE MATERIALIZED TABLE share after the name: schema, comment, distribution, partitioning, options. */
function tableBody(
  c: Cursor,
  stmt: Pick<
    CreateTable,
    'columns' | 'columnNames' | 'watermarks' | 'constraints' | 'comment' | 'distribution' | 'partitionedBy' | 'options'
  >,
): void {
  if (c.isOp('(') && c.isIdentifier(1) && (c.isOp(',', 2) || c.isOp(')', 2))) {
    stmt.columnNames = columnNameList(c);
  } else if (c.isOp('(')) {
    const schema = tableSchema(c);
    stmt.columns = schema.columns;
    stmt.watermarks = schema.watermarks;
    stmt.constraints = schema.constraints;
  }
  const comment = optionalComment(c);
  if (comment) stmt.comment = comment;
  const distribution = optionalDistribution(c);
  if (distribution) stmt.distribution = distribution;
  stmt.partitionedBy = optionalPartitionedBy(c);
  stmt.options = optionalWith(c);
}
