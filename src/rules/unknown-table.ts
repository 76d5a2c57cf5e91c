import type { QualifiedName } from '../sql/model/common.js';
import type { Query } from '../sql/model/query.js';
import type { Statement } from '../sql/model/statements.js';
import { didYouMean } from '../text/did-you-mean.js';
import { displayName, insertsOf, jobStatements, nameParts, sameTable, shortParts } from './support/job-statements.js';
import { tablesRead } from './support/query-analysis.js';
import { hasEmptyUnit } from './empty-file.js';
import type { Finding, Rule, SqlUnit } from './types.js';
import { declaredTablePaths } from '../semantics/declared-schemas.js';
import { declaredSchemaUnits } from './support/semantic-analysis.js';

/**
 * A table read or written that nothing before it created and the manifest does not declare
 * under `tables.external`. Names qualified with a catalog the script creates, and everything
 * after `USE CATALOG <other than default_catalog>`, live in a catalog we cannot see: they
 * count as external.
 */
/** Distinct unknown names per job that get a "did you mean" (each one compares against every table). */
const MAX_SUGGESTIONS = 200;

export const unknownTable: Rule = {
  id: 'sql/unknown-table',
  severity: 'error',
  description: 'a table is read or written but never created in the job and not declared under tables.external',
  check(ctx, report) {
    // The tables an empty file of the job was meant to create would all be reported here.
    if (ctx.wholeJob && hasEmptyUnit(ctx)) return;
    // Created names by their last part: two names can only be the same table when their last
    // parts are equal, so a lookup need not scan every table created so far (thousands of
    // tables read thousands of times made this rule quadratic).
    const created = new Map<string, string[][]>();
    const catalogs = new Set<string>();
    let foreignCatalogInUse = false;
    const external = (ctx.job?.externalTables ?? []).map((t) => t.split('.').map((p) => p.replace(/^`(.*)`$/, '$1')));
    // Tables whose schema the job declares (`tables.schemas`) live in a catalog too.
    external.push(...declaredTablePaths(declaredSchemaUnits(ctx)));
    const candidates = external.filter((e) => e[e.length - 1] !== '*').map((c) => displayName(shortParts(c)));
    const create = (parts: string[]) => {
      const last = parts[parts.length - 1]!;
      const same = created.get(last);
      if (same) same.push(parts);
      else created.set(last, [parts]);
      candidates.push(displayName(shortParts(parts)));
    };
    // Each suggestion scans every candidate: a bounded number of them keeps a job with
    // thousands of unknown names linear.
    const suggestions = new Map<string, string | undefined>();
    let suggestionBudget = MAX_SUGGESTIONS;
    const suggest = (shown: string): string | undefined => {
      // Keyed by the candidates' count too: a table created in between may be the closer one.
      const key = `${shown}\u0000${candidates.length}`;
      if (suggestions.has(key)) return suggestions.get(key);
      if (suggestionBudget <= 0) return undefined;
      suggestionBudget--;
      const close = didYouMean(shown, candidates);
      suggestions.set(key, close);
      return close;
    };
    // A CREATE with a syntax error already has its own error; the table it meant to create
    // is not reported again wherever it is used.
    for (const unit of ctx.units) for (const b of unit.parsed.broken) if (b.creates) create(nameParts(b.creates));

    const isKnown = (parts: string[]): boolean => {
      if (parts.length === 3 && catalogs.has(parts[0]!)) return true;
      if (parts.length < 3 && foreignCatalogInUse) return true;
      if (created.get(parts[parts.length - 1]!)?.some((c) => sameTable(c, parts))) return true;
      return external.some((e) => (e[e.length - 1] === '*' ? matchesWildcard(e, parts) : sameTable(e, parts)));
    };

    const checkName = (unit: SqlUnit, name: QualifiedName, verb: 'read' | 'written') => {
      const parts = nameParts(name);
      if (isKnown(parts)) return;
      const shown = displayName(shortParts(parts));
      const close = suggest(shown);
      const finding: Finding = {
        unit,
        range: name.range,
        message: `table \`${shown}\` is ${verb} here but never created${close ? `; did you mean \`${close}\`?` : ''}`,
        hint: close
          ? `Flink resolves table names case-sensitively: write \`${close}\`, or create \`${shown}\` before this statement`
          : ctx.wholeJob || ctx.job
            ? `create it earlier in the job (CREATE TABLE/VIEW), or, if it lives in a catalog, declare it under \`tables.external\` in job.yaml`
            : 'this file was checked on its own: if another file creates it, give `validate` the job folder (its job.yaml sets the order), add --whole-job with the files in order, or run `streampilot check`',
      };
      report(finding);
    };

    const checkQuery = (unit: SqlUnit, query: Query | undefined) => {
      if (!query) return;
      for (const read of tablesRead(query)) checkName(unit, read.name, 'read');
    };

    for (const { unit, statement } of jobStatements(ctx)) {
      for (const insert of insertsOf(statement)) {
        checkName(unit, insert.target, 'written');
        checkQuery(unit, insert.query);
      }
      visitDefinitions(statement, {
        read: (q) => checkQuery(unit, q),
        readName: (n) => checkName(unit, n, 'read'),
        create: (n) => create(nameParts(n)),
      });
      if (statement.kind === 'createCatalog') catalogs.add(statement.name.value);
      if (statement.kind === 'use' && statement.catalog)
        foreignCatalogInUse = nameParts(statement.name).join('.') !== 'default_catalog';
    }
  },
};

/** `hive.db.*` declares every table of `hive.db`. */
function matchesWildcard(pattern: string[], parts: string[]): boolean {
  const prefix = pattern.slice(0, -1);
  const target = shortParts(parts);
  return target.length === prefix.length + 1 && prefix.every((p, i) => p === target[i]);
}

interface DefinitionVisitor {
  read(query: Query): void;
  readName(name: QualifiedName): void;
  create(name: QualifiedName): void;
}

/** Reads happen before the name is created: a CTAS or view cannot read itself. */
function visitDefinitions(statement: Statement, v: DefinitionVisitor): void {
  switch (statement.kind) {
    case 'createTable':
      if (statement.like) v.readName(statement.like.source);
      if (statement.asQuery) v.read(statement.asQuery);
      v.create(statement.name);
      return;
    case 'createView':
    case 'createMaterializedTable':
      v.read(statement.query);
      v.create(statement.name);
      return;
    case 'query':
      v.read(statement.query);
      return;
    case 'alterTable':
      if (statement.change.action === 'rename') v.create(statement.change.newName);
      return;
    case 'alterView':
      if (statement.change.action === 'rename') v.create(statement.change.newName);
      else v.read(statement.change.query);
      return;
    case 'explain':
      if (statement.statement.kind === 'query') v.read(statement.statement.query);
      return;
    default:
      return;
  }
}
