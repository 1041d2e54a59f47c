import {
  APP,
  corsHeadersOf,
  EVIL,
  exchange,
  fromOrigin,
  PREFLIGHT_VARY,
  preflight,
} from '@corsica/cors-testkit';
import type { Context } from 'koa';
import { describe, expect, it } from 'vitest';
import type { CorsInput } from '../src/index.ts';
import { CorsConfigError, cors, createCors } from '../src/index.ts';
import type { KoaClass } from './support/majors.ts';
import { koaMajors, serving } from './support/majors.ts';

function appWith(Koa: KoaClass, policy: CorsInput<Context>) {
  const app = new Koa();
  app.use(cors(policy));
  app.use((ctx) => {
    ctx.set('x-handler', 'ran');
    ctx.body = 'ok';
  });
  return app;
}

describe('cors(options)', () => {
  it('throws a CorsConfigError listing every problem when it is called', () => {
    const build = () => cors({ origins: ['https://app.example.com/'], maxAge: -1 });
    expect(build).toThrow(CorsConfigError);
    expect(() => build()).toThrow(
      expect.objectContaining({
        problems: [
          expect.objectContaining({ code: 'origin-trailing-slash', option: 'origins[0]' }),
          expect.objectContaining({ code: 'max-age-invalid', option: 'maxAge' }),
        ],
      }),
    );
  });

  it("refuses @koa/cors's option names, pointing to Corsica's", () => {
    const koaCorsOptions = {
      origins: [APP],
      allowMethods: ['PUT'],
      keepHeadersOnError: true,
    } as unknown as CorsInput<unknown>;
    expect(() => cors(koaCorsOptions)).toThrow(
      expect.objectContaining({
        problems: [
          expect.objectContaining({ code: 'option-unknown', option: 'allowMethods' }),
          expect.objectContaining({ code: 'option-unknown', option: 'keepHeadersOnError' }),
        ],
      }),
    );
  });
});

describe.each(koaMajors)('%s: policies', (_name, Koa) => {
  it('takes a policy compiled with createCors', async () => {
    const policy = createCors({ origins: [APP], exposedHeaders: ['X-Request-Id'] });
    const [response] = await exchange(serving(appWith(Koa, policy)), fromOrigin(APP, 'GET', '/'));
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-expose-headers': ['X-Request-Id'],
      vary: ['Origin'],
    });
  });

  it('awaits an asynchronous origin predicate, which sees ctx.path', async () => {
    const seen: (string | undefined)[] = [];
    const policy = {
      origins: async (origin: string, ctx: Context) => {
        seen.push(ctx.path);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return origin === APP;
      },
      methods: ['PUT'],
      routes: [{ path: '/internal/*', disabled: true as const }],
    };
    const [allowed, denied] = await exchange(
      serving(appWith(Koa, policy)),
      preflight(APP, 'PUT', '/items?page=2'),
      fromOrigin(EVIL, 'PUT', '/items'),
    );
    expect(allowed?.status).toBe(204);
    expect(allowed?.headers['x-handler']).toBeUndefined();
    expect(allowed && corsHeadersOf(allowed)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
    expect(denied?.status).toBe(200);
    expect(denied?.headers['x-handler']).toEqual(['ran']);
    expect(denied && corsHeadersOf(denied)).toEqual({ vary: ['Origin'] });
    expect(seen).toEqual(['/items', '/items']);
  });
});
