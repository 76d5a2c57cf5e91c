import { buildLayer } from '../../src/image/layer.js';
import { MEDIA_TYPES, RegistryClient, sha256 } from '../../src/registry/registry-client.js';
import type { TestRegistry } from './registry-env.js';

/**
 * A small base image pushed straight to the test registry with StreamPilot's own registry client:
 * no Docker engine needed, so tests whose jobs use the registry-native builder (no Dockerfile) run
 * wherever `docker-registry` does. The fake cluster never pulls it; only its manifest and config
 * matter (the builder appends a layer to them). Same content every run: pushing it again changes nothing.
 */
export async function pushRegistryBase(
  registry: TestRegistry,
  repository = 'base/flink-registry-only',
  tag = '1',
): Promise<{ reference: string; digest: string }> {
  const client = new RegistryClient({
    registry: registry.host,
    insecure: true,
    credentials: { username: registry.username, password: registry.password },
  });
  const layer = await buildLayer([
    { path: '/opt/flink/conf/config.yaml', content: Buffer.from('taskmanager.numberOfTaskSlots: 1\n') },
  ]);
  await client.uploadBlob(repository, layer.digest, layer.gzipped);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2024-05-01T00:00:00Z',
      config: { Env: ['PATH=/opt/flink/bin:/usr/bin:/bin', 'FLINK_HOME=/opt/flink'], WorkingDir: '/opt/flink' },
      rootfs: { type: 'layers', diff_ids: [layer.diffId] },
      history: [{ created: '2024-05-01T00:00:00Z', created_by: 'streampilot test base (registry only)' }],
    }),
  );
  await client.uploadBlob(repository, sha256(config), config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.dockerManifest,
      config: { mediaType: MEDIA_TYPES.dockerConfig, digest: sha256(config), size: config.length },
      layers: [{ mediaType: MEDIA_TYPES.dockerLayerGzip, digest: layer.digest, size: layer.size }],
    }),
  );
  const digest = await client.putManifest(repository, tag, manifest, MEDIA_TYPES.dockerManifest);
  return { reference: `${registry.host}/${repository}:${tag}`, digest };
}
