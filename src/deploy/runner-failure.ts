/** A statement StreamPilot's SQL runner reported as failed: where it is in the repository, and why. */
export interface FailedStatement {
  file: string;
  line: number;
  /** `<ExceptionClass>: <message>`, as the runner printed it (secret values already masked by it). */
  cause: string;
}

// The line the runner prints before the stack trace (runner/src/main/java/dev/streampilot/runner/Main.java,
// `failure`); it is also the message of what it throws, so Flink's exception and the operator's error carry it.
const RUNNER_LINE = /streampilot-runner: statement at (.+?):(\d+) failed: ([^\n]*)/;

/** The first failed statement named in any of the texts (the operator's error, Flink's root cause, the log tail). */
export function findFailedStatement(texts: readonly (string | undefined)[]): FailedStatement | undefined {
  for (const text of texts) {
    const match = text ? RUNNER_LINE.exec(text) : null;
    if (match) return { file: match[1]!, line: Number(match[2]), cause: match[3]!.trim() };
  }
  return undefined;
}
