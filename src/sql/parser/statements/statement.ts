/** One statement, dispatched on its first keywords. */
import type { Statement } from '../../model/statements.js';
import type { Cursor } from '../cursor.js';
import {
  alterCatalog,
  alterDatabase,
  alterFunction,
  alterModel,
  alterView,
  createCatalog,
  createDatabase,
  createFunction,
  createModel,
  createView,
  drop,
} from './ddl-other.js';
import { alterMaterializedTable, alterTable, createMaterializedTable, createTable } from './ddl-table.js';
import { compilePlan, deleteFrom, explain, insert, type IssueSink, statementSet, truncate, update } from './dml.js';
import { isQueryStart, parseQuery } from './embedded.js';
import { requireFeature } from './version-gates.js';
import {
  analyze,
  call,
  describe,
  executePlan,
  jar,
  loadModule,
  reset,
  set,
  show,
  stopJob,
  unloadModule,
  use,
} from './utility.js';

/** Words that begin a statement: used to spot a missing `;` between two statements. */
export const STATEMENT_KEYWORDS = new Set([
  'CREATE',
  'ALTER',
  'DROP',
  'INSERT',
  'UPSERT',
  'EXECUTE',
  'BEGIN',
  'SET',
  'RESET',
  'SELECT',
  'WITH',
  'VALUES',
  'SHOW',
  'DESCRIBE',
  'DESC',
  'USE',
  'LOAD',
  'UNLOAD',
  'ADD',
  'REMOVE',
  'EXPLAIN',
  'COMPILE',
  'ANALYZE',
  'CALL',
  'TRUNCATE',
  'DELETE',
  'UPDATE',
  'STOP',
  'REPLACE',
]);

export function isStatementStart(c: Cursor): boolean {
  const t = c.peek();
  return t.kind === 'ident' && STATEMENT_KEYWORDS.has(t.upper);
}

export function parseStatement(c: Cursor, sink: IssueSink): Statement {
  const first = c.peek();
  const start = first.start;
  if (first.kind === 'ident') {
    switch (first.upper) {
      case 'CREATE':
        c.next();
        return create(c, start);
      case 'REPLACE':
        if (!c.isKeyword('TABLE', 1)) break;
        c.next();
        c.next();
        requireFeature(c, 'replaceTableAs', first);
        return createTable(c, { start, orReplace: true, temporary: false });
      case 'ALTER':
        c.next();
        return alter(c, start);
      case 'DROP':
        c.next();
        return drop(c, start);
      case 'INSERT':
      case 'UPSERT':
        return insert(c);
      case 'EXECUTE': {
        c.next();
        if (c.isKeyword('STATEMENT')) return statementSet(c, start, 'execute', sink);
        if (c.isKeyword('INSERT') || c.isKeyword('UPSERT')) return insert(c, start, true);
        if (c.acceptKeyword('PLAN')) return executePlan(c, start);
        if (isQueryStart(c)) return { kind: 'query', query: parseQuery(c), execute: true, range: c.rangeFrom(start) };
        return c.expected(['`STATEMENT SET`, `INSERT`, a query', '`PLAN`']);
      }
      case 'BEGIN':
        return statementSet(c, start, 'begin', sink);
      case 'END':
        if (!c.isOp(';', 1) && c.peek(1).kind !== 'eof') break;
        c.next();
        return { kind: 'endStatementSet', range: c.rangeFrom(start) };
      case 'SET':
        c.next();
        return set(c, start);
      case 'RESET':
        c.next();
        return reset(c, start);
      case 'SHOW':
        c.next();
        return show(c, start);
      case 'DESCRIBE':
      case 'DESC':
        c.next();
        return describe(c, start);
      case 'USE':
        c.next();
        return use(c, start);
      case 'LOAD':
        c.next();
        return loadModule(c, start);
      case 'UNLOAD':
        c.next();
        return unloadModule(c, start);
      case 'ADD':
      case 'REMOVE':
        c.next();
        if (first.upper === 'ADD' && c.isKeyword('FILE')) {
          c.fail(
            '`ADD FILE` is DTStack syntax, not Apache Flink SQL',
            { start, end: c.peek().end },
            "ship files with the job's dependencies; Flink SQL only has ADD JAR '/path/to/file.jar'",
          );
        }
        return jar(c, start, first.upper as 'ADD' | 'REMOVE');
      case 'EXPLAIN':
        c.next();
        return explain(c, start, sink);
      case 'COMPILE': {
        c.next();
        const andExecute = c.acceptKeyword('AND', 'EXECUTE');
        c.expectKeyword('PLAN');
        return compilePlan(c, start, andExecute, sink);
      }
      case 'ANALYZE':
        c.next();
        return analyze(c, start);
      case 'CALL':
        c.next();
        return call(c, start, first);
      case 'TRUNCATE':
        c.next();
        return truncate(c, start, first);
      case 'DELETE':
        c.next();
        return deleteFrom(c, start);
      case 'UPDATE':
        c.next();
        return update(c, start);
      case 'STOP':
        if (!c.isKeyword('JOB', 1)) break;
        c.next();
        return stopJob(c, start);
    }
  }
  if (isQueryStart(c)) {
    const query = parseQuery(c);
    return { kind: 'query', query, range: c.rangeFrom(start) };
  }
  if (first.kind === 'dquoted')
    c.fail(
      `expected a statement, found "${first.value}"`,
      first,
      'Flink quotes strings with single quotes and names with back-ticks',
    );
  return c.expected(['a statement (CREATE, INSERT, SELECT, SET, EXECUTE STATEMENT SET …)'], '');
}

function create(c: Cursor, start: number): Statement {
  let orReplace = false;
  let orAlter = false;
  const orToken = c.peek();
  if (c.acceptKeyword('OR', 'REPLACE')) orReplace = true;
  else if (c.acceptKeyword('OR', 'ALTER')) orAlter = true;
  const temporary = c.acceptKeyword('TEMPORARY');
  const system = temporary && c.acceptKeyword('SYSTEM');
  const what = c.peek();
  if (system && !c.isKeyword('FUNCTION')) c.fail('`TEMPORARY SYSTEM` applies only to functions', what);
  if (orAlter && !c.isKeyword('MATERIALIZED')) c.fail('`CREATE OR ALTER` applies only to materialized tables', orToken);
  if (c.acceptKeyword('TABLE')) {
    if (orReplace) requireFeature(c, 'replaceTableAs', orToken);
    return createTable(c, { start, orReplace, temporary });
  }
  if (c.acceptKeyword('MATERIALIZED', 'TABLE')) {
    requireFeature(c, 'materializedTable', what);
    if (orAlter) requireFeature(c, 'createOrAlterMaterializedTable', orToken);
    if (temporary || orReplace) c.fail('a materialized table cannot be TEMPORARY or OR REPLACE', what);
    return createMaterializedTable(c, start, orAlter);
  }
  if (c.acceptKeyword('VIEW')) return createView(c, start, temporary);
  if (c.acceptKeyword('FUNCTION')) return createFunction(c, start, temporary, system);
  if (c.acceptKeyword('MODEL')) {
    requireFeature(c, 'model', what);
    return createModel(c, start, orReplace, temporary);
  }
  if (orReplace) c.fail('`CREATE OR REPLACE` applies only to tables (with AS) and models', orToken);
  if (c.acceptKeyword('CATALOG')) return createCatalog(c, start);
  if (c.acceptKeyword('DATABASE')) return createDatabase(c, start);
  return c.expected(['`TABLE`, `VIEW`, `FUNCTION`, `CATALOG`, `DATABASE`', '`MATERIALIZED TABLE`']);
}

function alter(c: Cursor, start: number): Statement {
  const what = c.peek();
  if (c.acceptKeyword('TABLE')) return alterTable(c, start);
  if (c.acceptKeyword('MATERIALIZED', 'TABLE')) {
    requireFeature(c, 'materializedTable', what);
    return alterMaterializedTable(c, start);
  }
  if (c.acceptKeyword('VIEW')) return alterView(c, start);
  if (c.acceptKeyword('DATABASE')) return alterDatabase(c, start);
  if (c.acceptKeyword('CATALOG')) return alterCatalog(c, start, what);
  if (c.acceptKeyword('MODEL')) {
    requireFeature(c, 'model', what);
    return alterModel(c, start);
  }
  const temporary = c.acceptKeyword('TEMPORARY');
  const system = temporary && c.acceptKeyword('SYSTEM');
  if (c.acceptKeyword('FUNCTION')) return alterFunction(c, start, temporary, system);
  return c.expected(['`TABLE`, `VIEW`, `FUNCTION`, `DATABASE`, `CATALOG`', '`MATERIALIZED TABLE`']);
}
