// Runtime values and secrets of jobs on StreamPilot's runner, through the built CLI as its own
// process: the image is the same in every environment, the values travel in a ConfigMap, a
// secret only as a reference, and `check` points at each misuse of a secret.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { RUNNER_JAR_URI } from '../../src/runner/runner-paths.js';
import { runCli } from '../support/run-cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'streampilot-values-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const cacheHome = path.join(scratch, 'cache');
// What the pods would see: if the CLI ever read it, the scans below would find it.
const SECRET_VALUE = 'hunter2-Zq8vW1xK';
const cli = (...args: string[]) => runCli(args, { cacheHome, env: { STREAMPILOT_SECRET_DB_PASSWORD: SECRET_VALUE } });

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
  hint?: string;
}

let repos = 0;
function repository(files: Record<string, string>): string {
  const root = path.join(scratch, `repo-${++repos}`);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const project = (extra = '') => `apiVersion: streampilot.dev/v1
kind: Project
defaults:
  runner: { jarURI: "${RUNNER_JAR_URI}" }
  upgradeMode: stateless
registry: { repository: registry.example.test/jobs }
environments:
  staging:
    namespace: flink-staging
    variables: { topic: orders-staging, threshold: "10" }
  production:
    namespace: flink-prod
    after: staging
    variables: { topic: orders-prod, threshold: "1000" }
${extra}`;

const JOB = `apiVersion: streampilot.dev/v1
kind: FlinkSqlJob
name: orders
sql: [main.sql]
secrets:
  db_password: { secret: orders-db, key: password }
`;

const SQL = `CREATE TABLE src (id STRING, amount INT) WITH ('connector' = 'datagen', 'fields.id.length' = '\${threshold}');
CREATE TABLE snk (id STRING, amount INT) WITH ('connector' = 'print', 'print-identifier' = '\${topic}');
INSERT INTO snk SELECT id, amount FROM src WHERE id <> '\${db_password}';
`;

describe('a job on StreamPilot’s runner with variables that differ per environment and a secret', () => {
  const root = repository({ 'streampilot.yaml': project(), 'jobs/orders/job.yaml': JOB, 'jobs/orders/main.sql': SQL });
  const planFile = path.join(scratch, 'plan.json');
  const check = cli('check', root, '--plan-json', planFile, '--no-cache');
  const staging = cli('render', 'orders', '--env', 'staging', '--dir', root);
  const production = cli('render', 'orders', '--env', 'production', '--dir', root);
  const docs = (yaml: string) => parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, any>);

  it('passes check, and the plan gives production the image staging runs, saying so', () => {
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const images = [...check.stdout.matchAll(/registry\.example\.test\/jobs:orders-[0-9a-f]{16}/g)].map((m) => m[0]);
    expect(images).toHaveLength(2);
    expect(images[0]).toBe(images[1]);
    expect(check.stdout).toMatch(/orders-[0-9a-f]{16} \(same image as staging\)/);
  });

  it('renders the same image for both environments, each with its own values ConfigMap', () => {
    expect(staging.status).toBe(0);
    expect(production.status).toBe(0);
    const [stagingValues, stagingDeployment] = docs(staging.stdout);
    const [productionValues, productionDeployment] = docs(production.stdout);
    expect(stagingDeployment!.spec.image).toBe(productionDeployment!.spec.image);
    expect(stagingValues!.metadata.name).toMatch(/^orders-values-[0-9a-f]{10}$/);
    expect(productionValues!.metadata.name).not.toBe(stagingValues!.metadata.name);
    expect(stagingValues!.immutable).toBe(true);
    expect(stagingValues!.data['values.properties']).toContain('value.topic=orders-staging\n');
    expect(productionValues!.data['values.properties']).toContain('value.topic=orders-prod\n');
    expect(productionValues!.data['values.properties']).toContain('value.threshold=1000\n');
    expect(stagingValues!.data['values.properties']).toContain('secret.db_password=STREAMPILOT_SECRET_DB_PASSWORD\n');
  });

  it('mounts the values at /etc/streampilot and passes the secret as a secretKeyRef, never a value', () => {
    const [values, deployment] = docs(staging.stdout);
    const template = deployment!.spec.podTemplate;
    expect(template.spec.volumes).toContainEqual({
      name: 'streampilot-values',
      configMap: { name: values!.metadata.name },
    });
    const main = template.spec.containers.find((c: { name: string }) => c.name === 'flink-main-container');
    expect(main.volumeMounts).toContainEqual({
      name: 'streampilot-values',
      mountPath: '/etc/streampilot',
      readOnly: true,
    });
    expect(main.env).toEqual([
      { name: 'STREAMPILOT_SECRET_DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } },
    ]);
  });

  it('writes the secret value nowhere: not in check’s output, the plan JSON or the rendered objects', () => {
    const plan = readFileSync(planFile, 'utf8');
    const base64 = Buffer.from(SECRET_VALUE).toString('base64');
    for (const text of [check.stdout, check.stderr, plan, staging.stdout, staging.stderr, production.stdout]) {
      expect(text).not.toContain(SECRET_VALUE);
      expect(text).not.toContain(base64);
    }
    // The plan carries the reference, so a reviewer sees which Secret a job reads.
    expect(JSON.parse(plan).environments[0].jobs[0].job.secrets).toEqual({
      db_password: { secret: 'orders-db', key: 'password' },
    });
  });
});

describe('check refuses a secret where its value could not be handled safely, at the placeholder', () => {
  const run = (files: Record<string, string>) => {
    const r = cli('check', repository(files), '--format', 'json', '--no-cache');
    return { status: r.status, diagnostics: JSON.parse(r.stdout) as JsonDiagnostic[] };
  };

  it('outside a string literal', () => {
    const sql = SQL.replace("WHERE id <> '${db_password}'", 'WHERE amount > ${db_password}');
    const { status, diagnostics } = run({
      'streampilot.yaml': project(),
      'jobs/orders/job.yaml': JOB,
      'jobs/orders/main.sql': sql,
    });
    expect(status).toBe(1);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'jobs/orders/main.sql',
        line: 3,
        column: sql.split('\n')[2]!.indexOf('${db_password}') + 1,
        rule: 'sql/secret-placement',
        message: expect.stringContaining('outside a string literal'),
      }),
    );
  });

  it('in a session job, whose runner runs in the session cluster’s pods', () => {
    const job = `${JOB}mode: session\nsessionCluster: shared\n`;
    const { diagnostics } = run({
      'streampilot.yaml': project(),
      'jobs/orders/job.yaml': job,
      'jobs/orders/main.sql': SQL,
    });
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        line: 3,
        rule: 'sql/secret-placement',
        message: expect.stringContaining('session job'),
      }),
    );
  });

  it('in a job with its own runner, whose variables are written into the image', () => {
    const job = `${JOB}runner: { jarURI: "local:///opt/flink/usrlib/sql-runner.jar" }\n`;
    const { diagnostics } = run({
      'streampilot.yaml': project(),
      'jobs/orders/job.yaml': job,
      'jobs/orders/main.sql': SQL,
    });
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        line: 3,
        rule: 'sql/secret-placement',
        message: expect.stringContaining('own runner'),
      }),
    );
  });
});

describe('secrets: in the manifests is checked where it is written', () => {
  const run = (files: Record<string, string>) => {
    const r = cli('check', repository(files), '--format', 'json', '--no-cache');
    return JSON.parse(r.stdout) as JsonDiagnostic[];
  };

  it('a Secret name that is not a DNS-1123 subdomain, and a key Kubernetes would not accept', () => {
    const job = JOB.replace('{ secret: orders-db, key: password }', '{ secret: Orders_DB, key: "pass word" }');
    const diagnostics = run({
      'streampilot.yaml': project(),
      'jobs/orders/job.yaml': job,
      'jobs/orders/main.sql': SQL,
    });
    const line = job.split('\n').findIndex((l) => l.includes('Orders_DB')) + 1;
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'jobs/orders/job.yaml',
        line,
        column: job.split('\n')[line - 1]!.indexOf('Orders_DB') + 1,
        message: expect.stringContaining('must be a Kubernetes Secret name'),
      }),
    );
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ line, message: expect.stringContaining('must be a Secret key') }),
    );
  });

  it('a name that is also a variable, reported at the secret, naming where the variable is', () => {
    const projectText = project().replace(
      'variables: { topic: orders-staging,',
      'variables: { db_password: x, topic: orders-staging,',
    );
    const diagnostics = run({
      'streampilot.yaml': projectText,
      'jobs/orders/job.yaml': JOB,
      'jobs/orders/main.sql': SQL,
    });
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'jobs/orders/job.yaml',
        line: 6,
        column: 3,
        rule: 'manifest/secrets',
        message: expect.stringMatching(/`db_password` is both a secret and a variable \(in streampilot\.yaml/),
      }),
    );
  });

  it('two secrets that would reach the job as the same environment variable', () => {
    const job = `${JOB}  db.password: { secret: orders-db, key: other }\n`;
    const diagnostics = run({
      'streampilot.yaml': project(),
      'jobs/orders/job.yaml': job,
      'jobs/orders/main.sql': SQL,
    });
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        line: 6,
        rule: 'manifest/secrets',
        message: expect.stringContaining('STREAMPILOT_SECRET_DB_PASSWORD'),
      }),
    );
  });
});

describe('a job with its own runner keeps build-time substitution', () => {
  it('gets a different image per environment when its variables differ', () => {
    const sql = SQL.replace("WHERE id <> '${db_password}'", '');
    const job = JOB.replace(/secrets:\n.*\n/, '') + 'runner: { jarURI: "local:///opt/flink/usrlib/sql-runner.jar" }\n';
    const r = cli(
      'check',
      repository({ 'streampilot.yaml': project(), 'jobs/orders/job.yaml': job, 'jobs/orders/main.sql': sql }),
      '--no-cache',
    );
    expect(r.status).toBe(0);
    const images = [...r.stdout.matchAll(/registry\.example\.test\/jobs:orders-[0-9a-f]{16}/g)].map((m) => m[0]);
    expect(images).toHaveLength(2);
    expect(images[0]).not.toBe(images[1]);
    expect(r.stdout).not.toContain('same image as');
  });
});
