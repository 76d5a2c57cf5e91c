import { describe, expect, it } from 'vitest';
import { comparePlans, type JobComparison, type PlanComparison } from '../../src/plan/compare-plans.js';
import { reviewerWarnings, type ReviewerWarning } from '../../src/plan/reviewer-warnings.js';
import type { PlannedJob } from '../../src/plan/types.js';
import { GITHUB_COMMENT_LIMIT, PLAN_COMMENT_MARKER, formatPlanComment } from '../../src/report/plan-comment.js';
import { objectDiff, unifiedDiff } from '../../src/report/object-diff.js';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { editor, example, twoVersions } from '../plan/two-versions.js';

/** Rebuilds `b` from `a` and a unified diff with full context: the diff says exactly what changed. */
function apply(a: string[], lines: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (const line of lines) {
    const hunk = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(line);
    if (hunk) {
      const start = Number(hunk[2]) === 0 ? Number(hunk[1]) : Number(hunk[1]) - 1;
      while (i < start) out.push(a[i++]!);
      continue;
    }
    if (line.startsWith('+')) out.push(line.slice(1));
    else if (line.startsWith('-')) i++;
    else {
      expect(a[i]).toBe(line.slice(1));
      out.push(a[i++]!);
    }
  }
  while (i < a.length) out.push(a[i++]!);
  return out;
}

describe('unifiedDiff', () => {
  it('turns the old lines into the new ones, for edits at the start, middle and end', () => {
    const a = 'a b c d e f g h i j k l m n o p'.split(' ');
    const cases = [
      'x b c d e f g h i j k l m n o p',
      'a b c d e f g h i j k l m n o p q',
      'a b c D e f g h i j k l m n o p',
      'b c d e f g h i j k l M n o',
      '',
      'q r s',
    ];
    for (const c of cases) {
      const b = c === '' ? [] : c.split(' ');
      expect(apply(a, unifiedDiff(a, b).lines)).toEqual(b);
    }
    expect(unifiedDiff(a, a).lines).toEqual([]);
  });

  it('writes hunks with three lines of context', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
    const b = [...a];
    b[7] = 'eight';
    expect(unifiedDiff(a, b).lines).toEqual(['@@ -5,6 +5,6 @@', ' 5', ' 6', ' 7', '-8', '+eight', ' 9', ' 10']);
  });
});

describe('objectDiff', () => {
  it('shows flinkConfiguration values whose key looks like a credential as ***, on both sides', () => {
    const base = { spec: { flinkConfiguration: { 's3.secret-key': 'AKIAOLDSECRET', 'parallelism.default': '2' } } };
    const head = {
      spec: {
        flinkConfiguration: {
          's3.secret-key': 'AKIANEWSECRET',
          'sasl.jaas.config': 'password="hunter2"',
          'parallelism.default': '4',
        },
      },
    };
    const text = objectDiff(base, head).lines.join('\n');
    expect(text).not.toMatch(/AKIA|hunter2/);
    expect(text).toContain('+    sasl.jaas.config: "***"');
    expect(text).toContain('-    parallelism.default: "2"');
  });
});

describe('formatPlanComment', () => {
  it('renders the marker, a table per environment, the warnings, a folded diff per job and the validation summary', async () => {
    const v = await twoVersions((root) => {
      const edit = editor(root);
      edit('jobs/orders-revenue-per-minute/main.sql', (t) =>
        t.replace("WHERE currency = 'EUR'", "WHERE currency = 'CHF'"),
      );
      edit('jobs/orders-enrichment/job.yaml', (t) =>
        t
          .replace('parallelism: 4', 'parallelism: 5')
          .replace(
            'upgradeMode: savepoint',
            'upgradeMode: savepoint\nflinkConfiguration:\n  s3.access-key: AKIAIOSFODNN7EXAMPLE',
          ),
      );
    });
    const comparison = comparePlans(v);
    const body = formatPlanComment({
      comparison,
      warnings: reviewerWarnings(comparison),
      diagnostics: v.head.diagnostics,
      headSha: 'abcdef0123456789abcdef0123456789abcdef01',
      checkRunUrl: 'https://github.com/acme/jobs/runs/7',
    });
    expect(body.startsWith(`${PLAN_COMMENT_MARKER}\n`)).toBe(true);
    expect(body).toContain('## StreamPilot plan for `abcdef012345`');
    expect(body).toContain('### staging — deploys on merge (namespace `flink-staging`)');
    expect(body).toContain('### production — deploys on `/deploy production` (namespace `flink-prod`)');
    expect(body).toContain('| `orders-enrichment` | changed (manifest) | reused | 4 → 5 | savepoint |');
    expect(body).toContain('| `orders-revenue-per-minute` | changed (SQL) | rebuilt | 2 | savepoint |');
    expect(body).toContain('2 jobs unchanged.');
    expect(body).toMatch(
      /- \*\*staging, production \/ `orders-revenue-per-minute`\*\*: the query shape changed under upgradeMode savepoint/,
    );
    expect(body).toContain(
      '<details><summary>staging / orders-enrichment: changed, FlinkDeployment flink-staging/orders-enrichment',
    );
    expect(body).toMatch(/```diff\n@@ [^\n]+\n[\s\S]*\+ {4}parallelism: 5\n/);
    expect(body).toContain('+    s3.access-key: "***"');
    expect(body).not.toContain('AKIAIOSFODNN7EXAMPLE');
    // A committed access key is itself an error (manifest/plaintext-secret); the diff still masks it.
    expect(body).toContain(
      '❌ 1 error, 0 warnings: jobs with errors are not deployed. Annotations on the lines are on the [check run](https://github.com/acme/jobs/runs/7).',
    );
    // Order: tables, then warnings, then diffs, then the summary.
    const at = (s: string) => body.indexOf(s);
    expect(at('### staging')).toBeLessThan(at('### ⚠️ Before merging'));
    expect(at('### ⚠️ Before merging')).toBeLessThan(at('### Kubernetes objects'));
    expect(at('### Kubernetes objects')).toBeLessThan(at('### Validation'));
    // And the whole comment, against its golden file (regenerate deliberately with `vitest run -u`).
    await expect(`${body}\n`).toMatchFileSnapshot('./golden/plan-comment.md');
  });

  it('counts errors in the summary', () => {
    const comparison: PlanComparison = { merge: [], command: [], projectChanged: false };
    const body = formatPlanComment({
      comparison,
      warnings: [],
      diagnostics: [{ severity: 'error' }, { severity: 'error' }, { severity: 'warning' }],
    });
    expect(body).toContain('❌ 2 errors, 1 warning: jobs with errors are not deployed.');
  });

  describe("a 500-job plan stays under GitHub's comment limit", () => {
    const seed = checkRepository(example)
      .plan.environments.find((e) => e.name === 'staging')!
      .jobs.find((j) => j.name === 'orders-revenue-per-minute')!;
    const big = (i: number, flavour: string): PlannedJob => {
      const object = structuredClone(seed.object) as PlannedJob['object'] & {
        spec: { flinkConfiguration: Record<string, string> };
      };
      object.metadata.name = `job-${i}`;
      // Forty configuration entries per job, all different between base and head: long diffs.
      for (let k = 0; k < 40; k++) object.spec.flinkConfiguration[`custom.option-${k}`] = `${flavour}-${i}-${k}`;
      return { ...seed, name: `job-${i}`, dir: `jobs/job-${i}`, image: `${seed.image}-${flavour}`, object };
    };
    const jobs: JobComparison[] = Array.from({ length: 500 }, (_, i) => ({
      name: `job-${i}`,
      status: 'changed',
      image: 'rebuilt',
      base: big(i, 'old'),
      head: big(i, 'new'),
      inputs: ['sql'],
      sqlChanged: true,
      queryShapeChanged: true,
    }));
    const comparison: PlanComparison = {
      merge: [{ name: 'staging', namespace: 'flink-staging', deployOn: 'merge', jobs, unchanged: 0 }],
      command: [],
      projectChanged: false,
    };
    const warnings: ReviewerWarning[] = reviewerWarnings(comparison);

    it('keeps the whole table and cuts diffs with a note saying how many were left out', () => {
      const body = formatPlanComment({ comparison, warnings, diagnostics: [] });
      expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(body.startsWith(PLAN_COMMENT_MARKER)).toBe(true);
      expect(body).toContain('| `job-499` | changed (SQL) | rebuilt |');
      const shown = body.split('<details>').length - 1;
      expect(shown).toBeLessThan(500);
      expect(body).toMatch(
        new RegExp(`> ${500 - shown} object diffs left out to stay under GitHub's 65,536-character comment limit`),
      );
      expect(body).toContain('### Validation');
      // What is shown is whole: every open fence closes, every <details> ends.
      expect(body.split('<details>').length).toBe(body.split('</details>').length);
    });

    it('cuts one long diff at maxDiffLines with a "… N more lines" note', () => {
      const one: PlanComparison = { ...comparison, merge: [{ ...comparison.merge[0]!, jobs: jobs.slice(0, 1) }] };
      const body = formatPlanComment({ comparison: one, warnings: [], diagnostics: [], maxDiffLines: 20 });
      const diff = /```diff\n([\s\S]*?)\n```/.exec(body)![1]!.split('\n');
      expect(diff).toHaveLength(21);
      expect(diff[20]).toMatch(/^… \d+ more lines$/);
    });

    it('with a smaller limit, leaves out table rows and warnings too, and says so', () => {
      const body = formatPlanComment({ comparison, warnings, diagnostics: [], maxLength: 12_000 });
      expect(body.length).toBeLessThanOrEqual(12_000);
      expect(body).toMatch(/\| … \d+ more jobs \(left out: the comment is at GitHub's size limit\)/);
      expect(body).toContain('### Validation');
    });
  });
});
