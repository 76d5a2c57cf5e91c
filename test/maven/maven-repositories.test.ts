import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { formatMavenCoordinate, mavenJarPath, parseMavenCoordinate } from '../../src/maven/maven-coordinate.js';
import { MavenError } from '../../src/maven/maven-error.js';
import { MAVEN_CENTRAL, mavenRepositories } from '../../src/maven/maven-repositories.js';

describe('maven coordinates', () => {
  it('maps group:artifact:version[:classifier] to the Maven 2 layout', () => {
    expect(mavenJarPath(parseMavenCoordinate('org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20'))).toBe('org/apache/flink/flink-sql-connector-kafka/3.3.0-1.20/flink-sql-connector-kafka-3.3.0-1.20.jar');
    const withClassifier = parseMavenCoordinate(' io.confluent:kafka-avro:7.5.0:shaded ');
    expect(formatMavenCoordinate(withClassifier)).toBe('io.confluent:kafka-avro:7.5.0:shaded');
    expect(mavenJarPath(withClassifier)).toBe('io/confluent/kafka-avro/7.5.0/kafka-avro-7.5.0-shaded.jar');
  });

  it.each(['flink-sql-connector-kafka', 'a:b', 'a:b:c:d:e', 'a::1.0', 'a:b/c:1.0'])('refuses `%s` with the expected shape', (text) => {
    expect(() => parseMavenCoordinate(text)).toThrow(MavenError);
    expect(() => parseMavenCoordinate(text)).toThrow(/is not a Maven coordinate/);
  });
});

describe('maven repositories from streampilot.yaml', () => {
  it('defaults to Maven Central', () => {
    expect(mavenRepositories(undefined, {})).toEqual([MAVEN_CENTRAL]);
    expect(MAVEN_CENTRAL.url).toBe('https://repo.maven.apache.org/maven2/');
  });

  it('replaces ${ENV} references with the environment and normalises the URL', () => {
    const [repo] = mavenRepositories({ repositories: [{ id: 'art', url: 'https://art.acme.dev/maven', username: '${U}', password: '${P}', checksums: 'optional' }] }, { U: 'bot', P: 'pw' });
    expect(repo).toEqual({ id: 'art', url: 'https://art.acme.dev/maven/', username: 'bot', password: 'pw', checksums: 'optional' });
  });

  it('names the unset variable instead of sending an anonymous request', () => {
    const run = () => mavenRepositories({ repositories: [{ id: 'art', url: 'https://art.acme.dev/', username: 'bot', password: '${ART_PASSWORD}' }] }, {});
    expect(run).toThrow(ConfigError);
    expect(run).toThrow('maven repository `art`: password refers to environment variable ART_PASSWORD, which is not set');
  });

  it('refuses a literal password and credentials over plain http, without echoing the password', () => {
    const literal = () => mavenRepositories({ repositories: [{ id: 'art', url: 'https://art.acme.dev/', username: 'bot', password: 'hunter2' }] }, {});
    expect(literal).toThrow(/must be an \$\{ENV_VAR\} reference/);
    expect(literal).not.toThrow(/hunter2/);
    expect(() => mavenRepositories({ repositories: [{ id: 'art', url: 'http://art.acme.dev/', username: '${U}', password: '${P}' }] }, { U: 'u', P: 'hunter2' })).toThrow(/plain http/);
  });
});
