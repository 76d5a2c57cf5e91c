import { typeOfExpression } from '../semantics/expression-type.js';
import { builtInFunction, checkCall } from '../semantics/functions/index.js';
import { formatType, isUnknown, UNKNOWN } from '../semantics/sql-type.js';
import { functionCallsIn } from './support/expression-walk.js';
import { scopeFor } from './support/expression-scopes.js';
import { jobStatements } from './support/job-statements.js';
import type { Rule } from './types.js';
import { jobAnalysis } from './support/semantic-analysis.js';

/**
 * A call of a built-in function with a number of arguments none of its forms takes, or with an
 * argument whose type no form accepts (Flink: "Invalid number of arguments to function …",
 * "Cannot apply 'F' to arguments of type …"). Types come from the analysis; an argument whose
 * type is unknown is never the one reported. A function the job creates under a built-in name
 * replaces the built-in one and is left alone.
 */
export const functionArguments: Rule = {
  id: 'sql/function-arguments',
  severity: 'error',
  description: 'a built-in function called with a wrong number of arguments, or an argument of a type it does not take',
  check(ctx, report) {
    const analysis = jobAnalysis(ctx);
    const scopeOf = scopeFor(ctx);
    for (const { unit, statement } of jobStatements(ctx)) {
      for (const call of functionCallsIn(statement)) {
        if (!call.parens || call.name.parts.length !== 1) continue;
        const name = call.name.parts[0]!.value;
        if (analysis.declaredFunctions.has(name.toLowerCase())) continue;
        const spec = builtInFunction(name);
        if (!spec) continue;
        // Named arguments may come in any order and leave optional ones out: only their count is checked.
        const named = call.args.some((a) => a.kind === 'namedArgument');
        const scope = scopeOf(call);
        const types = call.args.map((a) => (named || a.kind === 'star' ? UNKNOWN : typeOfExpression(a, scope)));
        const problem = checkCall(spec, types);
        if (!problem) continue;
        const forms = spec.signatures.map((s) => `${spec.name}(${s.text})`).join(', ');
        if (problem.kind === 'count') {
          const n = call.args.length;
          report({
            unit,
            range: call.range,
            message: `\`${spec.name}\` takes ${problem.expected === '0' ? 'no' : problem.expected} argument${problem.expected === '1' ? '' : 's'}, not ${n}`,
            hint: `its forms: ${forms}`,
          });
          continue;
        }
        const arg = call.args[problem.index]!;
        const type = types[problem.index]!;
        if (isUnknown(type)) continue;
        report({
          unit,
          range: arg.range,
          message: `argument ${problem.index + 1} of \`${spec.name}\` is ${formatType(type)}, which ${problem.expected} does not take`,
          hint: `Flink converts argument types only within a family (INT to BIGINT, CHAR to STRING): convert it with CAST(… AS …) to what ${spec.name} expects`,
        });
      }
    }
  },
};
