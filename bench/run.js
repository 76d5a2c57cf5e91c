#!/usr/bin/env node
// `npm run bench`: bundles bench/main.ts with esbuild (dt-sql-parser, the baseline, ships
// ESM that plain Node cannot load) and runs it in this Node. `npm run bench -- deploy` runs
// only the deploy section, `npm run bench -- duplicate-tables` only the pathological-job one,
// `npm run bench -- cli-startup` only the CLI's start-up time, `npm run bench -- check` only the
// repository check against dt-sql-parser (with the semantic rules' own cost).
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// One level below the repository root, like dist/, so code that finds schemas/ relative
// to itself finds it from the bundle too.
const outdir = path.join(here, '..', '.bench-build');
mkdirSync(outdir, { recursive: true });
const BUNDLED = ['dt-sql-parser', 'antlr4ng', 'antlr4-c3'];
const entries = {
  main: path.join(here, 'main.ts'),
  'first-parse': path.join(here, 'first-parse.ts'),
  'dt-validate-cold': path.join(here, 'dt-validate-cold.ts'),
  'measure-check': path.join(here, 'measure-check.ts'),
  'deploy-only': path.join(here, 'deploy-only.ts'),
  'duplicate-tables-only': path.join(here, 'duplicate-tables-only.ts'),
  'cli-startup-only': path.join(here, 'cli-startup-only.ts'),
  'check-only': path.join(here, 'check-only.ts'),
  'deploy-measure': path.join(here, 'deploy-measure.ts'),
  'deploy-fake-kube': path.join(here, 'deploy-fake-kube.ts'),
};
// The app benchmark starts the app as `npm start` does, from dist/.
execFileSync(
  process.execPath,
  [
    path.join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    path.join(here, '..', 'tsconfig.build.json'),
  ],
  { stdio: 'inherit' },
);
// The renderer reads StreamPilot's SQL runner jar next to the module that loads it: next to the
// bundles here. Without it every job fails to render and the check measures less than it does.
execFileSync(
  process.execPath,
  [path.join(here, '..', 'scripts', 'build-runner.mjs'), '--out', path.join(outdir, 'streampilot-sql-runner.jar')],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
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
  // Only dt-sql-parser needs bundling; every other package loads from node_modules as usual
  // (dockerode's optional native addons cannot be bundled at all).
  plugins: [
    {
      name: 'external-packages',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          BUNDLED.some((p) => args.path === p || args.path.startsWith(`${p}/`))
            ? undefined
            : { path: args.path, external: true },
        );
      },
    },
  ],
});
const SECTIONS = {
  deploy: 'deploy-only.mjs',
  'duplicate-tables': 'duplicate-tables-only.mjs',
  'cli-startup': 'cli-startup-only.mjs',
  check: 'check-only.mjs',
};
const section = process.argv[2];
if (section !== undefined && !Object.hasOwn(SECTIONS, section)) {
  throw new Error(
    `unknown bench section "${section}": run \`npm run bench\` for all, or \`npm run bench -- ${Object.keys(SECTIONS).join('|')}\``,
  );
}
await import(pathToFileURL(path.join(outdir, section === undefined ? 'main.mjs' : SECTIONS[section])).href);
