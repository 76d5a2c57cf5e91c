// PLACEHOLDER — owned by the statement/type parser work; replaced by the real model.
import type { Node } from './common.js';
export interface DataType extends Node {
  kind: 'type';
}
