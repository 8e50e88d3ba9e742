import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Features form a layered whole: units and access at the base, audit below every feature, criteria →
 * assessments → dashboard / roadmaps, capital and ocop → portal, which reads them. A feature may import a
 * feature below it, never one that (directly or through others) imports it back. Test files and shared
 * test suites (*.test.ts, *.suite.ts) may reach anywhere and are not counted.
 */

const FEATURES = dirname(fileURLToPath(import.meta.url));

/** One file import that makes an edge between two features. */
interface Edge {
  from: string;
  to: string;
  file: string;
  specifier: string;
}

type FeatureGraph = Map<string, Map<string, Edge>>;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !/\.(test|suite)\.ts$/.test(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

/** The feature a path inside src/features belongs to, or null for anything outside a feature folder. */
function featureOf(path: string): string | null {
  const parts = relative(FEATURES, path).split(sep);
  if (parts.length < 2 || parts[0] === '..' || parts[0] === '') return null;
  return parts[0]!;
}

/** Every feature → feature edge, each with the first file import (in path order) that makes it. */
function featureGraph(): FeatureGraph {
  const graph: FeatureGraph = new Map();
  for (const file of sourceFiles(FEATURES).sort()) {
    const from = featureOf(file);
    if (!from) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    // Static imports, re-exports, `import type`, dynamic import() and require() alike.
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of info.importedFiles) {
      if (!specifier.startsWith('.')) continue;
      const to = featureOf(resolve(dirname(file), specifier));
      if (!to || to === from) continue;
      const edges = graph.get(from)!;
      if (!edges.has(to)) edges.set(to, { from, to, file: relative(FEATURES, file).split(sep).join('/'), specifier });
    }
  }
  return graph;
}

/** Strongly connected components with more than one feature (Tarjan), each with one cycle through all of its features' edges found. */
function findCycles(graph: FeatureGraph): Edge[][] {
  const nodes = [...new Set([...graph.keys(), ...[...graph.values()].flatMap((m) => [...m.keys()])])].sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of [...(graph.get(v)?.keys() ?? [])].sort()) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);

  // In each component, the shortest cycle back to its first feature (breadth-first inside the component).
  return components.map((component) => {
    const members = new Set(component);
    const start = component[0]!;
    const via = new Map<string, Edge>();
    const queue = [start];
    while (queue.length > 0) {
      const v = queue.shift()!;
      for (const [w, edge] of [...(graph.get(v) ?? new Map<string, Edge>())].sort(([a], [b]) => a.localeCompare(b))) {
        if (!members.has(w)) continue;
        if (w === start) {
          const cycle = [edge];
          for (let at = v; at !== start; at = via.get(at)!.from) cycle.unshift(via.get(at)!);
          return cycle;
        }
        if (!via.has(w)) {
          via.set(w, edge);
          queue.push(w);
        }
      }
    }
    throw new Error(`no cycle found in component ${component.join(', ')}`);
  });
}

function describeCycle(cycle: Edge[]): string {
  const names = [...cycle.map((e) => e.from), cycle[0]!.from].join(' → ');
  const lines = cycle.map((e) => `  ${e.from} → ${e.to}: ${e.file} imports '${e.specifier}'`);
  return [names, ...lines].join('\n');
}

describe('the feature import graph', () => {
  it('has no cycle between features', () => {
    const cycles = findCycles(featureGraph());
    const report = cycles.map(describeCycle).join('\n\n');
    expect(report, `features import each other in a cycle:\n\n${report}\n`).toBe('');
  });

  it('finds a cycle and names one import per edge', () => {
    const edge = (from: string, to: string): Edge => ({ from, to, file: `${from}/x.ts`, specifier: `../${to}/y` });
    const graph: FeatureGraph = new Map([
      ['a', new Map([['b', edge('a', 'b')]])],
      ['b', new Map([['c', edge('b', 'c')]])],
      [
        'c',
        new Map([
          ['a', edge('c', 'a')],
          ['d', edge('c', 'd')],
        ]),
      ],
      ['d', new Map<string, Edge>()],
    ]);
    const cycles = findCycles(graph);
    expect(cycles.map((c) => c.map((e) => `${e.from}>${e.to}`))).toEqual([['a>b', 'b>c', 'c>a']]);
    expect(describeCycle(cycles[0]!)).toContain("c → a: c/x.ts imports '../a/y'");
    graph.get('c')!.delete('a');
    expect(findCycles(graph)).toEqual([]);
  });

  it('sees the features', () => {
    const graph = featureGraph();
    expect([...graph.keys()]).toEqual(expect.arrayContaining(['access', 'audit', 'units', 'portal']));
    expect(graph.get('units')?.has('access')).toBe(true);
  });
});
