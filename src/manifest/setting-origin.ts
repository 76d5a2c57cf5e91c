import { locatePath, type YamlPath, type YamlSource } from './yaml-document.js';

/** Where a merged setting was written: the file and the path inside it. */
export interface SettingOrigin {
  source: YamlSource;
  path: YamlPath;
}

/**
 * The manifest layer that gave a job's merged setting its value in `environment`, following
 * `resolveJob`'s order from the top: job `environments.<env>` > project `environments.<env>` >
 * job > project `defaults`. A finding about the setting belongs there; undefined when no layer
 * writes it (a built-in default).
 */
export function settingOrigin(
  setting: readonly string[],
  environment: string,
  job: YamlSource,
  project: YamlSource | undefined,
): SettingOrigin | undefined {
  const layers: SettingOrigin[] = [
    { source: job, path: ['environments', environment, ...setting] },
    ...(project ? [{ source: project, path: ['environments', environment, ...setting] }] : []),
    { source: job, path: setting },
    ...(project ? [{ source: project, path: ['defaults', ...setting] }] : []),
  ];
  return layers.find((layer) => locatePath(layer.source, layer.path).exact);
}
