import { compareDiagnostics, type Diagnostic } from '../diagnostics.js';
import { runRules, syntaxDiagnostics } from './index.js';
import type { RuleContext } from './types.js';

/** Every SQL diagnostic of a job: syntax errors and all rules, in file/line/column order. */
export function jobDiagnostics(ctx: RuleContext): Diagnostic[] {
  return [...syntaxDiagnostics(ctx), ...runRules(ctx)].sort(compareDiagnostics);
}
