import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { repositoryFullName } from '../../src/git/git-remote.js';
import { parseProjectManifest } from '../../src/manifest/load-project.js';
import { repositoryLabel } from '../../src/render/object-meta.js';
import { renderDeployObjects } from '../../src/render/render-deploy-objects.js';
import { resolvedJob } from '../support/resolved-job.js';

const IMAGE = `registry.example.test/flink@sha256:${'ab'.repeat(32)}`;
const SCRIPT = 'INSERT INTO sink SELECT * FROM source;\n';
// https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

describe('the repository a deployed object names', () => {
  it('one label value per repository, whatever the case of its name, that fits a Kubernetes label', () => {
    const long = `${'o'.repeat(39)}/${'n'.repeat(100)}`;
    for (const name of ['acme/flink-jobs', long]) {
      expect(repositoryLabel(name)).toMatch(LABEL_VALUE);
      expect(repositoryLabel(name).length).toBeLessThanOrEqual(63);
    }
    expect(repositoryLabel('Acme/Flink-Jobs')).toBe(repositoryLabel('acme/flink-jobs'));
    expect(repositoryLabel('acme/flink-jobs')).not.toBe(repositoryLabel('acme/flink-job'));
  });

  it('the resource and its SQL ConfigMap carry the label and the full name; the spec is the same with or without them', () => {
    const job = resolvedJob({ packaging: 'configmap' });
    const labelled = renderDeployObjects(job, { image: IMAGE, script: SCRIPT, repository: 'Acme/Flink-Jobs' });
    const plain = renderDeployObjects(job, { image: IMAGE, script: SCRIPT });
    for (const object of [labelled.resource, ...labelled.companions]) {
      expect(object.metadata.labels?.['streampilot.dev/repository']).toBe(repositoryLabel('acme/flink-jobs'));
      expect(object.metadata.annotations?.['streampilot.dev/repository']).toBe('Acme/Flink-Jobs');
    }
    expect(plain.resource.metadata.labels).not.toHaveProperty('streampilot.dev/repository');
    // Metadata only: the pod template (and so the pods' labels) and the ConfigMap's name do not change.
    expect(labelled.resource.spec).toEqual(plain.resource.spec);
    expect(labelled.companions.map((c) => c.metadata.name)).toEqual(plain.companions.map((c) => c.metadata.name));
  });
});

describe('owner/name of a git remote', () => {
  it('reads the https, ssh and scp-like forms alike, with or without .git and credentials', () => {
    for (const url of [
      'https://github.com/acme/flink-jobs.git',
      'https://github.com/acme/flink-jobs',
      'https://x-access-token:ghs_secret@github.com/acme/flink-jobs.git/',
      'ssh://git@github.com/acme/flink-jobs.git',
      'ssh://git@ghe.acme.dev:2222/acme/flink-jobs',
      'git@github.com:acme/flink-jobs.git',
    ])
      expect(repositoryFullName(url), url).toBe('acme/flink-jobs');
  });

  it('names no repository for a local path, a file:// URL or a host alone', () => {
    for (const url of ['/srv/git/flink-jobs', 'file:///srv/git/acme/flink-jobs', 'https://github.com/', '../jobs'])
      expect(repositoryFullName(url), url).toBeUndefined();
  });
});

describe('streampilot.yaml: repository', () => {
  const show = (d: Diagnostic): string => `${d.line}:${d.column} ${d.message}`;
  const project = (value: string) =>
    `apiVersion: streampilot.dev/v1\nkind: Project\nrepository: ${value}\nenvironments: { staging: {} }\n`;

  it('takes owner/name', () => {
    const result = parseProjectManifest(project('acme/flink-jobs'), 'streampilot.yaml');
    expect(result.diagnostics.map(show)).toEqual([]);
    expect(result.spec?.repository).toBe('acme/flink-jobs');
  });

  it('refuses anything else at the value, saying what it must be', () => {
    const ds = parseProjectManifest(project('https://github.com/acme/flink-jobs'), 'streampilot.yaml').diagnostics;
    expect(ds.map(show)).toEqual([
      expect.stringMatching(/^3:13 .*must be the repository's full name, owner\/name, e\.g\. acme\/flink-jobs/),
    ]);
  });
});
