import { findConnector, findFormat, formatsInUse } from '../connectors/catalog.js';
import { jdbcDriverFor, providerSatisfied, suggestedCoordinate } from '../connectors/dependencies.js';
import type { MavenProvider } from '../connectors/types.js';
import { jobDependencies, providedIds } from './support/job-dependencies.js';
import { jobStatements, optionMap, optionNamed } from './support/job-statements.js';
import type { Rule } from './types.js';

/**
 * A connector or format whose jar is neither in Flink's distribution, nor in the job's
 * dependencies, nor declared as provided by the base image: the job would fail at start
 * with "Could not find any factory for identifier". Reported once per identifier, at its
 * first use. Speaks only when the job's manifest is known.
 */
export const connectorDependency: Rule = {
  id: 'sql/connector-dependency',
  severity: 'error',
  description:
    "a connector or format is used whose jar is not built into Flink, not in the job's dependencies and not provided by the image",
  check(ctx, report) {
    if (!ctx.job) return;
    const deps = jobDependencies(ctx);
    const provided = providedIds(ctx);
    const flinkVersion = ctx.job.flinkVersion;
    const seen = new Set<string>();
    const missing = (
      kind: 'connector' | 'format',
      id: string,
      builtIn: boolean,
      provider: MavenProvider | undefined,
    ): boolean => {
      const key = `${kind}:${id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return !builtIn && !provided.has(id) && provider !== undefined && !providerSatisfied(provider, deps);
    };
    // A `build: configmap` job has no image of its own to put a jar in: only its base image can carry it.
    const noImage = ctx.job.packaging === 'configmap';
    const hint = (id: string, provider: MavenProvider) =>
      noImage
        ? `this job is \`build: configmap\`, so its jars come from its base image: use a base image with \`${suggestedCoordinate(provider, flinkVersion)}\` and list \`${id}\` under provided.connectors in streampilot.yaml, or remove \`build: configmap\` and add it under dependencies.maven`
        : `add \`${suggestedCoordinate(provider, flinkVersion)}\` under dependencies.maven in job.yaml (any version that matches your Flink), or list \`${id}\` under provided.connectors in streampilot.yaml if the base image already has it`;

    for (const { unit, statement } of jobStatements(ctx)) {
      if (statement.kind !== 'createTable') continue;
      const connectorOption = optionNamed(statement.options, 'connector');
      const spec = connectorOption && findConnector(connectorOption.value.value);
      if (!connectorOption || !spec) continue;
      if (missing('connector', spec.id, spec.builtIn, spec.provider)) {
        report({
          unit,
          range: connectorOption.value.range,
          message: `connector '${spec.id}' needs the jar ${spec.provider!.groupId}:${spec.provider!.artifactIds[0]}, which is not in this job's dependencies`,
          hint: hint(spec.id, spec.provider!),
        });
      }
      const options = optionMap(statement.options);
      for (const { slot, format } of formatsInUse(spec, options)) {
        const fmt = findFormat(format);
        if (!fmt || !missing('format', fmt.id, fmt.builtIn, fmt.provider)) continue;
        const formatOption = optionNamed(statement.options, slot)!;
        report({
          unit,
          range: formatOption.value.range,
          message: `format '${fmt.id}' needs the jar ${fmt.provider!.groupId}:${fmt.provider!.artifactIds[0]}, which is not in this job's dependencies`,
          hint: hint(fmt.id, fmt.provider!),
        });
      }
      if (spec.id === 'jdbc') {
        const url = optionNamed(statement.options, 'url');
        const driver = url && jdbcDriverFor(url.value.value);
        // A local jar may be the driver under any file name; an image that provides jdbc may carry drivers too.
        if (url && driver && deps.jars.length === 0 && !provided.has('jdbc') && !seen.has(`driver:${driver.scheme}`)) {
          seen.add(`driver:${driver.scheme}`);
          if (!providerSatisfied({ groupId: '', artifactIds: driver.artifactIds }, deps)) {
            report({
              unit,
              range: url.value.range,
              severity: 'warning',
              message: `no JDBC driver for 'jdbc:${driver.scheme}:' URLs in this job's dependencies`,
              hint: noImage
                ? `use a base image that has the driver, e.g. \`${driver.example}\` (this job is \`build: configmap\`: it has no image of its own)`
                : `add the driver, e.g. \`${driver.example}\`, under dependencies.maven in job.yaml`,
            });
          }
        }
      }
    }
  },
};
