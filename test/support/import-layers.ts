import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One import between two folders of src/: `from` imports `to` in `file` (as written: `spec`). */
export interface FolderImport {
  from: string;
  to: string;
  file: string;
  spec: string;
}

/** The folder of src/ a file is in; files directly in src/ (errors.ts, diagnostics.ts) are the folder `.`. */
export function folderOf(srcDir: string, file: string): string {
  const rel = path.relative(srcDir, file).split(path.sep);
  return rel.length > 1 ? rel[0]! : '.';
}

// Static imports, re-exports and dynamic imports of relative modules. Package imports do not
// cross our folders, so they are left out.
const RELATIVE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;

/** Every relative import under `srcDir` that crosses from one folder to another. */
export function folderImports(srcDir: string): FolderImport[] {
  const out: FolderImport[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        for (const m of readFileSync(full, 'utf8').matchAll(RELATIVE_IMPORT)) {
          const target = path.resolve(path.dirname(full), m[1]!);
          const from = folderOf(srcDir, full);
          const to = folderOf(srcDir, target);
          if (from !== to) out.push({ from, to, file: path.relative(srcDir, full), spec: m[1]! });
        }
      }
    }
  };
  walk(srcDir);
  return out;
}

/**
 * Imports against the layer order (lowest layer first): a folder may import only folders of a
 * lower layer, never its own layer's other folders or a higher one. A folder in no layer is a
 * violation too, so a new folder must be placed before it is used.
 */
export function layerViolations(imports: readonly FolderImport[], layers: readonly (readonly string[])[]): string[] {
  const rank = new Map<string, number>();
  layers.forEach((folders, i) => folders.forEach((f) => rank.set(f, i)));
  const out = new Set<string>();
  for (const i of imports) {
    const from = rank.get(i.from);
    const to = rank.get(i.to);
    if (from === undefined) out.add(`folder ${i.from}/ is in no layer (src/${i.file})`);
    else if (to === undefined) out.add(`folder ${i.to}/ is in no layer (imported by src/${i.file})`);
    else if (to >= from)
      out.add(
        `src/${i.file} imports ${i.spec}: ${i.from}/ may not import ${i.to}/ (${to === from ? 'same layer' : 'a higher layer'})`,
      );
  }
  return [...out].sort();
}

/** Cycles between folders, each as the folders in order, starting from its smallest name. */
export function folderCycles(imports: readonly FolderImport[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const i of imports) (next.get(i.from) ?? next.set(i.from, new Set()).get(i.from)!).add(i.to);
  const cycles = new Map<string, string[]>();
  const visit = (node: string, trail: string[]): void => {
    const at = trail.indexOf(node);
    if (at >= 0) {
      const cycle = trail.slice(at);
      const start = cycle.indexOf([...cycle].sort()[0]!);
      const canonical = [...cycle.slice(start), ...cycle.slice(0, start)];
      cycles.set(canonical.join('>'), canonical);
      return;
    }
    for (const to of next.get(node) ?? []) visit(to, [...trail, node]);
  };
  for (const node of next.keys()) visit(node, []);
  return [...cycles.values()];
}
