import type { StringLiteral } from '../sql/model/statements.js';
import { jobStatements, withOptionsOf } from './job-statements.js';
import type { Rule, SqlUnit } from './types.js';

/** Last key segments that hold a credential (`password`, `properties.ssl.key.password`, `s3.secret-key` …). */
const SECRET_SEGMENTS = new Set([
  'password',
  'passwd',
  'pwd',
  'secret',
  'token',
  'secret-key',
  'secretkey',
  'secret-access-key',
  'access-key',
  'accesskey',
  'access-key-id',
  'accesskeyid',
  'api-key',
  'apikey',
  'private-key',
  'privatekey',
  'client-secret',
  'user-info',
  'sas-token',
  'auth-token',
  'credentials',
]);

/** Two-segment spellings of the same (`fs.s3a.secret.key`, `fs.s3a.access.key`). */
const SECRET_PAIRS = new Set(['secret.key', 'access.key', 'private.key', 'api.key', 'jaas.config', 'basic.secretkey', 'basic.accesskeyid']);

export function isSecretKey(key: string): boolean {
  const segments = key.toLowerCase().split('.');
  const last = segments[segments.length - 1] ?? '';
  if (SECRET_SEGMENTS.has(last) || /[-_](password|secret|token)$/.test(last)) return true;
  return segments.length >= 2 && SECRET_PAIRS.has(segments.slice(-2).join('.'));
}

/** The literal as the user wrote it, before substitution. */
function originalText(unit: SqlUnit, literal: StringLiteral): string {
  return unit.original.slice(unit.toOriginal(literal.range.start), unit.toOriginal(literal.range.end));
}

/**
 * A credential written into the SQL file: it ends up in Git, in the image and in the
 * FlinkDeployment. A `${variable}` reference is fine — its value comes from the manifest's
 * variables (and from there from a secret) at deploy time.
 */
export const plaintextSecret: Rule = {
  id: 'sql/plaintext-secret',
  severity: 'error',
  description: 'a password, token or key is written as a literal in a WITH option or SET statement',
  check(ctx, report) {
    const check = (unit: SqlUnit, key: StringLiteral, value: StringLiteral) => {
      if (!isSecretKey(key.value) || value.value.trim() === '') return;
      if (originalText(unit, value).includes('${')) return;
      report({
        unit,
        range: value.range,
        message: `'${key.value}' holds a credential written in plain text`,
        hint: `write '\${${suggestName(key.value)}}' and set its value through variables (job.yaml or the environment), so the secret stays out of Git`,
      });
    };
    for (const { unit, statement } of jobStatements(ctx)) {
      for (const option of withOptionsOf(statement)) check(unit, option.key, option.value);
      if (statement.kind === 'set' && statement.key && statement.value) check(unit, statement.key, statement.value);
    }
  },
};

const suggestName = (key: string): string => key.replace(/^properties\./, '').replace(/[^A-Za-z0-9]+/g, '_').toLowerCase();
