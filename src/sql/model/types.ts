/**
 * Flink SQL data types as written in DDL and CAST. Synonyms are folded to one spelling
 * (INTEGER -> INT, DEC/NUMERIC -> DECIMAL, CHARACTER VARYING -> VARCHAR, DOUBLE PRECISION
 * -> DOUBLE) so that rules compare types without knowing every spelling; the printer
 * writes the folded spelling back.
 */
import type { Identifier, Node, QualifiedName } from './common.js';

export interface StringValue extends Node {
  value: string;
}

interface TypeBase extends Node {
  /** False when written `NOT NULL`; types are nullable by default. */
  nullable: boolean;
}

export type AtomicTypeName =
  | 'CHAR'
  | 'VARCHAR'
  | 'STRING'
  | 'BINARY'
  | 'VARBINARY'
  | 'BYTES'
  | 'DECIMAL'
  | 'TINYINT'
  | 'SMALLINT'
  | 'INT'
  | 'BIGINT'
  | 'FLOAT'
  | 'REAL'
  | 'DOUBLE'
  | 'BOOLEAN'
  | 'DATE'
  | 'TIME'
  | 'TIMESTAMP'
  | 'TIMESTAMP_LTZ'
  | 'NULL';

/** A type with optional numeric parameters: VARCHAR(10), DECIMAL(10, 2), TIMESTAMP(3). */
export interface AtomicType extends TypeBase {
  kind: 'atomic';
  name: AtomicTypeName;
  precision?: number;
  scale?: number;
  /** TIME/TIMESTAMP: `WITH TIME ZONE` ('zoned') or `WITH LOCAL TIME ZONE` ('local'). */
  timeZone?: 'zoned' | 'local';
}

export type IntervalUnit = 'YEAR' | 'MONTH' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND';

/** INTERVAL YEAR(2) TO MONTH, INTERVAL DAY(3) TO SECOND(3) … */
export interface IntervalType extends TypeBase {
  kind: 'interval';
  from: IntervalUnit;
  fromPrecision?: number;
  to?: IntervalUnit;
  /** Fractional precision of SECOND (`SECOND(3)` or `TO SECOND(3)`). */
  toPrecision?: number;
}

/** ARRAY<T> / T ARRAY, MULTISET<T> / T MULTISET. */
export interface CollectionType extends TypeBase {
  kind: 'collection';
  collection: 'ARRAY' | 'MULTISET';
  element: DataType;
}

export interface MapType extends TypeBase {
  kind: 'map';
  key: DataType;
  value: DataType;
}

export interface RowField extends Node {
  name: Identifier;
  type: DataType;
  comment?: StringValue;
}

/** ROW<a INT 'comment', b STRING> or ROW(a INT, b STRING). */
export interface RowType extends TypeBase {
  kind: 'row';
  fields: RowField[];
}

/** RAW('class', 'serializer snapshot'). */
export interface RawType extends TypeBase {
  kind: 'raw';
  className: StringValue;
  snapshot?: StringValue;
}

/** A user-defined or otherwise named type: `my_catalog.my_db.my_type`, VARIANT … */
export interface NamedType extends TypeBase {
  kind: 'named';
  name: QualifiedName;
}

export type DataType = AtomicType | IntervalType | CollectionType | MapType | RowType | RawType | NamedType;
