// The plan comment of a pull request that moves the example repository onto StreamPilot's runner
// and gives a job a Kafka password from a Secret: production is shown getting staging's image,
// the object diff shows the reference, and the value (in this process's environment, as the
// job's pods would have it) is nowhere in the comment or the plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparePlans } from '../../src/plan/compare-plans.js';
import { reviewerWarnings } from '../../src/plan/reviewer-warnings.js';
import { formatPlanComment } from '../../src/report/plan-comment.js';
import { RUNNER_JAR_URI } from '../../src/runner/runner-paths.js';
import { editor, twoVersions, type TwoVersions } from '../plan/two-versions.js';

const SECRET_VALUE = 'org.apache.kafka.common.security.plain.PlainLoginModule required password="Zq8vW1xK";';

describe('the plan comment of a job that reads a Secret', () => {
  let v: TwoVersions;
  let body: string;
  beforeAll(async () => {
    process.env.STREAMPILOT_SECRET_KAFKA_JAAS = SECRET_VALUE;
    v = await twoVersions((root) => {
      const edit = editor(root);
      edit('streampilot.yaml', (t) => t.replace('local:///opt/flink/usrlib/sql-runner.jar', RUNNER_JAR_URI));
      edit(
        'jobs/orders-enrichment/job.yaml',
        (t) => `${t}secrets:\n  kafka_jaas: { secret: kafka-creds, key: jaas }\n`,
      );
      edit('jobs/orders-enrichment/tables.sql', (t) =>
        t.replace("'format' = 'json'\n", "'format' = 'json',\n  'properties.sasl.jaas.config' = '${kafka_jaas}'\n"),
      );
    });
    const comparison = comparePlans(v);
    body = formatPlanComment({
      comparison,
      warnings: reviewerWarnings(comparison),
      diagnostics: v.head.diagnostics,
      headSha: 'abcdef0123456789abcdef0123456789abcdef01',
      checkRunUrl: 'https://github.com/acme/jobs/runs/7',
    });
  }, 60_000);
  afterAll(() => delete process.env.STREAMPILOT_SECRET_KAFKA_JAAS);

  it('checks clean and tells the reviewer production gets the image staging runs', () => {
    expect(v.head.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(body).toMatch(/\| `orders-enrichment` \| changed[^|]*\| same image as staging \|/);
  });

  it('shows the Secret reference in the object diff, and the value nowhere', () => {
    expect(body).toContain('secretKeyRef');
    expect(body).toContain('kafka-creds');
    const plan = JSON.stringify(v.head.plan);
    for (const text of [body, plan]) {
      expect(text).not.toContain('Zq8vW1xK');
      expect(text).not.toContain(Buffer.from(SECRET_VALUE).toString('base64').slice(0, 24));
    }
  });
});
