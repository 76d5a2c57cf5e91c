/** SET/RESET, SHOW, DESCRIBE, USE, modules, jars, ANALYZE, CALL, jobs, EXECUTE PLAN. */
import type { Identifier, QualifiedName } from '../../model/common.js';
import type {
  Analyze,
  Call,
  Describe,
  ExecutePlan,
  AddJar,
  RemoveJar,
  LoadModule,
  ResetStatement,
  SetStatement,
  Show,
  ShowLike,
  StopJob,
  StringLiteral,
  UnloadModule,
  Use,
  UseModules,
} from '../../model/statements.js';
import type { Cursor } from '../cursor.js';
import { optionalWith, partitionSpec, stringLiteral } from './clauses.js';
import { parseExpression } from './embedded.js';
import { requireFeature } from './version-gates.js';

/**
 * `SET;` or `SET 'key' = 'value'`. Flink's table environment also reads the unquoted
 * `SET key = value` (its SET parse strategy), so that form is accepted too; the printer
 * writes the quoted form.
 */
export function set(c: Cursor, start: number): SetStatement {
  if (c.isOp(';') || c.atEnd()) return { kind: 'set', range: c.rangeFrom(start) };
  const key = c.peek().kind === 'string' ? stringLiteral(c, 'a key') : rawRun(c, 'a configuration key', true);
  if (!c.isOp('=')) c.expected(['`=`'], `'${key.value}'`);
  c.next();
  const value =
    c.peek().kind === 'string' ? stringLiteral(c, 'a value') : rawRun(c, `the value of '${key.value}'`, false);
  return { kind: 'set', key, value, range: c.rangeFrom(start) };
}

/** `RESET;`, `RESET 'key'` (or unquoted, as Flink's RESET parse strategy reads it). */
export function reset(c: Cursor, start: number): ResetStatement {
  if (c.isOp(';') || c.atEnd()) return { kind: 'reset', range: c.rangeFrom(start) };
  const key = c.peek().kind === 'string' ? stringLiteral(c, 'a key') : rawRun(c, 'a configuration key', true);
  return { kind: 'reset', key, range: c.rangeFrom(start) };
}

/** A run of tokens written without spaces (`table.exec.mini-batch.enabled`, `5s`). */
function rawRun(c: Cursor, what: string, isKey: boolean): StringLiteral {
  const first = c.peek();
  if (
    first.kind === 'eof' ||
    first.kind === 'string' ||
    first.kind === 'dquoted' ||
    first.kind === 'invalid' ||
    (first.kind === 'op' && (first.value === ';' || first.value === '='))
  ) {
    if (first.kind === 'dquoted')
      c.fail(
        `expected ${what}, found "${first.value}"`,
        first,
        `Flink quotes strings with single quotes: write '${first.value}'`,
      );
    c.expected([what]);
  }
  let end = first.end;
  c.next();
  while (true) {
    const t = c.peek();
    if (t.start !== end || t.kind === 'eof' || t.kind === 'string' || t.kind === 'invalid') break;
    if (t.kind === 'op' && (t.value === ';' || (isKey && t.value === '='))) break;
    end = t.end;
    c.next();
  }
  return { value: c.text.slice(first.start, end), range: { start: first.start, end } };
}

function showLike(c: Cursor): ShowLike | undefined {
  const start = c.peek().start;
  // `NOT` here can only start `NOT LIKE`/`NOT ILIKE`: a typo after it is reported on the typo.
  const not = c.acceptKeyword('NOT');
  if (not && !c.isKeyword('LIKE') && !c.isKeyword('ILIKE')) c.expected(['`LIKE` or `ILIKE`']);
  if (!c.isKeyword('LIKE') && !c.isKeyword('ILIKE')) return undefined;
  const caseInsensitive = c.next().upper === 'ILIKE';
  const pattern = stringLiteral(c, 'a pattern in single quotes');
  return { not, caseInsensitive, pattern, range: c.rangeFrom(start) };
}

function showFrom(c: Cursor, show: Show, singlePart: boolean, what: string): void {
  if (!c.isKeyword('FROM') && !c.isKeyword('IN')) return;
  const preposition = c.next().upper as 'FROM' | 'IN';
  const name = c.qualifiedName(what);
  if (singlePart && name.parts.length > 1) {
    c.fail(
      `\`${show.object}\` ${preposition} takes a catalog name, found \`${name.parts.map((p) => p.value).join('.')}\``,
      name.range,
      'name just the catalog',
    );
  }
  show.from = { preposition, name };
}

/** After `SHOW`. */
export function show(c: Cursor, start: number): Show {
  const t = c.peek();
  const make = (object: string): Show => ({ kind: 'show', object, range: { start, end: start } });
  let s: Show;
  if (c.acceptKeyword('CATALOGS')) s = make('CATALOGS');
  else if (c.acceptKeyword('CURRENT')) {
    if (c.acceptKeyword('CATALOG')) s = make('CURRENT CATALOG');
    else if (c.acceptKeyword('DATABASE')) s = make('CURRENT DATABASE');
    else return c.expected(['`CATALOG` or `DATABASE`']);
  } else if (c.acceptKeyword('DATABASES')) {
    s = make('DATABASES');
    showFrom(c, s, true, 'a catalog name');
  } else if (
    c.isKeyword('TABLES') ||
    c.isKeyword('VIEWS') ||
    c.isKeyword('FUNCTIONS') ||
    c.isKeyword('PROCEDURES') ||
    c.isKeyword('MODELS')
  ) {
    const word = c.next();
    if (word.upper === 'PROCEDURES') requireFeature(c, 'showProcedures', word);
    if (word.upper === 'MODELS') requireFeature(c, 'model', word);
    s = make(word.upper);
    showFrom(c, s, false, 'a database name');
  } else if (c.acceptKeyword('USER', 'FUNCTIONS')) {
    s = make('USER FUNCTIONS');
    showFrom(c, s, false, 'a database name');
  } else if (c.isKeywords('MATERIALIZED', 'TABLES')) {
    requireFeature(c, 'materializedTable', t);
    c.next();
    c.next();
    s = make('MATERIALIZED TABLES');
    showFrom(c, s, false, 'a database name');
  } else if (c.acceptKeyword('COLUMNS')) {
    s = make('COLUMNS');
    if (!c.isKeyword('FROM') && !c.isKeyword('IN')) c.expected(['`FROM` or `IN` and a table name']);
    s.from = { preposition: c.next().upper as 'FROM' | 'IN', name: c.qualifiedName('a table name') };
  } else if (c.acceptKeyword('MODULES')) s = make('MODULES');
  else if (c.acceptKeyword('FULL', 'MODULES')) s = make('FULL MODULES');
  else if (c.acceptKeyword('JARS')) s = make('JARS');
  else if (c.acceptKeyword('JOBS')) s = make('JOBS');
  else if (c.acceptKeyword('PARTITIONS')) {
    s = make('PARTITIONS');
    s.name = c.qualifiedName('a table name');
    if (c.acceptKeyword('PARTITION')) s.partition = partitionSpec(c);
  } else if (c.acceptKeyword('CREATE')) {
    const w = c.peek();
    if (c.acceptKeyword('MATERIALIZED', 'TABLE')) {
      requireFeature(c, 'materializedTable', w);
      s = make('CREATE MATERIALIZED TABLE');
    } else if (c.isAnyKeyword(['TABLE', 'VIEW', 'CATALOG', 'MODEL', 'FUNCTION'])) {
      c.next();
      if (w.upper === 'CATALOG') requireFeature(c, 'showCreateCatalog', w);
      if (w.upper === 'MODEL') requireFeature(c, 'model', w);
      s = make(`CREATE ${w.upper}`);
    } else return c.expected(['`TABLE`, `VIEW`, `CATALOG`', '`MODEL`']);
    s.name = w.upper === 'CATALOG' ? single(c.identifier('a catalog name')) : c.qualifiedName('a name');
  } else {
    return c.expected([
      'what to show (`TABLES`, `DATABASES`, `CATALOGS`, `FUNCTIONS`, `COLUMNS FROM t`, `CREATE TABLE t`, `JOBS` …)',
    ]);
  }
  const like = showLike(c);
  if (like) s.like = like;
  s.range = c.rangeFrom(start);
  return s;
}

function single(id: Identifier): QualifiedName {
  return { parts: [id], range: id.range };
}

/** After `DESCRIBE` or `DESC`. */
export function describe(c: Cursor, start: number): Describe {
  let extended = c.acceptKeyword('EXTENDED');
  const t = c.peek();
  // `DESCRIBE catalog` names a table called catalog; the object word needs a name after it.
  if (
    c.isAnyKeyword(['CATALOG', 'DATABASE', 'FUNCTION', 'MODEL', 'JOB']) &&
    (c.isAnyWord(1) || c.peek(1).kind === 'string')
  ) {
    c.next();
    const objectType = t.upper as Describe['objectType'] & string;
    if (c.acceptKeyword('EXTENDED')) extended = true;
    if (objectType === 'CATALOG') requireFeature(c, 'describeCatalog', t);
    if (objectType === 'MODEL') requireFeature(c, 'model', t);
    if (objectType === 'JOB') {
      const jobId = stringLiteral(c, 'the job id in single quotes');
      return { kind: 'describe', extended, objectType, jobId, range: c.rangeFrom(start) };
    }
    const name = objectType === 'CATALOG' ? single(c.identifier('a catalog name')) : c.qualifiedName('a name');
    return { kind: 'describe', extended, objectType, name, range: c.rangeFrom(start) };
  }
  const name = c.qualifiedName('a table name');
  return { kind: 'describe', extended, name, range: c.rangeFrom(start) };
}

/** After `USE`. */
export function use(c: Cursor, start: number): Use | UseModules {
  // MODULES is reserved, so after USE it always starts the module list (never a database name).
  if (c.isKeyword('MODULES')) {
    c.next();
    const modules: Identifier[] = [];
    do modules.push(c.identifier('a module name'));
    while (c.acceptOp(','));
    return { kind: 'useModules', modules, range: c.rangeFrom(start) };
  }
  if (c.isKeyword('CATALOG') && c.isAnyWord(1)) {
    c.next();
    return { kind: 'use', catalog: true, name: single(c.identifier('a catalog name')), range: c.rangeFrom(start) };
  }
  return { kind: 'use', catalog: false, name: c.qualifiedName('a database name'), range: c.rangeFrom(start) };
}

/** After `LOAD`. */
export function loadModule(c: Cursor, start: number): LoadModule {
  c.expectKeyword('MODULE');
  const name = moduleName(c);
  return { kind: 'loadModule', name, options: optionalWith(c), range: c.rangeFrom(start) };
}

/** After `UNLOAD`. */
export function unloadModule(c: Cursor, start: number): UnloadModule {
  c.expectKeyword('MODULE');
  return { kind: 'unloadModule', name: moduleName(c), range: c.rangeFrom(start) };
}

function moduleName(c: Cursor): Identifier {
  const t = c.peek();
  if (t.kind === 'string')
    c.fail(
      `expected a module name, found '${t.value}'`,
      t,
      `module names are identifiers: write ${/^[A-Za-z_]\w*$/.test(t.value) ? t.value : '`' + t.value + '`'} without single quotes`,
    );
  return c.identifier('a module name');
}

/** After `ADD` or `REMOVE` (keyword token given). */
export function jar(c: Cursor, start: number, verb: 'ADD' | 'REMOVE'): AddJar | RemoveJar {
  if (!c.isKeyword('JAR')) {
    return c.expected(['`JAR`']);
  }
  c.next();
  if (c.isKeyword('WITH'))
    c.fail('`ADD JAR WITH` is DTStack syntax, not Apache Flink', c.peek(), "write ADD JAR '/path/to/file.jar'");
  const path = stringLiteral(c, 'the jar path in single quotes');
  return verb === 'ADD'
    ? { kind: 'addJar', path, range: c.rangeFrom(start) }
    : { kind: 'removeJar', path, range: c.rangeFrom(start) };
}

/** After `ANALYZE`. */
export function analyze(c: Cursor, start: number): Analyze {
  c.expectKeyword('TABLE');
  const name = c.qualifiedName('a table name');
  const stmt: Analyze = { kind: 'analyze', name, range: { start, end: start } };
  if (c.acceptKeyword('PARTITION')) {
    c.expectOp('(');
    stmt.partition = [];
    do {
      const column = c.identifier('a partition column');
      if (c.acceptOp('=')) stmt.partition.push({ column, value: parseExpression(c) });
      else stmt.partition.push({ column });
    } while (c.acceptOp(','));
    c.expectOp(')');
  }
  c.expectKeyword('COMPUTE');
  c.expectKeyword('STATISTICS');
  if (c.acceptKeyword('FOR')) {
    if (c.acceptKeyword('ALL', 'COLUMNS')) stmt.columns = 'all';
    else {
      c.expectKeyword('COLUMNS');
      const cols: Identifier[] = [];
      do cols.push(c.identifier('a column name'));
      while (c.acceptOp(','));
      stmt.columns = cols;
    }
  }
  stmt.range = c.rangeFrom(start);
  return stmt;
}

/** After `CALL`. */
export function call(c: Cursor, start: number, keyword: { start: number; end: number }): Call {
  requireFeature(c, 'call', keyword);
  const procedure = c.qualifiedName('a procedure name');
  c.expectOp('(', `procedure \`${procedure.parts.map((p) => p.value).join('.')}\``);
  const args = [];
  if (!c.isOp(')')) {
    do args.push(parseExpression(c));
    while (c.acceptOp(','));
  }
  c.expectOp(')');
  return { kind: 'call', procedure, arguments: args, range: c.rangeFrom(start) };
}

/** After `STOP`. */
export function stopJob(c: Cursor, start: number): StopJob {
  c.expectKeyword('JOB');
  const jobId = stringLiteral(c, 'the job id in single quotes');
  let withSavepoint = false;
  let withDrain = false;
  while (c.isKeyword('WITH')) {
    if (c.isKeyword('SAVEPOINT', 1) && !withSavepoint) withSavepoint = true;
    else if (c.isKeyword('DRAIN', 1) && !withDrain) {
      // Flink's parser itself refuses a drain without a savepoint before it.
      if (!withSavepoint)
        c.fail(
          '`WITH DRAIN` can only follow `WITH SAVEPOINT`',
          { start: c.peek().start, end: c.peek(1).end },
          "write `STOP JOB 'id' WITH SAVEPOINT WITH DRAIN`",
        );
      withDrain = true;
    } else break;
    c.next();
    c.next();
  }
  return { kind: 'stopJob', jobId, withSavepoint, withDrain, range: c.rangeFrom(start) };
}

/** After `EXECUTE PLAN`. */
export function executePlan(c: Cursor, start: number): ExecutePlan {
  return {
    kind: 'executePlan',
    file: stringLiteral(c, 'the plan file path in single quotes'),
    range: c.rangeFrom(start),
  };
}
