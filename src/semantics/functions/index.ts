/**
 * The catalog of Flink's built-in functions: look a name up (Flink resolves built-in names without
 * case), check a call's arguments against its overloads, derive its result type.
 */
import type { SqlType } from '../sql-type.js';
import { AGGREGATE_FUNCTIONS } from './aggregate-functions.js';
import { OTHER_FUNCTION_NAMES } from './other-names.js';
import { SCALAR_FUNCTIONS } from './scalar-functions.js';
import { firstMisfit, type Signature } from './signature.js';
import type { FunctionSpec } from './spec.js';

export type { FunctionSpec, FunctionKind } from './spec.js';
export type { Signature } from './signature.js';

const BY_NAME = new Map<string, FunctionSpec>();
for (const spec of [...SCALAR_FUNCTIONS, ...AGGREGATE_FUNCTIONS])
  for (const n of [spec.name, ...spec.aliases]) if (!BY_NAME.has(n)) BY_NAME.set(n, spec);

const OTHER = new Set(OTHER_FUNCTION_NAMES);

/** The typed entry of a built-in function, by any of its spellings. */
export function builtInFunction(name: string): FunctionSpec | undefined {
  return BY_NAME.get(name.toUpperCase());
}

/** Whether Flink knows a function of this name without a module or a CREATE FUNCTION. */
export function isBuiltInFunction(name: string): boolean {
  const upper = name.toUpperCase();
  return BY_NAME.has(upper) || OTHER.has(upper);
}

/** Every documented spelling, for "did you mean" (Table API spellings left out: nobody means them). */
export const BUILT_IN_FUNCTION_NAMES: readonly string[] = [...SCALAR_FUNCTIONS, ...AGGREGATE_FUNCTIONS].map(
  (s) => s.name,
);

export type CallProblem =
  | { kind: 'count'; expected: string }
  /** Argument `index` fits no overload that takes this many arguments. */
  | { kind: 'type'; index: number; expected: string };

const arityText = (min: number, max: number): string =>
  max === Infinity ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;

/** What is wrong with a call, or undefined when one overload takes it (or the types are not known). */
export function checkCall(spec: FunctionSpec, args: readonly SqlType[]): CallProblem | undefined {
  // Nearly every call fits a form: that answer takes no list (this runs for every built-in call of the job).
  for (const s of spec.signatures)
    if (args.length >= s.min && args.length <= s.max && firstMisfit(s, args) < 0) return undefined;
  const byCount = spec.signatures.filter((s) => args.length >= s.min && args.length <= s.max);
  if (byCount.length === 0) return { kind: 'count', expected: expectedCounts(spec.signatures) };
  if (byCount.some((s) => firstMisfit(s, args) < 0)) return undefined;
  // Report the argument that the most overloads refuse first: the earliest misfit of the first overload.
  const index = Math.min(...byCount.map((s) => firstMisfit(s, args)));
  const expected = byCount.map((s) => `${spec.name}(${s.text})`).join(' or ');
  return { kind: 'type', index, expected };
}

function expectedCounts(signatures: readonly Signature[]): string {
  const texts = [...new Set(signatures.map((s) => arityText(s.min, s.max)))];
  return texts.join(' or ');
}

/** The result type of a call whose arguments have these types (UNKNOWN where it depends on an unknown one). */
export function resultOf(spec: FunctionSpec, args: readonly SqlType[]): SqlType {
  return spec.result(args);
}
