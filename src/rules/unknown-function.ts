import { usesOwnRunner } from '../runner/runner-paths.js';
import { BUILT_IN_FUNCTION_NAMES, isBuiltInFunction } from '../semantics/functions/index.js';
import { compareVersions } from '../sql/parser/versions.js';
import { isReserved } from '../sql/parser/keywords.js';
import { didYouMean } from '../text/did-you-mean.js';
import { functionCallsIn } from './support/expression-walk.js';
import { jobStatements, nameParts } from './support/job-statements.js';
import type { Rule } from './types.js';
import { jobAnalysis } from './support/semantic-analysis.js';

/** The Flink release the catalog of built-in functions was read from; newer ones may have more. */
const CATALOG_VERSION = '2.0';

/**
 * A call of a function that is neither built into Flink nor created by the job (Flink: "No match
 * found for function signature …"). Quiet where another source of functions may be in play: a
 * `LOAD MODULE` (Hive's functions …), a catalog other than the default one in use (its functions
 * are not ours to see), a runner of the team's own (it may register functions in code), a name
 * qualified with a catalog or database.
 */
export const unknownFunction: Rule = {
  id: 'sql/unknown-function',
  severity: 'error',
  description: 'a function that is not built into Flink and that the job does not create (CREATE FUNCTION)',
  wholeJobOnly: true,
  check(ctx, report) {
    // A team's own runner may register functions in code before it runs the script.
    if (ctx.job && !usesOwnRunner(ctx.job.runner.jarURI)) return;
    const analysis = jobAnalysis(ctx);
    if (analysis.modulesLoaded || ctx.units.some((u) => u.parsed.statements.some((s) => s.kind === 'loadModule')))
      return;
    const version = ctx.job?.flinkVersion ?? ctx.flinkVersion;
    // A newer Flink may have functions the catalog lacks: there only a near miss of a known name is reported.
    const onlyTypos = version !== undefined && compareVersions(version, CATALOG_VERSION) > 0;
    // Built only for a name that needs a "did you mean": most jobs call no unknown function.
    let candidates: string[] | undefined;
    for (const { unit, statement } of jobStatements(ctx)) {
      if (statement.kind === 'use' && statement.catalog && nameParts(statement.name).join('.') !== 'default_catalog')
        return;
      for (const call of functionCallsIn(statement)) {
        if (!call.parens || call.name.parts.length !== 1) continue;
        const name = call.name.parts[0]!.value;
        if (isBuiltInFunction(name) || analysis.declaredFunctions.has(name.toLowerCase())) continue;
        // Reserved words the parser lets through as calls (DATE(…), CORR(…)) are Calcite's to judge.
        if (!call.name.parts[0]!.quoted && isReserved(name.toUpperCase())) continue;
        const close = didYouMean(name, (candidates ??= [...BUILT_IN_FUNCTION_NAMES, ...analysis.declaredFunctions]));
        if (onlyTypos && !close) continue;
        report({
          unit,
          range: call.name.range,
          message: `function \`${name}\` is not a Flink built-in function and the job does not create it${close ? `; did you mean \`${close}\`?` : ''}`,
          hint: close
            ? `write \`${close}\`, or create \`${name}\` before this statement: CREATE TEMPORARY FUNCTION ${name} AS 'com.example.MyFunction'`
            : `create it before this statement (CREATE TEMPORARY FUNCTION ${name} AS 'com.example.MyFunction', its jar in \`dependencies\`), or load the module that provides it (LOAD MODULE)`,
        });
      }
    }
  },
};
