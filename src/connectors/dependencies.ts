/**
 * Does a job's dependency list (Maven coordinates and local jars) carry the jar a connector
 * or format needs? Matching is by artifact id, version-agnostic: the user's version choice
 * is theirs, our concern is that the jar is there at all.
 */
import type { MavenProvider } from './types.js';

export interface JobDependencies {
  maven: readonly string[];
  jars: readonly string[];
}

/** `group:artifact:version[:classifier]` → artifact id; undefined when malformed. */
export function artifactIdOf(coordinate: string): string | undefined {
  const parts = coordinate.trim().split(':');
  return parts.length >= 2 && parts[1] ? parts[1] : undefined;
}

/** The artifact id part of a jar file name: `lib/flink-sql-connector-kafka-3.3.0-1.20.jar` → whole base name without `.jar`. */
function jarBaseName(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.jar$/i, '');
}

/**
 * `artifactId` is `wanted` itself or `wanted` followed by a version-ish suffix (`-1.20`,
 * `-3.1.3_2.12`, `-core`, `-mysql`): both the connector's split modules and versioned names.
 */
function extendsArtifact(artifactId: string, wanted: string): boolean {
  return artifactId === wanted || artifactId.startsWith(wanted + '-') || artifactId.startsWith(wanted + '_');
}

export function providerSatisfied(provider: MavenProvider, deps: JobDependencies): boolean {
  for (const coordinate of deps.maven) {
    const id = artifactIdOf(coordinate);
    if (id && provider.artifactIds.some((w) => extendsArtifact(id, w))) return true;
  }
  for (const jar of deps.jars) {
    const base = jarBaseName(jar);
    if (provider.artifactIds.some((w) => extendsArtifact(base, w))) return true;
  }
  return false;
}

/** Whether any dependency mentions `word` (a custom connector's identifier) in its artifact id or file name. */
export function dependencyMentions(word: string, deps: JobDependencies): boolean {
  const w = word.toLowerCase();
  return [...deps.maven.map((m) => artifactIdOf(m) ?? m), ...deps.jars.map(jarBaseName)].some((name) =>
    name.toLowerCase().includes(w),
  );
}

export function suggestedCoordinate(provider: MavenProvider, flinkVersion: string | undefined): string {
  const artifact = provider.artifactIds[0] ?? '';
  const version = provider.exampleVersion
    ? provider.exampleVersion.replace('<flink>', flinkVersion ?? '1.20')
    : '<version>';
  return `${provider.groupId}:${artifact}:${version}`;
}

/** JDBC drivers by URL scheme: the artifact ids that carry them. */
const JDBC_DRIVERS: readonly { scheme: string; artifactIds: string[]; example: string }[] = [
  {
    scheme: 'mysql',
    artifactIds: ['mysql-connector-j', 'mysql-connector-java'],
    example: 'com.mysql:mysql-connector-j:8.4.0',
  },
  { scheme: 'mariadb', artifactIds: ['mariadb-java-client'], example: 'org.mariadb.jdbc:mariadb-java-client:3.4.1' },
  { scheme: 'postgresql', artifactIds: ['postgresql'], example: 'org.postgresql:postgresql:42.7.4' },
  {
    scheme: 'oracle',
    artifactIds: ['ojdbc8', 'ojdbc10', 'ojdbc11', 'ojdbc17'],
    example: 'com.oracle.database.jdbc:ojdbc11:23.5.0.24.07',
  },
  { scheme: 'sqlserver', artifactIds: ['mssql-jdbc'], example: 'com.microsoft.sqlserver:mssql-jdbc:12.8.1.jre11' },
  { scheme: 'db2', artifactIds: ['jcc'], example: 'com.ibm.db2:jcc:11.5.9.0' },
  { scheme: 'derby', artifactIds: ['derby', 'derbyclient'], example: 'org.apache.derby:derby:10.14.2.0' },
  { scheme: 'trino', artifactIds: ['trino-jdbc'], example: 'io.trino:trino-jdbc:<version>' },
  { scheme: 'clickhouse', artifactIds: ['clickhouse-jdbc'], example: 'com.clickhouse:clickhouse-jdbc:<version>' },
];

/** The driver a `jdbc:<scheme>:` URL needs; undefined for schemes we do not know. */
export function jdbcDriverFor(url: string): { scheme: string; artifactIds: string[]; example: string } | undefined {
  const m = /^jdbc:([a-z0-9]+):/i.exec(url.trim());
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  return JDBC_DRIVERS.find((d) => d.scheme === scheme);
}
