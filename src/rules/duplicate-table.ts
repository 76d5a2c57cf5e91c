import type { QualifiedName } from '../sql/model/common.js';
import type { Severity } from '../diagnostics.js';
import { displayName, jobStatements, nameParts, shortParts, whereIs } from './support/job-statements.js';
import type { Rule, SqlUnit } from './types.js';

interface Definition {
  unit: SqlUnit;
  name: QualifiedName;
  temporary: boolean;
  what: 'table' | 'view';
}

/**
 * The same table or view name created twice. Tables and views share one namespace.
 * - same kind of object (both temporary or both permanent), no IF NOT EXISTS: Flink fails
 *   ("already exists") → error;
 * - second one with IF NOT EXISTS: Flink silently keeps the first definition, so the second
 *   is dead text that readers will believe → warning;
 * - one temporary, one permanent: legal, the temporary one shadows the other; confusing → warning;
 * - CREATE OR REPLACE, or a DROP in between: intended, not reported.
 */
export const duplicateTable: Rule = {
  id: 'sql/duplicate-table',
  severity: 'error',
  description: 'the same table or view name is created twice',
  check(ctx, report) {
    const defined = new Map<string, Definition>();
    const keyOf = (name: QualifiedName) => shortParts(nameParts(name)).join('\u0000');
    for (const { unit, statement } of jobStatements(ctx)) {
      if (statement.kind === 'drop') {
        defined.delete(keyOf(statement.name));
        continue;
      }
      if ((statement.kind === 'alterTable' || statement.kind === 'alterView') && statement.change.action === 'rename') {
        const old = defined.get(keyOf(statement.name));
        defined.delete(keyOf(statement.name));
        if (old) defined.set(keyOf(statement.change.newName), { ...old, name: statement.change.newName });
        continue;
      }
      if (statement.kind !== 'createTable' && statement.kind !== 'createView') continue;
      const current: Definition = {
        unit,
        name: statement.name,
        temporary: statement.temporary,
        what: statement.kind === 'createView' ? 'view' : 'table',
      };
      const key = keyOf(statement.name);
      const previous = defined.get(key);
      const orReplace = statement.kind === 'createTable' && statement.orReplace;
      if (!previous || orReplace) {
        defined.set(key, current);
        continue;
      }
      const name = displayName(shortParts(nameParts(statement.name)));
      const first = `${previous.temporary ? 'temporary ' : ''}${previous.what} at ${whereIs(previous.unit, previous.name.range.start)}`;
      let severity: Severity = 'error';
      let message = `\`${name}\` is already created (${first}); Flink fails with "already exists"`;
      let hint = 'rename one of them, or use CREATE OR REPLACE TABLE if replacing is intended';
      if (previous.temporary !== current.temporary) {
        severity = 'warning';
        message = `\`${name}\` is also created as a ${first}; the temporary one shadows the permanent one`;
        hint = 'give them different names so readers know which one a query reads';
      } else if (statement.ifNotExists) {
        severity = 'warning';
        message = `\`${name}\` is already created (${first}); IF NOT EXISTS makes this definition a no-op`;
        hint = 'remove this definition or rename it: Flink keeps the first one';
      } else {
        defined.set(key, current);
      }
      report({ unit, range: statement.name.range, severity, message, hint });
    }
  },
};
