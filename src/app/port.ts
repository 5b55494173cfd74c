// port: the host address a service container's private port is published on.
import { TcomposeError } from '../errors.js';
import type { AppContext } from './context.js';
import { serviceContainer } from './service-containers.js';

export interface PortRequest {
  readonly service: string;
  readonly privatePort: number;
  readonly protocol?: string;
  readonly index?: number;
}

/** "0.0.0.0:49153", like docker compose port. */
export async function port(ctx: AppContext, req: PortRequest): Promise<string> {
  const engine = await ctx.engine();
  const c = await serviceContainer(engine, ctx.project, req.service, req.index, false);
  const protocol = req.protocol ?? 'tcp';
  const bindings = c.ports.filter((p) => p.privatePort === req.privatePort && p.type === protocol && p.publicPort);
  // IPv4 first, as docker compose prints it.
  const found = bindings.find((p) => !p.ip?.includes(':')) ?? bindings[0];
  if (!found) throw new TcomposeError(`no port ${req.privatePort}/${protocol} for container ${c.name}`);
  return `${found.ip ?? ''}:${found.publicPort}`;
}
