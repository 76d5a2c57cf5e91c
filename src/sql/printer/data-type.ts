import type { Identifier } from '../model/common.js';
import type { DataType } from '../model/types.js';

/** Canonical Flink spelling of a data type; parsing it back yields the same type. */
export function printDataType(t: DataType): string {
  return printBase(t) + (t.nullable ? '' : ' NOT NULL');
}

function printBase(t: DataType): string {
  switch (t.kind) {
    case 'atomic': {
      let s: string = t.name;
      if (t.precision !== undefined) s += `(${t.precision}${t.scale !== undefined ? `, ${t.scale}` : ''})`;
      if (t.timeZone === 'local') s += ' WITH LOCAL TIME ZONE';
      return s;
    }
    case 'interval': {
      let s = `INTERVAL ${t.from}`;
      if (t.fromPrecision !== undefined)
        s += `(${t.fromPrecision}${t.from === 'SECOND' && t.toPrecision !== undefined ? `, ${t.toPrecision}` : ''})`;
      else if (t.from === 'SECOND' && t.to === undefined && t.toPrecision !== undefined) s += `(${t.toPrecision})`;
      if (t.to) s += ` TO ${t.to}${t.toPrecision !== undefined ? `(${t.toPrecision})` : ''}`;
      return s;
    }
    case 'collection':
      return `${t.collection}<${printDataType(t.element)}>`;
    case 'map':
      return `MAP<${printDataType(t.key)}, ${printDataType(t.value)}>`;
    case 'row':
      return `ROW<${t.fields.map((f) => `${printIdentifier(f.name)} ${printDataType(f.type)}${f.comment ? ' ' + printString(f.comment.value) : ''}`).join(', ')}>`;
    case 'raw':
      return `RAW(${printString(t.className.value)}${t.snapshot ? ', ' + printString(t.snapshot.value) : ''})`;
    case 'named':
      return t.name.parts.map(printIdentifier).join('.');
  }
}

/** A name as written: back-ticked when it was (unquoted names lex the same again). */
export function printIdentifier(id: Identifier): string {
  return id.quoted ? '`' + id.value.replace(/`/g, '``') + '`' : id.value;
}

export function printString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
