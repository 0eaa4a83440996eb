// Turning YAML and zod problems into `path: message (file:line)` issues.
import { isMap, isSeq, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { ConfigIssue } from '../errors.js';

export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
  file: string;
}

export function parseYaml(text: string, file: string): { parsed: ParsedYaml; issues: ConfigIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const issues: ConfigIssue[] = doc.errors.map((e) => ({
    path: '',
    message: `invalid YAML: ${e.message.split('\n')[0]}`,
    file,
    line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line,
  }));
  return { parsed: { doc, lines, file }, issues };
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** Line of the deepest node that exists along `path` (the key itself for a map entry). */
export function lineOf(y: ParsedYaml, path: ReadonlyArray<PropertyKey>): number | undefined {
  let node: unknown = y.doc.contents;
  let line = offsetLine(y, node);
  for (const p of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(p));
      if (!pair) break;
      line = offsetLine(y, pair.key) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof p === 'number') {
      node = node.items[p];
      line = offsetLine(y, node) ?? line;
    } else break;
  }
  return line;
}

function offsetLine(y: ParsedYaml, node: unknown): number | undefined {
  const range = (node as Node | null)?.range;
  return range ? y.lines.linePos(range[0]).line : undefined;
}

export function zodIssues(y: ParsedYaml, error: z.ZodError): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        out.push({ path: formatPath(path), message: 'unknown key', file: y.file, line: lineOf(y, path) });
      }
      continue;
    }
    out.push({ path: formatPath(issue.path), message: describe(issue), file: y.file, line: lineOf(y, issue.path) });
  }
  return out;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`;
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return 'required';
  return issue.message.replace(/^Invalid input: /, '');
}
