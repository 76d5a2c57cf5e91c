import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { parseJobManifest } from '../../src/manifest/load-job.js';
import { parseProjectManifest } from '../../src/manifest/load-project.js';

const show = (d: Diagnostic): string => `${d.line}:${d.column} ${d.message}`;

const project = (maven: string) => `apiVersion: streampilot.dev/v1
kind: Project
environments: { staging: {} }
maven:
${maven}`;

const job = (extra: string) => `apiVersion: streampilot.dev/v1
kind: FlinkSqlJob
name: orders
sql: [main.sql]
${extra}`;

describe('streampilot.yaml: maven.repositories', () => {
  it('accepts a mirror with optional checksums, and no credentials in the file', () => {
    const result = parseProjectManifest(
      project(`  repositories:
    - { id: artifactory, url: "https://art.acme.dev/artifactory/maven-remote/", checksums: optional }
    - { id: central, url: "https://repo.maven.apache.org/maven2/" }`),
      'streampilot.yaml',
    );
    expect(result.diagnostics.map(show)).toEqual([]);
    expect(result.spec?.maven?.repositories?.[0]).toEqual({
      id: 'artifactory',
      url: 'https://art.acme.dev/artifactory/maven-remote/',
      checksums: 'optional',
    });
  });

  it('refuses username/password naming any ${VAR} of StreamPilot’s process, at each key, pointing to the allow-listed variables', () => {
    const ds = parseProjectManifest(
      project(`  repositories:
    - id: art-eu
      url: "https://art.acme.dev/"
      username: "\${AWS_SECRET_ACCESS_KEY}"
      password: "\${WEBHOOK_SECRET}"`),
      'streampilot.yaml',
    ).diagnostics;
    expect(ds.map(show)).toEqual([
      '8:7 `maven.repositories[0].username` is no longer read: Maven credentials never come from streampilot.yaml',
      '9:7 `maven.repositories[0].password` is no longer read: Maven credentials never come from streampilot.yaml',
    ]);
    expect(ds[0]!.hint).toBe(
      'remove it; whoever runs StreamPilot sets STREAMPILOT_MAVEN_ART_EU_USERNAME and STREAMPILOT_MAVEN_ART_EU_PASSWORD, with STREAMPILOT_MAVEN_ART_EU_URL naming the only URL they may be sent to',
    );
    expect(ds.every((d) => d.severity === 'error')).toBe(true);
  });

  it('refuses a password written in the file, at its line, without echoing it back as advice', () => {
    const ds = parseProjectManifest(
      project('  repositories:\n    - { id: art, url: "https://art.acme.dev/", username: bot, password: hunter2 }'),
      'streampilot.yaml',
    ).diagnostics;
    expect(ds.map(show)).toEqual([
      expect.stringMatching(/^6:\d+ `maven\.repositories\[0\]\.username` is no longer read/),
      expect.stringMatching(/^6:\d+ `maven\.repositories\[0\]\.password` is no longer read/),
    ]);
    expect(JSON.stringify(ds)).not.toContain('hunter2');
  });

  it('refuses a repository without url, a non-http url, unknown keys and an unknown checksums policy', () => {
    const ds = parseProjectManifest(
      project(
        '  repositories:\n    - { id: art, urll: "https://x/" }\n    - { id: b, url: "ftp://x/", checksums: off }',
      ),
      'streampilot.yaml',
    ).diagnostics;
    const text = ds.map((d) => d.message).join('\n');
    expect(text).toMatch(/unknown key `urll`.*did you mean `url`/);
    expect(text).toMatch(/`maven\.repositories\[1\]\.url` must be an http\(s\) URL/);
    expect(text).toMatch(/`maven\.repositories\[1\]\.checksums` must be one of required, optional/);
  });
});

describe('job.yaml: build and classifiers', () => {
  it('accepts a Dockerfile build and a coordinate with a classifier', () => {
    const result = parseJobManifest(
      job(
        'build: { builder: docker, dockerfile: docker/Dockerfile }\ndependencies:\n  maven: ["io.confluent:kafka-avro:7.5.0:shaded"]',
      ),
      'jobs/orders/job.yaml',
      'orders',
    );
    expect(result.diagnostics.map(show)).toEqual([]);
    expect(result.spec?.build).toEqual({ builder: 'docker', dockerfile: 'docker/Dockerfile' });
  });

  it.each([
    ['build: { builder: kaniko }', /`build\.builder` must be one of registry, docker; found `kaniko`/],
    [
      'build: { dockerfile: /etc/Dockerfile }',
      /`build\.dockerfile` must be a path relative to the job folder, inside it/,
    ],
    [
      'build: { dockerfile: ../shared/Dockerfile }',
      /`build\.dockerfile` must be a path relative to the job folder, inside it/,
    ],
    ['build: confgmap', /`build` must be `configmap` or a mapping \(key: value lines\); found `confgmap`/],
    ['build: { buider: docker }', /unknown key `buider` in `build` — did you mean `builder`\?/],
  ])('refuses %s', (yaml, message) => {
    const ds = parseJobManifest(job(yaml), 'jobs/orders/job.yaml', 'orders').diagnostics;
    expect(ds.map((d) => d.message).join('\n')).toMatch(message);
  });
});
