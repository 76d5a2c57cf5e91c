import type { Diagnostic } from '../diagnostics.js';
import { ImageNameError, parseImageName } from '../registry/image-name.js';
import type { JobSettings } from './types.js';
import { diagnosticAtPath, formatPath, type YamlPath, type YamlSource } from './yaml-document.js';

/** Stands in for `{{flinkVersion}}` while checking: any resolved version is a valid tag part. */
const SAMPLE_VERSION = '1.20';

/**
 * `baseImage` must be an image reference Kubernetes and a registry accept. The schema only
 * asks for a string, and an invalid one surfaced at build or pod start, long after the merge.
 * `layers` are the paths of the settings blocks of the manifest (`defaults`, each environment…).
 */
export function checkBaseImages(source: YamlSource, layers: [YamlPath, JobSettings | undefined][]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [at, settings] of layers) {
    const image = settings?.baseImage;
    if (image === undefined) continue;
    const reason = imageProblem(image.replaceAll('{{flinkVersion}}', SAMPLE_VERSION));
    if (reason === undefined) continue;
    out.push(
      diagnosticAtPath(source, [...at, 'baseImage'], 'value', {
        severity: 'error',
        rule: 'manifest/schema',
        message: `\`${formatPath([...at, 'baseImage'])}\` is not an image reference: ${reason}`,
        hint: 'write [registry/]repository[:tag][@sha256:digest], e.g. flink:{{flinkVersion}}-java17 or ghcr.io/acme/flink:1.20 ({{flinkVersion}} becomes the Flink version)',
      }),
    );
  }
  return out;
}

function imageProblem(image: string): string | undefined {
  if (image !== image.trim()) return 'it starts or ends with white space';
  try {
    parseImageName(image);
    return undefined;
  } catch (e) {
    if (!(e instanceof ImageNameError)) throw e;
    // The value is underlined in the code frame; the reason need not repeat all of it.
    return e.reason.length > 160 ? `${e.reason.slice(0, 157)}...` : e.reason;
  }
}
