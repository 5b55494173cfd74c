// The docker CLI's proxy settings, as containers and builds get them.
import { describe, expect, it } from 'vitest';
import { proxyEnvironment } from '../../../src/state/proxies.js';
import { containerSpec } from '../../../src/plan/container-spec.js';
import { project } from '../plan/helpers.js';

const config = {
  proxies: {
    default: { httpProxy: 'http://proxy:3128', noProxy: 'localhost,.internal', httpsProxy: '' },
    'tcp://build-box:2376': { httpsProxy: 'http://other:8080' },
  },
};

describe('proxyEnvironment', () => {
  it('gives each set value in upper and lower case, from "default" unless the engine host has its own entry', () => {
    expect(proxyEnvironment(config, 'unix:///var/run/docker.sock')).toEqual({
      HTTP_PROXY: 'http://proxy:3128',
      http_proxy: 'http://proxy:3128',
      NO_PROXY: 'localhost,.internal',
      no_proxy: 'localhost,.internal',
    });
    expect(proxyEnvironment(config, 'tcp://build-box:2376')).toEqual({ HTTPS_PROXY: 'http://other:8080', https_proxy: 'http://other:8080' });
  });

  it('is empty without proxies', () => {
    expect(proxyEnvironment({}, 'unix:///var/run/docker.sock')).toEqual({});
    expect(proxyEnvironment({ proxies: { 'tcp://x:1': { httpProxy: 'p' } } }, undefined)).toEqual({});
  });
});

describe('containerSpec with proxies', () => {
  it('adds them under the service environment, which wins', async () => {
    const p = await project('services:\n  app:\n    image: busybox\n    environment: {NO_PROXY: mine, FOO: bar}\n');
    const spec = containerSpec({
      project: p,
      service: p.services.app!,
      number: 1,
      name: 'x-app-1',
      configHash: 'h',
      containersOf: () => [],
      proxyEnv: proxyEnvironment(config, undefined),
    });
    expect([...(spec.body.Env ?? [])].sort()).toEqual(['FOO=bar', 'HTTP_PROXY=http://proxy:3128', 'NO_PROXY=mine', 'http_proxy=http://proxy:3128', 'no_proxy=localhost,.internal']);
  });
});
