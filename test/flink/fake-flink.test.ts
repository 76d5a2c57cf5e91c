/**
 * Contract tests of the fake Flink JobManager REST endpoint. The contract is Flink's published
 * REST description, `rest_v1_dispatcher.yml` of the Flink 2.2 line and of the 1.20 line in
 * ../shared/reference/flink-rest; error bodies are Flink's ErrorResponseBody (`{"errors": [...]}`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeFlink, type FakeFlink } from '../support/fake-flink/fake-flink.js';
import {
  flinkRestContract,
  flinkRestDir,
  flinkRestReferencePresent,
} from '../support/fake-flink/flink-rest-contract.js';

const present = flinkRestReferencePresent();
const JOB = '3f2b9c4d5e6f708192a3b4c5d6e7f809';

const started: FakeFlink[] = [];
async function flink(line: '2.2' | '1.20' = '2.2'): Promise<FakeFlink> {
  const fake = await startFakeFlink({ line });
  started.push(fake);
  return fake;
}

async function get(fake: FakeFlink, urlPath: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${fake.url}${urlPath}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

afterEach(async () => {
  // close() rejects when any answer broke the contract: every test checks that too.
  await Promise.all(started.splice(0).map((f) => f.close()));
});

const title = present
  ? "fake Flink REST against Flink's REST description"
  : `fake Flink REST (skipped: ${flinkRestDir} not present)`;

describe.skipIf(!present)(title, () => {
  it('lists jobs in /jobs/overview and describes one in /jobs/{jobid}', async () => {
    const fake = await flink();
    fake.addJob({ jobId: JOB, name: 'insert-into_default_catalog.default_database.orders' });
    const overview = await get(fake, '/jobs/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.jobs).toEqual([
      expect.objectContaining({
        jid: JOB,
        name: 'insert-into_default_catalog.default_database.orders',
        state: 'RUNNING',
        'end-time': -1,
      }),
    ]);
    const details = await get(fake, `/jobs/${JOB}`);
    expect(details).toMatchObject({ status: 200, body: { jid: JOB, state: 'RUNNING', 'job-type': 'STREAMING' } });
  });

  it('reports a failure in exceptionHistory, newest first, and without the fields 2.0 removed', async () => {
    const fake = await flink();
    fake.failJob(JOB, {
      exceptionName: 'java.lang.IllegalStateException',
      message: 'first',
      timestamp: 1_700_000_000_000,
    });
    fake.failJob(JOB, {
      exceptionName: 'java.lang.ArithmeticException',
      message: '/ by zero',
      timestamp: 1_700_000_060_000,
      taskName: 'Calc[3] -> Sink (1/2)',
    });
    const { status, body } = await get(fake, `/jobs/${JOB}/exceptions`);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['exceptionHistory']);
    const history = body.exceptionHistory as { entries: Record<string, unknown>[]; truncated: boolean };
    expect(history.truncated).toBe(false);
    expect(history.entries.map((e) => e.exceptionName)).toEqual([
      'java.lang.ArithmeticException',
      'java.lang.IllegalStateException',
    ]);
    expect(history.entries[0]).toMatchObject({ timestamp: 1_700_000_060_000, taskName: 'Calc[3] -> Sink (1/2)' });
    expect(String(history.entries[0]!.stacktrace).split('\n')[0]).toBe('java.lang.ArithmeticException: / by zero');
    expect((await get(fake, `/jobs/${JOB}`)).body.state).toBe('FAILED');
  });

  it('honours maxExceptions and marks the history truncated', async () => {
    const fake = await flink();
    fake.failJob(JOB, { exceptionName: 'java.io.IOException', message: 'a' });
    fake.failJob(JOB, { exceptionName: 'java.io.IOException', message: 'b' });
    const { body } = await get(fake, `/jobs/${JOB}/exceptions?maxExceptions=1`);
    expect(body.exceptionHistory).toMatchObject({
      truncated: true,
      entries: [expect.objectContaining({ stacktrace: expect.stringMatching(/^java\.io\.IOException: b/) })],
    });
  });

  it("answers 404 with Flink's NotFoundException for a job it does not know", async () => {
    const fake = await flink();
    const { status, body } = await get(fake, `/jobs/${JOB}/exceptions`);
    expect(status).toBe(404);
    expect(Object.keys(body)).toEqual(['errors']);
    expect((body.errors as string[])[0]).toMatch(
      new RegExp(`^org\\.apache\\.flink\\.runtime\\.rest\\.NotFoundException: Job ${JOB} not found`),
    );
  });

  it('answers 400 for a job id that is not 32 hexadecimal digits, and 404 for an unknown path', async () => {
    const fake = await flink();
    const bad = await get(fake, '/jobs/orders/exceptions');
    expect(bad.status).toBe(400);
    expect((bad.body.errors as string[])[0]).toContain('Cannot resolve path parameter (jobid) from value "orders"');
    const unknown = await get(fake, '/jobz');
    expect(unknown).toEqual({ status: 404, body: { errors: ['Not found: /jobz'] } });
  });

  it('refuses, in the test, a failure Flink 2.2 cannot report: a 1.20-only field, a fractional timestamp', async () => {
    const fake = await flink();
    expect(() => fake.failJob(JOB, { exceptionName: 'java.lang.RuntimeException', location: 'tm-1:6121' })).toThrow(
      /has a field the contract does not know: "location"/,
    );
    expect(() => fake.failJob(JOB, { exceptionName: 'java.lang.RuntimeException', timestamp: 1.5 })).toThrow(
      /timestamp must match format "int64"/,
    );
    // Refused failures leave nothing behind.
    expect(
      ((await get(fake, `/jobs/${JOB}/exceptions`)).body.exceptionHistory as { entries: unknown[] }).entries,
    ).toEqual([]);
  });

  it('answers as the 1.20 line when asked: the deprecated root-exception and the location field', async () => {
    const fake = await flink('1.20');
    fake.failJob(JOB, {
      exceptionName: 'java.lang.ArithmeticException',
      message: '/ by zero',
      location: 'tm-1:6121',
      timestamp: 1_700_000_000_000,
    });
    const { body } = await get(fake, `/jobs/${JOB}/exceptions`);
    expect(body['root-exception']).toMatch(/^java\.lang\.ArithmeticException: \/ by zero\n\tat /);
    expect(body.timestamp).toBe(1_700_000_000_000);
    expect((body.exceptionHistory as { entries: Record<string, unknown>[] }).entries[0]).toMatchObject({
      location: 'tm-1:6121',
    });
  });

  it("the contract itself rejects a body with a field Flink's description does not list", () => {
    const contract = flinkRestContract('2.2');
    expect(
      contract.responseProblems('GET', `/jobs/${JOB}/exceptions`, 200, { exceptionHistory: { entries: [] } }),
    ).toEqual([]);
    expect(contract.responseProblems('GET', `/jobs/${JOB}/exceptions`, 200, { 'root-exception': 'x' })).toEqual([
      '/ has a field the contract does not know: "root-exception"',
    ]);
    expect(
      contract.responseProblems('GET', '/jobs/overview', 200, { jobs: [{ jid: JOB, state: 'SLEEPING' }] })[0],
    ).toMatch(/^\/jobs\/0\/state must be equal to one of the allowed values/);
    expect(contract.responseProblems('GET', '/no/such/operation', 200, {})[0]).toMatch(
      /is not an operation of Flink's REST API/,
    );
  });
});
