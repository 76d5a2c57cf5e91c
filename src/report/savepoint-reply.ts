/**
 * What `/savepoint` answers in its reply (Markdown) and `streampilot savepoint` prints (text):
 * per job, where the savepoint is, or why there is none and what to do.
 */
import { SAVEPOINT_DIR_KEYS, type JobSavepoint } from '../deploy/trigger-savepoint.js';

export type ReplyStyle = 'markdown' | 'text';

export function formatSavepointReply(environment: string, results: readonly JobSavepoint[], style: ReplyStyle): string {
  const c = style === 'markdown' ? (s: string) => `\`${s.replace(/`/g, "'")}\`` : (s: string) => s;
  const taken = results.filter((r) => r.outcome.kind === 'completed').length;
  const head =
    style === 'markdown'
      ? `### Savepoints in ${c(environment)}: ${taken} of ${results.length} taken`
      : `Savepoints in ${environment}: ${taken} of ${results.length} taken`;
  const lines = [head, ''];
  for (const result of results) lines.push(`${style === 'markdown' ? '- ' : ''}${jobLine(result, c)}`);
  return lines.join('\n');
}

/** The app runs without clusters: what to do instead. */
export function formatSavepointNoCluster(environment: string, jobs: readonly string[]): string {
  return `🔌 This app has no access to the cluster of \`${environment}\` (it runs without STREAMPILOT_KUBECONFIG or a service account), so it cannot take savepoints there. Nothing was changed. From a terminal that can reach the cluster: \`streampilot savepoint --env ${environment} ${jobs.join(' ')}\`.`;
}

/** The app's STREAMPILOT_CLUSTER_ACCESS does not let this repository act there. */
export function formatSavepointNotAllowed(reason: string, hint: string): string {
  return `🙅 The app may not act on ${reason.replace(/^not deployed: /, '')}. Nothing was changed; ${hint}.`;
}

function jobLine(result: JobSavepoint, c: (s: string) => string): string {
  const { job, namespace } = result;
  const o = result.outcome;
  const snapshotKubectl = (name: string) => c(`kubectl -n ${namespace} describe flinkstatesnapshot ${name}`);
  const jobKubectl = c(`kubectl -n ${namespace} describe ${result.kind.toLowerCase()} ${job}`);
  switch (o.kind) {
    case 'completed':
      return `✅ ${c(job)}: savepoint at ${c(o.path)}${o.snapshot ? ` (FlinkStateSnapshot ${c(o.snapshot)})` : ' (recorded in the status of its resource; the operator predates FlinkStateSnapshot)'}.`;
    case 'failed':
      return `❌ ${c(job)}: the savepoint failed: ${oneLine(o.error)}. Details: ${o.snapshot ? snapshotKubectl(o.snapshot) : jobKubectl} and the operator's log.`;
    case 'abandoned':
      return `❌ ${c(job)}: the operator abandoned the savepoint: ${oneLine(o.error)}. The job stopped running before the savepoint was taken; ${jobKubectl} shows why.`;
    case 'timeout':
      return `🕒 ${c(job)}: no answer from the operator within ${duration(o.waitedMs)} (still ${o.state}). It may still complete: ${o.snapshot ? c(`kubectl -n ${namespace} get flinkstatesnapshot ${o.snapshot}`) : jobKubectl}.`;
    case 'not-deployed':
      return `🙅 ${c(job)} is not deployed in namespace ${c(namespace)}: there is nothing to savepoint. Nothing was changed.`;
    case 'other-repository':
      return `🙅 ${c(job)} in namespace ${c(namespace)} was deployed from another repository (${c(o.owner)}): not touched.`;
    case 'not-running': {
      const state = [
        o.jobState ? `job ${o.jobState}` : 'no job state',
        o.lifecycleState && `lifecycle ${o.lifecycleState}`,
      ]
        .filter(Boolean)
        .join(', ');
      const suspended = o.lifecycleState === 'SUSPENDED' ? ' It is suspended: resume it first.' : '';
      return `🙅 ${c(job)} is not running (${state}): a savepoint needs a running job, and the operator abandons one asked of a job that is not.${suspended} Nothing was changed.`;
    }
    case 'no-savepoint-dir':
      return `🙅 ${c(job)} has no savepoint directory: set ${c(`flinkConfiguration.${SAVEPOINT_DIR_KEYS[1]}`)} (e.g. ${c('s3://my-bucket/flink/savepoints')}) in its job.yaml or in streampilot.yaml, and deploy; the operator needs it to take a savepoint. Nothing was changed.`;
    case 'error':
      return `💥 ${c(job)}: could not take the savepoint: ${oneLine(o.message)}.`;
  }
}

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\.$/, '').slice(0, 500);
}
