import { stringify } from 'yaml';

/**
 * Objects → one multi-document YAML text (documents separated by `---`), as `kubectl apply -f`
 * and reviewers read it.
 *
 * Emitted with the YAML 1.1 schema because Kubernetes parses YAML 1.1: under 1.2 rules a
 * string such as `on`, `yes` or `0755` prints unquoted and Kubernetes would read a boolean or an
 * octal number. No line folding, so long SQL and URLs stay as written; multi-line strings
 * print as literal blocks.
 */
export function toYaml(objects: readonly object[]): string {
  return objects
    .map((object) => stringify(object, { version: '1.1', lineWidth: 0, indentSeq: true, aliasDuplicateObjects: false }))
    .join('---\n');
}
