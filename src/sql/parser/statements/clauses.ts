/**
 * Clauses shared by several statement families: string literals, `WITH (...)` options,
 * name lists, partition specs, the column/constraint/watermark schema of CREATE TABLE,
 * `DISTRIBUTED BY`, `COMMENT`.
 */
import { describeToken } from '../../lexer.js';
import type { Identifier } from '../../model/common.js';
import type { Expression } from '../../model/query.js';
import type {
  ColumnDef,
  Distribution,
  PartitionSpec,
  StringLiteral,
  TableConstraint,
  TableOption,
  Watermark,
} from '../../model/statements.js';
import type { Cursor } from '../cursor.js';
import { parseDataType } from '../data-type.js';
import { parseExpression } from './embedded.js';
import { requireFeature } from './version-gates.js';

export function stringLiteral(c: Cursor, what: string): StringLiteral {
  const t = c.peek();
  if (t.kind === 'string') {
    c.next();
    return { value: t.value, range: { start: t.start, end: t.end } };
  }
  if (t.kind === 'dquoted') {
    c.fail(
      `expected ${what}, found ${describeToken(t)}`,
      t,
      `Flink quotes strings with single quotes: write '${t.value.replace(/'/g, "''")}'`,
    );
  }
  return c.expected([what]);
}

/** `TEMPORARY`-style flags in one call: `IF NOT EXISTS`. */
export function ifNotExists(c: Cursor): boolean {
  return c.acceptKeyword('IF', 'NOT', 'EXISTS');
}

export function ifExists(c: Cursor): boolean {
  return c.acceptKeyword('IF', 'EXISTS');
}

/** `WITH (...)` when present; [] otherwise. */
export function optionalWith(c: Cursor): TableOption[] {
  if (!c.isKeyword('WITH') || !c.isOp('(', 1)) return [];
  c.next();
  return optionList(c);
}

/** `('k' = 'v', ...)` — keys and values are string literals in Flink. */
export function optionList(c: Cursor): TableOption[] {
  c.expectOp('(');
  const options: TableOption[] = [];
  if (c.acceptOp(')')) return options;
  do {
    if (c.isOp(')') && options.length > 0) {
      c.fail('expected an option after `,`, found `)`', c.peek(), 'remove the trailing comma');
    }
    const key = optionString(c, 'key');
    if (!c.isOp('=')) c.expected(['`=`'], `option '${key.value}'`);
    c.next();
    const value = optionString(c, 'value', key.value);
    options.push({ key, value, range: { start: key.range.start, end: value.range.end } });
  } while (c.acceptOp(','));
  if (!c.isOp(')')) {
    const t = c.peek();
    if (t.kind === 'string' || (t.kind === 'ident' && c.isOp('=', 1))) {
      c.fail(
        `expected \`,\` or \`)\` after option '${options[options.length - 1]!.key.value}', found ${describeToken(t)}`,
        t,
        'separate options with commas',
      );
    }
    c.expected(['`,` or `)`'], `option '${options[options.length - 1]!.key.value}'`);
  }
  c.next();
  return options;
}

function optionString(c: Cursor, role: 'key' | 'value', key?: string): StringLiteral {
  const t = c.peek();
  if (t.kind === 'string') {
    c.next();
    return { value: t.value, range: { start: t.start, end: t.end } };
  }
  const what = role === 'key' ? 'an option key in single quotes' : `the value of option '${key}' in single quotes`;
  if (t.kind === 'dquoted') {
    c.fail(
      `expected ${what}, found ${describeToken(t)}`,
      t,
      `Flink quotes strings with single quotes: write '${t.value}'`,
    );
  }
  if (
    t.kind === 'ident' ||
    t.kind === 'number' ||
    t.kind === 'quoted' ||
    (role === 'value' && c.isOp('-') && c.peek(1).kind === 'number')
  ) {
    // Gather a dotted/hyphenated run such as properties.bootstrap.servers or earliest-offset.
    const start = t.start;
    let end = t.end;
    let i = 1;
    while (true) {
      const n = c.peek(i);
      if (n.start !== end || n.kind === 'eof') break;
      if (n.kind === 'op' && (n.value === '.' || n.value === '-' || n.value === ':' || n.value === '/')) {
        end = n.end;
        i++;
        continue;
      }
      if (n.kind === 'ident' || n.kind === 'number') {
        end = n.end;
        i++;
        continue;
      }
      break;
    }
    const text = c.text.slice(start, end);
    c.fail(
      `option ${role}s must be quoted strings, found ${t.kind === 'quoted' ? `\`${t.value}\`` : text}`,
      { start, end },
      `write '${t.kind === 'quoted' ? t.value : text}'`,
    );
  }
  return c.expected([what]);
}

/** `('k1', 'k2')` of RESET. */
export function keyList(c: Cursor): StringLiteral[] {
  c.expectOp('(');
  const keys: StringLiteral[] = [];
  if (c.acceptOp(')')) return keys;
  do keys.push(stringLiteral(c, 'an option key in single quotes'));
  while (c.acceptOp(','));
  c.expectOp(')');
  return keys;
}

/** `(a, b, c)` */
export function identifierList(c: Cursor, what = 'a column name'): Identifier[] {
  c.expectOp('(');
  const names: Identifier[] = [];
  do {
    if (c.isOp(')') && names.length > 0)
      c.fail(`expected ${what} after \`,\`, found \`)\``, c.peek(), 'remove the trailing comma');
    names.push(c.identifier(what));
  } while (c.acceptOp(','));
  if (!c.isOp(')')) c.expected(['`,` or `)`'], `\`${names[names.length - 1]!.value}\``);
  c.next();
  return names;
}

/** `PARTITION (k = v, ...)`, the keyword already consumed. */
export function partitionSpec(c: Cursor): PartitionSpec[] {
  c.expectOp('(');
  const spec: PartitionSpec[] = [];
  do {
    const column = c.identifier('a partition column');
    c.expectOp('=', `partition column \`${column.value}\``);
    spec.push({ column, value: parseExpression(c) });
  } while (c.acceptOp(','));
  c.expectOp(')');
  return spec;
}

export function optionalComment(c: Cursor): StringLiteral | undefined {
  if (!c.acceptKeyword('COMMENT')) return undefined;
  return stringLiteral(c, 'a comment in single quotes after `COMMENT`');
}

export function optionalPartitionedBy(c: Cursor): Identifier[] {
  if (!c.acceptKeyword('PARTITIONED')) return [];
  c.expectKeyword('BY');
  return identifierList(c, 'a partition column');
}

/** `DISTRIBUTED BY [HASH|RANGE] (cols) [INTO n BUCKETS]` | `DISTRIBUTED INTO n BUCKETS`. */
export function optionalDistribution(c: Cursor): Distribution | undefined {
  if (!c.isKeyword('DISTRIBUTED')) return undefined;
  const start = c.next();
  requireFeature(c, 'distribution', start);
  return distributionBody(c, start.start);
}

export function distributionBody(c: Cursor, start: number): Distribution {
  const d: Distribution = { columns: [], range: { start, end: start } };
  if (c.acceptKeyword('BY')) {
    if (c.isKeyword('HASH') || c.isKeyword('RANGE')) d.algorithm = c.next().upper as 'HASH' | 'RANGE';
    d.columns = identifierList(c, 'a bucket column');
    if (c.acceptKeyword('INTO')) d.buckets = bucketCount(c);
  } else if (c.acceptKeyword('INTO')) {
    d.buckets = bucketCount(c);
  } else c.expected(['`BY` or `INTO`']);
  d.range = c.rangeFrom(start);
  return d;
}

function bucketCount(c: Cursor): number {
  const t = c.peek();
  if (t.kind !== 'number' || !/^\d+$/.test(t.value)) c.expected(['a number of buckets']);
  c.next();
  c.expectKeyword('BUCKETS');
  return Number(t.value);
}

export interface Schema {
  columns: ColumnDef[];
  watermarks: Watermark[];
  constraints: TableConstraint[];
}

/** `( column | constraint | watermark , ... )` of CREATE TABLE. */
export function tableSchema(c: Cursor): Schema {
  c.expectOp('(');
  const schema: Schema = { columns: [], watermarks: [], constraints: [] };
  let lastWhat = '';
  do {
    if (c.isOp(')') && lastWhat) {
      c.fail('expected a column definition after `,`, found `)`', c.peek(), 'remove the trailing comma');
    }
    const item = schemaItem(c);
    if ('columnKind' in item) {
      schema.columns.push(item);
      lastWhat = `column \`${item.name.value}\``;
    } else if ('constraintKind' in item) {
      schema.constraints.push(item);
      lastWhat = 'the constraint';
    } else {
      onlyOneWatermark(c, schema.watermarks, item);
      schema.watermarks.push(item);
      lastWhat = 'the watermark';
    }
  } while (c.acceptOp(','));
  if (!c.isOp(')')) {
    const t = c.peek();
    // `a INT b STRING`: a name starting a new column right after a complete one.
    if (c.isIdentifier() && !t.newlineBefore)
      c.fail(`expected \`,\` or \`)\` after ${lastWhat}, found ${describeToken(t)}`, t, 'separate columns with commas');
    if (c.isIdentifier() && t.newlineBefore)
      c.fail(
        `expected \`,\` or \`)\` after ${lastWhat}, found ${describeToken(t)}`,
        t,
        `add a comma at the end of the previous line`,
      );
    c.expected(['`,` or `)`'], lastWhat);
  }
  c.next();
  return schema;
}

export function schemaItem(c: Cursor): ColumnDef | TableConstraint | Watermark {
  // `watermark TIMESTAMP(3)` is a column called watermark; the clause is WATERMARK FOR.
  if (c.isKeywords('WATERMARK', 'FOR')) return watermark(c);
  if (c.isKeyword('CONSTRAINT') || c.isKeyword('PRIMARY') || c.isKeyword('UNIQUE')) return tableConstraint(c);
  return columnDef(c);
}

export function watermark(c: Cursor): Watermark {
  const start = c.expectKeyword('WATERMARK').start;
  c.expectKeyword('FOR');
  const column = c.qualifiedName('the rowtime column');
  c.expectKeyword('AS');
  const expression = nonQueryExpression(c, 'a watermark');
  return { column, expression, range: c.rangeFrom(start) };
}

/** Flink keeps one watermark per table; a second declaration is an error at its `WATERMARK`. */
export function onlyOneWatermark(c: Cursor, earlier: readonly Watermark[], next: Watermark): void {
  if (earlier.length === 0) return;
  c.fail(
    'a table can declare only one WATERMARK',
    { start: next.range.start, end: next.range.start + 'WATERMARK'.length },
    'keep a single `WATERMARK FOR column AS ...` and remove the others',
  );
}

/** Computed columns and watermarks are expressions over the row: Flink rejects a query there. */
function nonQueryExpression(c: Cursor, what: string): Expression {
  const expression = parseExpression(c);
  if (expression.kind === 'subquery') {
    c.fail(
      `${what} cannot be a query`,
      { start: expression.range.start, end: expression.range.start + 1 },
      'compute it from the columns of the row; a query (SELECT …) is not allowed here',
    );
  }
  return expression;
}

export function tableConstraint(c: Cursor): TableConstraint {
  const start = c.peek().start;
  let name: Identifier | undefined;
  if (c.acceptKeyword('CONSTRAINT')) name = c.identifier('a constraint name');
  let constraintKind: TableConstraint['constraintKind'];
  if (c.acceptKeyword('PRIMARY')) {
    c.expectKeyword('KEY');
    constraintKind = 'primaryKey';
  } else if (c.acceptKeyword('UNIQUE')) constraintKind = 'unique';
  else return c.expected(['`PRIMARY KEY` or `UNIQUE`']);
  const columns = identifierList(c, 'a key column');
  const enforced = enforcement(c);
  return { constraintKind, ...(name ? { name } : {}), columns, enforced, range: c.rangeFrom(start) };
}

function enforcement(c: Cursor): boolean {
  if (c.acceptKeyword('NOT', 'ENFORCED')) return false;
  c.acceptKeyword('ENFORCED');
  return true;
}

export function columnDef(c: Cursor): ColumnDef {
  const start = c.peek().start;
  const first = c.peek();
  if (first.kind === 'string') {
    c.fail(
      `expected a column name, found string '${first.value}'`,
      first,
      `names are written bare or in back-ticks, not in single quotes: write \`${first.value.replace(/`/g, '``')}\``,
    );
  }
  const name = c.identifier('a column name');
  if (c.acceptKeyword('AS')) {
    const expression = nonQueryExpression(c, 'a computed column');
    const col: ColumnDef = { columnKind: 'computed', name, expression, range: c.rangeFrom(start) };
    const comment = optionalComment(c);
    if (comment) col.comment = comment;
    col.range = c.rangeFrom(start);
    return col;
  }
  if (c.isOp(',') || c.isOp(')')) {
    c.fail(
      `expected a data type after column \`${name.value}\`, found ${describeToken(c.peek())}`,
      c.peek(),
      `give the column a type, e.g. \`${name.value} STRING\``,
    );
  }
  // Calcite's NULL type and interval qualifiers are valid CAST targets, but Flink's column
  // type grammar has neither.
  const typeToken = c.peek();
  if (
    typeToken.kind === 'ident' &&
    (typeToken.upper === 'NULL' || (typeToken.upper === 'INTERVAL' && !c.isOp('.', 1)))
  ) {
    c.fail(
      `\`${typeToken.upper}\` is not a column type in Flink`,
      typeToken,
      typeToken.upper === 'NULL'
        ? 'give the column a real type, e.g. `STRING`'
        : 'store durations as BIGINT (milliseconds) or STRING',
    );
  }
  const type = parseDataType(c);
  const col: ColumnDef = { columnKind: 'physical', name, type, range: c.rangeFrom(start) };
  if (c.acceptKeyword('METADATA')) {
    col.columnKind = 'metadata';
    if (c.acceptKeyword('FROM')) col.metadataKey = stringLiteral(c, 'a metadata key in single quotes after `FROM`');
    if (c.acceptKeyword('VIRTUAL')) col.virtual = true;
  }
  // inline constraint and comment, in either order
  for (let i = 0; i < 2; i++) {
    if (!col.constraint && (c.isKeyword('PRIMARY') || c.isKeyword('CONSTRAINT') || c.isKeyword('UNIQUE'))) {
      const cStart = c.peek().start;
      let cname: Identifier | undefined;
      if (c.acceptKeyword('CONSTRAINT')) cname = c.identifier('a constraint name');
      let kind: TableConstraint['constraintKind'] = 'primaryKey';
      if (c.acceptKeyword('UNIQUE')) kind = 'unique';
      else c.expectKeyword('PRIMARY', 'KEY');
      const enforced = enforcement(c);
      col.constraint = {
        constraintKind: kind,
        ...(cname ? { name: cname } : {}),
        columns: [name],
        enforced,
        range: c.rangeFrom(cStart),
      };
      if (kind === 'primaryKey') col.primaryKey = true;
    } else if (!col.comment && c.isKeyword('COMMENT')) {
      const comment = optionalComment(c);
      if (comment) col.comment = comment;
    }
  }
  col.range = c.rangeFrom(start);
  return col;
}
