/**
 * A fake Flink JobManager REST endpoint over plain HTTP on 127.0.0.1, for what the deploy asks
 * Flink: `GET /jobs/overview`, `GET /jobs/{jobid}` and `GET /jobs/{jobid}/exceptions`. Tests
 * add jobs and failures; the fake answers as the JobManager of the chosen Flink line does.
 *
 * Every answer is checked against Flink's published REST description (flink-rest-contract.ts):
 * `addJob` and `failJob` render the job's answers at once and throw in the test when one would
 * not match; an answer that still fails when served is recorded in `violations`, sent as a 500,
 * and makes `close()` reject. Errors are Flink's: 404 `{"errors": [...]}` for an unknown job
 * (its stringified NotFoundException) or path, 400 for a job id that is not 32 hex digits.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  errorBodyProblems,
  flinkRestContract,
  type FlinkRestContract,
  type FlinkRestLine,
} from './flink-rest-contract.js';

export type FlinkJobStatus =
  | 'INITIALIZING'
  | 'CREATED'
  | 'RUNNING'
  | 'FAILING'
  | 'FAILED'
  | 'CANCELLING'
  | 'CANCELED'
  | 'FINISHED'
  | 'RESTARTING'
  | 'SUSPENDED'
  | 'RECONCILING';

const JOB_STATUSES: FlinkJobStatus[] = [
  'INITIALIZING',
  'CREATED',
  'RUNNING',
  'FAILING',
  'FAILED',
  'CANCELLING',
  'CANCELED',
  'FINISHED',
  'RESTARTING',
  'SUSPENDED',
  'RECONCILING',
];
const EXECUTION_STATES = [
  'CREATED',
  'SCHEDULED',
  'DEPLOYING',
  'RUNNING',
  'FINISHED',
  'CANCELING',
  'CANCELED',
  'FAILED',
  'RECONCILING',
  'INITIALIZING',
];
const TERMINAL = new Set<FlinkJobStatus>(['FAILED', 'CANCELED', 'FINISHED', 'SUSPENDED']);
const JOB_ID = /^[0-9a-fA-F]{32}$/;

export interface FakeJobSeed {
  /** 32 hex digits; default: random. */
  jobId?: string;
  /** Default `insert-into_default_catalog.default_database.sink`. */
  name?: string;
  /** Default RUNNING. */
  state?: FlinkJobStatus;
  startTime?: number;
}

export interface FakeJobFailure {
  /** The exception class, e.g. `java.lang.ArithmeticException`. */
  exceptionName: string;
  message?: string;
  /** The whole Java stack trace (`Throwable.printStackTrace`); default: `<exceptionName>: <message>` and a few task frames. */
  stacktrace?: string;
  /** Epoch millis; default now. */
  timestamp?: number;
  /** Set for a task failure, absent for a global one. */
  taskName?: string;
  endpoint?: string;
  taskManagerId?: string;
  failureLabels?: Record<string, string>;
  /** The 1.20 line's name for the endpoint; the 2.2 line has no such field (the contract refuses it there). */
  location?: string;
  /**
   * false: the failure is only in the deprecated top-level `root-exception` (1.20 line), with an
   * empty `exceptionHistory`, as from a JobManager that keeps no history.
   */
  inHistory?: boolean;
  /** The job's state after the failure; default FAILED. */
  state?: FlinkJobStatus;
}

export interface FakeFlinkRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  status: number;
}

export interface FakeFlinkOptions {
  /** Which Flink line to answer as; default 2.2. */
  line?: FlinkRestLine;
  now?: () => number;
}

export interface FakeFlink {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  line: FlinkRestLine;
  /** Adds a job; returns its id. */
  addJob(seed?: FakeJobSeed): string;
  /** Records a failure of the job (newest first in its history) and moves it to FAILED; adds the job when unknown. */
  failJob(jobId: string, failure: FakeJobFailure): void;
  requests: FakeFlinkRequest[];
  /** Answers that did not match the contract (each also sent as a 500). */
  violations: string[];
  /** Stops the server; rejects when any answer broke the contract. */
  close(): Promise<void>;
}

interface StoredFailure {
  entry: Record<string, unknown>;
  stacktrace: string;
  timestamp: number;
  inHistory: boolean;
}

interface StoredJob {
  jid: string;
  name: string;
  state: FlinkJobStatus;
  startTime: number;
  endTime: number;
  lastModification: number;
  timestamps: Partial<Record<FlinkJobStatus, number>>;
  /** Newest first. */
  failures: StoredFailure[];
}

class ContractViolation extends Error {}

function defaultStacktrace(exceptionName: string, message: string | undefined): string {
  return [
    message === undefined ? exceptionName : `${exceptionName}: ${message}`,
    '\tat org.apache.flink.streaming.runtime.tasks.StreamTask.runMailboxLoop(StreamTask.java:1001)',
    '\tat org.apache.flink.streaming.runtime.tasks.StreamTask.invoke(StreamTask.java:945)',
    '\tat org.apache.flink.runtime.taskmanager.Task.doRun(Task.java:964)',
    '\tat org.apache.flink.runtime.taskmanager.Task.run(Task.java:579)',
    '\tat java.base/java.lang.Thread.run(Thread.java:840)',
  ].join('\n');
}

/** Flink puts the stringified RestHandlerException, trace included, in `errors`. */
function handlerError(exception: string, frame: string, cause?: string): string {
  return [
    exception,
    `\tat ${frame}`,
    '\tat java.base/java.util.concurrent.CompletableFuture.uniExceptionally(CompletableFuture.java:990)',
    ...(cause ? [`Caused by: ${cause}`, '\t... 12 more'] : []),
  ].join('\n');
}

export async function startFakeFlink(options: FakeFlinkOptions = {}): Promise<FakeFlink> {
  const line = options.line ?? '2.2';
  const now = options.now ?? (() => Date.now());
  const contract: FlinkRestContract = flinkRestContract(line);
  const jobs = new Map<string, StoredJob>();
  const requests: FakeFlinkRequest[] = [];
  const violations: string[] = [];

  function summary(job: StoredJob): Record<string, unknown> {
    const end = TERMINAL.has(job.state) ? job.endTime : -1;
    const tasks: Record<string, number> = { total: 1 };
    for (const s of EXECUTION_STATES) tasks[s.toLowerCase()] = 0;
    tasks[job.state === 'RUNNING' ? 'running' : job.state === 'FAILED' ? 'failed' : 'created'] = 1;
    return {
      jid: job.jid,
      name: job.name,
      'start-time': job.startTime,
      'end-time': end,
      duration: (end === -1 ? now() : end) - job.startTime,
      state: job.state,
      'last-modification': job.lastModification,
      tasks,
      ...(line === '2.2' ? { 'pending-operators': 0 } : {}),
    };
  }

  function details(job: StoredJob): Record<string, unknown> {
    const { tasks: _tasks, 'last-modification': _lm, ...common } = summary(job);
    return {
      ...common,
      isStoppable: false,
      'job-type': 'STREAMING',
      maxParallelism: -1,
      now: now(),
      timestamps: Object.fromEntries(JOB_STATUSES.map((s) => [s, job.timestamps[s] ?? 0])),
      vertices: [],
      'status-counts': Object.fromEntries(EXECUTION_STATES.map((s) => [s, 0])),
      plan: { jid: job.jid, name: job.name, type: 'STREAMING', nodes: [] },
      ...(line === '2.2' ? { 'stream-graph': { nodes: [] } } : {}),
    };
  }

  function exceptions(job: StoredJob, maxExceptions?: number): Record<string, unknown> {
    const history = job.failures.filter((f) => f.inHistory).map((f) => f.entry);
    const limit = maxExceptions ?? history.length;
    const body: Record<string, unknown> = {
      exceptionHistory: { entries: history.slice(0, limit), truncated: history.length > limit },
    };
    const root = job.failures[0];
    // The 1.20 line still sends the deprecated top-level fields (removed in 2.0).
    if (line === '1.20') {
      if (root) {
        body['root-exception'] = root.stacktrace;
        body.timestamp = root.timestamp;
      }
      body['all-exceptions'] = [];
      body.truncated = false;
    }
    return body;
  }

  /** Throws (in the test that called addJob/failJob) when an answer about the job breaks the contract. */
  function check(job: StoredJob): void {
    const problems = [
      ...contract.responseProblems('GET', `/jobs/${job.jid}`, 200, details(job)).map((p) => `GET /jobs/{jobid}: ${p}`),
      ...contract
        .responseProblems('GET', `/jobs/${job.jid}/exceptions`, 200, exceptions(job))
        .map((p) => `GET /jobs/{jobid}/exceptions: ${p}`),
      ...contract
        .responseProblems('GET', '/jobs/overview', 200, { jobs: [summary(job)] })
        .map((p) => `GET /jobs/overview: ${p}`),
    ];
    if (problems.length) {
      throw new ContractViolation(
        `the fake Flink ${line} cannot answer this: Flink's REST API ${contract.version} (${contract.file}) says\n${problems.join('\n')}`,
      );
    }
  }

  function addJob(seed: FakeJobSeed = {}): string {
    const jid = (seed.jobId ?? randomBytes(16).toString('hex')).toLowerCase();
    if (!JOB_ID.test(jid)) throw new Error(`a Flink job id is 32 hexadecimal digits, not "${jid}"`);
    const startTime = seed.startTime ?? now();
    const state = seed.state ?? 'RUNNING';
    const job: StoredJob = {
      jid,
      name: seed.name ?? 'insert-into_default_catalog.default_database.sink',
      state,
      startTime,
      endTime: TERMINAL.has(state) ? now() : -1,
      lastModification: now(),
      timestamps: {
        INITIALIZING: startTime,
        CREATED: startTime,
        ...(state !== 'INITIALIZING' && state !== 'CREATED' ? { [state]: now() } : {}),
      },
      failures: [],
    };
    check(job);
    jobs.set(jid, job);
    return jid;
  }

  function failJob(jobId: string, failure: FakeJobFailure): void {
    const jid = jobId.toLowerCase();
    if (!jobs.has(jid)) addJob({ jobId: jid });
    const job = structuredClone(jobs.get(jid)!);
    const timestamp = failure.timestamp ?? now();
    const stacktrace = failure.stacktrace ?? defaultStacktrace(failure.exceptionName, failure.message);
    const entry: Record<string, unknown> = {
      exceptionName: failure.exceptionName,
      stacktrace,
      timestamp,
      // Flink omits the task fields of a global failure (they are null).
      ...(failure.taskName !== undefined ? { taskName: failure.taskName } : {}),
      ...(failure.endpoint !== undefined ? { endpoint: failure.endpoint } : {}),
      ...(failure.taskManagerId !== undefined ? { taskManagerId: failure.taskManagerId } : {}),
      ...(failure.location !== undefined ? { location: failure.location } : {}),
      failureLabels: failure.failureLabels ?? {},
      concurrentExceptions: [],
    };
    job.failures.unshift({ entry, stacktrace, timestamp, inHistory: failure.inHistory ?? true });
    job.state = failure.state ?? 'FAILED';
    job.endTime = TERMINAL.has(job.state) ? timestamp : -1;
    job.lastModification = timestamp;
    job.timestamps[job.state] = timestamp;
    check(job);
    jobs.set(jid, job);
  }

  function answer(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, requestPath: string): void {
    const problems =
      status === 200
        ? contract.responseProblems(req.method ?? 'GET', requestPath, status, body)
        : errorBodyProblems(body);
    if (problems.length) {
      violations.push(...problems.map((p) => `${req.method} ${req.url} → ${status}: ${p}`));
      status = 500;
      body = { errors: [`the fake Flink broke the REST contract: ${problems.join('; ')}`] };
    }
    res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', status });
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const parts = url.pathname.split('/').filter(Boolean);
    const notFound = () => answer(req, res, 404, { errors: [`Not found: ${url.pathname}`] }, url.pathname);
    if (req.method !== 'GET' || parts[0] !== 'jobs' || parts.length < 2 || parts.length > 3) return notFound();
    if (parts.length === 2 && parts[1] === 'overview') {
      return answer(req, res, 200, { jobs: [...jobs.values()].map(summary) }, url.pathname);
    }
    if (parts.length === 3 && parts[2] !== 'exceptions') return notFound();
    const raw = decodeURIComponent(parts[1]!);
    if (!JOB_ID.test(raw)) {
      return answer(
        req,
        res,
        400,
        {
          errors: [
            handlerError(
              `org.apache.flink.runtime.rest.handler.RestHandlerException: Bad request, could not parse parameters: Cannot resolve path parameter (jobid) from value "${raw}".`,
              'org.apache.flink.runtime.rest.handler.AbstractHandler.respondAsLeader(AbstractHandler.java:204)',
            ),
          ],
        },
        url.pathname,
      );
    }
    const job = jobs.get(raw.toLowerCase());
    if (!job) {
      return answer(
        req,
        res,
        404,
        {
          errors: [
            handlerError(
              `org.apache.flink.runtime.rest.NotFoundException: Job ${raw} not found`,
              'org.apache.flink.runtime.rest.handler.job.AbstractExecutionGraphHandler.lambda$handleRequest$1(AbstractExecutionGraphHandler.java:99)',
              `org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (${raw})`,
            ),
          ],
        },
        url.pathname,
      );
    }
    if (parts.length === 2) return answer(req, res, 200, details(job), url.pathname);
    const max = url.searchParams.get('maxExceptions');
    if (max !== null && !/^\d+$/.test(max)) {
      return answer(
        req,
        res,
        400,
        {
          errors: [
            handlerError(
              `org.apache.flink.runtime.rest.handler.RestHandlerException: Bad request, could not parse parameters: Cannot resolve query parameter (maxExceptions) from value "${max}".`,
              'org.apache.flink.runtime.rest.handler.AbstractHandler.respondAsLeader(AbstractHandler.java:204)',
            ),
          ],
        },
        url.pathname,
      );
    }
    return answer(req, res, 200, exceptions(job, max === null ? undefined : Number(max)), url.pathname);
  }

  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      violations.push(`${req.method} ${req.url}: the fake failed: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errors: [String((error as Error).message)] }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    line,
    addJob,
    failJob,
    requests,
    violations,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => {
          if (err) reject(err);
          else if (violations.length)
            reject(new Error(`the fake Flink answered outside Flink's REST contract:\n${violations.join('\n')}`));
          else resolve();
        });
      }),
  };
}
