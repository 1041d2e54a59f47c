import type { Built, StartMessage } from './protocol.ts';
import { build } from './protocol.ts';

/**
 * A module worker for workerd, bundled by esbuild. workerd binds its sockets from a static config,
 * so the Node side binds one socket per (entry point, case) up front; each socket's
 * `ctx.props` names its case, and this worker answers it with the entry point built for that case,
 * as Workers users do: `export default { fetch: withCors(policy, app) }`. The control socket
 * (`props.control`) builds a case ahead of its first request, reporting an invalid policy.
 */

type Props = { readonly control: true } | StartMessage;

interface Context {
  readonly props: Props;
}

const built = new Map<string, Built>();

function buildOnce(message: StartMessage): Built {
  const name = `${message.entry} ${message.key}`;
  let app = built.get(name);
  if (app === undefined) {
    app = build(message);
    built.set(name, app);
  }
  return app;
}

export default {
  async fetch(request: Request, env: unknown, ctx: Context): Promise<Response> {
    const props = ctx.props;
    if ('control' in props) {
      if (request.method !== 'POST' || new URL(request.url).pathname !== '/start')
        return new Response('no such control command', { status: 404 });
      const app = buildOnce((await request.json()) as StartMessage);
      return Response.json('problems' in app ? { problems: app.problems } : {});
    }
    const app = buildOnce(props);
    if ('problems' in app) return new Response('invalid policy', { status: 500 });
    return app.handler(request, env, ctx);
  },
};
