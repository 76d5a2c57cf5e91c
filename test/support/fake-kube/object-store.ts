/**
 * The fake's etcd: objects by (resource, namespace, name), one resourceVersion counter for
 * everything (as etcd's revision), and the history of changes that watches replay from a
 * resourceVersion. `compact()` drops the history, after which older resourceVersions are
 * "too old" (410 Gone), as after an etcd compaction.
 */
import type { ResourceType } from './resources.js';

type Obj = Record<string, unknown>;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoredEvent {
  resourceVersion: number;
  type: WatchEventType;
  resource: ResourceType;
  object: Obj;
}

function key(type: ResourceType, namespace: string, name: string): string {
  return `${type.group}/${type.plural}/${namespace}/${name}`;
}

export class ObjectStore {
  /** A real cluster's counter is never small; starting high catches code that assumes otherwise. */
  private revision = 41_000;
  private compactedThrough = 0;
  private readonly objects = new Map<string, Obj>();
  private readonly history: StoredEvent[] = [];
  private readonly listeners = new Set<(event: StoredEvent) => void>();

  get currentRevision(): number {
    return this.revision;
  }

  /** The oldest resourceVersion a watch may start from. */
  get oldestWatchable(): number {
    return this.compactedThrough;
  }

  get(type: ResourceType, namespace: string, name: string): Obj | undefined {
    const found = this.objects.get(key(type, namespace, name));
    return found ? structuredClone(found) : undefined;
  }

  list(type: ResourceType, namespace?: string): Obj[] {
    const prefix =
      namespace === undefined ? `${type.group}/${type.plural}/` : `${type.group}/${type.plural}/${namespace}/`;
    return [...this.objects.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([, o]) => structuredClone(o))
      .sort((a, b) => Number(meta(a).resourceVersion) - Number(meta(b).resourceVersion));
  }

  /** Stores `object` with a new resourceVersion (set on the object) and records the change. */
  put(type: ResourceType, object: Obj, eventType: 'ADDED' | 'MODIFIED'): Obj {
    this.revision += 1;
    meta(object).resourceVersion = String(this.revision);
    const m = meta(object);
    // Cluster-scoped objects (Node) have no namespace: they live under ''.
    this.objects.set(key(type, String(m.namespace ?? ''), String(m.name)), structuredClone(object));
    this.record({ resourceVersion: this.revision, type: eventType, resource: type, object });
    return structuredClone(object);
  }

  remove(type: ResourceType, namespace: string, name: string): Obj | undefined {
    const k = key(type, namespace, name);
    const existing = this.objects.get(k);
    if (!existing) return undefined;
    this.objects.delete(k);
    this.revision += 1;
    const gone = structuredClone(existing);
    meta(gone).resourceVersion = String(this.revision);
    this.record({ resourceVersion: this.revision, type: 'DELETED', resource: type, object: gone });
    return gone;
  }

  /** Changes to `type` after `resourceVersion`, or 'expired' when the history no longer reaches back that far. */
  since(type: ResourceType, resourceVersion: number): StoredEvent[] | 'expired' {
    if (resourceVersion < this.compactedThrough) return 'expired';
    return this.history
      .filter((e) => e.resource === type && e.resourceVersion > resourceVersion)
      .map((e) => ({ ...e, object: structuredClone(e.object) }));
  }

  compact(): void {
    this.history.length = 0;
    this.compactedThrough = this.revision;
  }

  subscribe(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(event: StoredEvent): void {
    this.history.push({ ...event, object: structuredClone(event.object) });
    for (const listener of this.listeners) listener({ ...event, object: structuredClone(event.object) });
  }
}

export function meta(object: Obj): Record<string, unknown> {
  return (object.metadata ??= {}) as Record<string, unknown>;
}
