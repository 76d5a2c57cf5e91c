import { hasErrors } from '../../diagnostics.js';
import { UsageError } from '../../errors.js';
import { renderDeployObjects } from '../../render/render-deploy-objects.js';
import { toYaml } from '../../render/to-yaml.js';
import { formatDiagnosticsText } from '../../report/format-text.js';
import { checkRepository } from '../../workflows/check-repository.js';
import { parseCommandArgs } from '../args.js';
import { RENDER_HELP } from '../help.js';
import type { Io } from '../main.js';
import { requireRepositoryDir } from '../project-file.js';

export async function renderCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('render', args, {
    env: { type: 'string' },
    dir: { type: 'string' },
    'git-sha': { type: 'string' },
  });
  if (values.help) {
    io.stdout(RENDER_HELP);
    return 0;
  }
  const [job, ...extra] = positionals;
  if (!job || extra.length > 0)
    throw new UsageError(
      'render takes exactly one job name',
      'e.g. `streampilot render orders-enrichment --env staging`',
    );
  if (!values.env)
    throw new UsageError(
      'render needs --env <environment>',
      'e.g. `streampilot render orders-enrichment --env staging`',
    );

  const result = checkRepository(requireRepositoryDir(values.dir ?? '.', '--dir'), {
    environments: [values.env],
    jobs: [job],
    ...(values['git-sha'] ? { gitSha: values['git-sha'] } : {}),
  });
  // Problems go to stderr so that stdout stays applyable YAML.
  if (result.diagnostics.length > 0) io.stderr(formatDiagnosticsText(result.diagnostics, result.sources));
  const planned = result.plan.environments[0]?.jobs.find((j) => j.name === job);
  if (!planned) {
    io.stderr(`streampilot: ${job} could not be rendered for ${values.env}: fix the errors above.`);
    return hasErrors(result.diagnostics) ? 1 : 2;
  }
  // Companions (a `build: configmap` job's SQL, runtime values) are applied first: the output is everything a
  // deploy applies, in order.
  const companions = planned.blocked
    ? []
    : renderDeployObjects(planned.job, { image: planned.image, script: planned.script }).companions;
  const yaml = toYaml([...companions, planned.object]);
  if (!planned.enabled) {
    // Still rendered (it shows what enabling it would apply), but nobody should take it for what deploy applies.
    const note = `${job} is disabled in ${values.env} (environments.${values.env}.enabled: false in its job.yaml): deploy does not apply this`;
    io.stderr(`streampilot: note: ${note}.`);
    io.stdout(`# ${note}.\n${yaml}`);
  } else io.stdout(yaml);
  return hasErrors(result.diagnostics) ? 1 : 0;
}
