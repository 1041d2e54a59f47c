import { ADMIN, APP, PARTNER } from '@corsica/cors-testkit';
import { describe, expect, it } from 'vitest';
import type { HandlerRoute } from '../src/handler-routes.ts';
import type { CorsRouteOptions } from '../src/index.ts';
import { CorsConfigError } from '../src/index.ts';
import { compilePolicy } from '../src/route-policies.ts';

/**
 * The policy CorsModule compiles from the global options and the routes Nest serves (as
 * src/handler-routes.ts reads them): a per-path route for each path a `@Cors()` covers.
 */

const partnerOnly: CorsRouteOptions<unknown> = { origins: [PARTNER] };
const adminOnly: CorsRouteOptions<unknown> = { origins: [ADMIN] };

function route(
  handler: string,
  method: string | undefined,
  path: string,
  setting?: CorsRouteOptions<unknown> | false,
): HandlerRoute {
  return { handler, method, path, setting };
}

/** The problems compilePolicy threw, or 'compiled'. */
function problemsOf(handlers: readonly HandlerRoute[]): unknown {
  try {
    compilePolicy({ origins: [APP] }, handlers);
    return 'compiled';
  } catch (error) {
    expect(error).toBeInstanceOf(CorsConfigError);
    return (error as CorsConfigError).problems;
  }
}

const duplicate = (first: string, second: string, method: string, path: string): string =>
  `${first} and ${second} both serve ${method} at "${path}" (versions or hosts a path cannot tell apart) with different CORS policies: the CORS layer runs before Nest picks one, and a preflight never says which version it precedes. Give both the same @Cors() (one shared options object), or neither.`;

describe('the global policy', () => {
  it.each([
    [null, 'null'],
    ['https://app.example.com', '"https://app.example.com"'],
  ])('must be an options object or a compiled policy, not %j', (global, shown) => {
    let thrown: unknown;
    try {
      compilePolicy(global as never, []);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CorsConfigError);
    expect((thrown as CorsConfigError).message).toBe(
      `Invalid CORS policy given to CorsModule.forRoot() (1 problem):\n  - options: CorsModule.forRoot() takes an options object such as { origins: ['https://app.example.com'] }, not ${shown}. [option-type]`,
    );
    expect((thrown as CorsConfigError).problems).toEqual([
      {
        code: 'option-type',
        option: 'options',
        value: global,
        message: `CorsModule.forRoot() takes an options object such as { origins: ['https://app.example.com'] }, not ${shown}.`,
      },
    ]);
  });
});

describe('@Cors() routes', () => {
  it('cover every method of a path an @All() handler serves, whatever other handlers add', () => {
    const policy = compilePolicy({ origins: [APP] }, [
      route('FilesController.any', undefined, '/files', partnerOnly),
      route('FilesController.read', 'GET', '/files', partnerOnly),
      route('FilesController.replace', 'PUT', '/files/:name', partnerOnly),
      route('FilesController.remove', 'DELETE', '/files/:name', partnerOnly),
    ]);
    expect(policy.getOptions().routes).toEqual([
      {
        label: '@Cors() on FilesController.any, FilesController.read',
        path: '/files',
        origins: [PARTNER],
      },
      {
        label: '@Cors() on FilesController.replace, FilesController.remove',
        path: '/files/:name',
        method: ['PUT', 'DELETE'],
        origins: [PARTNER],
      },
    ]);
  });
});

describe('handlers the CORS layer cannot tell apart', () => {
  it('are refused in an error that names CorsModule.forRoot(), what the user called', () => {
    let thrown: unknown;
    try {
      compilePolicy({ origins: [APP] }, [
        route('UsersController.find', 'GET', '/users/:id'),
        route('ProfilesController.show', 'GET', '/users/:userId', partnerOnly),
      ]);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as CorsConfigError).message).toMatch(
      /^Invalid CORS policy given to CorsModule\.forRoot\(\) \(1 problem\):\n {2}- @Cors\(\) on ProfilesController\.show: /,
    );
  });

  it('are the same path whatever their parameters are named', () => {
    expect(
      problemsOf([
        route('UsersController.find', 'GET', '/users/:id'),
        route('ProfilesController.show', 'GET', '/users/:userId', partnerOnly),
      ]),
    ).toEqual([
      {
        code: 'route-duplicate',
        option: '@Cors() on ProfilesController.show',
        value: '/users/:userId',
        message: duplicate(
          'UsersController.find',
          'ProfilesController.show',
          'GET',
          '/users/:userId',
        ),
      },
    ]);
  });

  it('are reported under the later handler when both have a @Cors()', () => {
    expect(
      problemsOf([
        route('OrdersV1Controller.list', 'GET', '/orders', partnerOnly),
        route('OrdersV2Controller.list', 'GET', '/orders', adminOnly),
      ]),
    ).toEqual([
      {
        code: 'route-duplicate',
        option: '@Cors() on OrdersV2Controller.list',
        value: '/orders',
        message: duplicate('OrdersV1Controller.list', 'OrdersV2Controller.list', 'GET', '/orders'),
      },
    ]);
  });

  it('are reported once per decorated handler, at the first path they share', () => {
    expect(
      problemsOf([
        route('UsersV1Controller.find', 'GET', '/users'),
        route('UsersV1Controller.find', 'GET', '/users/:id'),
        route('UsersV2Controller.find', 'GET', '/users{/:id}', partnerOnly),
      ]),
    ).toEqual([
      {
        code: 'route-duplicate',
        option: '@Cors() on UsersV2Controller.find',
        value: '/users',
        message: duplicate('UsersV1Controller.find', 'UsersV2Controller.find', 'GET', '/users'),
      },
    ]);
  });

  it('are each reported, @All() handlers as serving every method', () => {
    expect(
      problemsOf([
        route('FilesV1Controller.any', undefined, '/files'),
        route('FilesV2Controller.any', undefined, '/files', partnerOnly),
        route('ReportsV1Controller.any', undefined, '/reports', false),
        route('ReportsV2Controller.any', undefined, '/reports'),
      ]),
    ).toEqual([
      {
        code: 'route-duplicate',
        option: '@Cors() on FilesV2Controller.any',
        value: '/files',
        message: duplicate(
          'FilesV1Controller.any',
          'FilesV2Controller.any',
          'every method',
          '/files',
        ),
      },
      {
        code: 'route-duplicate',
        option: '@Cors() on ReportsV1Controller.any',
        value: '/reports',
        message: duplicate(
          'ReportsV1Controller.any',
          'ReportsV2Controller.any',
          'every method',
          '/reports',
        ),
      },
    ]);
  });
});
