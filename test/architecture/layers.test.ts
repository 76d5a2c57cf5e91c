// The layer order of src/ (README, Architecture): entrypoints → workflows → reports → GitHub →
// deploy steps, images, plans → rules, rendering, ports → manifests → SQL and other leaves →
// errors and diagnostics → text. Walks every relative import of src/ and fails on an import
// against that order or a cycle between folders.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, folderImports, layerViolations, type FolderImport } from '../support/import-layers.js';
import { repoRoot } from '../support/repo-root.js';

/** Lowest first. A folder imports only folders of a lower layer. */
const LAYERS: readonly (readonly string[])[] = [
  ['text'],
  ['.'],
  ['sql', 'connectors', 'kube', 'git', 'cache', 'registry', 'commands'],
  ['runner', 'semantics'],
  ['manifest'],
  ['maven', 'rules', 'render', 'flink'],
  ['image', 'deploy', 'plan'],
  ['github'],
  ['report'],
  ['workflows'],
  ['app', 'cli'],
];

describe('the layers of src/', () => {
  const imports = folderImports(path.join(repoRoot, 'src'));

  it('every import points down the layer order', () => {
    expect(imports.length).toBeGreaterThan(100);
    expect(layerViolations(imports, LAYERS)).toEqual([]);
  });

  it('no cycle between folders', () => {
    expect(folderCycles(imports)).toEqual([]);
  });

  it('catches a deliberate upward import and a cycle (fixture graph)', () => {
    const fixture: FolderImport[] = [
      { from: 'workflows', to: 'report', file: 'workflows/deploy-on-merge.ts', spec: '../report/deploy-comment.js' },
      { from: 'report', to: 'workflows', file: 'report/format-build.ts', spec: '../workflows/build-images.js' },
      { from: 'sql', to: 'rules', file: 'sql/build-units.ts', spec: '../rules/types.js' },
      { from: 'rules', to: 'sql', file: 'rules/index.ts', spec: '../sql/parse.js' },
      { from: 'newfolder', to: 'text', file: 'newfolder/x.ts', spec: '../text/quote.js' },
    ];
    expect(layerViolations(fixture, LAYERS)).toEqual([
      'folder newfolder/ is in no layer (src/newfolder/x.ts)',
      'src/report/format-build.ts imports ../workflows/build-images.js: report/ may not import workflows/ (a higher layer)',
      'src/sql/build-units.ts imports ../rules/types.js: sql/ may not import rules/ (a higher layer)',
    ]);
    expect(folderCycles(fixture)).toEqual([
      ['report', 'workflows'],
      ['rules', 'sql'],
    ]);
  });
});
