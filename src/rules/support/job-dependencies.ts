/** What a job brings on its classpath, as the connector rules need to know it. */
import { CONNECTORS, FORMATS } from '../../connectors/catalog.js';
import {
  artifactIdOf,
  dependencyMentions,
  providerSatisfied,
  type JobDependencies,
} from '../../connectors/dependencies.js';
import type { MavenProvider } from '../../connectors/types.js';
import type { RuleContext } from '../types.js';

export function jobDependencies(ctx: RuleContext): JobDependencies {
  return { maven: ctx.job?.dependencies.maven ?? [], jars: ctx.job?.dependencies.jars ?? [] };
}

export function providedIds(ctx: RuleContext): Set<string> {
  return new Set(ctx.project?.provided?.connectors ?? []);
}

const KNOWN_PROVIDERS: MavenProvider[] = [...CONNECTORS, ...FORMATS].flatMap((x) => (x.provider ? [x.provider] : []));

/**
 * Could something in the job hold a connector/format factory called `id` that the catalog
 * does not know? Yes when the project says the image provides it, when a dependency names it,
 * or when the job carries a jar we cannot attribute to any known connector (a UDF or custom
 * connector jar may register any identifier).
 */
export function couldProvideCustom(ctx: RuleContext, id: string): boolean {
  const deps = jobDependencies(ctx);
  if (providedIds(ctx).has(id) || dependencyMentions(id, deps)) return true;
  const unattributed = (coordinateOrJar: JobDependencies) =>
    !KNOWN_PROVIDERS.some((p) => providerSatisfied(p, coordinateOrJar));
  return (
    deps.maven.some((m) => artifactIdOf(m) !== undefined && unattributed({ maven: [m], jars: [] })) ||
    deps.jars.some((j) => unattributed({ maven: [], jars: [j] }))
  );
}
