import { runInNewContext } from 'node:vm';
import { APP, corsHeadersOf, EVIL, exchange, fromOrigin } from '@corsica/cors-testkit';
import { describe, expect, it } from 'vitest';
import { dropStaleCorsHeaders, wrapNonError } from '../src/error-headers.ts';
import { cors } from '../src/index.ts';
import { koaMajors, serving } from './support/majors.ts';

describe('dropStaleCorsHeaders', () => {
  it.each([
    ['a string', 'boom'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
  ])('leaves %s alone', (_what, thrown) => {
    expect(() => dropStaleCorsHeaders(thrown)).not.toThrow();
  });

  it('leaves an error without headers, or with null headers, as it is', () => {
    const bare = new Error('bare');
    dropStaleCorsHeaders(bare);
    expect(Object.hasOwn(bare, 'headers')).toBe(false);
    const nulled = Object.assign(new Error('nulled'), { headers: null });
    dropStaleCorsHeaders(nulled);
    expect(nulled.headers).toBeNull();
  });

  it('keeps the very headers object of an error that carries no Access-Control-* header', () => {
    const headers = { Vary: 'Accept-Language', 'Retry-After': '120' };
    const error = Object.assign(new Error('busy'), { headers });
    dropStaleCorsHeaders(error);
    expect(error.headers).toBe(headers);
  });

  it('drops every Access-Control-* header, whatever its case, and keeps the rest', () => {
    const error = Object.assign(new Error('gone'), {
      headers: {
        'Access-Control-Allow-Origin': APP,
        'access-control-allow-credentials': 'true',
        'ACCESS-CONTROL-EXPOSE-HEADERS': 'X-Request-Id',
        Vary: 'Accept-Language',
        'X-Access-Control-Note': 'kept: the prefix is at the start only',
      },
    });
    dropStaleCorsHeaders(error);
    expect(error.headers).toStrictEqual({
      Vary: 'Accept-Language',
      'X-Access-Control-Note': 'kept: the prefix is at the start only',
    });
  });

  it('leaves a frozen error as it is, without a TypeError', () => {
    const headers = { 'Access-Control-Allow-Origin': APP };
    const error = Object.freeze(Object.assign(new Error('frozen'), { headers }));
    expect(() => dropStaleCorsHeaders(error)).not.toThrow();
    expect(error.headers).toBe(headers);
  });
});

describe('wrapNonError', () => {
  it('returns an Error as it is, from this realm or another', () => {
    const error = new Error('here');
    expect(wrapNonError(error)).toBe(error);
    const foreign: unknown = runInNewContext('new Error("elsewhere")');
    expect(foreign instanceof Error).toBe(false);
    expect(wrapNonError(foreign)).toBe(foreign);
  });

  it.each([
    ['boom', 'non-error thrown: "boom"'],
    [{ code: 1 }, 'non-error thrown: {"code":1}'],
    [undefined, 'non-error thrown: undefined'],
  ])('wraps %j as koa does: %s, with the thrown value as its cause', (thrown, message) => {
    const wrapped = wrapNonError(thrown) as Error;
    expect(wrapped).toBeInstanceOf(Error);
    expect(wrapped.message).toBe(message);
    expect(wrapped.cause).toBe(thrown);
  });
});

describe.each(koaMajors)('%s: Access-Control-* headers an error carries', (_name, Koa) => {
  it("never give a denied origin another origin's grant, while the error's own headers stay", async () => {
    // An error built once and thrown for every request, carrying a grant (as @koa/cors's
    // keepHeadersOnError leaves on errors, or an app that copied response headers into it).
    const outage = Object.assign(new Error('maintenance'), {
      status: 503,
      headers: {
        'Access-Control-Allow-Origin': APP,
        'Access-Control-Allow-Credentials': 'true',
        'Retry-After': '120',
      },
    });
    const app = new Koa();
    app.silent = true;
    app.use(cors({ origins: [APP], credentials: true }));
    app.use(() => {
      throw outage;
    });
    const [denied, allowed] = await exchange(
      serving(app),
      fromOrigin(EVIL, 'GET', '/'),
      fromOrigin(APP, 'GET', '/'),
    );
    expect(denied?.status).toBe(503);
    expect(denied && corsHeadersOf(denied)).toEqual({ vary: ['Origin'] });
    expect(denied?.headers['retry-after']).toStrictEqual(['120']);
    expect(allowed && corsHeadersOf(allowed)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      vary: ['Origin'],
    });
  });
});

describe('cors(options)', () => {
  it('names cors() in the CorsConfigError it throws', () => {
    expect(() => cors({} as never)).toThrow(/^Invalid CORS policy given to cors\(\) \(1 problem\)/);
  });
});
