// Schema validation of the merged document against schema/compose-spec.json, compiled ahead of
// time by ajv (schema/build-validator.mjs) and imported on first use, so neither ajv nor a
// schema compile costs anything at start-up. ajv's errors are translated into located, human
// messages; raw ajv output never reaches users.
import type { Diagnostic } from '../errors.js';
import { locate, type RawMap } from './located.js';
import { codeFrame } from './frame.js';
import { suggest } from './suggest.js';

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: Record<string, unknown>;
  schema?: unknown;
}
type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

let compiled: Promise<Validator> | undefined;

/** The schema, precompiled by schema/build-validator.mjs; loaded on first use. */
async function validator(): Promise<Validator> {
  compiled ??= import('./schema-validator.generated.js').then((m) => m.validate as Validator);
  return compiled;
}

export async function validateDocument(root: RawMap, diags: Diagnostic[]): Promise<void> {
  const validate = await validator();
  if (validate(root)) return;
  for (const d of translate(validate.errors ?? [], root)) diags.push(d);
}

function decode(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** services.web.ports[0] */
export function describePath(path: readonly string[]): string {
  let out = '';
  for (const seg of path) out += /^\d+$/.test(seg) ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || 'the top level';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string', number: 'a number', integer: 'an integer', boolean: 'a boolean', object: 'a mapping', array: 'a list', null: 'null',
};

function typeList(types: string[]): string {
  const names = [...new Set(types.flatMap((t) => t.split(',')))].map((t) => TYPE_NAMES[t] ?? t);
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function isPrefix(a: string, b: string): boolean {
  return b !== a && b.startsWith(a + '/');
}

function translate(errors: AjvError[], root: RawMap): Diagnostic[] {
  const branching = new Set(['oneOf', 'anyOf', 'if', 'then', 'else', 'not']);
  let list = errors.filter((e) => !branching.has(e.keyword));
  if (!list.length) list = errors;
  // A type mismatch of one branch is noise when another branch got further with the value.
  list = list.filter(
    (e) =>
      e.keyword !== 'type' ||
      !list.some((o) => o !== e && (isPrefix(e.instancePath, o.instancePath) || (o.instancePath === e.instancePath && o.keyword !== 'type'))),
  );
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const typesAt = new Map<string, string[]>();
  for (const e of list) if (e.keyword === 'type') typesAt.set(e.instancePath, [...(typesAt.get(e.instancePath) ?? []), String(e.params.type)]);
  for (const e of list) {
    const path = decode(e.instancePath);
    const where = describePath(path);
    let message: string;
    let hint: string | undefined;
    let at: string[] = path;
    let mode: 'key' | 'value' = 'value';
    switch (e.keyword) {
      case 'additionalProperties': {
        const prop = String(e.params.additionalProperty);
        at = [...path, prop];
        mode = 'key';
        message = `${describePath(at)}: \`${prop}\` is not allowed here`;
        const allowed = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
        const s = suggest(prop, allowed);
        if (s) hint = `did you mean \`${s}\`?`;
        break;
      }
      case 'type':
        message = `${where} must be ${typeList(typesAt.get(e.instancePath) ?? [String(e.params.type)])}`;
        break;
      case 'enum': {
        const values = (e.params.allowedValues as unknown[]) ?? [];
        message = `${where} must be one of: ${values.map((v) => JSON.stringify(v)).join(', ')}`;
        const actual = valueAt(root, path);
        if (typeof actual === 'string') {
          const s = suggest(actual, values.filter((v): v is string => typeof v === 'string'));
          if (s) hint = `did you mean "${s}"?`;
        }
        break;
      }
      case 'const':
        message = `${where} must be ${JSON.stringify(e.params.allowedValue)}`;
        break;
      case 'required':
        message = `${where} is missing \`${String(e.params.missingProperty)}\``;
        break;
      case 'pattern':
        message = `${where} has an invalid format (${describePattern(e)})`;
        break;
      case 'propertyNames':
        continue; // reported through the pattern error on the name itself
      case 'format':
        message = `${where} must be a valid ${String(e.params.format)}`;
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        message = `${where} must be ${e.keyword.includes('inimum') ? '>=' : '<='} ${String(e.params.limit)}`;
        break;
      case 'minItems':
        message = `${where} must have at least ${String(e.params.limit)} item(s)`;
        break;
      case 'maxItems':
        message = `${where} must have at most ${String(e.params.limit)} item(s)`;
        break;
      case 'minProperties':
        message = `${where} must not be empty`;
        break;
      case 'uniqueItems':
        message = `${where} must not contain duplicates (items ${String(e.params.j)} and ${String(e.params.i)} are the same)`;
        at = [...path, String(e.params.i)];
        break;
      case 'oneOf':
        message = `${where} matches more than one allowed form`;
        break;
      case 'anyOf':
      case 'not':
        message = `${where} is not valid here`;
        break;
      case 'dependencies':
      case 'dependentRequired':
        message = `${where}: \`${String(e.params.property)}\` requires \`${String(e.params.missingProperty)}\``;
        break;
      default:
        message = `${where} is invalid (${e.keyword})`;
    }
    const key = `${at.join('/')}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const location = locate(root, at, mode);
    out.push({ message, location, frame: codeFrame(location), ...(hint ? { hint } : {}) });
  }
  return out;
}

function describePattern(e: AjvError): string {
  const p = String(e.params.pattern);
  const known: Record<string, string> = { '^[a-zA-Z0-9._-]+$': 'letters, digits, ".", "_" and "-" only' };
  return known[p] ?? `must match ${p}`;
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let v: unknown = root;
  for (const s of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}
