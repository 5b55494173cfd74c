// Which images `up` must pull or build before containers can be created.
import type { Project } from '../model/types.js';
import type { ObservedState } from '../state/observe.js';
import { ConfigError } from '../errors.js';
import { PlanBuilder } from './builder.js';
import { imageRef } from './container-spec.js';
import type { Plan } from './types.js';

export interface ImageOptions {
  /** up --build: build every service that has a build section. */
  readonly build?: boolean;
  /** up --no-build: never build, even if the image is missing. */
  readonly noBuild?: boolean;
  /** up --pull: always | missing | never (default: per service pull_policy, else missing). */
  readonly pull?: 'always' | 'missing' | 'never';
}

export function planImages(project: Project, observed: ObservedState, services: Iterable<string>, options: ImageOptions = {}): Plan {
  const plan = new PlanBuilder();
  for (const name of [...services].sort()) {
    const s = project.services[name]!;
    const ref = imageRef(project, s);
    const present = observed.images.get(ref) !== undefined;
    const policy = options.pull ?? s.pull_policy ?? 'missing';
    if (s.build && !options.noBuild && (options.build || policy === 'build' || !present)) {
      throw new ConfigError(`service ${name}: building images is not available in this version of tcompose; build ${ref} with docker and run again`);
    }
    if (policy === 'never' && !present) {
      throw new ConfigError(`service ${name}: image ${ref} is not present locally and pull_policy is never`);
    }
    if (!present || policy === 'always') {
      plan.add(`image:${ref}`, { kind: 'image.pull', ref }, `image ${ref}`, present ? 'pull policy always' : 'missing');
    }
  }
  return plan.build();
}
