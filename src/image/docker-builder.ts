import { lstat, readdir, readFile, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import { messageOf } from '../errors.js';
import {
  BuildError,
  type BuiltImage,
  type BuildRequest,
  type ImageBuilder,
  type ImageFile,
  type Progress,
  type RegistryAuth,
} from './types.js';

/**
 * Where the job's files (normalised SQL script, resolved jars) sit in the build context, at
 * their image paths: `.streampilot/files/opt/flink/usrlib/...`. The Dockerfile we generate —
 * or the line we append to the job's own — copies them to `/`, so both builders put the same
 * files at the same paths whatever the Dockerfile does.
 */
export const CONTEXT_FILES_DIR = '.streampilot/files';
/** The Dockerfile actually built (the job's, plus our COPY), inside the context. */
export const CONTEXT_DOCKERFILE = '.streampilot/Dockerfile';

/** Same fixed time as the registry-native layer, so equal files look equal in both images. */
const CONTEXT_MTIME = new Date(1000);

export interface DockerBuilderOptions {
  /** The engine (dockerode), passed in so tests and callers choose the socket. */
  docker: Docker;
  /**
   * Credentials by registry host (`ghcr.io`, `127.0.0.1:5000`, `docker.io`): used to pull the
   * base image during the build and to push the result.
   */
  credentials?: Readonly<Record<string, RegistryAuth>>;
}

/** One JSON message of the engine's build, pull or push stream. */
interface EngineMessage {
  stream?: string;
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string; code?: number };
  aux?: { ID?: string; Tag?: string; Digest?: string; Size?: number };
}

/**
 * Docker engine builder: `docker build` of the job's Dockerfile (or a generated one,
 * `FROM ${BASE_IMAGE}` plus the job's files), then `docker push`. Logs go to `progress` line
 * by line; any error in either stream becomes a BuildError naming the step.
 */
export function createDockerBuilder(options: DockerBuilderOptions): ImageBuilder {
  const { docker } = options;
  const credentials = options.credentials ?? {};
  const authFor = (reference: string): (RegistryAuth & { serveraddress: string }) | undefined => {
    const host = registryHost(reference);
    const auth = credentials[host];
    return auth ? { ...auth, serveraddress: host === 'docker.io' ? 'https://index.docker.io/v1/' : host } : undefined;
  };
  // Messages from the engine can echo what it was sent; never let a password through.
  const secrets = Object.values(credentials).flatMap((c) => (c.password ? [c.password] : []));
  const redact = (text: string) => secrets.reduce((t, s) => t.split(s).join('***'), text);

  return {
    name: 'docker',
    async build(request: BuildRequest, progress: Progress): Promise<BuiltImage> {
      const say = (line: string) => progress(`${request.job}: ${redact(line)}`);
      const fail = (step: string, message: string, hint?: string): never => {
        throw new BuildError(request.job, step, redact(message), hint);
      };
      const { repository, tag } = splitReference(request.target);

      // --- docker build
      let context: NodeJS.ReadableStream;
      try {
        context = await buildContext(request);
      } catch (error) {
        return fail(
          'docker build',
          `cannot read the build context: ${engineMessageOf(error)}`,
          'check that build.dockerfile names a file inside the job folder',
        );
      }
      const baseAuth = authFor(request.baseImage);
      let lastStep = '';
      let buildError: string | undefined;
      try {
        const stream: NodeJS.ReadableStream = await docker.buildImage(context, {
          t: request.target,
          dockerfile: CONTEXT_DOCKERFILE,
          buildargs: { BASE_IMAGE: request.baseImage },
          rm: true,
          forcerm: true,
          ...(request.platform ? { platform: platformString(request.platform) } : {}),
          ...(baseAuth
            ? {
                registryconfig: {
                  [baseAuth.serveraddress]: { username: baseAuth.username ?? '', password: baseAuth.password ?? '' },
                },
              }
            : {}),
        });
        await readEngineStream(stream, (message) => {
          if (message.error || message.errorDetail) {
            buildError ??= message.errorDetail?.message ?? message.error ?? 'unknown error';
            return;
          }
          for (const line of (message.stream ?? '').split('\n')) {
            const text = line.trimEnd();
            if (!text) continue;
            if (/^Step \d+\/\d+ :/.test(text)) lastStep = text;
            say(text);
          }
          if (message.status) say(message.id ? `${message.id}: ${message.status}` : message.status);
        });
      } catch (error) {
        buildError ??= engineMessageOf(error);
      }
      if (buildError !== undefined) {
        fail('docker build', lastStep ? `${lastStep}: ${buildError}` : buildError, buildHint(buildError, request));
      }

      // --- docker push
      const pushAuth = authFor(request.target);
      let digest: string | undefined;
      let pushError: string | undefined;
      const pushed = new Map<string, number>();
      const announced = new Set<string>();
      try {
        const stream = (await docker
          .getImage(repository)
          .push({ tag, ...(pushAuth ? { authconfig: pushAuth } : {}) })) as NodeJS.ReadableStream;
        await readEngineStream(stream, (message) => {
          if (message.error || message.errorDetail) {
            pushError ??= message.errorDetail?.message ?? message.error ?? 'unknown error';
            return;
          }
          if (message.aux?.Digest) digest = message.aux.Digest;
          if (message.id && message.status === 'Pushing' && message.progressDetail?.current !== undefined) {
            pushed.set(message.id, Math.max(pushed.get(message.id) ?? 0, message.progressDetail.current));
            return;
          }
          // Per-layer states once each ("Pushed", "Layer already exists"), not every progress tick.
          if (message.status && !['Preparing', 'Waiting'].includes(message.status)) {
            const line = message.id ? `${message.id}: ${message.status}` : message.status;
            if (!announced.has(line)) {
              announced.add(line);
              say(line);
            }
          }
        });
      } catch (error) {
        pushError ??= engineMessageOf(error);
      }
      if (pushError !== undefined)
        fail(
          'docker push',
          `${request.target}: ${pushError}`,
          pushHint(pushError, request.target, pushAuth !== undefined),
        );
      if (!digest)
        return fail(
          'docker push',
          `${request.target}: the engine reported no digest for the pushed image`,
          'check the engine and registry logs',
        );

      return {
        reference: request.target,
        digest,
        reused: false,
        bytesUploaded: [...pushed.values()].reduce((a, b) => a + b, 0),
      };
    },
  };
}

/**
 * The Dockerfile built when a job brings none: `ARG BASE_IMAGE` before `FROM` is how Docker
 * takes the base from a build argument.
 */
export function generatedDockerfile(): string {
  return ['ARG BASE_IMAGE', 'FROM ${BASE_IMAGE}', `COPY ${CONTEXT_FILES_DIR}/ /`, ''].join('\n');
}

/** The job's Dockerfile with the job's files copied in last, so they land whatever it did before. */
export function augmentedDockerfile(own: string): string {
  return `${own.endsWith('\n') ? own : `${own}\n`}# Added by StreamPilot: the job's SQL script and jars.\nCOPY ${CONTEXT_FILES_DIR}/ /\n`;
}

/** The build context as a tar stream: the job's context folder (if any), the Dockerfile, the job's files. */
async function buildContext(request: BuildRequest): Promise<NodeJS.ReadableStream> {
  const pack = tar.pack();
  const entries: { name: string; file?: ImageFile; link?: string; dir?: boolean; mode: number; content?: Buffer }[] =
    [];
  let dockerfile = generatedDockerfile();
  if (request.dockerfile) {
    const { contextDir } = request.dockerfile;
    const dockerfilePath = await realpath(path.resolve(contextDir, request.dockerfile.path));
    // check refuses a Dockerfile linked from outside the job; a build never reads one either.
    const relative = path.relative(await realpath(contextDir), dockerfilePath);
    if (relative.startsWith('..') || path.isAbsolute(relative))
      throw new Error(`build.dockerfile \`${request.dockerfile.path}\` is outside the job folder`);
    dockerfile = augmentedDockerfile(await readFile(dockerfilePath, 'utf8'));
    await walk(contextDir, '', async (rel, stats, abs) => {
      if (rel === '.streampilot' || rel.startsWith('.streampilot/')) return;
      if (stats.isDirectory()) entries.push({ name: rel, dir: true, mode: stats.mode & 0o7777 });
      else if (stats.isSymbolicLink()) entries.push({ name: rel, link: await readlink(abs), mode: 0o777 });
      else if (stats.isFile()) entries.push({ name: rel, content: await readFile(abs), mode: stats.mode & 0o7777 });
    });
  }
  entries.push(
    { name: '.streampilot', dir: true, mode: 0o755 },
    { name: CONTEXT_DOCKERFILE, content: Buffer.from(dockerfile), mode: 0o644 },
  );
  const dirs = new Set<string>();
  for (const file of request.files) {
    const rel = `${CONTEXT_FILES_DIR}/${file.path.replace(/^\/+/, '')}`;
    for (let dir = path.posix.dirname(rel); dir !== '.' && dir !== '.streampilot'; dir = path.posix.dirname(dir))
      dirs.add(dir);
    entries.push({ name: rel, content: file.content, mode: (file.mode ?? 0o644) & 0o7777 });
  }
  entries.push(...[...dirs].map((name) => ({ name, dir: true, mode: 0o755 })));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const common = { uid: 0, gid: 0, mtime: CONTEXT_MTIME };
  for (const e of entries) {
    if (e.dir) pack.entry({ ...common, name: `${e.name}/`, type: 'directory', mode: e.mode });
    else if (e.link !== undefined)
      pack.entry({ ...common, name: e.name, type: 'symlink', linkname: e.link, mode: e.mode });
    else pack.entry({ ...common, name: e.name, type: 'file', mode: e.mode, size: e.content!.length }, e.content!);
  }
  pack.finalize();
  return pack as unknown as NodeJS.ReadableStream;
}

/** Every entry under `root`, parents before children; `.git` is never part of a context. */
async function walk(
  root: string,
  rel: string,
  visit: (rel: string, stats: import('node:fs').Stats, abs: string) => Promise<void>,
): Promise<void> {
  const names = (await readdir(path.join(root, rel))).sort();
  for (const name of names) {
    if (name === '.git' && rel === '') continue;
    const childRel = rel ? `${rel}/${name}` : name;
    const abs = path.join(root, childRel);
    const stats = await lstat(abs);
    await visit(childRel, stats, abs);
    if (stats.isDirectory()) await walk(root, childRel, visit);
  }
}

/** Reads a newline-delimited JSON stream from the engine, message by message. */
export async function readEngineStream(
  stream: NodeJS.ReadableStream,
  onMessage: (message: EngineMessage) => void,
): Promise<void> {
  let buffered = '';
  const handle = (line: string) => {
    if (!line.trim()) return;
    try {
      onMessage(JSON.parse(line) as EngineMessage);
    } catch {
      onMessage({ stream: line });
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    lines.forEach(handle);
  }
  handle(buffered);
}

/** Registry host of an image reference, as Docker decides it (docker.io when the first part is no host). */
export function registryHost(reference: string): string {
  const first = reference.split('/')[0] ?? '';
  return reference.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
    ? first
    : 'docker.io';
}

function splitReference(reference: string): { repository: string; tag: string } {
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  if (reference.includes('@') || colon <= slash) {
    throw new BuildError('?', 'docker push', `target \`${reference}\` must be <repository>:<tag>`);
  }
  return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
}

function platformString(p: NonNullable<BuildRequest['platform']>): string {
  return [p.os, p.architecture, ...(p.variant ? [p.variant] : [])].join('/');
}

function engineMessageOf(error: unknown): string {
  if (error && typeof error === 'object' && 'json' in error) {
    const json = (error as { json?: { message?: string } }).json;
    if (json?.message) return json.message;
  }
  return messageOf(error);
}

function buildHint(message: string, request: BuildRequest): string {
  if (/pull access denied|unauthorized|authentication required|no basic auth credentials/i.test(message)) {
    return `the engine could not pull the base image ${request.baseImage}: give credentials for ${registryHost(request.baseImage)}`;
  }
  if (/not found|manifest unknown/i.test(message) && /FROM/i.test(message + request.baseImage)) {
    return `check that the base image ${request.baseImage} exists`;
  }
  return request.dockerfile
    ? `the failing step is in ${request.dockerfile.path}; the build log above shows its output`
    : 'the build log above shows the output of the failing step';
}

function pushHint(message: string, target: string, hadCredentials: boolean): string {
  if (/unauthorized|authentication required|denied|no basic auth credentials/i.test(message)) {
    return hadCredentials
      ? `the registry ${registryHost(target)} refused the credentials: check the user and password (or token) and that it may push to this repository`
      : `the registry ${registryHost(target)} needs credentials: give them for ${registryHost(target)}`;
  }
  return `check that the registry ${registryHost(target)} is reachable from the Docker engine`;
}
