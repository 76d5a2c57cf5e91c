import { describe, expect, test } from 'vitest';
import {
  CONNECTORS,
  exactKeys,
  findConnector,
  FORMATS,
  isExactKey,
  isKnownOptionKey,
} from '../../src/connectors/catalog.js';
import { providerSatisfied } from '../../src/connectors/dependencies.js';
import { didYouMean } from '../../src/text/did-you-mean.js';

const known = (connector: string, options: Record<string, string>, key: string) => {
  const spec = findConnector(connector)!;
  const shape = { options: new Map(Object.entries(options)) };
  return isKnownOptionKey(spec, shape, key, new Set(exactKeys(spec, shape)));
};

describe('connector catalog', () => {
  test('isExactKey says yes to exactly the keys exactKeys lists, for every connector and format', () => {
    // The rule asks isExactKey for every option and builds exactKeys only to suggest a spelling: they must agree.
    for (const connector of CONNECTORS) {
      for (const format of [undefined, ...FORMATS]) {
        for (const watermarkOptions of [false, true]) {
          const options = new Map<string, string>();
          for (const slot of connector.formatSlots) if (format) options.set(slot, format.id);
          const shape = { options, columns: ['id', 'ts'], watermarkOptions };
          const listed = exactKeys(connector, shape);
          for (const key of listed) expect(isExactKey(connector, shape, key), `${connector.id}: ${key}`).toBe(true);
          const near = listed.flatMap((k) => [`${k}x`, k.slice(0, -1), `x.${k}`, k.toUpperCase()]);
          for (const key of [...near, 'fields.other.kind', 'fields.id.', 'json.', 'key.json.x'])
            expect(isExactKey(connector, shape, key), `${connector.id}: ${key}`).toBe(listed.includes(key));
        }
      }
    }
  });

  test('identifiers are unique and every non-built-in entry names its jar', () => {
    for (const list of [CONNECTORS, FORMATS]) {
      const ids = list.map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const x of list) if (!x.builtIn) expect(x.provider?.artifactIds.length, x.id).toBeGreaterThan(0);
    }
  });

  test('format options are accepted under the slot that names the format only', () => {
    expect(known('kafka', { format: 'json' }, 'json.fail-on-missing-field')).toBe(true);
    expect(known('kafka', { format: 'json' }, 'csv.field-delimiter')).toBe(false);
    expect(
      known('kafka', { 'value.format': 'avro-confluent' }, 'value.avro-confluent.properties.basic.auth.user.info'),
    ).toBe(true);
    expect(known('filesystem', { format: 'parquet' }, 'parquet.compression')).toBe(true);
    // A custom format's options cannot be checked, so they pass.
    expect(known('kafka', { format: 'acme-proto' }, 'acme-proto.schema')).toBe(true);
  });

  test('artifact ids match across versions and split modules, not across different jars', () => {
    const kafka = findConnector('kafka')!.provider!;
    expect(providerSatisfied(kafka, { maven: ['org.apache.flink:flink-connector-kafka:3.3.0-1.20'], jars: [] })).toBe(
      true,
    );
    expect(
      providerSatisfied(kafka, { maven: ['org.apache.flink:flink-connector-kafka-extra-tools:1.0'], jars: [] }),
    ).toBe(true);
    expect(
      providerSatisfied(kafka, { maven: ['org.apache.flink:flink-sql-connector-kinesis:5.0.0-1.20'], jars: [] }),
    ).toBe(false);
  });

  test('did you mean: typos and transpositions, not unrelated words', () => {
    expect(didYouMean('kakfa', ['kafka', 'jdbc'])).toBe('kafka');
    expect(didYouMean('scan.startup.mod', ['scan.startup.mode', 'scan.bounded.mode'])).toBe('scan.startup.mode');
    expect(didYouMean('Orders', ['orders'])).toBe('orders');
    expect(didYouMean('redis', ['kafka', 'jdbc', 'print'])).toBeUndefined();
  });
});
