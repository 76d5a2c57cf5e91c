/**
 * `streampilot init` through the CLI as a process: the repository it writes passes `check`,
 * renders what the fake operator's validator accepts, and nothing is ever overwritten.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { validateFlinkDeployment } from '../support/fake-kube/operator-validation.js';
import { runCli } from '../support/run-cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'streampilot-init-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const FILES = ['streampilot.yaml', 'jobs/hello/job.yaml', 'jobs/hello/main.sql'];

describe('streampilot init', () => {
  const dir = path.join(scratch, 'fresh');
  const init = runCli(['init', dir]);

  it('writes the project and one job, and says what it wrote and what to run next', () => {
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    for (const file of FILES) {
      expect(existsSync(path.join(dir, file))).toBe(true);
      expect(init.stdout).toContain(path.join(dir, file));
    }
    expect(init.stdout).toContain(`streampilot check ${dir}`);
    expect(init.stdout).toContain(`streampilot render hello --env staging --dir ${dir}`);
  });

  it('explains the registry placeholder and the checkpoint bucket in streampilot.yaml', () => {
    const project = readFileSync(path.join(dir, 'streampilot.yaml'), 'utf8');
    expect(project).toMatch(/placeholder/);
    expect(project).toMatch(/#\s*state\.checkpoints\.dir: s3:\/\//);
    expect(project).toMatch(/#\s*state\.savepoints\.dir: s3:\/\//);
  });

  it('passes check', () => {
    const check = runCli(['check', dir, '--no-cache']);
    expect(check.stderr).toBe('');
    expect(check.stdout).toContain('No problems found');
    expect(check.status).toBe(0);
  });

  it.each(['staging', 'production'])('renders for %s a FlinkDeployment the operator accepts', (env) => {
    const render = runCli(['render', 'hello', '--env', env, '--dir', dir]);
    expect(render.status).toBe(0);
    const objects = parseAllDocuments(render.stdout).map((d) => d.toJS() as Record<string, unknown>);
    const deployment = objects.find((o) => o.kind === 'FlinkDeployment')!;
    expect(deployment).toBeDefined();
    expect(validateFlinkDeployment(deployment)).toBeUndefined();
  });

  it('a stateful job added next to it is refused by check until the state directories are set', () => {
    const repo = path.join(scratch, 'stateful');
    expect(runCli(['init', repo]).status).toBe(0);
    const jobFile = path.join(repo, 'jobs/hello/job.yaml');
    writeFileSync(jobFile, readFileSync(jobFile, 'utf8').replace('upgradeMode: stateless\n', ''));
    const refused = runCli(['check', repo, '--no-cache']);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('jobs/hello/job.yaml:4:7');
    expect(refused.stdout).toContain('operator/checkpoint-dir');
    const projectFile = path.join(repo, 'streampilot.yaml');
    writeFileSync(
      projectFile,
      readFileSync(projectFile, 'utf8').replace(/# (state\.(checkpoints|savepoints)\.dir)/g, '$1'),
    );
    const fixed = runCli(['check', repo, '--no-cache']);
    expect(fixed.stdout).toContain('No problems found');
    expect(fixed.status).toBe(0);
  });

  it('refuses to overwrite: exit 2 naming the files, and nothing written or changed', () => {
    const repo = path.join(scratch, 'taken');
    expect(runCli(['init', repo]).status).toBe(0);
    writeFileSync(path.join(repo, 'streampilot.yaml'), 'mine\n');
    rmSync(path.join(repo, 'jobs'), { recursive: true });
    const again = runCli(['init', repo]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`init would overwrite ${path.join(repo, 'streampilot.yaml')}; nothing was written`);
    expect(readFileSync(path.join(repo, 'streampilot.yaml'), 'utf8')).toBe('mine\n');
    expect(existsSync(path.join(repo, 'jobs'))).toBe(false);
  });
});
