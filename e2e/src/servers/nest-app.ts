import 'reflect-metadata';
import { CorsModule } from '@corsica/cors-nest';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { All, Controller, Header, Headers, Inject, Module, Req } from '@nestjs/common';
import type { Policy } from '../policies.ts';
import { RequestLog } from './request-log.ts';
import type { RunningServer } from './test-app.ts';
import { apiUrl, HANDLER_BODY, handlerFailure, RESPONSE_HEADERS, SET_COOKIE } from './test-app.ts';

/** What both platforms' requests have in common, which is all the handlers read. */
interface PlatformRequest {
  readonly method: string;
  readonly url: string;
}

/**
 * The test application as one Nest controller, the same on @nestjs/platform-express and
 * @nestjs/platform-fastify. Dependencies are injected with explicit tokens: tsx compiles with
 * esbuild, which does not emit the parameter types Nest would otherwise read.
 *
 * Routes end in a bare `*`, the one wildcard both platforms take: fastify's router (find-my-way)
 * knows no other, and on express Nest rewrites it to path-to-regexp's `{*path}`.
 */
@Controller()
class TestAppController {
  readonly #log: RequestLog;

  constructor(@Inject(RequestLog) log: RequestLog) {
    this.#log = log;
  }

  @All('api/*')
  api(@Req() request: PlatformRequest, @Headers('cookie') cookie?: string): string {
    this.#log.handled(request.method, request.url, cookie);
    return HANDLER_BODY;
  }

  @All('headers/*')
  @Header('X-Request-Id', RESPONSE_HEADERS['x-request-id'])
  @Header('X-Internal-Trace', RESPONSE_HEADERS['x-internal-trace'])
  @Header('Content-Language', RESPONSE_HEADERS['content-language'])
  headers(@Req() request: PlatformRequest, @Headers('cookie') cookie?: string): string {
    return this.api(request, cookie);
  }

  @All('cookie/*')
  @Header('Set-Cookie', SET_COOKIE)
  cookie(@Req() request: PlatformRequest, @Headers('cookie') cookie?: string): string {
    return this.api(request, cookie);
  }

  @All('throw/*')
  fail(@Req() request: PlatformRequest, @Headers('cookie') cookie?: string): never {
    this.#log.handled(request.method, request.url, cookie);
    throw handlerFailure();
  }
}

@Module({})
class TestAppModule {}

/** The root module: `CorsModule.forRoot(policy)`, as the adapter's README says, and the controller. */
export function testAppModule(policy: Policy, log: RequestLog): DynamicModule {
  return {
    module: TestAppModule,
    imports: [CorsModule.forRoot(policy)],
    controllers: [TestAppController],
    providers: [{ provide: RequestLog, useValue: log }],
  };
}

/** Listens on 127.0.0.1 at an ephemeral port, with `log` watching the underlying server. */
export async function listenOnLoopback(
  app: INestApplication,
  log: RequestLog,
): Promise<RunningServer> {
  const server = app.getHttpServer();
  log.watch(server);
  await app.listen(0, '127.0.0.1');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not a TCP server');
  return {
    url: apiUrl(address.port),
    close: async () => {
      server.closeAllConnections();
      await app.close();
    },
  };
}
