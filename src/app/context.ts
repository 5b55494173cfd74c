// What every use case needs: the loaded project, the engine (connected on first use),
// where progress goes, and how much to do at once.
import type { Engine } from '../engine/types.js';
import { connectEngine } from '../engine/connect.js';
import type { ProgressSink } from '../events/types.js';
import { silentSink } from '../events/types.js';
import type { Project } from '../model/types.js';

export interface AppContext {
  readonly project: Project;
  engine(): Promise<Engine>;
  readonly sink: ProgressSink;
  /** --parallel / COMPOSE_PARALLEL_LIMIT; undefined = unbounded. */
  readonly parallel?: number;
  readonly signal?: AbortSignal;
}

export function createContext(project: Project, options: { engine?: Engine; sink?: ProgressSink; parallel?: number; signal?: AbortSignal } = {}): AppContext {
  const given = options.engine;
  return {
    project,
    engine: given ? async () => given : connectEngine,
    sink: options.sink ?? silentSink,
    parallel: options.parallel,
    signal: options.signal,
  };
}
