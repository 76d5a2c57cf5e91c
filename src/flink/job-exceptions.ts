/**
 * `GET /jobs/{jobid}/exceptions` reduced to what a person needs on a pull request: the root
 * cause in one line and the first lines of its trace. The newest entry of `exceptionHistory`
 * (Flink ≥ 1.13) is the failure; JobManagers that keep no history still send the top-level
 * `root-exception`, deprecated since 1.13 and gone in 2.0.
 */
import type { FlinkJobExceptions } from './types.js';

/** Lines of a trace kept: the exception and where it was thrown, short enough for a comment. */
export const TRACE_LINES = 15;

interface ExceptionsBody {
  exceptionHistory?: { entries?: { exceptionName?: unknown; stacktrace?: unknown; timestamp?: unknown }[] };
  'root-exception'?: unknown;
  timestamp?: unknown;
}

/**
 * The innermost cause: the last `Caused by:` of the trace, else its first line (a Java trace
 * starts with `Throwable.toString()`, class and message). Flink wraps failures (JobException,
 * "Recovery is suppressed…", ExceptionInChainedOperatorException); the innermost says why.
 */
export function rootCauseLine(stacktrace: string): string | undefined {
  const lines = stacktrace.split(/\r?\n/);
  const causes = lines.filter((l) => l.startsWith('Caused by: '));
  const line = causes.length ? causes[causes.length - 1]!.slice('Caused by: '.length) : lines[0];
  return line?.trim() || undefined;
}

export function trimTrace(stacktrace: string, maxLines: number = TRACE_LINES): string {
  const lines = stacktrace.trimEnd().split(/\r?\n/);
  if (lines.length <= maxLines) return lines.join('\n');
  return [...lines.slice(0, maxLines), `\t... ${lines.length - maxLines} more lines`].join('\n');
}

/** The root cause from an exceptions answer, or undefined when it reports no failure. */
export function jobExceptionsFrom(body: unknown): FlinkJobExceptions | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as ExceptionsBody;
  const entry = Array.isArray(b.exceptionHistory?.entries) ? b.exceptionHistory.entries[0] : undefined;
  let trace: string | undefined;
  let name: string | undefined;
  let timestamp: unknown;
  if (entry && typeof entry === 'object') {
    trace = typeof entry.stacktrace === 'string' ? entry.stacktrace : undefined;
    name = typeof entry.exceptionName === 'string' ? entry.exceptionName : undefined;
    timestamp = entry.timestamp;
  } else if (typeof b['root-exception'] === 'string') {
    trace = b['root-exception'];
    timestamp = b.timestamp;
  }
  const rootException = (trace && rootCauseLine(trace)) || name;
  if (!rootException) return undefined;
  return {
    rootException,
    ...(trace?.trim() ? { stacktrace: trimTrace(trace) } : {}),
    ...(typeof timestamp === 'number' && timestamp > 0 ? { timestamp } : {}),
  };
}
