/**
 * Built-in function signatures written as short strings, so the catalog reads like Flink's docs:
 * `'string, integer, string?'` is two or three arguments, `'any...'` any number, `'numeric|interval'`
 * an argument of either family. A signature's families are checked against the argument types the
 * analysis knows; NULL and UNKNOWN arguments fit everywhere.
 */
import { isIn } from '../implicit-cast.js';
import { isUnknown, type SqlType } from '../sql-type.js';

export type ArgFamily =
  | 'any'
  | 'numeric'
  | 'integer'
  | 'string'
  | 'binary'
  | 'boolean'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'datetime'
  | 'interval'
  | 'array'
  | 'map'
  | 'multiset'
  | 'row';

export interface Param {
  families: ArgFamily[];
  optional: boolean;
  repeated: boolean;
}

export interface Signature {
  text: string;
  params: Param[];
  min: number;
  max: number;
}

export function parseSignature(text: string): Signature {
  const params: Param[] = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const repeated = p.endsWith('...');
      const optional = p.endsWith('?');
      const body = p.replace(/(\.\.\.|\?)$/, '');
      return { families: body.split('|') as ArgFamily[], optional, repeated };
    });
  const min = params.filter((p) => !p.optional && !p.repeated).length;
  const max = params.some((p) => p.repeated) ? Infinity : params.length;
  return { text, params, min, max };
}

/** Whether a value of type `t` may be passed where `family` is expected (no implicit cast crosses families). */
export function fitsFamily(t: SqlType, family: ArgFamily): boolean {
  if (isUnknown(t) || t.root === 'NULL' || family === 'any') return true;
  switch (family) {
    case 'numeric':
      return isIn(t, 'NUMERIC');
    // Calcite's INTEGER family; DECIMAL is let through, a cast Flink's own strategies sometimes insert.
    case 'integer':
      return isIn(t, 'EXACT_NUMERIC');
    case 'string':
      return isIn(t, 'CHARACTER_STRING');
    case 'binary':
      return isIn(t, 'BINARY_STRING');
    case 'boolean':
      return t.root === 'BOOLEAN';
    case 'date':
      return t.root === 'DATE';
    case 'time':
      return t.root === 'TIME';
    case 'timestamp':
      return t.root === 'TIMESTAMP' || t.root === 'TIMESTAMP_LTZ';
    case 'datetime':
      return isIn(t, 'DATETIME');
    case 'interval':
      return isIn(t, 'INTERVAL');
    case 'array':
      return t.root === 'ARRAY';
    case 'map':
      return t.root === 'MAP';
    case 'multiset':
      return t.root === 'MULTISET';
    case 'row':
      return t.root === 'ROW';
  }
}

/** The parameter an argument at `index` binds to, or undefined past the end. */
export function paramAt(sig: Signature, index: number): Param | undefined {
  if (index < sig.params.length) return sig.params[index];
  const last = sig.params[sig.params.length - 1];
  return last?.repeated ? last : undefined;
}

/** The first argument (index) whose type the signature does not take, or -1. */
export function firstMisfit(sig: Signature, args: readonly SqlType[]): number {
  for (let i = 0; i < args.length; i++) {
    const p = paramAt(sig, i);
    if (p !== undefined && !fitsAnyFamily(args[i]!, p.families)) return i;
  }
  return -1;
}

function fitsAnyFamily(t: SqlType, families: Param['families']): boolean {
  for (const f of families) if (fitsFamily(t, f)) return true;
  return false;
}
