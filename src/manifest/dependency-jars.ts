import { CONNECTORS, FORMATS } from '../connectors/catalog.js';
import { artifactIdOf } from '../connectors/dependencies.js';
import type { MavenProvider } from '../connectors/types.js';
import type { Diagnostic } from '../diagnostics.js';
import type { JobSpec } from './types.js';
import { diagnosticAtPath, type YamlSource } from './yaml-document.js';

const RULE = 'manifest/dependency-jar';

/**
 * Flink's file systems, which Flink loads only as plugins, each from its own folder under
 * /opt/flink/plugins (PluginManager); a jar of these in usrlib/ is never used for `s3://`,
 * `gs://` … paths. The official image ships them under /opt/flink/opt and copies the ones
 * named in ENABLE_BUILT_IN_PLUGINS into plugins/ at start (docker-entrypoint.sh).
 */
const FILE_SYSTEM_PLUGINS = [
  'flink-s3-fs-hadoop',
  'flink-s3-fs-presto',
  'flink-azure-fs-hadoop',
  'flink-gs-fs-hadoop',
  'flink-oss-fs-hadoop',
];

/** Catalog providers with a SQL ("fat", shaded) jar besides the plain one. */
const SHADED = [...CONNECTORS, ...FORMATS]
  .map((c) => c.provider)
  .filter((p): p is MavenProvider => p !== undefined && p.artifactIds[0]!.startsWith('flink-sql-'));

/** `artifact` is `wanted` or `wanted` followed by a version (`flink-connector-hive_2.12`, `-1.20`). */
const isArtifact = (artifact: string, wanted: string): boolean =>
  artifact === wanted || (artifact.startsWith(wanted) && /^[-_]\d/.test(artifact.slice(wanted.length)));

/**
 * Jars in `dependencies` that Flink SQL cannot use as they are: the plain connector and format
 * jars, which lack the dependencies their `flink-sql-*` counterparts bundle (a job using them
 * fails with NoClassDefFoundError), and file systems, which are plugins. Warnings: the jar may
 * be there for a UDF, and the image may bring the rest.
 */
export function dependencyJars(source: YamlSource, spec: JobSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  const entries: ['maven' | 'jars', string, number][] = [
    ...(spec.dependencies?.maven ?? []).map((m, i): ['maven', string, number] => ['maven', m, i]),
    ...(spec.dependencies?.jars ?? []).map((j, i): ['jars', string, number] => ['jars', j, i]),
  ];
  for (const [list, entry, index] of entries) {
    const artifact = list === 'maven' ? artifactIdOf(entry) : jarArtifact(entry);
    if (!artifact) continue;
    const at = ['dependencies', list, index];
    const fileSystem = FILE_SYSTEM_PLUGINS.find((f) => isArtifact(artifact, f));
    if (fileSystem) {
      const folder = fileSystem.replace(/^flink-/, '');
      out.push(
        diagnosticAtPath(source, at, 'value', {
          severity: 'warning',
          rule: RULE,
          message: `${fileSystem} is a file system, which Flink loads only as a plugin: in the job's jars (/opt/flink/usrlib) it is never used`,
          hint: `remove it here; the official Flink image enables it with the environment variable ENABLE_BUILT_IN_PLUGINS=${fileSystem}-<flink version>.jar (set it in the pod template), or a base image can copy the jar to /opt/flink/plugins/${folder}/`,
        }),
      );
      continue;
    }
    const provider = SHADED.find((p) => p.artifactIds.slice(1).some((a) => isArtifact(artifact, a)));
    if (provider) {
      const sql = provider.artifactIds[0]!;
      const plain = provider.artifactIds.find((a) => a !== sql && isArtifact(artifact, a))!;
      out.push(
        diagnosticAtPath(source, at, 'value', {
          severity: 'warning',
          rule: RULE,
          message: `${plain} is the plain jar, without the libraries it needs; Flink SQL jobs need the self-contained ${sql}`,
          hint: `use ${provider.groupId}:${sql}${list === 'maven' ? `:${versionOf(entry)}` : ':<version>'} instead (same version)`,
        }),
      );
    }
  }
  return out;
}

function jarArtifact(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.jar$/i, '');
}

function versionOf(coordinate: string): string {
  return coordinate.split(':')[2] ?? '<version>';
}
