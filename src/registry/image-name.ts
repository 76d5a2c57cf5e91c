/**
 * Image references as people write them (`flink:1.20`, `ghcr.io/acme/jobs:orders-…`,
 * `127.0.0.1:5000/base@sha256:…`), normalised the way the Docker CLI does, so that
 * `flink:1.20` means Docker Hub's `library/flink` and reaches the host that actually serves it.
 */
export interface ImageName {
  /** Registry as written or implied: `docker.io`, `ghcr.io`, `127.0.0.1:5000`. Credentials are keyed by it. */
  registry: string;
  /** Host (and port) the distribution API lives on: Docker Hub's is registry-1.docker.io. */
  apiHost: string;
  /** Repository path inside the registry, e.g. `library/flink`. */
  repository: string;
  tag?: string;
  digest?: string;
  /** What to ask the registry for: the digest when there is one, else the tag (default `latest`). */
  reference: string;
}

export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_API = 'registry-1.docker.io';

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
// A DNS name or [IPv6] address, with an optional port: anything else is not a registry a pull can reach.
const REGISTRY_HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

export class ImageNameError extends DomainError {
  constructor(
    readonly input: string,
    /** What is wrong, without the input: for messages that position the value instead of quoting it. */
    readonly reason: string,
  ) {
    super(
      `image reference "${input}" is not valid: ${reason}. Write it as [registry/]repository[:tag][@sha256:digest], e.g. ghcr.io/acme/flink-jobs:1.0 or flink:1.20-java17.`,
    );
  }
}

export function parseImageName(input: string): ImageName {
  const text = input.trim();
  if (text === '') throw new ImageNameError(input, 'it is empty');
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new ImageNameError(input, `digest "${digest}" is not sha256:<64 lower-case hex>`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag))
      throw new ImageNameError(
        input,
        `tag "${tag}" may hold only letters, digits, '_', '.', '-' (at most 128, not starting with '.' or '-')`,
      );
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    if (!REGISTRY_HOST.test(first))
      throw new ImageNameError(input, `registry "${first}" is not a host name or address with an optional port`);
    registry = first;
    parts.shift();
  }
  if (registry === 'index.docker.io' || registry === DOCKER_HUB_API) registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  for (const part of parts) {
    if (!COMPONENT.test(part)) {
      throw new ImageNameError(
        input,
        part !== part.toLowerCase()
          ? `repository part "${part}" has upper-case letters; repositories are lower case`
          : `repository part "${part}" is not a valid path component`,
      );
    }
  }
  const repository = parts.join('/');
  const name: ImageName = {
    registry,
    apiHost: registry === DOCKER_HUB ? DOCKER_HUB_API : registry,
    repository,
    reference: digest ?? tag ?? 'latest',
  };
  if (tag !== undefined) name.tag = tag;
  if (digest !== undefined) name.digest = digest;
  if (tag === undefined && digest === undefined) name.tag = 'latest';
  return name;
}

/** Canonical text form: `registry/repository[:tag][@digest]`. */
export function formatImageName(name: Pick<ImageName, 'registry' | 'repository' | 'tag' | 'digest'>): string {
  return `${name.registry}/${name.repository}${name.tag ? `:${name.tag}` : ''}${name.digest ? `@${name.digest}` : ''}`;
}
import { DomainError } from '../errors.js';
