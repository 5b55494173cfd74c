// HTTP against containers that may still be starting. Each try has its own deadline: a
// connection the engine's port proxy resets before the container listens can leave Node's
// fetch pending forever.
export async function httpGet(url: string, until: (status: number) => boolean = (s) => s < 500, timeoutMs = 60_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      if (until(r.status)) return r;
      last = `HTTP ${r.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`GET ${url}: ${last}`);
}
