import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { formatMavenCoordinate, mavenJarPath, parseMavenCoordinate } from '../../src/maven/maven-coordinate.js';
import { MavenError } from '../../src/maven/maven-error.js';
import { MAVEN_CENTRAL, mavenCredentialVariables, mavenRepositories } from '../../src/maven/maven-repositories.js';

describe('maven coordinates', () => {
  it('maps group:artifact:version[:classifier] to the Maven 2 layout', () => {
    expect(mavenJarPath(parseMavenCoordinate('org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20'))).toBe(
      'org/apache/flink/flink-sql-connector-kafka/3.3.0-1.20/flink-sql-connector-kafka-3.3.0-1.20.jar',
    );
    const withClassifier = parseMavenCoordinate(' io.confluent:kafka-avro:7.5.0:shaded ');
    expect(formatMavenCoordinate(withClassifier)).toBe('io.confluent:kafka-avro:7.5.0:shaded');
    expect(mavenJarPath(withClassifier)).toBe('io/confluent/kafka-avro/7.5.0/kafka-avro-7.5.0-shaded.jar');
  });

  it.each(['flink-sql-connector-kafka', 'a:b', 'a:b:c:d:e', 'a::1.0', 'a:b/c:1.0'])(
    'refuses `%s` with the expected shape',
    (text) => {
      expect(() => parseMavenCoordinate(text)).toThrow(MavenError);
      expect(() => parseMavenCoordinate(text)).toThrow(/is not a Maven coordinate/);
    },
  );
});

describe('maven repositories from streampilot.yaml', () => {
  it('defaults to Maven Central', () => {
    expect(mavenRepositories(undefined, {})).toEqual([MAVEN_CENTRAL]);
    expect(MAVEN_CENTRAL.url).toBe('https://repo.maven.apache.org/maven2/');
  });

  const ART = {
    STREAMPILOT_MAVEN_ART_EU_USERNAME: 'bot',
    STREAMPILOT_MAVEN_ART_EU_PASSWORD: 'pw-marker-71',
    STREAMPILOT_MAVEN_ART_EU_URL: 'https://art.acme.dev/maven',
  };

  it('takes credentials only from STREAMPILOT_MAVEN_<ID>_* and only for the pinned URL (or a path below it)', () => {
    const [repo] = mavenRepositories(
      { repositories: [{ id: 'art-eu', url: 'https://ART.acme.dev:443/maven/libs-release', checksums: 'optional' }] },
      ART,
    );
    expect(repo).toEqual({
      id: 'art-eu',
      url: 'https://art.acme.dev/maven/libs-release/',
      username: 'bot',
      password: 'pw-marker-71',
      checksums: 'optional',
    });
    expect(mavenCredentialVariables('art-eu')).toEqual({
      username: 'STREAMPILOT_MAVEN_ART_EU_USERNAME',
      password: 'STREAMPILOT_MAVEN_ART_EU_PASSWORD',
      url: 'STREAMPILOT_MAVEN_ART_EU_URL',
    });
  });

  it('sends nothing anonymous-looking by accident: no allow-listed variables, no credentials', () => {
    const [repo] = mavenRepositories(
      { repositories: [{ id: 'other', url: 'https://art.acme.dev/maven/' }] },
      { ...ART, AWS_SECRET_ACCESS_KEY: 'aws-marker' },
    );
    expect(repo).toEqual({ id: 'other', url: 'https://art.acme.dev/maven/', checksums: 'required' });
  });

  it.each([
    ['another host', 'https://evil.example/maven/'],
    ['another scheme', 'http://art.acme.dev/maven/'],
    ['another port', 'https://art.acme.dev:8443/maven/'],
    ['a sibling path sharing the prefix', 'https://art.acme.dev/maven-evil/'],
    ['a path climbing out of the pin', 'https://art.acme.dev/maven/%2e%2e/other/'],
    ['a query string', 'https://art.acme.dev/maven/?x=1'],
  ])('refuses to send the allow-listed credentials to %s, naming the URL variable and not the secret', (_what, url) => {
    const run = () => mavenRepositories({ repositories: [{ id: 'art-eu', url }] }, ART);
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/not the URL the credentials are for \(STREAMPILOT_MAVEN_ART_EU_URL\); nothing was sent/);
    expect(run).not.toThrow(/pw-marker-71/);
  });

  it('refuses credentials with no pinned URL, one of the pair missing, or over plain http', () => {
    const unpinned = () =>
      mavenRepositories(
        { repositories: [{ id: 'art-eu', url: 'https://art.acme.dev/maven/' }] },
        { ...ART, STREAMPILOT_MAVEN_ART_EU_URL: '' },
      );
    expect(unpinned).toThrow(/STREAMPILOT_MAVEN_ART_EU_URL is not, so no URL may receive them/);
    const half = () =>
      mavenRepositories(
        { repositories: [{ id: 'art-eu', url: 'https://art.acme.dev/maven/' }] },
        { ...ART, STREAMPILOT_MAVEN_ART_EU_USERNAME: undefined },
      );
    expect(half).toThrow(/STREAMPILOT_MAVEN_ART_EU_USERNAME is not set/);
    const plain = { ...ART, STREAMPILOT_MAVEN_ART_EU_URL: 'http://art.acme.dev/maven/' };
    expect(() =>
      mavenRepositories({ repositories: [{ id: 'art-eu', url: 'http://art.acme.dev/maven/' }] }, plain),
    ).toThrow(/plain http/);
  });

  it('never expands a ${VAR} the repository names: username/password in the spec are refused, unread', () => {
    const run = () =>
      mavenRepositories(
        {
          repositories: [
            {
              id: 'art',
              url: 'https://art.acme.dev/',
              username: '${AWS_SECRET_ACCESS_KEY}',
              password: '${WEBHOOK_SECRET}',
            },
          ],
        },
        { AWS_SECRET_ACCESS_KEY: 'aws-marker', WEBHOOK_SECRET: 'hook-marker' },
      );
    expect(run).toThrow(/credentials are not read from streampilot\.yaml/);
    expect(run).not.toThrow(/marker/);
  });
});
