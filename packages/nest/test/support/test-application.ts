import type { CorsInput } from '@corsica/cors-core';
import { HANDLER_MARKER, HANDLER_RAN } from '@corsica/cors-testkit';
import type { Type } from '@nestjs/common';
import { All, Controller, Get, Header, Inject, Module, Res } from '@nestjs/common';
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

  @All('throw')
  fail(): never {
    throw new Error('handler failure');
  }
}

/** The root module of the kit's application, with CORS installed as the README says. */
export function kitModule(policy: CorsInput): Type {
  @Module({ imports: [CorsModule.forRoot(policy)], controllers: [KitController] })
  class KitModule {}
  return KitModule;
}
