/**
 * The resource types the fake API server serves, and the discovery documents a client reads to
 * find them (`/api`, `/api/v1`, `/apis`, `/apis/{group}/{version}`). Names, scope, verbs and
 * short names follow a real cluster with the Flink Kubernetes Operator 1.15.0 installed.
 */

export interface ResourceType {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  /** The plural, as it appears in URLs. */
  plural: string;
  singular: string;
  shortNames: string[];
  /** Whether `/status` is a subresource: then writes to the main resource leave status alone. */
  statusSubresource: boolean;
  /** Field selector labels the server accepts for this resource (besides metadata.name/namespace). */
  fieldLabels: string[];
  /** Validated against the operator CRD of the same kind. */
  crd: boolean;
  /** Read-only subresources served for this resource, e.g. `log` for pods. */
  extraSubresources: string[];
  /** false for cluster-scoped kinds (Node): no namespace in their URLs or metadata. */
  namespaced: boolean;
  /** The options kind of a `proxy` subresource (`ServiceProxyOptions`), when the resource has one. */
  proxyKind?: string;
}

const FLINK = {
  group: 'flink.apache.org',
  version: 'v1beta1',
  statusSubresource: true,
  fieldLabels: [],
  crd: true,
  extraSubresources: [],
  namespaced: true,
};

export const RESOURCE_TYPES: ResourceType[] = [
  {
    ...FLINK,
    kind: 'FlinkDeployment',
    plural: 'flinkdeployments',
    singular: 'flinkdeployment',
    shortNames: ['flinkdep'],
  },
  {
    ...FLINK,
    kind: 'FlinkSessionJob',
    plural: 'flinksessionjobs',
    singular: 'flinksessionjob',
    shortNames: ['sessionjob'],
  },
  {
    ...FLINK,
    kind: 'FlinkStateSnapshot',
    plural: 'flinkstatesnapshots',
    singular: 'flinkstatesnapshot',
    shortNames: ['flinksnp'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    plural: 'configmaps',
    singular: 'configmap',
    shortNames: ['cm'],
    statusSubresource: false,
    fieldLabels: [],
    crd: false,
    extraSubresources: [],
    namespaced: true,
  },
  {
    // Served at GET /api/v1/namespaces/{namespace}/secrets/{name} (Kubernetes API reference,
    // "Secret v1 core": read the specified Secret); `type` is the one extra field selector label.
    group: '',
    version: 'v1',
    kind: 'Secret',
    plural: 'secrets',
    singular: 'secret',
    shortNames: [],
    statusSubresource: false,
    fieldLabels: ['type'],
    crd: false,
    extraSubresources: [],
    namespaced: true,
  },
  {
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    singular: 'pod',
    shortNames: ['po'],
    statusSubresource: true,
    fieldLabels: [
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'status.phase',
      'status.podIP',
    ],
    crd: false,
    extraSubresources: ['log'],
    namespaced: true,
  },
  {
    group: '',
    version: 'v1',
    kind: 'Service',
    plural: 'services',
    singular: 'service',
    shortNames: ['svc'],
    statusSubresource: true,
    fieldLabels: [],
    crd: false,
    extraSubresources: [],
    namespaced: true,
    proxyKind: 'ServiceProxyOptions',
  },
  {
    group: '',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    singular: 'event',
    shortNames: ['ev'],
    statusSubresource: false,
    fieldLabels: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
    ],
    crd: false,
    extraSubresources: [],
    namespaced: true,
  },
  {
    group: 'coordination.k8s.io',
    version: 'v1',
    kind: 'Lease',
    plural: 'leases',
    singular: 'lease',
    shortNames: [],
    statusSubresource: false,
    fieldLabels: [],
    crd: false,
    extraSubresources: [],
    namespaced: true,
  },
  {
    group: '',
    version: 'v1',
    kind: 'Node',
    plural: 'nodes',
    singular: 'node',
    shortNames: ['no'],
    statusSubresource: true,
    fieldLabels: ['spec.unschedulable'],
    crd: false,
    extraSubresources: [],
    namespaced: false,
  },
];

export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

export function findResource(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.plural === plural);
}

export function findKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => apiVersionOf(t) === apiVersion && t.kind === kind);
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** `GET /api` */
export function coreVersions(): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }],
  };
}

/** `GET /apis` */
export function apiGroupList(): object {
  const groups = [...new Set(RESOURCE_TYPES.filter((t) => t.group).map((t) => t.group))];
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map((name) => {
      const version = RESOURCE_TYPES.find((t) => t.group === name)!.version;
      const gv = { groupVersion: `${name}/${version}`, version };
      return { name, versions: [gv], preferredVersion: gv };
    }),
  };
}

/** `GET /api/v1` or `GET /apis/{group}/{version}`; undefined when the group/version is not served. */
export function apiResourceList(group: string, version: string): object | undefined {
  const types = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  const resources: object[] = [];
  for (const t of types) {
    resources.push({
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: VERBS,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.crd ? { categories: ['all'] } : {}),
    });
    if (t.statusSubresource) {
      resources.push({
        name: `${t.plural}/status`,
        singularName: '',
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: ['get', 'patch', 'update'],
      });
    }
    for (const sub of t.extraSubresources) {
      resources.push({
        name: `${t.plural}/${sub}`,
        singularName: '',
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: ['get'],
      });
    }
    if (t.proxyKind) {
      resources.push({
        name: `${t.plural}/proxy`,
        singularName: '',
        namespaced: t.namespaced,
        kind: t.proxyKind,
        verbs: ['create', 'delete', 'get', 'patch', 'update'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}
