// Before anything is built, pulled or created: settings the engine cannot honour are a config
// error now. The engine's version is asked once, and only when a check needs it.
import type { Engine } from '../engine/types.js';
import { ConfigError } from '../errors.js';
import type { Project } from '../model/types.js';
import { engineProblems, needsEngineVersion } from '../plan/capabilities.js';

export async function checkCapabilities(engine: Engine, project: Project, services: Iterable<string>): Promise<void> {
  const names = [...services];
  const version = needsEngineVersion(project, names) ? await engine.version() : undefined;
  const problems = engineProblems(project, names, version);
  if (problems.length) throw new ConfigError(problems.map((message) => ({ message })));
}
