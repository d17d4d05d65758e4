// ESLint rule: no import cycle between the project's own modules, type-only imports included
// (eslint-plugin-import-x's no-cycle skips `import type`, and a cycle of types still ties two
// modules together). The graph is built once per lint run from every file's static and dynamic
// imports (TypeScript's own pre-processor reads them; a .vue file's <script> blocks are read),
// and each file in a cycle reports the cycle it is in.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

const EXTENSIONS = ['.ts', '.vue', '.js', '.mjs', '/index.ts', '/index.js'];
const SCRIPT_BLOCK = /<script\b[^>]*>([\s\S]*?)<\/script>/g;

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  if (isFile(base)) return base;
  for (const extension of EXTENSIONS) if (isFile(base + extension)) return base + extension;
  return null;
}

function sourceOf(file) {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.vue')) return text;
  return [...text.matchAll(SCRIPT_BLOCK)].map((match) => match[1]).join('\n');
}

/** The project's modules that `file` imports (relative specifiers only). */
function importsOf(file) {
  const info = ts.preProcessFile(sourceOf(file), true, true);
  const out = new Set();
  for (const { fileName } of info.importedFiles) {
    const target = resolveImport(file, fileName);
    if (target && target !== file) out.add(target);
  }
  return out;
}

/** Strongly connected components over the modules reachable from the files asked about (Tarjan, iterative). */
class CycleIndex {
  constructor() {
    this.edges = new Map();
    this.component = new Map();
  }

  edgesOf(file) {
    let edges = this.edges.get(file);
    if (!edges) {
      edges = existsSync(file) ? importsOf(file) : new Set();
      this.edges.set(file, edges);
    }
    return edges;
  }

  /** The cycle `file` is in (as a list of files starting with it), or null. */
  cycleOf(file) {
    if (!this.component.has(file)) this.index(file);
    const component = this.component.get(file);
    if (!component || component.size < 2) return null;
    return this.pathBack(file, component);
  }

  index(root) {
    let counter = 0;
    const order = new Map();
    const low = new Map();
    const stack = [];
    const onStack = new Set();
    const work = [{ node: root, edges: [...this.edgesOf(root)], next: 0 }];
    order.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.next < frame.edges.length) {
        const target = frame.edges[frame.next++];
        if (this.component.has(target)) continue;
        if (!order.has(target)) {
          order.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edges: [...this.edgesOf(target)], next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node), order.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === order.get(frame.node)) {
        const component = new Set();
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.add(member);
        } while (member !== frame.node);
        for (const node of component) this.component.set(node, component);
      }
    }
  }

  /** A shortest path from `file` back to itself inside its component (breadth first). */
  pathBack(file, component) {
    const previous = new Map();
    const queue = [file];
    while (queue.length > 0) {
      const node = queue.shift();
      for (const target of this.edgesOf(node)) {
        if (!component.has(target)) continue;
        if (target === file) {
          const path = [node];
          while (path[0] !== file) path.unshift(previous.get(path[0]));
          return path;
        }
        if (!previous.has(target)) {
          previous.set(target, node);
          queue.push(target);
        }
      }
    }
    return [file];
  }
}

let index = null;
let indexedAt = 0;

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow import cycles between project modules, type-only imports included.' },
    schema: [],
    messages: { cycle: 'Import cycle: {{cycle}}. Move what both sides need into a module of its own.' },
  },
  create(context) {
    // One graph per lint run (a run lints every file within a short time); a later run starts afresh.
    if (index === null || Date.now() - indexedAt > 60_000) {
      index = new CycleIndex();
      indexedAt = Date.now();
    }
    const file = context.physicalFilename;
    return {
      'Program:exit'(node) {
        const cycle = index.cycleOf(file);
        if (!cycle) return;
        const cwd = context.cwd ?? process.cwd();
        const names = [...cycle, file].map((path) => relative(cwd, path));
        context.report({ node, messageId: 'cycle', data: { cycle: names.join(' → ') } });
      },
    };
  },
};
