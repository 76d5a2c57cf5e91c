import type { ResultRule } from './result-types.js';
import { parseSignature, type Signature } from './signature.js';

export type FunctionKind = 'scalar' | 'aggregate' | 'window' | 'table';

/** One built-in function: its SQL spellings, the argument lists it takes (overloads) and its result type. */
export interface FunctionSpec {
  /** The spelling Flink's docs use. */
  name: string;
  /** Other spellings that call the same function (SQL-standard names, Table API names Flink also resolves). */
  aliases: string[];
  kind: FunctionKind;
  /** Each overload; a call fits when its arguments fit one of them. */
  signatures: Signature[];
  result: ResultRule;
}

/** `def('scalar', 'LPAD', ['string, integer, string'], STRING)`; `'A|B'` as the name gives spellings. */
export function def(kind: FunctionKind, names: string, signatures: string[], result: ResultRule): FunctionSpec {
  const [name, ...aliases] = names.split('|');
  return { name: name!, aliases, kind, signatures: signatures.map(parseSignature), result };
}
