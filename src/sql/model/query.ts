// PLACEHOLDER — owned by the query/expression parser work; replaced by the real model.
import type { Node } from './common.js';
export interface Query extends Node {
  kind: 'query';
}
export interface Expression extends Node {
  kind: 'expression';
}
