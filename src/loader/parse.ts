// YAML text → plain tree with positions (see located.ts). Aliases are expanded into fresh
// copies (so later steps may change a value in place), merge keys `<<` are applied, and the
// `!reset` / `!override` tags are recorded on the parent container.
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Node, type Document } from 'yaml';
import type { Location } from '../model/types.js';
import type { Diagnostic } from '../errors.js';
import { put, setMeta, metaOf, type Meta, type Raw, type RawMap } from './located.js';
import { codeFrame, sourceTexts } from './frame.js';

export interface SourceFile {
  /** Absolute path, or "-" for stdin. */
  readonly path: string;
  /** Name shown in messages. */
  readonly display: string;
  readonly text: string;
  readonly data: Raw;
}

const MAX_NODES = 1_000_000; // bounds alias expansion ("billion laughs")

export function parseYaml(text: string, display: string, diags: Diagnostic[]): Raw {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  sourceTexts.set(display, text);
  const lc = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: false });
  } catch (e) {
    diags.push({ message: `cannot parse YAML: ${(e as Error).message}`, location: { file: display, line: 1, col: 1 } });
    return null;
  }
  const pos = (offset: number | undefined): Location => {
    const p = lc.linePos(offset ?? 0);
    return { file: display, line: p.line, col: p.col };
  };
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const location = pos(e.pos[0]);
      diags.push({ message: yamlMessage(e.message), location, frame: codeFrame(location) });
    }
    return null;
  }
  let count = 0;
  const convert = (node: unknown, depth: number): Raw => {
    if (++count > MAX_NODES || depth > 500) throw new TooLarge();
    if (node == null) return null;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      return target ? convert(target, depth + 1) : null;
    }
    if (isScalar(node)) {
      const v = node.value;
      if (v === null || v === undefined) return null;
      if (typeof v === 'bigint') return Number(v);
      if (typeof v === 'number' && node.type === 'PLAIN' && node.range) {
        // YAML 1.1 octal ("0440"), which docker compose still reads as octal.
        const src = text.slice(node.range[0], node.range[1]);
        if (/^0[0-7]+$/.test(src)) return parseInt(src, 8);
      }
      if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
      return String(v);
    }
    if (isSeq(node)) {
      const out: Raw[] = [];
      const meta: Meta = { loc: pos((node as Node).range?.[0]), keys: new Map(), values: new Map() };
      node.items.forEach((item, i) => {
        out.push(convert(item, depth + 1));
        meta.values.set(i, pos((item as Node | null)?.range?.[0] ?? (node as Node).range?.[0]));
        const tag = tagOf(item);
        if (tag) (meta.tags ??= new Map()).set(i, tag);
      });
      setMeta(out, meta);
      return out;
    }
    if (isMap(node)) {
      const out: RawMap = {};
      const meta: Meta = { loc: pos((node as Node).range?.[0]), keys: new Map(), values: new Map() };
      const merges: Raw[] = [];
      for (const pair of node.items) {
        const k = pair.key as Node | null;
        const keyText = isScalar(k) ? String(k.value ?? '') : k == null ? '' : String(convert(k, depth + 1));
        if (isScalar(k) && keyText === '<<' && k.type === 'PLAIN') {
          const v = convert(pair.value, depth + 1);
          if (Array.isArray(v)) merges.push(...v);
          else merges.push(v);
          continue;
        }
        put(out, keyText, convert(pair.value, depth + 1));
        meta.keys.set(keyText, pos(k?.range?.[0]));
        meta.values.set(keyText, pos((pair.value as Node | null)?.range?.[0] ?? k?.range?.[0]));
        const tag = tagOf(pair.value);
        if (tag) (meta.tags ??= new Map()).set(keyText, tag);
      }
      // Merge keys: earlier sources win over later ones, explicit keys win over all.
      for (const src of merges) {
        if (src === null || typeof src !== 'object' || Array.isArray(src)) continue;
        const sm = metaOf(src);
        for (const [k, v] of Object.entries(src)) {
          if (Object.prototype.hasOwnProperty.call(out, k)) continue;
          put(out, k, v);
          const kl = sm?.keys.get(k);
          const vl = sm?.values.get(k);
          if (kl) meta.keys.set(k, kl);
          if (vl) meta.values.set(k, vl);
          const t = sm?.tags?.get(k);
          if (t) (meta.tags ??= new Map()).set(k, t);
        }
      }
      setMeta(out, meta);
      return out;
    }
    return null;
  };
  try {
    return convert(doc.contents, 0);
  } catch (e) {
    if (!(e instanceof TooLarge)) throw e;
    diags.push({ message: 'the document is too large or nests too deeply once its aliases are expanded', location: pos(0) });
    return null;
  }
}

class TooLarge extends Error {}

function tagOf(node: unknown): string | undefined {
  const tag = (node as { tag?: string } | null)?.tag;
  return tag === '!reset' || tag === '!override' ? tag : undefined;
}

function yamlMessage(m: string): string {
  // yaml's messages end with " at line X, column Y" and a colon; the location is shown separately.
  return m.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '').replace(/:$/, '');
}
