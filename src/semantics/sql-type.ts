/**
 * The type of a value as the analysis sees it: a Flink logical type (its root, parameters and
 * nullability) or `UNKNOWN` where the analysis cannot know (an opaque catalog table, a user
 * function without a signature). Every rule stays quiet about an UNKNOWN: a false alarm on valid
 * SQL is worse than a miss.
 */
import type { DataType } from '../sql/model/types.js';

export type TypeRoot =
  | 'CHAR'
  | 'VARCHAR'
  | 'BINARY'
  | 'VARBINARY'
  | 'DECIMAL'
  | 'TINYINT'
  | 'SMALLINT'
  | 'INT'
  | 'BIGINT'
  | 'FLOAT'
  | 'DOUBLE'
  | 'BOOLEAN'
  | 'DATE'
  | 'TIME'
  | 'TIMESTAMP'
  | 'TIMESTAMP_TZ'
  | 'TIMESTAMP_LTZ'
  | 'INTERVAL_YEAR_MONTH'
  | 'INTERVAL_DAY_TIME'
  | 'ARRAY'
  | 'MULTISET'
  | 'MAP'
  | 'ROW'
  | 'RAW'
  | 'NULL'
  | 'UNKNOWN';

/** Time attribute of a column (Flink's TimestampKind): event time (a watermark) or processing time. */
export type TimeAttribute = 'rowtime' | 'proctime';

export interface SqlType {
  root: TypeRoot;
  nullable: boolean;
  /** Length of CHAR/VARCHAR/BINARY/VARBINARY (STRING is VARCHAR(2147483647)); precision of the rest. */
  length?: number;
  precision?: number;
  scale?: number;
  element?: SqlType;
  key?: SqlType;
  value?: SqlType;
  fields?: { name: string; type: SqlType }[];
  timeAttribute?: TimeAttribute;
}

export const MAX_LENGTH = 2147483647;

export const UNKNOWN: SqlType = Object.freeze({ root: 'UNKNOWN', nullable: true }) as SqlType;

export const isUnknown = (t: SqlType): boolean => t.root === 'UNKNOWN';

/** Default precisions as Flink's DataTypes give them when a type is written without one. */
const DEFAULT_PRECISION: Partial<Record<TypeRoot, number>> = {
  DECIMAL: 10,
  TIME: 0,
  TIMESTAMP: 6,
  TIMESTAMP_TZ: 6,
  TIMESTAMP_LTZ: 6,
};

/** The model's spelling of a type (synonyms already folded by the parser) as an analysis type. */
export function toSqlType(t: DataType): SqlType {
  const nullable = t.nullable;
  switch (t.kind) {
    case 'atomic': {
      switch (t.name) {
        case 'STRING':
          return { root: 'VARCHAR', nullable, length: MAX_LENGTH };
        case 'BYTES':
          return { root: 'VARBINARY', nullable, length: MAX_LENGTH };
        case 'CHAR':
        case 'BINARY':
          return { root: t.name, nullable, length: t.precision ?? 1 };
        case 'VARCHAR':
        case 'VARBINARY':
          return { root: t.name, nullable, length: t.precision ?? 1 };
        case 'REAL':
          return { root: 'FLOAT', nullable };
        case 'DECIMAL':
          return { root: 'DECIMAL', nullable, precision: t.precision ?? 10, scale: t.scale ?? 0 };
        case 'TIMESTAMP': {
          const root: TypeRoot =
            t.timeZone === 'local' ? 'TIMESTAMP_LTZ' : t.timeZone === 'zoned' ? 'TIMESTAMP_TZ' : 'TIMESTAMP';
          return { root, nullable, precision: t.precision ?? DEFAULT_PRECISION[root]! };
        }
        case 'TIMESTAMP_LTZ':
          return { root: 'TIMESTAMP_LTZ', nullable, precision: t.precision ?? 6 };
        case 'TIME':
          return { root: 'TIME', nullable, precision: t.precision ?? 0 };
        default:
          return { root: t.name, nullable };
      }
    }
    case 'interval':
      return {
        root: t.from === 'YEAR' || t.from === 'MONTH' ? 'INTERVAL_YEAR_MONTH' : 'INTERVAL_DAY_TIME',
        nullable,
      };
    case 'collection':
      return { root: t.collection, nullable, element: toSqlType(t.element) };
    case 'map':
      return { root: 'MAP', nullable, key: toSqlType(t.key), value: toSqlType(t.value) };
    case 'row':
      return { root: 'ROW', nullable, fields: t.fields.map((f) => ({ name: f.name.value, type: toSqlType(f.type) })) };
    case 'raw':
      return { root: 'RAW', nullable };
    case 'named':
      return UNKNOWN;
  }
}

/** The type as Flink prints it in its messages: `VARCHAR(10)`, `STRING`, `TIMESTAMP(3) *ROWTIME*`. */
export function formatType(t: SqlType): string {
  const base = ((): string => {
    switch (t.root) {
      case 'VARCHAR':
        return t.length === MAX_LENGTH ? 'STRING' : `VARCHAR(${t.length})`;
      case 'VARBINARY':
        return t.length === MAX_LENGTH ? 'BYTES' : `VARBINARY(${t.length})`;
      case 'CHAR':
      case 'BINARY':
        return `${t.root}(${t.length})`;
      case 'DECIMAL':
        return `DECIMAL(${t.precision}, ${t.scale})`;
      case 'TIME':
      case 'TIMESTAMP':
        return `${t.root}(${t.precision})`;
      case 'TIMESTAMP_TZ':
        return `TIMESTAMP(${t.precision}) WITH TIME ZONE`;
      case 'TIMESTAMP_LTZ':
        return `TIMESTAMP_LTZ(${t.precision})`;
      case 'INTERVAL_YEAR_MONTH':
        return 'INTERVAL YEAR TO MONTH';
      case 'INTERVAL_DAY_TIME':
        return 'INTERVAL DAY TO SECOND';
      case 'ARRAY':
      case 'MULTISET':
        return `${t.root}<${formatType(t.element ?? UNKNOWN)}>`;
      case 'MAP':
        return `MAP<${formatType(t.key ?? UNKNOWN)}, ${formatType(t.value ?? UNKNOWN)}>`;
      case 'ROW':
        return `ROW<${(t.fields ?? []).map((f) => `${f.name} ${formatType(f.type)}`).join(', ')}>`;
      case 'UNKNOWN':
        return 'unknown';
      default:
        return t.root;
    }
  })();
  const notNull = t.nullable || t.root === 'UNKNOWN' ? '' : ' NOT NULL';
  const attr = t.timeAttribute ? ` *${t.timeAttribute.toUpperCase()}*` : '';
  return base + notNull + attr;
}
