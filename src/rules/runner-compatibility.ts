import type { Node } from '../sql/model/common.js';
import type { Statement } from '../sql/model/statements.js';
import type { Range } from '../text/source.js';
import { usesOwnRunner } from '../runner/runner-paths.js';
import { jobStatements } from './support/job-statements.js';
import type { Rule } from './types.js';

/**
 * What the operator's SQL runner (`flink-sql-runner-example`, or a team's runner built on its
 * reader) cannot read as written. Jobs on StreamPilot's own runner (the default `runner.jarURI`)
 * are not checked: it reads statements framed by length, so none of this applies to them. Its reader deletes `--…` and `/*…*\/` everywhere with one regex, trims
 * lines, ends statements at any line ending with `;`, and applies SET with a one-line
 * pattern that does not unescape quotes. StreamPilot's normalised script already protects
 * string literals in queries (see printRunnerScript); the rest is reported here.
 */
export const runnerCompatibility: Rule = {
  id: 'sql/runner-compatibility',
  severity: 'warning',
  description:
    'SQL that the operator’s SQL runner would read differently from Flink (hints, comment markers in option strings, EXPLAIN of a statement set)',
  check(ctx, report) {
    if (ctx.job && usesOwnRunner(ctx.job.runner.jarURI)) return;
    for (const { unit, statement } of jobStatements(ctx)) {
      if (
        (statement.kind === 'explain' || statement.kind === 'compilePlan') &&
        statement.statement.kind === 'statementSet'
      ) {
        report({
          unit,
          range: { start: statement.range.start, end: statement.statement.range.start },
          severity: 'error',
          message: `the SQL runner cannot read ${statement.kind === 'explain' ? 'EXPLAIN' : 'COMPILE PLAN'} of a statement set: it recognises only EXECUTE STATEMENT SET blocks and splits this one at its inner \`;\``,
          hint: 'run EXPLAIN from a SQL client; in the job, keep the EXECUTE STATEMENT SET alone',
        });
      }
      if (statement.kind === 'set' && statement.value && /['\r\n]/.test(statement.value.value)) {
        report({
          unit,
          range: statement.value.range,
          message:
            'the SQL runner applies SET values without unescaping quotes and only on one line, so this value would arrive changed',
          hint: 'set this option in job.yaml under flinkConfiguration instead',
        });
      }
      visit(statement, (node, key) => {
        if (key === 'hints' && Array.isArray(node) && node.length > 0) {
          const first = node[0] as Node;
          const last = node[node.length - 1] as Node;
          report({
            unit,
            range: { start: first.range.start, end: last.range.end },
            message: 'the SQL runner deletes /*+ … */ hints as comments: this hint has no effect in the deployed job',
            hint: "move the hint's options into the table's WITH clause, or into flinkConfiguration in job.yaml for planner hints",
          });
          return false;
        }
        const literal = node as { value?: unknown; range?: Range; kind?: unknown };
        // Non-expression strings (option keys and values, COMMENT, class names): Flink's grammar wants one literal there, so they cannot be split.
        if (
          literal.kind === undefined &&
          typeof literal.value === 'string' &&
          literal.range &&
          /--|\/\*|\*\/|[\r\n]/.test(literal.value) &&
          statement.kind !== 'set'
        ) {
          report({
            unit,
            range: literal.range,
            message:
              'the SQL runner deletes `--…` and `/*…*/` and trims line breaks even inside strings, so this text would reach Flink cut short',
            hint: 'avoid `--`, `/*`, `*/` and line breaks in this string (e.g. pass the value through a ${variable} that does not contain them)',
          });
        }
        return true;
      });
    }
  },
};

/**
 * Depth-first, in source order, over the model's plain objects; `enter` returns false to skip a
 * subtree. By an explicit stack: a chain of thousands of `+` or UNION ALL is that deep.
 */
function visit(root: Statement | unknown, enter: (node: unknown, key: string) => boolean): void {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [node, key] = stack.pop()!;
    if (!enter(node, key)) continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], key]);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const entries = Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--)
      if (entries[i]![0] !== 'range') stack.push([entries[i]![1], entries[i]![0]]);
  }
}
