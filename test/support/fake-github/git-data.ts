import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OpenApiContract } from './openapi-contract.js';
import { minimalInstance } from './schema-instance.js';
import type { FakeRepository } from './state.js';

/**
 * GitHub's git data API (GitHub OpenAPI operations git/get-ref, git/get-commit, git/get-tree,
 * git/create-tree, git/create-commit, git/create-ref) served from the repository's real git
 * directory: reads are git's own answers, writes create real objects and refs, so what the app
 * writes can be fetched back and checked out. The refusals are the documented ones: 404 for an
 * unknown ref or object, 422 for an invalid or existing ref, a missing object, or a tree entry
 * giving both `sha` and `content`.
 */
export class GitDataError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const SHA = /^[0-9a-f]{40}$/;
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'streampilot[bot]',
  GIT_AUTHOR_EMAIL: 'streampilot[bot]@users.noreply.github.invalid',
  GIT_COMMITTER_NAME: 'GitHub',
  GIT_COMMITTER_EMAIL: 'noreply@github.invalid',
};

export class FakeGitData {
  constructor(
    private readonly contract: OpenApiContract,
    private readonly apiUrl: string,
  ) {}

  /** The reply of a git data operation, or undefined when `operationId` is not one. */
  operate(
    operationId: string,
    repo: FakeRepository,
    p: Record<string, string>,
    query: Record<string, string>,
    body: Record<string, unknown> | undefined,
  ): { status: number; body: unknown } | undefined {
    if (!operationId.startsWith('git/')) return undefined;
    const dir = repo.gitDir;
    if (!dir) throw new Error(`the fake serves ${operationId} from a repository's gitDir; ${repo.name} has none`);
    const full = `${repo.owner}/${repo.name}`;
    switch (operationId) {
      case 'git/get-ref': {
        const sha = revParse(dir, `refs/${p.ref}`);
        if (!sha) throw new GitDataError(404, 'Not Found');
        return { status: 200, body: this.ref(full, `refs/${p.ref}`, sha) };
      }
      case 'git/get-commit':
        if (objectType(dir, p.commit_sha!) !== 'commit') throw new GitDataError(404, 'Not Found');
        return { status: 200, body: this.commit(dir, full, p.commit_sha!) };
      case 'git/get-tree': {
        const sha = revParse(dir, `${p.tree_sha}^{tree}`);
        if (!sha) throw new GitDataError(404, 'Not Found');
        return { status: 200, body: this.tree(dir, full, sha, query.recursive !== undefined) };
      }
      case 'git/create-tree':
        return { status: 201, body: this.tree(dir, full, createTree(dir, body!), false) };
      case 'git/create-commit': {
        const tree = String(body!.tree);
        if (objectType(dir, tree) !== 'tree') throw new GitDataError(422, 'Tree SHA does not exist');
        const parents = (body!.parents as string[] | undefined) ?? [];
        for (const parent of parents)
          if (objectType(dir, parent) !== 'commit')
            throw new GitDataError(422, 'Parent SHA does not exist or is not a commit object');
        const sha = git(dir, ['commit-tree', tree, ...parents.flatMap((x) => ['-p', x]), '-m', String(body!.message)]);
        return { status: 201, body: this.commit(dir, full, sha) };
      }
      case 'git/create-ref': {
        const ref = String(body!.ref);
        const sha = String(body!.sha);
        if (!ref.startsWith('refs/') || ref.split('/').length < 3 || !isValidRefName(dir, ref))
          throw new GitDataError(422, `${ref} is not a valid ref name.`);
        if (revParse(dir, ref)) throw new GitDataError(422, 'Reference already exists');
        if (!objectType(dir, sha)) throw new GitDataError(422, 'Object does not exist');
        git(dir, ['update-ref', ref, sha]);
        return { status: 201, body: this.ref(full, ref, sha) };
      }
      default:
        return undefined;
    }
  }

  private base(component: string): Record<string, unknown> {
    return minimalInstance(this.contract, this.contract.componentSchema(component), this.apiUrl) as Record<
      string,
      unknown
    >;
  }

  private ref(full: string, ref: string, sha: string): Record<string, unknown> {
    return {
      ...this.base('git-ref'),
      ref,
      node_id: `REF_${sha.slice(0, 12)}`,
      url: `${this.apiUrl}/repos/${full}/git/${ref}`,
      object: { type: 'commit', sha, url: `${this.apiUrl}/repos/${full}/git/commits/${sha}` },
    };
  }

  private commit(dir: string, full: string, sha: string): Record<string, unknown> {
    const raw = git(dir, ['cat-file', 'commit', sha]);
    const [headers, ...message] = raw.split('\n\n');
    const lines = headers!.split('\n');
    const tree = lines.find((l) => l.startsWith('tree '))!.slice(5);
    const parents = lines.filter((l) => l.startsWith('parent ')).map((l) => l.slice(7));
    const person = (kind: string) => {
      const m = /^(\S+) (.*) <(.*)> (\d+) [+-]\d{4}$/.exec(lines.find((l) => l.startsWith(`${kind} `))!)!;
      return { name: m[2]!, email: m[3]!, date: new Date(Number(m[4]) * 1000).toISOString().replace(/\.\d+Z$/, 'Z') };
    };
    const web = this.apiUrl.replace(/\/api\/v3$/, '');
    return {
      ...this.base('git-commit'),
      sha,
      node_id: `C_${sha.slice(0, 12)}`,
      url: `${this.apiUrl}/repos/${full}/git/commits/${sha}`,
      html_url: `${web}/${full}/commit/${sha}`,
      author: person('author'),
      committer: person('committer'),
      message: message.join('\n\n').replace(/\n$/, ''),
      tree: { sha: tree, url: `${this.apiUrl}/repos/${full}/git/trees/${tree}` },
      parents: parents.map((x) => ({
        sha: x,
        url: `${this.apiUrl}/repos/${full}/git/commits/${x}`,
        html_url: `${web}/${full}/commit/${x}`,
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    };
  }

  private tree(dir: string, full: string, sha: string, recursive: boolean): Record<string, unknown> {
    const out = git(dir, ['ls-tree', '-l', ...(recursive ? ['-r', '-t'] : []), sha]);
    const tree = out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [meta, entryPath] = line.split('\t') as [string, string];
        const [mode, type, object, size] = meta.split(/\s+/) as [string, string, string, string];
        return {
          path: entryPath,
          mode,
          type,
          sha: object,
          ...(type === 'blob' ? { size: Number(size) } : {}),
          url: `${this.apiUrl}/repos/${full}/git/${type === 'tree' ? 'trees' : 'blobs'}/${object}`,
        };
      });
    return {
      ...this.base('git-tree'),
      sha,
      url: `${this.apiUrl}/repos/${full}/git/trees/${sha}`,
      truncated: false,
      tree,
    };
  }
}

/** POST …/git/trees: `base_tree` plus the entries (a null `sha` deletes), written through a scratch index. */
function createTree(dir: string, body: Record<string, unknown>): string {
  const scratch = mkdtempSync(path.join(tmpdir(), 'fake-github-index-'));
  const env = { GIT_INDEX_FILE: path.join(scratch, 'index') };
  try {
    const base = body.base_tree === undefined ? undefined : String(body.base_tree);
    if (base !== undefined && objectType(dir, base) !== 'tree')
      throw new GitDataError(422, 'base_tree is not a valid tree oid');
    git(dir, base !== undefined ? ['read-tree', base] : ['read-tree', '--empty'], env);
    for (const entry of body.tree as Record<string, unknown>[]) {
      const entryPath = String(entry.path);
      if ('sha' in entry && 'content' in entry)
        throw new GitDataError(422, 'Only one of tree.sha or tree.content may be given');
      if (entry.type === 'tree' || entry.type === 'commit')
        throw new Error(`the fake's git/create-tree writes blobs only (got a ${String(entry.type)} at ${entryPath})`);
      if (entry.sha === null) {
        git(dir, ['update-index', '--force-remove', entryPath], env);
        continue;
      }
      const sha =
        typeof entry.content === 'string'
          ? git(dir, ['hash-object', '-w', '--stdin'], {}, entry.content)
          : String(entry.sha);
      if (!SHA.test(sha) || objectType(dir, sha) !== 'blob')
        throw new GitDataError(422, `tree.sha ${sha} wasn't found`);
      git(dir, ['update-index', '--add', '--cacheinfo', `${String(entry.mode)},${sha},${entryPath}`], env);
    }
    return git(dir, ['write-tree'], env);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function git(dir: string, args: string[], env: Record<string, string> = {}, input?: string): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, ...env },
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
  }).trim();
}

function revParse(dir: string, rev: string): string | undefined {
  try {
    return git(dir, ['rev-parse', '--verify', '--quiet', rev]) || undefined;
  } catch {
    return undefined;
  }
}

function objectType(dir: string, sha: string): string | undefined {
  if (!SHA.test(sha)) return undefined;
  try {
    return git(dir, ['cat-file', '-t', sha]);
  } catch {
    return undefined;
  }
}

function isValidRefName(dir: string, ref: string): boolean {
  try {
    git(dir, ['check-ref-format', ref]);
    return true;
  } catch {
    return false;
  }
}
