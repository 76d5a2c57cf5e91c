// Types of scripts/generate-validators.mjs, for the test that checks the generated validators.
import type { Ajv, CodeOptions, Options } from 'ajv';

export type ManifestKind = 'job' | 'project';
export const MANIFEST_KINDS: readonly ManifestKind[];
export const AJV_OPTIONS: Options;
export const ANNOTATION_KEYWORDS: readonly string[];
export function manifestAjv(code?: CodeOptions): Ajv;
export function manifestSchemaPath(kind: ManifestKind): string;
export function validatorModulePath(kind: ManifestKind): string;
export function validatorModuleSource(kind: ManifestKind): string;
