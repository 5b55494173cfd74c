// Starts the CI environment once per test run and tears it down afterwards. Tests read the
// addresses with `inject('postgresUrl')` / `inject('appUrl')`.
import { fileURLToPath } from 'node:url';
import { compose, type ComposeEnvironment } from 'tcompose';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    appUrl: string;
    projectName: string;
  }
}

let env: ComposeEnvironment | undefined;

export async function setup(project: TestProject): Promise<void> {
  env = await compose({
    files: [fileURLToPath(new URL('../compose.yaml', import.meta.url))],
    // One project per run, so parallel CI jobs on one engine never collide.
    projectName: `ci-env-${process.pid}`,
  });
  await env.up({ build: true, wait: true, waitTimeoutMs: 120_000 });
  const pg = await env.port('postgres', 5432);
  const app = await env.port('app', 8080);
  project.provide('postgresUrl', `postgres://app:app@${pg.host}:${pg.port}/app`);
  project.provide('appUrl', `http://${app.host}:${app.port}`);
  project.provide('projectName', env.name);
}

export async function teardown(): Promise<void> {
  // Containers, networks, volumes, and the app image this run built.
  await env?.down({ volumes: true, removeOrphans: true, rmi: 'local' });
}
