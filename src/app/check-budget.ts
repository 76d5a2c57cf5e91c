import { StreamPilotError } from '../errors.js';

/** What one check may use before it is stopped. */
export interface CheckBudget {
  /** Wall-clock time a check may run in its worker (waiting for a free worker does not count). */
  timeoutMs: number;
  /** V8 old-generation heap of a check worker, in MB (the worker's `resourceLimits`). */
  memoryMb: number;
}

export const DEFAULT_CHECK_BUDGET: CheckBudget = { timeoutMs: 60_000, memoryMb: 1024 };

/**
 * A check stopped for exceeding its budget. It ends the pull request's check run as a failure
 * that says so (never a run left in progress, never a stalled app); the worker that ran it is
 * replaced, so the next check starts on a fresh heap.
 */
export class CheckBudgetError extends StreamPilotError {
  constructor(
    readonly budget: 'time' | 'memory',
    budgetText: string,
  ) {
    super(
      budget === 'time'
        ? `the check exceeded its time budget of ${budgetText} and was stopped`
        : `the check exceeded its memory budget of ${budgetText} and was stopped`,
      1,
      `this commit's repository takes more ${budget === 'time' ? 'time' : 'memory'} to check than StreamPilot allows: split very large SQL files or jobs ` +
        `into smaller ones; if the repository legitimately needs more, ask the operator of StreamPilot to raise ${budget === 'time' ? 'STREAMPILOT_CHECK_TIMEOUT_SECONDS' : 'STREAMPILOT_CHECK_MEMORY_MB'}`,
    );
  }
}

export function timeBudgetError(timeoutMs: number): CheckBudgetError {
  return new CheckBudgetError('time', timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`);
}

export function memoryBudgetError(memoryMb: number): CheckBudgetError {
  return new CheckBudgetError('memory', `${memoryMb} MB`);
}
