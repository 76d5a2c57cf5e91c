/**
 * Jobs whose live state a command set against what Git says (a `/suspend` of a job Git runs, a
 * `/resume` of one Git suspends), read from the clusters the base branch deploys to. The plan
 * comment says what a merge would do about each: a command's effect is never undone silently.
 */
import type { AccessDecision, DeployTarget } from '../deploy/cluster-access.js';
import type { JobStatus } from '../deploy/types.js';
import type { KubeClient } from '../kube/client.js';
import type { Plan } from '../plan/types.js';
import { environmentStatus } from './environment-status.js';

export interface HeldJob {
  environment: string;
  job: string;
  hold: NonNullable<JobStatus['heldByCommand']>;
}

export interface CommandHoldsPorts {
  kube: (context: string | undefined, environment: string) => KubeClient;
  clusterAccess: (target: DeployTarget) => AccessDecision;
}

/**
 * Reads the base plan's environments only: the base branch is what was merged, so its
 * `kubeContext` and namespaces are trusted; a pull request cannot point the app's credentials at
 * a cluster by editing streampilot.yaml. An environment the app may not read is left out.
 */
export async function commandHolds(base: Plan, repository: string, ports: CommandHoldsPorts): Promise<HeldJob[]> {
  const perEnvironment = await Promise.all(
    base.environments.map(async (environment) => {
      const enabled = environment.jobs.filter((j) => j.enabled);
      const decision = ports.clusterAccess({
        repository,
        environment: environment.name,
        context: environment.kubeContext,
        namespaces: [...new Set([environment.namespace, ...enabled.map((j) => j.job.namespace)])],
      });
      if (!decision.allowed) return [];
      const status = await environmentStatus(environment, ports.kube(environment.kubeContext, environment.name), {
        repository,
      });
      return status.jobs.flatMap((j) =>
        j.heldByCommand ? [{ environment: environment.name, job: j.job, hold: j.heldByCommand }] : [],
      );
    }),
  );
  return perEnvironment.flat();
}
