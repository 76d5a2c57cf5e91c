/** The JobManager REST endpoint of a job: its `<name>-rest` service. */
export interface FlinkRestTarget {
  namespace: string;
  /** `<cluster>-rest`; a session job's is its session cluster's. */
  service: string;
  port: number;
}

/** `/jobs/{id}/exceptions`, reduced to the root cause. */
export interface FlinkJobExceptions {
  /** Exception class and message, e.g. `java.lang.ArithmeticException: / by zero`. */
  rootException: string;
  stacktrace?: string;
  timestamp?: number;
}

/** Flink's REST API; `undefined` whenever it cannot be reached (a failed JobManager often is gone). */
export interface FlinkRest {
  jobExceptions(target: FlinkRestTarget, jobId: string): Promise<FlinkJobExceptions | undefined>;
}
