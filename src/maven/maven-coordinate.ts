import { MavenError } from './maven-error.js';

/** `group:artifact:version[:classifier]`; the packaging is always jar. */
export interface MavenCoordinate {
  groupId: string;
  artifactId: string;
  version: string;
  classifier?: string;
}

const PART = /^[A-Za-z0-9_.+-]+$/;

export function parseMavenCoordinate(text: string): MavenCoordinate {
  const parts = text.trim().split(':');
  const [groupId, artifactId, version, classifier] = parts;
  if (
    parts.length < 3 ||
    parts.length > 4 ||
    !parts.every((p) => PART.test(p)) ||
    !groupId ||
    !artifactId ||
    !version
  ) {
    throw new MavenError(
      text,
      `\`${text}\` is not a Maven coordinate`,
      'write group:artifact:version or group:artifact:version:classifier, e.g. org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20',
    );
  }
  // A SNAPSHOT changes under the same name: the image's content address would lie.
  if (version.endsWith('-SNAPSHOT')) {
    throw new MavenError(
      text,
      `\`${text}\` is a SNAPSHOT version`,
      'pin a released version: a SNAPSHOT can change without its name changing, so the image built from it would not be reproducible',
    );
  }
  return classifier ? { groupId, artifactId, version, classifier } : { groupId, artifactId, version };
}

export function formatMavenCoordinate(c: MavenCoordinate): string {
  return [c.groupId, c.artifactId, c.version, ...(c.classifier ? [c.classifier] : [])].join(':');
}

/** File name of the jar, e.g. flink-sql-connector-kafka-3.3.0-1.20.jar. */
export function mavenJarName(c: MavenCoordinate): string {
  return `${c.artifactId}-${c.version}${c.classifier ? `-${c.classifier}` : ''}.jar`;
}

/** Path of the jar in the Maven 2 repository layout, relative to the repository's base URL. */
export function mavenJarPath(c: MavenCoordinate): string {
  return `${c.groupId.replaceAll('.', '/')}/${c.artifactId}/${c.version}/${mavenJarName(c)}`;
}
