#!/usr/bin/env node
// `npm run generate:validators`: compiles schemas/job.schema.json and schemas/project.schema.json
// with ajv once, here, and writes the validators as modules under src/manifest/generated/.
//
// Compiling the two schemas cost every process ~135 ms of CPU at its first manifest (every
// `streampilot check`, the app at start). The generated modules are committed rather than
// produced by `npm run build`: vitest runs the TypeScript sources, tsc copies them into dist/
// and esbuild bundles them like any other module, so every way the code runs gets the same
// validator and none needs a fallback compile path that would be tested less.
// test/manifest/generated-validators.test.ts fails when they no longer match the schemas (or
// the installed ajv), and checks them against a validator ajv compiles at test time.
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const AJV_VERSION = createRequire(import.meta.url)('ajv/package.json').version;

export const MANIFEST_KINDS = ['job', 'project'];

// verbose: errors carry the failing (sub)schema, so messages can list allowed keys and quote the
// schema's own wording; allErrors: the user sees every problem at once.
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true };
// patternErrorMessage is understood by VS Code's YAML/JSON language service; maximumHint says why
// a bound exists (what downstream reads the value as). For ajv both are annotations.
export const ANNOTATION_KEYWORDS = ['patternErrorMessage', 'maximumHint'];

/** An ajv configured as the manifests' validators are; `code` is added for generating source. */
export function manifestAjv(code) {
  const ajv = new Ajv(code ? { ...AJV_OPTIONS, code } : AJV_OPTIONS);
  ajv.addVocabulary(ANNOTATION_KEYWORDS);
  return ajv;
}

export function manifestSchemaPath(kind) {
  return path.join(root, 'schemas', `${kind}.schema.json`);
}

export function validatorModulePath(kind) {
  return path.join(root, 'src', 'manifest', 'generated', `${kind}-schema-validator.ts`);
}

/**
 * The module's text: ajv's standalone ESM output, which still calls `require()` for ajv's run-time
 * helpers (ucs2length, for minLength/maxLength in code points). They are loaded with a require
 * made by createRequire: a CommonJS module means the same thing to it under Node, vitest and an
 * esbuild bundle, whereas an `import` of one does not (vitest hands `exports.default` to a default
 * import, Node `module.exports`). A bundle that leaves out node_modules must keep ajv external.
 */
export function validatorModuleSource(kind) {
  const schema = JSON.parse(readFileSync(manifestSchemaPath(kind), 'utf8'));
  const ajv = manifestAjv({ source: true, esm: true, lines: true });
  const code = standaloneCode(ajv, ajv.compile(schema)).replace(/^"use strict";\n?/, '');
  const body = code.replace(/\brequire\("ajv\/dist\/runtime\//g, 'requireAjvRuntime("ajv/dist/runtime/');
  if (/\brequire\(/.test(body))
    throw new Error(`ajv's code for ${kind}.schema.json requires a module outside ajv/dist/runtime: load it here too`);
  return [
    '// @ts-nocheck -- plain JavaScript from ajv',
    `// Generated from schemas/${kind}.schema.json by \`npm run generate:validators\` (scripts/generate-validators.mjs)`,
    `// with ajv ${AJV_VERSION}, ${JSON.stringify(AJV_OPTIONS)}, vocabulary ${ANNOTATION_KEYWORDS.join(', ')}.`,
    '// Do not edit: change the schema and run `npm run generate:validators`.',
    ...(body.includes('requireAjvRuntime(')
      ? ['import { createRequire } from "node:module";', 'const requireAjvRuntime = createRequire(import.meta.url);']
      : []),
    body.trimEnd(),
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  for (const kind of MANIFEST_KINDS) {
    const file = validatorModulePath(kind);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, validatorModuleSource(kind));
    console.log(`generate-validators: ${path.relative(root, file)}`);
  }
}
