import { APP, corsHeadersOf, fromOrigin, PARTNER } from '@corsica/cors-testkit';
import type { CanActivate } from '@nestjs/common';
import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpException,
  HttpStatus,
  Injectable,
  Module,
  NotFoundException,
  Post,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cors, CorsModule } from '../src/index.ts';
import { platforms } from './support/platforms.ts';
import type { Served } from './support/requests.ts';
import { serve } from './support/requests.ts';

class PaymentRequiredException extends HttpException {
  constructor() {
    super('Payment required', HttpStatus.PAYMENT_REQUIRED);
  }
}

@Injectable()
class SignedInGuard implements CanActivate {
  canActivate(): boolean {
    throw new UnauthorizedException();
  }
}

@Controller('orders')
class OrdersController {
  @Get('missing')
  missing(): never {
    throw new NotFoundException('No such order');
  }

  @Post()
  create(@Body() _order: unknown): never {
    throw new ConflictException();
  }

  @Get('invoice')
  invoice(): never {
    throw new PaymentRequiredException();
  }

  @Get('broken')
  broken(): never {
    throw new TypeError('Cannot read properties of undefined');
  }

  @UseGuards(SignedInGuard)
  @Get('mine')
  mine(): string {
    return 'mine';
  }

  @Cors({ origins: [PARTNER] })
  @Get('shared')
  shared(): never {
    throw new NotFoundException();
  }
}

@Module({
  imports: [CorsModule.forRoot({ origins: [APP], credentials: true, exposedHeaders: ['X-Trace'] })],
  controllers: [OrdersController],
})
class AppModule {}

const allowed = {
  'access-control-allow-origin': [APP],
  'access-control-allow-credentials': ['true'],
  'access-control-expose-headers': ['X-Trace'],
  vary: ['Origin'],
};

describe.each(platforms)("responses of Nest's exception layer on $name", (platform) => {
  let app: Served;
  beforeAll(async () => {
    app = await serve(platform, AppModule);
  });
  afterAll(() => app.close());

  it.each([
    ['NotFoundException', 'GET', '/orders/missing', 404],
    ['ConflictException', 'POST', '/orders', 409],
    ['an HttpException subclass of the app', 'GET', '/orders/invoice', 402],
    ['an unhandled TypeError', 'GET', '/orders/broken', 500],
    ['an UnauthorizedException from a guard', 'GET', '/orders/mine', 401],
  ])('keep the CORS headers: %s', async (_name, method, path, status) => {
    const response = await app.send(fromOrigin(APP, method, path));
    expect(response.status).toBe(status);
    expect(corsHeadersOf(response)).toEqual(allowed);
  });

  it('keep the headers of a handler with its own @Cors()', async () => {
    const response = await app.send(fromOrigin(PARTNER, 'GET', '/orders/shared'));
    expect(response.status).toBe(404);
    expect(corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [PARTNER],
      'access-control-allow-credentials': ['true'],
      'access-control-expose-headers': ['X-Trace'],
      vary: ['Origin'],
    });
  });

  it('keep the CORS headers when the body fails to parse (400)', async () => {
    const response = await app.sendBody(
      fromOrigin(APP, 'POST', '/orders', { 'Content-Type': 'application/json' }),
      '{"item": ',
    );
    expect(response.status).toBe(400);
    expect(corsHeadersOf(response)).toEqual(allowed);
  });
});
