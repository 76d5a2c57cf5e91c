import type { StringLiteral } from '../sql/model/statements.js';
import { jobStatements, withOptionsOf } from './support/job-statements.js';
import { credentialInValue, isSecretKey } from '../text/secret-keys.js';
import type { Rule, SqlUnit } from './types.js';

/** The literal as the user wrote it, before substitution. */
function originalText(unit: SqlUnit, literal: StringLiteral): string {
  return unit.original.slice(unit.toOriginal(literal.range.start), unit.toOriginal(literal.range.end));
}

/**
 * A credential written into the SQL file: it ends up in Git, in the image and in the
 * FlinkDeployment. A `${name}` reference is fine: `secrets:` maps it to a Kubernetes Secret key
 * whose value only the job's pods ever see.
 */
export const plaintextSecret: Rule = {
  id: 'sql/plaintext-secret',
  severity: 'error',
  description: 'a password, token or key is written as a literal in a WITH option or SET statement',
  check(ctx, report) {
    const check = (unit: SqlUnit, key: StringLiteral, value: StringLiteral) => {
      if (value.value.trim() === '') return;
      if (isSecretKey(key.value)) {
        if (originalText(unit, value).includes('${')) return;
        report({
          unit,
          range: value.range,
          message: `'${key.value}' holds a credential written in plain text`,
          hint: `write '\${${suggestName(key.value)}}' and map it to a Kubernetes Secret under \`secrets:\` in job.yaml or streampilot.yaml (e.g. ${suggestName(key.value)}: { secret: <name>, key: <key> }), so the value stays out of Git, the image and the rendered objects`,
        });
        return;
      }
      // 'url' = 'jdbc:mysql://db/x?user=app&password=hunter2': the secret hides inside another value.
      const inside = credentialInValue(originalText(unit, value));
      if (inside) {
        report({
          unit,
          range: value.range,
          message: `'${key.value}' has a ${inside} written in plain text inside its value`,
          hint: `take the credential out of the value: most connectors have a separate 'password' option; write it as '\${${suggestName(key.value)}_password}' and map that name to a Kubernetes Secret under \`secrets:\` in job.yaml or streampilot.yaml, so the value stays out of Git`,
        });
      }
    };
    for (const { unit, statement } of jobStatements(ctx)) {
      for (const option of withOptionsOf(statement)) check(unit, option.key, option.value);
      if (statement.kind === 'set' && statement.key && statement.value) check(unit, statement.key, statement.value);
    }
  },
};

const suggestName = (key: string): string =>
  key
    .replace(/^properties\./, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
