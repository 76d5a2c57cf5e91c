/**
 * Container logs behind `GET .../pods/{name}/log`, with the kubelet's rules: `container` may be
 * omitted only for a single-container pod, `previous=true` reads the last terminated instance,
 * `tailLines` keeps the last lines.
 */
import { badRequest } from './api-status.js';

type Obj = Record<string, unknown>;

export interface LogQuery {
  container?: string | undefined;
  previous?: boolean | undefined;
  tailLines?: number | undefined;
}

export class PodLogs {
  private readonly lines = new Map<string, string[]>();

  /** Sets the log of a container (its current instance, or with `previous` the last terminated one). */
  set(namespace: string, pod: string, container: string, lines: string[], previous = false): void {
    this.lines.set(`${namespace}/${pod}/${container}/${previous}`, [...lines]);
  }

  read(pod: Obj, query: LogQuery): string {
    const metadata = pod.metadata as { name: string; namespace: string };
    const containers = (((pod.spec as Obj | undefined)?.containers ?? []) as { name: string }[]).map((c) => c.name);
    let container = query.container;
    if (!container) {
      if (containers.length !== 1) {
        throw badRequest(
          `a container name must be specified for pod ${metadata.name}, choose one of: [${containers.join(' ')}]`,
        );
      }
      container = containers[0]!;
    }
    if (!containers.includes(container))
      throw badRequest(`container ${container} is not valid for pod ${metadata.name}`);
    const lines = this.lines.get(`${metadata.namespace}/${metadata.name}/${container}/${query.previous === true}`);
    if (!lines) {
      if (query.previous)
        throw badRequest(`previous terminated container "${container}" in pod "${metadata.name}" not found`);
      return '';
    }
    const kept =
      query.tailLines !== undefined && query.tailLines >= 0
        ? lines.slice(Math.max(0, lines.length - query.tailLines))
        : lines;
    return kept.map((l) => `${l}\n`).join('');
  }
}
