/**
 * Checks the API server makes on built-in kinds that the deploy relies on (Secrets: see
 * validateSecret). Leases: `acquireTime`
 * and `renewTime` are MicroTime, which the server decodes only as RFC 3339 with exactly six
 * fractional digits (a JavaScript `toISOString()` with milliseconds is a 400), and
 * `leaseDurationSeconds` is an int32.
 */
import { badRequest, invalid } from './api-status.js';
import type { ResourceType } from './resources.js';

type Obj = Record<string, unknown>;

const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

export function validateBuiltIn(type: ResourceType, object: Obj): void {
  if (type.kind === 'Secret') return validateSecret(type, object);
  if (type.kind !== 'Lease') return;
  const spec = (object.spec ?? {}) as Obj;
  for (const field of ['acquireTime', 'renewTime']) {
    const value = spec[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || !MICRO_TIME.test(value)) {
      throw badRequest(
        `Lease in version "v1" cannot be handled as a Lease: parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05.000000Z07:00": cannot parse as ".000000"`,
      );
    }
  }
  const duration = spec.leaseDurationSeconds;
  if (duration !== undefined && (!Number.isInteger(duration) || (duration as number) <= 0)) {
    const name = String((object.metadata as Obj | undefined)?.name ?? '');
    throw invalid(type, name, [
      {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(duration)}: must be greater than 0`,
        field: 'spec.leaseDurationSeconds',
      },
    ]);
  }
}

// IsConfigMapKey in k8s.io/apimachinery/pkg/util/validation/validation.go, which ValidateSecret
// (pkg/apis/core/validation/validation.go) applies to every key of `data`.
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Secrets as the API server stores them: `data` values are base64 (a []byte field, decoded from
 * JSON: anything else is a 400 before validation), `stringData` is write-only and merged into
 * `data` on write, its keys winning (Convert_v1_Secret_To_core_Secret in pkg/apis/core/v1/
 * conversion.go), and every key must be a config key. Mutates `object` into its stored form.
 */
function validateSecret(type: ResourceType, object: Obj): void {
  const name = String((object.metadata as Obj | undefined)?.name ?? '');
  const data = { ...((object.data ?? {}) as Obj) };
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string' || !BASE64.test(value))
      throw badRequest(`Secret in version "v1" cannot be handled as a Secret: illegal base64 data in key ${key}`);
  }
  for (const [key, value] of Object.entries((object.stringData ?? {}) as Obj))
    data[key] = Buffer.from(String(value), 'utf8').toString('base64');
  delete object.stringData;
  const bad = Object.keys(data).filter(
    (key) => !CONFIG_KEY.test(key) || key === '.' || key === '..' || key.startsWith('..'),
  );
  if (bad.length > 0) {
    throw invalid(
      type,
      name,
      bad.map((key) => ({
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(key)}: a valid config key must consist of alphanumeric characters, '-', '_' or '.'`,
        field: `data[${key}]`,
      })),
    );
  }
  if (Object.keys(data).length > 0) object.data = data;
}
