/**
 * Look-ups over the connector and format catalog: which keys a table's WITH options may use,
 * given its connector and the formats it names.
 */
import { CONNECTORS, type ConnectorSpec } from './connectors.js';
import { FORMATS, type FormatSpec } from './formats.js';
import type { FormatSlot } from './types.js';

export type { ConnectorSpec, FormatSpec };
export { CONNECTORS, FORMATS };

const connectorById = new Map(CONNECTORS.map((c) => [c.id, c]));
const formatById = new Map(FORMATS.map((f) => [f.id, f]));

export const findConnector = (id: string): ConnectorSpec | undefined => connectorById.get(id);
export const findFormat = (id: string): FormatSpec | undefined => formatById.get(id);
export const connectorIds = (): string[] => CONNECTORS.map((c) => c.id);
export const formatIds = (): string[] => FORMATS.map((f) => f.id);

/** The prefix a format's options carry in a given slot: `json.`, `key.json.`, `value.json.`. */
export function formatOptionPrefix(slot: FormatSlot, format: string): string {
  return slot === 'format' ? `${format}.` : `${slot.slice(0, -'format'.length)}${format}.`;
}

/**
 * FLIP-296, Flink 1.18+: `FactoryUtil.TableFactoryHelper` marks these as consumed for every
 * table factory, so any connector accepts them (sources read them; `checkWatermarkOptions`
 * validates them).
 */
export const WATERMARK_OPTIONS: readonly string[] = [
  'scan.watermark.emit.strategy',
  'scan.watermark.alignment.group',
  'scan.watermark.alignment.max-drift',
  'scan.watermark.alignment.update-interval',
  'scan.watermark.idle-timeout',
];
export const WATERMARK_OPTIONS_SINCE = '1.18';
/** `FactoryUtil.WATERMARK_EMIT_STRATEGY` is an enum of `WatermarkEmitStrategy`. */
const WATERMARK_VALUES: Readonly<Record<string, readonly string[]>> = {
  'scan.watermark.emit.strategy': ['on-event', 'on-periodic'],
};

/**
 * The values an option accepts when they form a fixed list, or undefined. Per-column datagen
 * options are listed under `fields.*.<option>`.
 */
export function allowedValues(connector: ConnectorSpec, key: string): readonly string[] | undefined {
  const field = connector.fieldOptions ? /^fields\..+\.([^.]+)$/.exec(key) : null;
  const listed = field ? `fields.*.${field[1]}` : key;
  return connector.values?.[listed] ?? WATERMARK_VALUES[key];
}

export interface OptionKeyVerdict {
  known: boolean;
  /** A key this one may be a misspelling of. */
  candidates: string[];
}

export interface TableOptionsShape {
  /** option key -> value, as written. */
  options: ReadonlyMap<string, string>;
  /** Column names of the table, for `fields.<column>.*` families; undefined when unknown (LIKE). */
  columns?: readonly string[];
  /** The job's Flink accepts FLIP-296's `scan.watermark.*` options (1.18+). */
  watermarkOptions?: boolean;
}

/**
 * Every exact key a table with this connector and these formats may set. Used both for the
 * "is it known" test and as the candidates for "did you mean".
 */
export function exactKeys(connector: ConnectorSpec, table: TableOptionsShape): string[] {
  const keys = ['connector', ...connector.required.flat(), ...connector.options, ...connector.formatSlots];
  if (table.watermarkOptions) keys.push(...WATERMARK_OPTIONS);
  for (const slot of connector.formatSlots) {
    const formatId = table.options.get(slot);
    const format = formatId === undefined ? undefined : findFormat(formatId);
    if (!format) continue;
    const prefix = formatOptionPrefix(slot, format.id);
    for (const o of [...(format.required ?? []), ...format.options]) keys.push(prefix + o);
  }
  if (connector.fieldOptions && table.columns) {
    for (const column of table.columns) for (const o of connector.fieldOptions) keys.push(`fields.${column}.${o}`);
  }
  return [...new Set(keys)];
}

// The connector's own keys and each format's, as sets built once: a check asks about every
// option of every table, and most keys are known, so the full list (exactKeys) is only built to
// suggest a spelling.
const connectorKeySets = new WeakMap<ConnectorSpec, ReadonlySet<string>>();
const formatKeySets = new WeakMap<FormatSpec, ReadonlySet<string>>();

function connectorKeySet(connector: ConnectorSpec): ReadonlySet<string> {
  let keys = connectorKeySets.get(connector);
  if (!keys) {
    keys = new Set(['connector', ...connector.required.flat(), ...connector.options, ...connector.formatSlots]);
    connectorKeySets.set(connector, keys);
  }
  return keys;
}

function formatKeySet(format: FormatSpec): ReadonlySet<string> {
  let keys = formatKeySets.get(format);
  if (!keys) {
    keys = new Set([...(format.required ?? []), ...format.options]);
    formatKeySets.set(format, keys);
  }
  return keys;
}

/** Whether `key` is one of `exactKeys(connector, table)`, without building that list. */
export function isExactKey(connector: ConnectorSpec, table: TableOptionsShape, key: string): boolean {
  if (connectorKeySet(connector).has(key)) return true;
  if (table.watermarkOptions && WATERMARK_OPTIONS.includes(key)) return true;
  for (const slot of connector.formatSlots) {
    const formatId = table.options.get(slot);
    const format = formatId === undefined ? undefined : findFormat(formatId);
    if (!format) continue;
    const prefix = formatOptionPrefix(slot, format.id);
    if (key.startsWith(prefix) && formatKeySet(format).has(key.slice(prefix.length))) return true;
  }
  if (connector.fieldOptions && table.columns && key.startsWith('fields.')) {
    for (const column of table.columns) {
      const prefix = `fields.${column}.`;
      if (key.startsWith(prefix) && connector.fieldOptions.includes(key.slice(prefix.length))) return true;
    }
  }
  return false;
}

/** Whether `key` is accepted by the connector (and the formats it names), exactly or through an open prefix. */
export function isKnownOptionKey(
  connector: ConnectorSpec,
  table: TableOptionsShape,
  key: string,
  exact?: ReadonlySet<string>,
): boolean {
  if (exact ? exact.has(key) : isExactKey(connector, table, key)) return true;
  if (connector.openPrefixes?.some((p) => key.startsWith(p) && key.length > p.length)) return true;
  for (const slot of connector.formatSlots) {
    const formatId = table.options.get(slot);
    if (formatId === undefined) continue;
    const prefix = formatOptionPrefix(slot, formatId);
    if (!key.startsWith(prefix)) continue;
    const format = findFormat(formatId);
    // An unknown (custom) format's options cannot be checked.
    if (!format) return true;
    const rest = key.slice(prefix.length);
    if (format.openPrefixes?.some((p) => rest.startsWith(p) && rest.length > p.length)) return true;
  }
  // datagen's `fields.<column>.<option>` when the columns are unknown (LIKE): trust the column.
  if (connector.fieldOptions && !table.columns) {
    const m = /^fields\.(.+)\.([^.]+)$/.exec(key);
    if (m && connector.fieldOptions.includes(m[2]!)) return true;
  }
  return false;
}

/** Format slots of a table that name a format, with the format id. */
export function formatsInUse(
  connector: ConnectorSpec,
  options: ReadonlyMap<string, string>,
): { slot: FormatSlot; format: string }[] {
  const out: { slot: FormatSlot; format: string }[] = [];
  for (const slot of connector.formatSlots) {
    const format = options.get(slot);
    if (format !== undefined) out.push({ slot, format });
  }
  return out;
}
