import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../../..');
const LAYERS = ['decorators', 'lib', 'domains', 'src'] as const;

export interface ImportEdge {
  /** Importing file, relative to the repository root (`domains/billing/index.ts`). */
  from: string;
  /** Imported file or folder, relative to the root, without extension (`lib/kit`). */
  to: string;
}

/** Every relative import (import, export … from, import type, require, dynamic import) of the layered folders. */
export function importEdges(root = ROOT): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const layer of LAYERS) {
    for (const file of walk(path.join(root, layer))) {
      const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
      for (const ref of info.importedFiles) {
        if (!ref.fileName.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), ref.fileName);
        edges.push({ from: rel(root, file), to: rel(root, target).replace(/\/index$/, '').replace(/\.(js|ts)$/, '') });
      }
    }
  }
  return edges;
}

/**
 * The arrows of DESIGN.md "Layers": decorators → lib → domains → src, each importing only the ones
 * left of it; a domain reaches the engine only through the domain kit (`lib/kit`) and another
 * domain only through that domain's public index. Returns one line per broken arrow.
 */
export function layeringViolations(edges: ImportEdge[]): string[] {
  const out: string[] = [];
  for (const { from, to } of edges) {
    const [fromLayer, fromModule] = from.split('/');
    const [toLayer, toModule] = to.split('/');
    const rank = (l: string) => LAYERS.indexOf(l as (typeof LAYERS)[number]);
    if (rank(toLayer) < 0) continue; // test/, bench/, package.json: not a layer
    if (rank(toLayer) > rank(fromLayer)) {
      out.push(`${from} imports ${to}: ${fromLayer}/ may not import ${toLayer}/`);
      continue;
    }
    if (fromLayer !== 'domains') continue;
    if (toLayer === 'decorators' || (toLayer === 'lib' && to !== 'lib/kit')) {
      out.push(`${from} imports ${to}: a domain reaches the engine only through lib/kit`);
    } else if (toLayer === 'domains' && toModule !== fromModule && toModule !== undefined && to !== `domains/${toModule}`) {
      out.push(`${from} imports ${to}: another domain is reached only through its public index (domains/${toModule})`);
    }
  }
  return out;
}

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/').replace(/\.ts$/, '');
}

function* walk(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield p;
  }
}

/** Import circles among the files of `layer` (each circle once, as a path that returns to its start). */
export function importCircles(edges: ImportEdge[], layer = 'domains'): string[][] {
  const next = new Map<string, string[]>();
  const files = new Set(edges.filter((e) => e.from.startsWith(`${layer}/`)).map((e) => e.from));
  for (const e of edges) {
    if (!e.from.startsWith(`${layer}/`)) continue;
    const to = files.has(e.to) ? e.to : files.has(`${e.to}/index`) ? `${e.to}/index` : undefined;
    if (to) next.set(e.from, [...(next.get(e.from) ?? []), to]);
  }
  const circles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of next.get(f) ?? []) {
      if (state.get(t) === 'open') {
        const circle = [...stack.slice(stack.indexOf(t)), t];
        const key = [...circle.slice(0, -1)].sort().join('|');
        if (!seen.has(key)) (seen.add(key), circles.push(circle));
      } else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return circles;
}
