// `extends`: a service starts from another service of the same file or of another file, then
// its own keys are merged on top (merge rules of merge.ts). Chains are followed; a cycle is an
// error that spells the chain.
import { dirname } from 'node:path';
import type { Diagnostic } from '../errors.js';
import { copyEntryMeta, isMap, locate, type Raw, type RawMap } from './located.js';
import { copy, mergeServices } from './merge.js';
import { absolutizeService } from './absolutize.js';
import { codeFrame } from './frame.js';
import { resolvePath } from './paths.js';

export interface ExtendsContext {
  readonly diags: Diagnostic[];
  /** Parsed and interpolated document of another file (cached by the caller). */
  readonly loadOther: (absPath: string, from: { root: RawMap; path: (string | number)[] }) => RawMap | null;
  readonly display: (absPath: string) => string;
}

export function resolveExtends(doc: RawMap, file: string, ctx: ExtendsContext): void {
  if (!isMap(doc.services)) return;
  const memo = new Map<string, Raw>();
  const services = doc.services;
  for (const name of Object.keys(services)) {
    const r = resolveOne(doc, file, name, [], memo, ctx);
    if (r !== undefined && r !== services[name]) {
      services[name] = r;
    }
  }
}

function resolveOne(doc: RawMap, file: string, name: string, stack: string[], memo: Map<string, Raw>, ctx: ExtendsContext): Raw | undefined {
  const services = doc.services as RawMap;
  const id = `${file}#${name}`;
  if (memo.has(id)) return memo.get(id);
  const svc = services[name];
  if (!isMap(svc) || svc.extends === undefined) return svc;
  const at = ['services', name, 'extends'];
  if (stack.includes(id)) {
    const chain = [...stack.slice(stack.indexOf(id)), id].map((s) => s.split('#')[1]).join(' -> ');
    const location = locate(doc, at);
    ctx.diags.push({ message: `circular reference with extends: ${chain}`, location, frame: codeFrame(location) });
    return undefined;
  }
  const ext = svc.extends;
  const baseName = typeof ext === 'string' ? ext : isMap(ext) && typeof ext.service === 'string' ? ext.service : undefined;
  if (baseName === undefined) return svc; // the schema reports the bad shape
  const otherFile = isMap(ext) && typeof ext.file === 'string' ? ext.file : undefined;
  let base: Raw | undefined;
  let baseDoc = doc;
  let baseFile = file;
  if (otherFile) {
    const abs = file === '-' ? resolvePath(process.cwd(), otherFile) : resolvePath(dirname(file), otherFile);
    const other = ctx.loadOther(abs, { root: doc, path: [...at, 'file'] });
    if (!other) return undefined;
    baseDoc = other;
    baseFile = abs;
  }
  if (!isMap(baseDoc.services) || !Object.prototype.hasOwnProperty.call(baseDoc.services, baseName)) {
    const location = locate(doc, at);
    const where = otherFile ? ` in ${ctx.display(baseFile)}` : '';
    ctx.diags.push({ message: `cannot extend service "${name}": service "${baseName}" not found${where}`, location, frame: codeFrame(location) });
    return undefined;
  }
  base = resolveOne(baseDoc, baseFile, baseName, [...stack, id], memo, ctx);
  if (base === undefined) return undefined;
  base = copy(base);
  if (baseFile !== file && baseFile !== '-') absolutizeService(base, dirname(baseFile));
  if (isMap(base)) delete base.extends;
  const local: RawMap = {};
  for (const k of Object.keys(svc)) {
    if (k === 'extends') continue;
    local[k] = svc[k]!;
    copyEntryMeta(local, k, svc, k);
  }
  const merged = mergeServices(base, local);
  memo.set(id, merged);
  return merged;
}
