// The programmatic API. (Grows into the typed `compose()` API; see README.)
export * from './errors.js';
export type * from './model/types.js';
export { loadProject } from './loader/index.js';
