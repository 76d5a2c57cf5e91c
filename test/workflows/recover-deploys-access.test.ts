// Attack: anyone who can push can create a GitHub Deployment through the API with the payload
// StreamPilot writes for itself, naming another context and kube-system, and leave it in_progress;
// the app resumes in-progress Deployments when it restarts. The resume asks the access map too.
import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkClusterAccess, parseClusterAccess } from '../../src/deploy/cluster-access.js';
import { createJobDeployment, setDeploymentStatus } from '../../src/github/deployments.js';
import { recoverDeploys } from '../../src/workflows/recover-deploys.js';
import { newAppCredentials } from '../support/app-process.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/fake-github.js';

const credentials = newAppCredentials(779);
const repo = { owner: 'acme', repo: 'flink-jobs' };
let fake: FakeGitHub;
let octokit: InstanceType<typeof ProbotOctokit>;

beforeAll(async () => {
  fake = await startFakeGitHub({ appId: credentials.appId, publicKey: credentials.publicKey });
  fake.addRepository({ owner: repo.owner, name: repo.repo, installationId: 42, cloneUrl: 'file:///nowhere' });
  octokit = new ProbotOctokit({
    auth: { appId: credentials.appId, privateKey: credentials.privateKey, installationId: 42 },
    baseUrl: fake.apiUrl,
    throttle: { enabled: false },
    retry: { enabled: false },
  });
});
afterAll(() => fake?.close());

describe('resuming deploys after a restart', () => {
  it('a forged in-progress Deployment naming context admin and kube-system is reported, and the cluster is never reached', async () => {
    const id = await createJobDeployment(octokit, repo, {
      environment: 'staging',
      job: 'orders',
      kind: 'FlinkDeployment',
      namespace: 'kube-system',
      name: 'orders',
      kubeContext: 'admin',
      sha: 'a'.repeat(40),
    });
    await setDeploymentStatus(octokit, repo, id, { state: 'in_progress', description: 'Applying' });
    const contexts: (string | undefined)[] = [];
    const access = parseClusterAccess({ 'acme/flink-jobs': [{ context: 'staging', namespaces: ['flink-staging'] }] });
    const reports = await recoverDeploys(octokit, repo, {
      kube: (context) => {
        contexts.push(context);
        throw new Error('the cluster must not be reached');
      },
      clusterAccess: (target) => checkClusterAccess(access, target),
      identity: 'test',
      timeoutMs: 1000,
      redact: (t) => t,
      log: { info: () => undefined, warn: () => undefined },
    });
    expect(contexts).toEqual([]);
    const job = reports[0]!.jobs[0]!;
    expect(job.state).toBe('interrupted');
    expect(job.failure?.summary).toContain(
      'did not resume it: not deployed: environment `staging` of acme/flink-jobs (context `admin`, namespace `kube-system`)',
    );
    expect(fake.deploymentsFor('acme/flink-jobs')[0]!.statuses.at(-1)!.state).not.toBe('in_progress');
  });
});
