// version: tcompose's own version and, when it answers, the engine's.
import type { Engine, EngineVersion } from '../engine/types.js';
import { VERSION } from '../version.js';

export interface VersionInfo {
  readonly version: string;
  /** Absent when no engine answered. */
  readonly engine?: EngineVersion;
}

export async function version(connect: () => Promise<Engine>): Promise<VersionInfo> {
  try {
    const engine = await connect();
    return { version: VERSION, engine: await engine.version() };
  } catch {
    return { version: VERSION };
  }
}
