/**
 * The type of an expression in a scope, as Flink's validator derives it: literals, operators,
 * CASE, CAST, constructors, field and element access, built-in functions from the catalog.
 * Whatever cannot be known (a user function, an opaque table's column, a subquery the scope does
 * not describe) is UNKNOWN, and so is everything computed from it: no rule speaks about it.
 */
import type { ColumnRef, Expression, FieldExpression, Query, SpecialCall } from '../sql/model/query.js';
import { arithmeticType, concatType } from './arithmetic-type.js';
import { builtInFunction, resultOf } from './functions/index.js';
import { commonType, plain } from './implicit-cast.js';
import { typeOfInterval, typeOfLiteral, typeOfTypedLiteral } from './literal-type.js';
import { MAX_LENGTH, UNKNOWN, isUnknown, toSqlType, type SqlType } from './sql-type.js';

/** What an expression can see: the columns of the relations in its FROM (and outer queries). */
export interface ExpressionScope {
  /** The type of a column reference; UNKNOWN when the scope cannot know it, undefined when it does not exist. */
  column(ref: ColumnRef): SqlType | undefined;
  /** The column types a subquery produces, when the scope knows them (scalar subqueries, IN lists). */
  subquery?(query: Query): readonly SqlType[] | undefined;
}

const bool = (nullable: boolean): SqlType => ({ root: 'BOOLEAN', nullable });
const STRING: SqlType = { root: 'VARCHAR', nullable: true, length: MAX_LENGTH };
const anyNullable = (types: readonly SqlType[]): boolean => types.some((t) => t.nullable);

function typesOf(list: readonly Expression[], scope: ExpressionScope): SqlType[] {
  const out: SqlType[] = [];
  for (const e of list) out.push(typeOfExpression(e, scope));
  return out;
}

// Recursive and called by most semantic rules on every expression they judge: no closure per node.
export function typeOfExpression(expr: Expression, scope: ExpressionScope): SqlType {
  switch (expr.kind) {
    case 'literal':
      return typeOfLiteral(expr);
    case 'typedLiteral':
      return typeOfTypedLiteral(expr);
    case 'interval': {
      const t = typeOfInterval(expr);
      // `INTERVAL x DAY` over a nullable expression is nullable.
      return expr.value.kind === 'literal' ? t : { ...t, nullable: typeOfExpression(expr.value, scope).nullable };
    }
    case 'column':
      return scope.column(expr) ?? UNKNOWN;
    case 'parenthesized':
      return typeOfExpression(expr.expression, scope);
    case 'unary': {
      const t = typeOfExpression(expr.operand, scope);
      if (expr.operator === 'NOT') return bool(t.nullable);
      if (expr.operator === '-' || expr.operator === '+') return isUnknown(t) ? t : plain(t);
      return t;
    }
    case 'binary': {
      const l = typeOfExpression(expr.left, scope);
      const r = typeOfExpression(expr.right, scope);
      switch (expr.operator) {
        case 'AND':
        case 'OR':
        case '=':
        case '<>':
        case '!=':
        case '<':
        case '<=':
        case '>':
        case '>=':
          return bool(l.nullable || r.nullable);
        case '||':
          return concatType(l, r);
        default:
          return arithmeticType(expr.operator, l, r);
      }
    }
    case 'is':
    case 'distinctFrom':
    case 'exists':
      return bool(false);
    case 'like':
      return bool(typeOfExpression(expr.operand, scope).nullable || typeOfExpression(expr.pattern, scope).nullable);
    case 'between':
      return bool(
        typeOfExpression(expr.operand, scope).nullable ||
          typeOfExpression(expr.low, scope).nullable ||
          typeOfExpression(expr.high, scope).nullable,
      );
    case 'in':
    case 'quantified':
      return bool(typeOfExpression(expr.operand, scope).nullable || anyNullable(typesOf(expr.list ?? [], scope)));
    case 'subquery': {
      const columns = scope.subquery?.(expr.query);
      return columns?.length === 1 ? { ...columns[0]!, nullable: true } : UNKNOWN;
    }
    case 'row':
      return {
        root: 'ROW',
        nullable: false,
        fields: expr.items.map((e, i) => ({ name: `EXPR$${i}`, type: typeOfExpression(e, scope) })),
      };
    case 'collection':
      return collectionType(expr.collection, expr.items && typesOf(expr.items, scope));
    case 'case': {
      const results = expr.whens.map((w) => typeOfExpression(w.then, scope));
      if (expr.else) results.push(typeOfExpression(expr.else, scope));
      const t = commonType(results) ?? UNKNOWN;
      return expr.else || isUnknown(t) ? t : { ...t, nullable: true };
    }
    case 'cast': {
      const target = toSqlType(expr.type);
      if (isUnknown(target)) return target;
      const nullable = expr.function === 'TRY_CAST' || typeOfExpression(expr.operand, scope).nullable;
      return { ...target, nullable };
    }
    case 'call': {
      if (expr.name.parts.length !== 1) return UNKNOWN;
      const spec = builtInFunction(expr.name.parts[0]!.value);
      return spec ? resultOf(spec, typesOf(expr.args, scope)) : UNKNOWN;
    }
    case 'specialCall':
      return specialCallType(expr, scope);
    case 'index': {
      const base = typeOfExpression(expr.base, scope);
      if (base.root === 'ARRAY' && base.element) return { ...base.element, nullable: true };
      if (base.root === 'MAP' && base.value) return { ...base.value, nullable: true };
      return UNKNOWN;
    }
    case 'field':
      return fieldType(expr, typeOfExpression(expr.base, scope));
    case 'namedArgument':
      return typeOfExpression(expr.value, scope);
    default:
      return UNKNOWN;
  }
}

function collectionType(kind: 'ARRAY' | 'MAP' | 'MULTISET', items: SqlType[] | undefined): SqlType {
  if (!items || items.length === 0) return UNKNOWN;
  if (kind === 'MAP') {
    const key = commonType(items.filter((_, i) => i % 2 === 0));
    const value = commonType(items.filter((_, i) => i % 2 === 1));
    return key && value ? { root: 'MAP', nullable: false, key, value } : UNKNOWN;
  }
  const element = commonType(items);
  return element ? { root: kind, nullable: false, element } : UNKNOWN;
}

function fieldType(expr: FieldExpression, base: SqlType): SqlType {
  if (base.root !== 'ROW' || !base.fields) return UNKNOWN;
  const f = base.fields.find((x) => x.name === expr.field.value);
  return f ? { ...f.type, nullable: f.type.nullable || base.nullable } : UNKNOWN;
}

/** The syntax-special functions (EXTRACT(… FROM …), TRIM(… FROM …), JSON_VALUE(… RETURNING …) …). */
function specialCallType(call: SpecialCall, scope: ExpressionScope): SqlType {
  const exprs = call.parts.filter((p): p is Expression => p.kind !== 'keyword' && p.kind !== 'dataType');
  const types = typesOf(exprs, scope);
  const nullable = anyNullable(types);
  switch (call.name) {
    case 'EXTRACT':
      return { root: 'BIGINT', nullable };
    case 'POSITION':
      return { root: 'INT', nullable };
    case 'TIMESTAMPDIFF':
      return { root: 'INT', nullable };
    case 'SUBSTRING':
    case 'TRIM':
    case 'OVERLAY':
    case 'TRANSLATE':
    case 'CONVERT':
      return { ...STRING, nullable };
    case 'FLOOR':
    case 'CEIL':
    case 'CEILING': {
      const t = types[0];
      return t && !isUnknown(t) ? plain(t) : UNKNOWN;
    }
    case 'TIMESTAMPADD': {
      const t = types[types.length - 1];
      return t && !isUnknown(t) ? plain(t) : UNKNOWN;
    }
    case 'JSON_VALUE': {
      const returning = call.parts.find((p) => p.kind === 'dataType');
      return returning?.kind === 'dataType' ? { ...toSqlType(returning.type), nullable: true } : STRING;
    }
    case 'JSON_QUERY':
      return STRING;
    case 'JSON_EXISTS':
      return bool(true);
    case 'JSON_OBJECT':
    case 'JSON_ARRAY':
    case 'JSON_OBJECTAGG':
    case 'JSON_ARRAYAGG':
      return { ...STRING, nullable: false };
    default:
      return UNKNOWN;
  }
}
