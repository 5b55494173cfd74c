// Makes the relative paths of a service (or a whole document) absolute against the directory
// they were written for. Used for services taken from another file by `extends` and for
// included files, whose paths are relative to their own directory, not the project's.
import { isMap, type Raw, type RawMap } from './located.js';
import { isHostPath, isRemoteContext, resolvePath } from './paths.js';

export function absolutizeService(svc: Raw, dir: string): void {
  if (!isMap(svc)) return;
  const b = svc.build;
  if (typeof b === 'string' && !isRemoteContext(b)) svc.build = resolvePath(dir, b);
  else if (isMap(b)) {
    if (typeof b.context === 'string' && !isRemoteContext(b.context)) b.context = resolvePath(dir, b.context);
    else if (b.context === undefined) b.context = dir;
  }
  const ef = svc.env_file;
  if (typeof ef === 'string') svc.env_file = resolvePath(dir, ef);
  else if (Array.isArray(ef)) {
    ef.forEach((e, i) => {
      if (typeof e === 'string') ef[i] = resolvePath(dir, e);
      else if (isMap(e) && typeof e.path === 'string') e.path = resolvePath(dir, e.path);
    });
  }
  if (Array.isArray(svc.volumes)) {
    svc.volumes.forEach((v, i, list) => {
      if (typeof v === 'string') {
        const parts = v.split(':');
        if (parts.length >= 2 && isHostPath(parts[0]!) && !/^[A-Za-z]$/.test(parts[0]!)) {
          parts[0] = resolvePath(dir, parts[0]!);
          list[i] = parts.join(':');
        }
      } else if (isMap(v) && v.type === 'bind' && typeof v.source === 'string') v.source = resolvePath(dir, v.source);
    });
  }
  if (isMap(svc.extends) && typeof svc.extends.file === 'string') svc.extends.file = resolvePath(dir, svc.extends.file);
  if (Array.isArray(svc.label_file)) svc.label_file = svc.label_file.map((f) => (typeof f === 'string' ? resolvePath(dir, f) : f));
  else if (typeof svc.label_file === 'string') svc.label_file = resolvePath(dir, svc.label_file);
  const dev = svc.develop;
  if (isMap(dev) && Array.isArray(dev.watch)) {
    for (const w of dev.watch) if (isMap(w) && typeof w.path === 'string') w.path = resolvePath(dir, w.path);
  }
}

export function absolutizeDocument(doc: RawMap, dir: string): void {
  if (isMap(doc.services)) for (const s of Object.values(doc.services)) absolutizeService(s, dir);
  for (const section of ['secrets', 'configs']) {
    const sec = doc[section];
    if (!isMap(sec)) continue;
    for (const o of Object.values(sec)) if (isMap(o) && typeof o.file === 'string') o.file = resolvePath(dir, o.file);
  }
}
