/** CREATE / ALTER / DROP of catalogs, databases, views, functions and models. */
import type { Identifier } from '../../model/common.js';
import type {
  AlterCatalog,
  AlterDatabase,
  AlterFunction,
  AlterModel,
  AlterView,
  ColumnDef,
  CreateCatalog,
  CreateDatabase,
  CreateFunction,
  CreateModel,
  CreateView,
  Drop,
  StringLiteral,
} from '../../model/statements.js';
import type { Cursor } from '../cursor.js';
import {
  columnDef,
  identifierList,
  ifExists,
  ifNotExists,
  keyList,
  optionalComment,
  optionalWith,
  optionList,
  stringLiteral,
} from './clauses.js';
import { parseQuery } from './embedded.js';
import { requireFeature } from './version-gates.js';

export function createCatalog(c: Cursor, start: number): CreateCatalog {
  const ifNot = ifNotExists(c);
  const name = c.identifier('a catalog name');
  const comment = optionalComment(c);
  if (comment) requireFeature(c, 'catalogComment', comment.range);
  if (!c.isKeyword('WITH')) c.expected(["`WITH ('type' = '...')`"], `catalog \`${name.value}\``);
  const options = optionalWith(c);
  if (options.length === 0 && c.isKeyword('WITH')) c.expected(['`(`']);
  return {
    kind: 'createCatalog',
    name,
    options,
    ifNotExists: ifNot,
    ...(comment ? { comment } : {}),
    range: c.rangeFrom(start),
  };
}

export function createDatabase(c: Cursor, start: number): CreateDatabase {
  const ifNot = ifNotExists(c);
  const name = c.qualifiedName('a database name');
  const comment = optionalComment(c);
  const options = optionalWith(c);
  return {
    kind: 'createDatabase',
    name,
    ifNotExists: ifNot,
    ...(comment ? { comment } : {}),
    options,
    range: c.rangeFrom(start),
  };
}

export function createView(c: Cursor, start: number, temporary: boolean): CreateView {
  const ifNot = ifNotExists(c);
  const name = c.qualifiedName('a view name');
  const view: CreateView = {
    kind: 'createView',
    name,
    temporary,
    ifNotExists: ifNot,
    query: undefined as never,
    range: { start, end: start },
  };
  if (c.isOp('(')) view.columns = identifierList(c);
  const comment = optionalComment(c);
  if (comment) view.comment = comment;
  if (!c.isKeyword('AS')) c.expected(['`AS` and a query'], `view \`${name.parts.map((p) => p.value).join('.')}\``);
  c.next();
  view.query = parseQuery(c);
  view.range = c.rangeFrom(start);
  return view;
}

function functionLanguage(c: Cursor): string | undefined {
  if (!c.acceptKeyword('LANGUAGE')) return undefined;
  const t = c.peek();
  if (t.kind === 'ident' && ['JAVA', 'SCALA', 'PYTHON', 'SQL'].includes(t.upper)) {
    c.next();
    return t.upper;
  }
  return c.expected(['`JAVA`, `SCALA`, `PYTHON`', '`SQL`']);
}

export function createFunction(c: Cursor, start: number, temporary: boolean, system: boolean): CreateFunction {
  const ifNot = ifNotExists(c);
  const name = c.qualifiedName('a function name');
  if (system && name.parts.length > 1) {
    const dot = name.parts[0]!.range.end;
    c.fail(
      'a TEMPORARY SYSTEM function has a plain name, not a catalog or database path',
      { start: dot, end: dot + 1 },
      `system functions live outside catalogs: write just \`${name.parts[name.parts.length - 1]!.value}\``,
    );
  }
  if (!c.isKeyword('AS'))
    c.expected(
      ['`AS` and the implementing class name in single quotes'],
      `function \`${name.parts.map((p) => p.value).join('.')}\``,
    );
  c.next();
  const className = stringLiteral(c, 'the implementing class name in single quotes');
  const language = functionLanguage(c);
  const usingJars: StringLiteral[] = [];
  if (c.isKeyword('USING')) {
    if (language === 'PYTHON' || language === 'SQL')
      c.fail(
        `a ${language} function cannot be loaded USING JAR`,
        c.peek(),
        'remove the USING clause, or use LANGUAGE JAVA or SCALA',
      );
    c.next();
    do {
      c.expectKeyword('JAR');
      usingJars.push(stringLiteral(c, 'the jar path in single quotes after `JAR`'));
    } while (c.acceptOp(','));
  }
  return {
    kind: 'createFunction',
    name,
    temporary,
    system,
    className,
    ...(language ? { language } : {}),
    usingJars,
    ifNotExists: ifNot,
    range: c.rangeFrom(start),
  };
}

export function createModel(c: Cursor, start: number, orReplace: boolean, temporary: boolean): CreateModel {
  const ifNot = ifNotExists(c);
  const name = c.qualifiedName('a model name');
  const model: CreateModel = {
    kind: 'createModel',
    name,
    orReplace,
    temporary,
    ifNotExists: ifNot,
    input: [],
    output: [],
    options: [],
    range: { start, end: start },
  };
  if (c.acceptKeyword('INPUT')) model.input = columnList(c);
  if (c.acceptKeyword('OUTPUT')) model.output = columnList(c);
  const comment = optionalComment(c);
  if (comment) model.comment = comment;
  model.options = optionalWith(c);
  if (c.acceptKeyword('AS')) model.asQuery = parseQuery(c);
  model.range = c.rangeFrom(start);
  return model;
}

function columnList(c: Cursor): ColumnDef[] {
  c.expectOp('(');
  const cols: ColumnDef[] = [];
  do {
    if (c.isOp(')') && cols.length > 0)
      c.fail('expected a column definition after `,`, found `)`', c.peek(), 'remove the trailing comma');
    cols.push(columnDef(c));
  } while (c.acceptOp(','));
  c.expectOp(')');
  return cols;
}

export function alterView(c: Cursor, start: number): AlterView {
  const name = c.qualifiedName('a view name');
  if (c.acceptKeyword('RENAME')) {
    c.expectKeyword('TO');
    return {
      kind: 'alterView',
      name,
      change: { action: 'rename', newName: c.qualifiedName('the new view name') },
      range: c.rangeFrom(start),
    };
  }
  if (c.acceptKeyword('AS'))
    return { kind: 'alterView', name, change: { action: 'asQuery', query: parseQuery(c) }, range: c.rangeFrom(start) };
  return c.expected(['`RENAME TO`', '`AS` and a query']);
}

export function alterFunction(c: Cursor, start: number, temporary: boolean, system: boolean): AlterFunction {
  const ifEx = ifExists(c);
  const name = c.qualifiedName('a function name');
  c.expectKeyword('AS');
  const className = stringLiteral(c, 'the implementing class name in single quotes');
  const language = functionLanguage(c);
  return {
    kind: 'alterFunction',
    name,
    temporary,
    system,
    ifExists: ifEx,
    className,
    ...(language ? { language } : {}),
    range: c.rangeFrom(start),
  };
}

export function alterDatabase(c: Cursor, start: number): AlterDatabase {
  const name = c.qualifiedName('a database name');
  c.expectKeyword('SET');
  return { kind: 'alterDatabase', name, options: optionList(c), range: c.rangeFrom(start) };
}

export function alterCatalog(c: Cursor, start: number, keyword: { start: number; end: number }): AlterCatalog {
  requireFeature(c, 'alterCatalog', keyword);
  const name: Identifier = c.identifier('a catalog name');
  let change: AlterCatalog['change'];
  if (c.acceptKeyword('SET')) change = { action: 'setOptions', options: optionList(c) };
  else if (c.acceptKeyword('RESET')) change = { action: 'resetOptions', keys: keyList(c) };
  else if (c.isKeyword('COMMENT')) change = { action: 'comment', comment: optionalComment(c)! };
  else return c.expected(['`SET`, `RESET`', '`COMMENT`']);
  return { kind: 'alterCatalog', name, change, range: c.rangeFrom(start) };
}

export function alterModel(c: Cursor, start: number): AlterModel {
  const ifEx = ifExists(c);
  const name = c.qualifiedName('a model name');
  let change: AlterModel['change'];
  if (c.acceptKeyword('RENAME')) {
    c.expectKeyword('TO');
    change = { action: 'rename', newName: c.qualifiedName('the new model name') };
  } else if (c.acceptKeyword('SET')) change = { action: 'setOptions', options: optionList(c) };
  else if (c.acceptKeyword('RESET')) change = { action: 'resetOptions', keys: keyList(c) };
  else return c.expected(['`RENAME TO`, `SET`', '`RESET`']);
  return { kind: 'alterModel', name, ifExists: ifEx, change, range: c.rangeFrom(start) };
}

const DROP_OBJECTS = ['TABLE', 'VIEW', 'FUNCTION', 'CATALOG', 'DATABASE', 'MODEL', 'MATERIALIZED TABLE'];

/** After `DROP`. */
export function drop(c: Cursor, start: number): Drop {
  const temporary = c.acceptKeyword('TEMPORARY');
  const system = temporary && c.acceptKeyword('SYSTEM');
  let objectType: string;
  const t = c.peek();
  if (c.acceptKeyword('MATERIALIZED', 'TABLE')) {
    requireFeature(c, 'materializedTable', t);
    if (temporary) c.fail('a materialized table cannot be temporary', t, 'drop it with `DROP MATERIALIZED TABLE name`');
    objectType = 'MATERIALIZED TABLE';
  } else if (t.kind === 'ident' && DROP_OBJECTS.includes(t.upper)) {
    c.next();
    objectType = t.upper;
    if (objectType === 'MODEL') requireFeature(c, 'model', t);
  } else return c.expected(['`TABLE`, `VIEW`, `FUNCTION`, `DATABASE`, `CATALOG`', '`MODEL`']);
  if (system && objectType !== 'FUNCTION') c.fail(`\`TEMPORARY SYSTEM\` applies only to functions`, t);
  const ifEx = ifExists(c);
  const name =
    objectType === 'CATALOG'
      ? nameOf(c.identifier('a catalog name'))
      : c.qualifiedName(`a ${objectType.toLowerCase()} name`);
  const stmt: Drop = { kind: 'drop', objectType, name, ifExists: ifEx, temporary, range: { start, end: start } };
  if (system) stmt.system = true;
  if (objectType === 'DATABASE' && (c.isKeyword('RESTRICT') || c.isKeyword('CASCADE')))
    stmt.cascade = c.next().upper as 'RESTRICT' | 'CASCADE';
  stmt.range = c.rangeFrom(start);
  return stmt;
}

function nameOf(id: Identifier) {
  return { parts: [id], range: id.range };
}
