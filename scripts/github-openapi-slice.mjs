#!/usr/bin/env node
// Regenerates test/fixtures/github/openapi-slice.json: the part of GitHub's REST description
// (@octokit/openapi) that the app calls, with every component those operations reference.
// The package is ~470 MB installed, so it is installed into a temporary prefix, read, and
// thrown away instead of being a dependency.
//
//   node scripts/github-openapi-slice.mjs            # writes the slice
//   node scripts/github-openapi-slice.mjs --check    # exits 1 when the committed slice is stale
//
// Which description: api.github.com. It is the contract most installations run against and the
// newest; GitHub Enterprise Server serves the same paths under /api/v3 (the fake mounts them
// there). Every kept operation is also looked up in the newest GHES description and the script
// fails when one is missing there, so the app never relies on a github.com-only endpoint.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@octokit/openapi';
const VERSION = '23.0.2';
const DESCRIPTION = 'api.github.com.json';

/** operationId → why the app needs it. Keep in step with `grep -rn "octokit.rest\.\|octokit.request(" src/`. */
const OPERATIONS = {
  'apps/get-authenticated': 'GET /app: the app identity (JWT)',
  'apps/get-repo-installation': 'GET /repos/{owner}/{repo}/installation: installation of a repository (JWT)',
  'apps/create-installation-access-token':
    'POST /app/installations/{installation_id}/access_tokens: installation token (JWT)',
  'repos/get': 'GET /repos/{owner}/{repo}',
  'repos/get-collaborator-permission-level': 'comment commands: who may run them (permission and role_name)',
  'pulls/get': 'the pull request of a check_run.rerequested event',
  'repos/list-pull-requests-associated-with-commit': 'the pull request of a re-run whose event lists none (forks)',
  'pulls/list-files': 'changed files, when the app asks GitHub rather than git',
  'checks/create': 'StreamPilot / validate',
  'checks/update': 'completing it, appending annotations 50 at a time',
  'checks/get': 'reading a check run back',
  'checks/list-for-ref': 'finding the run of a head SHA again (redelivery, re-run)',
  'checks/list-annotations': 'reading annotations back',
  'issues/list-comments': 'finding the sticky plan comment by its marker',
  'issues/list-comments-for-repo': 'after a restart, the replies of commands left running (updated since a date)',
  'issues/create-comment': 'the plan comment',
  'issues/update-comment': 'editing the plan comment in place',
  'issues/get-comment': 'reading a comment back',
  'reactions/create-for-issue-comment': 'acknowledging a comment command (eyes), then its outcome (rocket, confused)',
  'teams/get-membership-for-user-in-org': "comment commands: membership of a team an environment's `allowed` names",
  'repos/create-deployment': 'a GitHub Deployment per environment and job on merge',
  'apps/list-installations': 'GET /app/installations: after a restart, where deploys may be in flight (JWT)',
  'apps/list-repos-accessible-to-installation':
    'GET /installation/repositories: the repositories of an installation, after a restart',
  'repos/create-deployment-status': 'in_progress, then success/failure with the Web UI as environment_url',
  'repos/list-deployments': 'finding in-flight deployments after a restart',
  'repos/list-deployment-statuses': 'the newest status of a deployment (is it still in flight?)',
  'repos/get-deployment': 'reading a deployment back',
  'git/get-ref': "/rollback's revert pull request: the default branch's head",
  'git/get-commit': "/rollback's revert pull request: a commit's tree",
  'git/get-tree': "/rollback's revert pull request: the job folders now and at the commit rolled back to",
  'git/create-tree': "/rollback's revert pull request: the head's tree with the job folders of then",
  'git/create-commit': "/rollback's revert pull request: its commit",
  'git/create-ref': "/rollback's revert pull request: its branch",
  'pulls/create': "/rollback's revert pull request",
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'test', 'fixtures', 'github', 'openapi-slice.json');

const prefix = mkdtempSync(path.join(os.tmpdir(), 'octokit-openapi-'));
try {
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--no-package-lock',
      `${PACKAGE}@${VERSION}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const generated = path.join(prefix, 'node_modules', PACKAGE, 'generated');
  const full = JSON.parse(readFileSync(path.join(generated, DESCRIPTION), 'utf8'));
  const ghesName = newestGhes(readdirSync(generated));
  const ghes = JSON.parse(readFileSync(path.join(generated, ghesName), 'utf8'));
  const slice = sliceOf(full, OPERATIONS);
  const missingOnGhes = Object.values(slice.paths)
    .flatMap((item) => Object.values(item))
    .map((op) => op.operationId)
    .filter((id) => !findOperation(ghes, id));
  if (missingOnGhes.length)
    throw new Error(`not in ${ghesName}: ${missingOnGhes.join(', ')} — the app must not depend on them`);
  slice['x-streampilot-source'] = {
    package: PACKAGE,
    version: VERSION,
    description: DESCRIPTION,
    alsoCheckedAgainst: ghesName,
    regenerate: 'node scripts/github-openapi-slice.mjs',
  };
  const text = `${JSON.stringify(slice, null, 1)}\n`;
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== text) {
      console.error(`${path.relative(root, target)} is out of date: run node scripts/github-openapi-slice.mjs`);
      process.exit(1);
    }
    console.log(`${path.relative(root, target)} is up to date`);
  } else {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    const ops = Object.entries(slice.paths).flatMap(([p, item]) =>
      Object.entries(item).map(([m, op]) => `${m.toUpperCase()} ${p}  (${op.operationId})`),
    );
    console.log(
      `wrote ${path.relative(root, target)}: ${ops.length} operations, ${Object.values(slice.components).reduce((n, c) => n + Object.keys(c).length, 0)} components, ${(text.length / 1024).toFixed(0)} KiB\n  ${ops.join('\n  ')}`,
    );
  }
} finally {
  rmSync(prefix, { recursive: true, force: true });
}

function newestGhes(files) {
  const versions = files
    .map((f) => /^ghes-(\d+)\.(\d+)\.json$/.exec(f))
    .filter(Boolean)
    .sort((a, b) => Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]));
  const last = versions.at(-1);
  if (!last) throw new Error('no GHES description in the package');
  return last[0];
}

function findOperation(doc, operationId) {
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item))
      if (op && op.operationId === operationId) return { path: p, method, op };
  }
  return undefined;
}

function sliceOf(doc, operations) {
  const paths = {};
  for (const id of Object.keys(operations)) {
    const found = findOperation(doc, id);
    if (!found) throw new Error(`operation ${id} is not in ${DESCRIPTION} of ${PACKAGE}@${VERSION}`);
    const op = withoutExamples(found.op);
    (paths[found.path] ??= {})[found.method] = op;
  }
  const components = {};
  const pending = collectRefs(paths);
  const seen = new Set();
  while (pending.length) {
    const ref = pending.pop();
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, , kind, name] = ref.split('/');
    const value = doc.components[kind]?.[name];
    if (value === undefined) throw new Error(`dangling ${ref}`);
    const copy = withoutExamples(value);
    (components[kind] ??= {})[name] = copy;
    pending.push(...collectRefs(copy));
  }
  for (const kind of Object.keys(components))
    components[kind] = Object.fromEntries(Object.entries(components[kind]).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: doc.openapi,
    info: doc.info,
    servers: doc.servers,
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components,
  };
}

/** Examples document, they do not constrain; dropping them keeps the committed file small. */
function withoutExamples(value) {
  if (Array.isArray(value)) return value.map(withoutExamples);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'examples' && v && typeof v === 'object' && !Array.isArray(v) && !('type' in v)) continue;
    out[k] = withoutExamples(v);
  }
  return out;
}

function collectRefs(value, out = []) {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}
