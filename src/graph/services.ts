// Checking service names given on the command line or through the API against the project.
import type { Project } from '../model/types.js';
import { NoSuchServiceError } from '../errors.js';

/**
 * Throws NoSuchServiceError for the first name that is not an enabled service, saying so when
 * a profile disables it. With `allowDisabled`, services disabled by profiles pass (they still
 * have containers a user may want to look at).
 */
export function checkServices(project: Project, names: Iterable<string>, options: { readonly allowDisabled?: boolean } = {}): void {
  for (const n of names) {
    if (n in project.services) continue;
    const disabled = n in project.disabledServices;
    if (disabled && options.allowDisabled) continue;
    throw new NoSuchServiceError(n, disabled ? ' (it is disabled by its profiles)' : '');
  }
}
