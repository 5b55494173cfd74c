// Network and volume create bodies, with our labels.
import type { NetworkCreateBody, VolumeCreateBody } from '../engine/types.js';
import type { Network, Project, Volume } from '../model/types.js';
import { Label } from '../state/labels.js';
import { VERSION } from '../version.js';
import { stableStringify } from '../state/hash.js';
import { createHash } from 'node:crypto';

function ipam(n: Network): Record<string, unknown> | undefined {
  const i = n.ipam as { driver?: string; config?: Record<string, unknown>[]; options?: Record<string, string> } | undefined;
  if (!i) return undefined;
  return {
    Driver: i.driver ?? 'default',
    Config: (i.config ?? []).map((c) => ({
      Subnet: c.subnet,
      IPRange: c.ip_range,
      Gateway: c.gateway,
      AuxiliaryAddresses: c.aux_addresses,
    })),
    Options: i.options,
  };
}

/** Hash of a network's settings: a change means the network must be recreated. */
export function networkHash(n: Network): string {
  return createHash('sha256').update(stableStringify(n)).digest('hex');
}

export function networkBody(project: Project, key: string, n: Network): NetworkCreateBody {
  const body: NetworkCreateBody = {
    Name: n.name,
    Driver: n.driver ?? 'bridge',
    Labels: { ...(n.labels ?? {}), [Label.project]: project.name, [Label.network]: key, [Label.version]: VERSION, [Label.configHash]: networkHash(n) },
    CheckDuplicate: true,
  };
  if (n.driver_opts) body.Options = { ...n.driver_opts };
  const i = ipam(n);
  if (i) body.IPAM = i;
  if (n.internal) body.Internal = true;
  if (n.attachable) body.Attachable = true;
  if (n.enable_ipv6) body.EnableIPv6 = true;
  if (n.enable_ipv4 === false) body.EnableIPv4 = false; // refused before API 1.47 (capabilities.ts)
  return body;
}

/**
 * Hash of a volume's settings. Only our own label carries it: docker compose hashes its own way,
 * and a mismatch must never come from comparing the two.
 */
export function volumeHash(v: Volume): string {
  return createHash('sha256').update(stableStringify({ driver: v.driver ?? 'local', driver_opts: v.driver_opts ?? {}, labels: v.labels ?? {} })).digest('hex');
}

export function volumeBody(project: Project, key: string, v: Volume): VolumeCreateBody {
  const body: VolumeCreateBody = {
    Name: v.name,
    Labels: { ...(v.labels ?? {}), [Label.project]: project.name, [Label.volume]: key, [Label.version]: VERSION, [Label.volumeHash]: volumeHash(v) },
  };
  if (v.driver) body.Driver = v.driver;
  if (v.driver_opts) body.DriverOpts = { ...v.driver_opts };
  return body;
}
