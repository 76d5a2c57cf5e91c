import type { Diagnostic } from '../diagnostics.js';
import type { ProjectSpec } from './types.js';
import { didYouMeanSuffix } from '../text/did-you-mean.js';
import { quote } from '../text/quote.js';
import { checkBaseImages } from './check-base-image.js';
import { checkCommandPermissions } from './command-permissions.js';
import { checkDeploySettings } from './deploy-settings.js';
import { configurationSecrets } from './configuration-secrets.js';
import { configurationVariables } from './configuration-variables.js';
import { checkMavenCredentials } from './maven-credentials.js';
import { validateManifest } from './validate-manifest.js';
import { diagnosticAtPath, parseYamlSource, type YamlSource } from './yaml-document.js';

export const PROJECT_FILE = 'streampilot.yaml';
const REFERENCE_RULE = 'manifest/reference';

export interface LoadedProject {
  source: YamlSource;
  /** Present when the file is valid YAML and passes the schema and reference checks' structure. */
  spec?: ProjectSpec;
  diagnostics: Diagnostic[];
}

/** Parses and checks `streampilot.yaml`; never throws on bad input. */
export function parseProjectManifest(text: string, file: string = PROJECT_FILE): LoadedProject {
  const source = parseYamlSource(file, text);
  const diagnostics = [...source.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error')) return { source, diagnostics };
  const schemaErrors = validateManifest(source, 'project');
  diagnostics.push(...schemaErrors);
  if (schemaErrors.length > 0) return { source, diagnostics };
  diagnostics.push(...configurationSecrets(source), ...configurationVariables(source));
  const spec = source.value as ProjectSpec;
  diagnostics.push(...checkPromotionOrder(source, spec));
  diagnostics.push(...checkDeploySettings(source, spec));
  diagnostics.push(...checkCommandPermissions(source, spec));
  diagnostics.push(...checkMavenCredentials(source, spec));
  diagnostics.push(
    ...checkBaseImages(source, [
      [['defaults'], spec.defaults],
      ...Object.entries(spec.environments).map(([name, env]): [string[], typeof env] => [['environments', name], env]),
    ]),
  );
  return { source, spec, diagnostics };
}

/** `after` must name another environment, and following `after` must never come back. */
function checkPromotionOrder(source: YamlSource, spec: ProjectSpec): Diagnostic[] {
  const names = Object.keys(spec.environments);
  const out: Diagnostic[] = [];
  for (const [name, env] of Object.entries(spec.environments)) {
    if (env.after === undefined) continue;
    const path = ['environments', name, 'after'];
    if (env.after === name) {
      out.push(
        diagnosticAtPath(source, path, 'value', {
          severity: 'error',
          rule: REFERENCE_RULE,
          message: `environment ${quote(name)} cannot come after itself`,
          hint: 'name the environment a change must reach first, or remove `after`',
        }),
      );
    } else if (!(env.after in spec.environments)) {
      out.push(
        diagnosticAtPath(source, path, 'value', {
          severity: 'error',
          rule: REFERENCE_RULE,
          message: `\`after\` names an environment that does not exist: ${quote(env.after)}${didYouMeanSuffix(env.after, names)}`,
          hint: `environments defined in ${PROJECT_FILE}: ${names.join(', ')}`,
        }),
      );
    }
  }
  // A cycle (a after b, b after a) would make every environment in it wait forever.
  const reported = new Set<string>();
  for (const start of names) {
    const chain: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && !chain.includes(current) && current in spec.environments) {
      chain.push(current);
      const next: string | undefined = spec.environments[current]?.after;
      current = next === current ? undefined : next;
    }
    if (current === undefined || !chain.includes(current)) continue;
    const cycle = chain.slice(chain.indexOf(current));
    const key = [...cycle].sort().join(',');
    if (reported.has(key)) continue;
    reported.add(key);
    out.push(
      diagnosticAtPath(source, ['environments', current, 'after'], 'value', {
        severity: 'error',
        rule: REFERENCE_RULE,
        message: `promotion order goes round in a circle: ${[...cycle, current].join(' → ')}`,
        hint: 'one environment of the cycle must have no `after`, so that changes can enter it first',
      }),
    );
  }
  return out;
}
