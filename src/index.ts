// tcompose's programmatic API: `compose()` loads a project and returns a typed handle to drive
// it (up, down, ps, port, logs, exec, …); every failure is a typed Error subclass.
export { compose, ComposeEnvironment } from './app/api.js';
export type { ComposeOptions, ExecOptions, ExecResult, HostPort } from './app/api.js';
export type { UpRequest, UpResult } from './app/up.js';
export type { DownRequest } from './app/down.js';
export type { ContainerInfo, PsRequest, PublishedPort } from './app/ps.js';
export type { LogLine, LogRequest } from './app/logs.js';
export type { ProgressEvent, ProgressSink } from './events/types.js';
export type { Plan, PlanNode, Operation } from './plan/types.js';
export { formatPlan } from './plan/format.js';
export { loadProject } from './loader/index.js';
export type { ProjectOptions } from './loader/options.js';
export * from './errors.js';
export type * from './model/types.js';
