/**
 * Whether a statement runs as a streaming or a batch job: `execution.runtime-mode` as the job's
 * `flinkConfiguration` sets it, changed by the scripts' `SET` and `RESET` before the statement
 * (Flink's default is streaming). `automatic` depends on the sources' boundedness: unknown.
 */
import type { Statement } from '../../sql/model/statements.js';
import { jobStatements } from './job-statements.js';
import type { RuleContext, SqlUnit } from '../types.js';

export type RuntimeMode = 'streaming' | 'batch' | 'unknown';

const KEY = 'execution.runtime-mode';

function modeOf(value: string | undefined): RuntimeMode {
  const v = (value ?? 'streaming').trim().toLowerCase();
  return v === 'streaming' ? 'streaming' : v === 'batch' ? 'batch' : 'unknown';
}

const memo = new WeakMap<RuleContext, Map<Statement, RuntimeMode>>();

/** The runtime mode in force at each top-level statement of the job. */
export function runtimeModes(ctx: RuleContext): ReadonlyMap<Statement, RuntimeMode> {
  let modes = memo.get(ctx);
  if (modes) return modes;
  modes = new Map();
  const configured = modeOf(ctx.job?.flinkConfiguration?.[KEY]);
  let current = configured;
  for (const { statement } of jobStatements(ctx)) {
    if (statement.kind === 'set' && statement.key?.value === KEY) current = modeOf(statement.value?.value);
    if (statement.kind === 'reset' && (!statement.key || statement.key.value === KEY)) current = configured;
    modes.set(statement, current);
  }
  memo.set(ctx, modes);
  return modes;
}

/** The runtime mode in force at an offset of a unit (the statement that contains it). */
export function runtimeModeAt(ctx: RuleContext, unit: SqlUnit, offset: number): RuntimeMode {
  const modes = runtimeModes(ctx);
  for (const statement of unit.parsed.statements)
    if (statement.range.start <= offset && offset <= statement.range.end) return modes.get(statement) ?? 'unknown';
  return 'unknown';
}
