/** INSERT, statement sets, DELETE, UPDATE, TRUNCATE, EXPLAIN and compiled plans. */
import type { SyntaxIssue } from '../../model/common.js';
import type {
  CompilePlan,
  CreateTable,
  Delete,
  Explain,
  Insert,
  PartitionSpec,
  QueryStatement,
  StatementSet,
  Truncate,
  Update,
} from '../../model/statements.js';
import type { Cursor } from '../cursor.js';
import { ParseError } from '../cursor.js';
import { identifierList, partitionSpec, stringLiteral } from './clauses.js';
import { createTable } from './ddl-table.js';
import { isQueryStart, parseExpression, parseQuery, parseTableHints } from './embedded.js';
import { requireFeature } from './version-gates.js';

/** Where statement parsers that recover on their own (statement sets) record their errors. */
export interface IssueSink {
  issues: SyntaxIssue[];
}

/** At `INSERT`/`UPSERT` (after an optional `EXECUTE`). */
export function insert(c: Cursor, start = c.peek().start, execute = false): Insert {
  const verb = c.peek();
  if (!c.isKeyword('INSERT') && !c.isKeyword('UPSERT')) c.expected(['`INSERT`']);
  c.next();
  let overwrite = false;
  if (c.isKeyword('OVERWRITE') && verb.upper === 'UPSERT') {
    c.fail('`OVERWRITE` goes with `INSERT` only', c.peek(), 'write `INSERT OVERWRITE`, or `UPSERT INTO`');
  }
  if (c.acceptKeyword('OVERWRITE')) overwrite = true;
  else if (!c.acceptKeyword('INTO')) c.expected(['`INTO` or `OVERWRITE`']);
  const target = c.qualifiedName('the target table');
  const stmt: Insert = { kind: 'insert', overwrite, target, query: undefined as never, range: { start, end: start } };
  if (execute) stmt.execute = true;
  if (verb.upper === 'UPSERT') stmt.upsert = true;
  if (c.isOp('/*+')) stmt.hints = parseTableHints(c);
  if (c.acceptKeyword('PARTITION')) stmt.partition = partitionSpec(c) as PartitionSpec[];
  if (c.isOp('(') && !isQueryStart(c)) stmt.targetColumns = identifierList(c, 'a target column');
  if (!isQueryStart(c)) {
    c.expected(['a query (SELECT, VALUES or WITH)'], `\`${c.text.slice(c.previous.start, c.previous.end)}\``);
  }
  stmt.query = parseQuery(c);
  stmt.range = c.rangeFrom(start);
  return stmt;
}

/**
 * `EXECUTE STATEMENT SET BEGIN insert; ... END` (cursor after `EXECUTE`, at STATEMENT) or
 * `BEGIN STATEMENT SET; insert; ... END` (cursor at BEGIN). Errors inside one INSERT are
 * recorded and parsing goes on with the next one, so every broken INSERT is reported.
 */
export function statementSet(c: Cursor, start: number, form: 'execute' | 'begin', sink: IssueSink): StatementSet {
  if (form === 'execute') {
    c.expectKeyword('STATEMENT');
    c.expectKeyword('SET');
    c.expectKeyword('BEGIN');
  } else {
    c.expectKeyword('BEGIN');
    c.expectKeyword('STATEMENT');
    c.expectKeyword('SET');
    if (!c.isOp(';')) c.expected(['`;`'], '`BEGIN STATEMENT SET`');
    c.next();
  }
  const statements: Insert[] = [];
  let unclosed = false;
  while (!c.isKeyword('END') || statements.length === 0) {
    if (c.isKeyword('END'))
      c.fail('expected an INSERT before `END`: a statement set needs at least one INSERT', c.peek());
    if (c.atEnd() && form === 'begin') {
      // The SQL client reads BEGIN STATEMENT SET; and END; as statements of their own.
      unclosed = true;
      break;
    }
    if (c.atEnd()) {
      c.fail('this statement set is never closed: add `END;` after its last INSERT', {
        start,
        end: start + (form === 'execute' ? 'EXECUTE'.length : 'BEGIN'.length),
      });
    }
    if (c.acceptOp(';')) continue;
    const before = c.pos;
    try {
      const t = c.peek();
      if (!c.isKeyword('INSERT') && !c.isKeyword('UPSERT')) {
        c.fail(
          `expected an INSERT or \`END\` inside the statement set, found ${describe(c)}`,
          t,
          'a statement set holds only INSERT statements, each ending with `;`',
        );
      }
      statements.push(insert(c));
      if (!c.isOp(';')) {
        c.expected(['`;`'], 'the INSERT');
      }
      c.next();
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      sink.issues.push(issueOf(e));
      // resume after the next `;` of the block (or at its END)
      if (c.pos === before) c.next();
      while (!c.atEnd() && !c.isOp(';') && !(c.isKeyword('END') && (c.isOp(';', 1) || c.peek(1).kind === 'eof')))
        c.next();
      c.acceptOp(';');
    }
  }
  if (unclosed) return { kind: 'statementSet', form, statements, unclosed, range: c.rangeFrom(start) };
  c.expectKeyword('END');
  return { kind: 'statementSet', form, statements, range: c.rangeFrom(start) };
}

function describe(c: Cursor): string {
  const t = c.peek();
  return t.kind === 'eof' ? 'the end of the script' : `\`${c.text.slice(t.start, t.end)}\``;
}

export function issueOf(e: ParseError): SyntaxIssue {
  return { message: e.message, range: e.range, ...(e.hint ? { hint: e.hint } : {}) };
}

/** After `DELETE`. */
export function deleteFrom(c: Cursor, start: number): Delete {
  c.expectKeyword('FROM');
  const target = c.qualifiedName('a table name');
  const stmt: Delete = { kind: 'delete', target, range: { start, end: start } };
  if (c.acceptKeyword('AS')) stmt.alias = c.identifier('an alias');
  else if (c.isIdentifier() && !c.isKeyword('WHERE')) stmt.alias = c.identifier();
  if (c.acceptKeyword('WHERE')) stmt.where = parseExpression(c);
  stmt.range = c.rangeFrom(start);
  return stmt;
}

/** After `UPDATE`. */
export function update(c: Cursor, start: number): Update {
  const target = c.qualifiedName('a table name');
  const stmt: Update = { kind: 'update', target, assignments: [], range: { start, end: start } };
  if (c.acceptKeyword('AS')) stmt.alias = c.identifier('an alias');
  else if (c.isIdentifier()) stmt.alias = c.identifier();
  c.expectKeyword('SET');
  do {
    const column = c.identifier('a column name');
    c.expectOp('=', `column \`${column.value}\``);
    stmt.assignments.push({ column, value: parseExpression(c) });
  } while (c.acceptOp(','));
  if (c.acceptKeyword('WHERE')) stmt.where = parseExpression(c);
  stmt.range = c.rangeFrom(start);
  return stmt;
}

/** After `TRUNCATE`. */
export function truncate(c: Cursor, start: number, keyword: { start: number; end: number }): Truncate {
  requireFeature(c, 'truncate', keyword);
  c.expectKeyword('TABLE');
  return { kind: 'truncate', name: c.qualifiedName('a table name'), range: c.rangeFrom(start) };
}

const EXPLAIN_DETAILS = ['ESTIMATED_COST', 'CHANGELOG_MODE', 'JSON_EXECUTION_PLAN', 'PLAN_ADVICE'];

/** After `EXPLAIN`. */
export function explain(c: Cursor, start: number, sink: IssueSink): Explain {
  let planFor = false;
  const details: string[] = [];
  if (c.acceptKeyword('PLAN')) {
    c.expectKeyword('FOR');
    planFor = true;
  } else if (c.isAnyKeyword(EXPLAIN_DETAILS)) {
    do {
      const t = c.peek();
      if (!c.isAnyKeyword(EXPLAIN_DETAILS)) c.expected([EXPLAIN_DETAILS.map((d) => `\`${d}\``).join(', ')]);
      c.next();
      if (details.includes(t.upper)) c.fail(`\`${t.upper}\` is listed twice`, t);
      details.push(t.upper);
    } while (c.acceptOp(','));
  }
  const bare = c.isKeywords('STATEMENT', 'SET');
  const statement = explainable(c, sink);
  return {
    kind: 'explain',
    planFor,
    details,
    statement,
    ...(bare ? { bareStatementSet: true } : {}),
    range: c.rangeFrom(start),
  };
}

function explainable(c: Cursor, sink: IssueSink): QueryStatement | Insert | StatementSet | CreateTable {
  const start = c.peek().start;
  const tableAs =
    c.isKeywords('CREATE', 'TABLE') ||
    c.isKeywords('CREATE', 'OR', 'REPLACE', 'TABLE') ||
    c.isKeywords('REPLACE', 'TABLE');
  if (tableAs) {
    const first = c.peek();
    const orReplace = !c.isKeywords('CREATE', 'TABLE');
    while (!c.isKeyword('TABLE')) c.next();
    c.next();
    requireFeature(c, 'explainTableAs', first);
    const stmt = createTable(c, { start, orReplace, temporary: false });
    if (!stmt.asQuery) {
      c.fail(
        'EXPLAIN of CREATE TABLE needs a query: only CREATE/REPLACE TABLE ... AS SELECT can be explained',
        c.previous,
        'add `AS SELECT ...`, or explain the INSERT that fills the table',
      );
    }
    return stmt;
  }
  if (c.isKeyword('INSERT') || c.isKeyword('UPSERT')) return insert(c);
  if (c.isKeywords('EXECUTE', 'STATEMENT')) {
    c.next();
    return statementSet(c, start, 'execute', sink);
  }
  if (c.isKeywords('STATEMENT', 'SET')) return statementSet(c, start, 'execute', sink);
  if (c.isKeyword('EXECUTE') && (c.isKeyword('INSERT', 1) || c.isKeyword('UPSERT', 1))) {
    c.next();
    return insert(c, start, true);
  }
  const execute = c.isKeyword('EXECUTE');
  if (execute) c.next();
  if (isQueryStart(c)) {
    const query = parseQuery(c);
    return { kind: 'query', query, ...(execute ? { execute } : {}), range: c.rangeFrom(start) };
  }
  return c.expected(['a query, an INSERT', 'a statement set']);
}

/** After `COMPILE PLAN` / `COMPILE AND EXECUTE PLAN`. */
export function compilePlan(c: Cursor, start: number, andExecute: boolean, sink: IssueSink): CompilePlan {
  const file = stringLiteral(c, 'the plan file path in single quotes');
  const ifNotExists = c.acceptKeyword('IF', 'NOT', 'EXISTS');
  c.expectKeyword('FOR');
  const s = c.peek().start;
  let statement: Insert | StatementSet;
  if (c.isKeywords('STATEMENT', 'SET')) statement = statementSet(c, s, 'execute', sink);
  else if (c.isKeywords('EXECUTE', 'STATEMENT')) {
    c.next();
    statement = statementSet(c, s, 'execute', sink);
  } else statement = insert(c);
  return { kind: 'compilePlan', andExecute, file, ifNotExists, statement, range: c.rangeFrom(start) };
}
