/** Types written as in DDL, and expressions parsed from SQL, for the semantics tests. */
import type { Expression } from '../../src/sql/model/query.js';
import { parseScript } from '../../src/sql/parse.js';
import type { CreateTable } from '../../src/sql/model/statements.js';
import { toSqlType, type SqlType } from '../../src/semantics/sql-type.js';
import type { ExpressionScope } from '../../src/semantics/expression-type.js';

/** `type('DECIMAL(10, 2) NOT NULL')` */
export function type(ddl: string): SqlType {
  const parsed = parseScript(`CREATE TABLE t (c ${ddl}) WITH ('connector' = 'x');`, { flinkVersion: '1.20' });
  if (parsed.issues[0]) throw new Error(`fixture type ${ddl}: ${parsed.issues[0].message}`);
  const column = (parsed.statements[0] as CreateTable).columns[0]!;
  if (!column.type) throw new Error(`fixture type ${ddl}: no type`);
  return toSqlType(column.type);
}

export const rowtime = (precision = 3): SqlType => ({
  root: 'TIMESTAMP',
  nullable: true,
  precision,
  timeAttribute: 'rowtime',
});

/** The first select item of `SELECT <sql>`. */
export function expression(sql: string): Expression {
  const parsed = parseScript(`SELECT ${sql} FROM t;`, { flinkVersion: '1.20' });
  if (parsed.issues[0]) throw new Error(`fixture expression ${sql}: ${parsed.issues[0].message}`);
  const statement = parsed.statements[0]!;
  if (statement.kind !== 'query' || statement.query.kind !== 'select') throw new Error('not a SELECT');
  return statement.query.items[0]!.expression;
}

/** A scope over one table's columns, given as DDL types; unlisted names are unknown columns. */
export function scopeOf(columns: Record<string, string | SqlType>): ExpressionScope {
  const types = new Map(Object.entries(columns).map(([n, t]) => [n, typeof t === 'string' ? type(t) : t]));
  return { column: (ref) => types.get(ref.name.parts[ref.name.parts.length - 1]!.value) };
}
