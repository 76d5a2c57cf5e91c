#!/usr/bin/env node
// `npm run bench`: bundles bench/main.ts with esbuild (dt-sql-parser, the baseline, ships
// ESM that plain Node cannot load) and runs it in this Node.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// One level below the repository root, like dist/, so code that finds schemas/ relative
// to itself finds it from the bundle too.
const outdir = path.join(here, '..', '.bench-build');
mkdirSync(outdir, { recursive: true });
const entries = {
  main: path.join(here, 'main.ts'),
  'first-parse': path.join(here, 'first-parse.ts'),
  'measure-check': path.join(here, 'measure-check.ts'),
};
await build({
  entryPoints: entries,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir,
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
await import(pathToFileURL(path.join(outdir, 'main.mjs')).href);
