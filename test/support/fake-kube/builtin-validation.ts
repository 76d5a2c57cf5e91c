/**
 * Checks the API server makes on built-in kinds that the deploy relies on. Leases: `acquireTime`
 * and `renewTime` are MicroTime, which the server decodes only as RFC 3339 with exactly six
 * fractional digits (a JavaScript `toISOString()` with milliseconds is a 400), and
 * `leaseDurationSeconds` is an int32.
 */
import { badRequest, invalid } from './api-status.js';
import type { ResourceType } from './resources.js';

type Obj = Record<string, unknown>;

const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

export function validateBuiltIn(type: ResourceType, object: Obj): void {
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
