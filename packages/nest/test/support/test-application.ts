import type { CorsInput } from '@corsica/cors-core';
import { HANDLER_MARKER, HANDLER_RAN } from '@corsica/cors-testkit';
import type { Type } from '@nestjs/common';
import {
  All,
  Controller,
  Get,
  Header,
  Inject,
  Module,
  NotFoundException,
  Res,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CorsModule } from '../../src/index.ts';

/** The testkit's application (see `AdapterHarness`), written as a Nest controller. */
@Controller()
export class KitController {
  // An explicit token: Biome turns imports used only as types into `import type`, which would
  // leave the emitted parameter type empty.
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  @All('api/*')
  @Header(HANDLER_MARKER, HANDLER_RAN)
  api(): string {
    return HANDLER_RAN;
  }

  @Get('get-only')
  @Header(HANDLER_MARKER, HANDLER_RAN)
  getOnly(): string {
    return HANDLER_RAN;
  }

  /**
   * Adds to Vary through the platform's `appendHeader`, as portable Nest code does. (On express,
   * `@Header('Vary', …)` would replace the whole header, Origin included: see the README.)
   */
  @All('vary')
  @Header(HANDLER_MARKER, HANDLER_RAN)
  vary(@Res({ passthrough: true }) response: unknown): string {
    this.adapterHost.httpAdapter.appendHeader(response, 'Vary', 'Accept-Encoding');
    return HANDLER_RAN;
  }

  /** Replaces Vary: `@Header` sets the whole header (express `res.set`, fastify `reply.header`). */
  @All('vary-replaced')
  @Header(HANDLER_MARKER, HANDLER_RAN)
  @Header('Vary', 'Accept-Encoding')
  varyReplaced(): string {
    return HANDLER_RAN;
  }

  @All('throw')
  fail(): never {
    throw new Error('handler failure');
  }

  /**
   * Nest's exceptions carry no headers: the closest idiom sets the header on the response through
   * the platform (replacing Vary, as express's `res.set` and fastify's `reply.header` do), then
   * throws; Nest's exception layer answers on that same response.
   */
  @All('throw-with-headers')
  failWithHeaders(@Res({ passthrough: true }) response: unknown): never {
    this.adapterHost.httpAdapter.setHeader(response, 'Vary', 'Accept-Language');
    throw new NotFoundException('gone');
  }

  @All('throw-non-error')
  failWithNonError(): never {
    throw 'boom';
  }

  /** The admin area: `/admin` and below, routed by the platform's router. */
  @All(['admin', 'admin/*'])
  @Header(HANDLER_MARKER, HANDLER_RAN)
  @Header('x-corsica-area', 'admin')
  admin(): string {
    return HANDLER_RAN;
  }
}

/** The root module of the kit's application, with CORS installed as the README says. */
export function kitModule(policy: CorsInput): Type {
  @Module({ imports: [CorsModule.forRoot(policy)], controllers: [KitController] })
  class KitModule {}
  return KitModule;
}
