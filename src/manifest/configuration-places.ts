import type { YamlPath, YamlSource } from './yaml-document.js';

/**
 * Every `flinkConfiguration` mapping of a manifest with its path: the top level, `defaults` and
 * each environment (which of them a file may have is the schema's business).
 */
export function configurationPlaces(source: YamlSource): [YamlPath, Record<string, unknown>][] {
  const root = source.value as Record<string, unknown> | undefined;
  if (!root || typeof root !== 'object') return [];
  const places: [YamlPath, unknown][] = [[['flinkConfiguration'], root.flinkConfiguration]];
  const defaults = root.defaults as Record<string, unknown> | undefined;
  if (defaults && typeof defaults === 'object')
    places.push([['defaults', 'flinkConfiguration'], defaults.flinkConfiguration]);
  const environments = root.environments as Record<string, Record<string, unknown> | undefined> | undefined;
  if (environments && typeof environments === 'object') {
    for (const [name, env] of Object.entries(environments)) {
      if (env && typeof env === 'object')
        places.push([['environments', name, 'flinkConfiguration'], env.flinkConfiguration]);
    }
  }
  return places.filter((p): p is [YamlPath, Record<string, unknown>] => !!p[1] && typeof p[1] === 'object');
}
