import {
  APP,
  corsHeadersOf,
  fromOrigin,
  PARTNER,
  PREFLIGHT_VARY,
  preflight,
} from '@corsica/cors-testkit';
import type {
  CallHandler,
  CanActivate,
  ExecutionContext,
  NestInterceptor,
  PipeTransform,
} from '@nestjs/common';
import { Controller, Injectable, Module, Param, Put } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Cors, CorsModule } from '../src/index.ts';
import { platforms } from './support/platforms.ts';
import type { Served } from './support/requests.ts';
import { serve } from './support/requests.ts';

/** What ran, in order, for the request being tested. */
const ran: string[] = [];

@Injectable()
class RejectEverythingGuard implements CanActivate {
  canActivate(_context: ExecutionContext): boolean {
    ran.push('guard');
    return false;
  }
}

@Injectable()
class RecordingInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    ran.push('interceptor');
    return next.handle();
  }
}

@Injectable()
class RecordingPipe implements PipeTransform {
  transform(value: unknown): unknown {
    ran.push('pipe');
    return value;
  }
}

@Controller('documents')
class DocumentsController {
  @Put(':id')
  save(@Param('id') id: string): string {
    return id;
  }

  @Cors({ origins: [PARTNER] })
  @Put(':id/share')
  share(@Param('id') id: string): string {
    return id;
  }
}

@Module({
  imports: [CorsModule.forRoot({ origins: [APP], credentials: true, methods: ['PUT'] })],
  controllers: [DocumentsController],
  providers: [
    { provide: APP_GUARD, useClass: RejectEverythingGuard },
    { provide: APP_INTERCEPTOR, useClass: RecordingInterceptor },
    { provide: APP_PIPE, useClass: RecordingPipe },
  ],
})
class AppModule {}

describe.each(platforms)('preflights on $name', (platform) => {
  let app: Served;
  beforeAll(async () => {
    app = await serve(platform, AppModule);
  });
  afterAll(() => app.close());
  beforeEach(() => {
    ran.length = 0;
  });

  it('are answered before a guard that rejects everything, and no interceptor or pipe runs', async () => {
    const response = await app.send(preflight(APP, 'PUT', '/documents/1'));
    expect(response.status).toBe(204);
    expect(corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
    expect(ran).toEqual([]);
  });

  it('are answered with a handler’s @Cors() before the guard too', async () => {
    const response = await app.send(preflight(PARTNER, 'PUT', '/documents/1/share'));
    expect(response.status).toBe(204);
    expect(corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [PARTNER],
      'access-control-allow-credentials': ['true'],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
    expect(ran).toEqual([]);
  });

  it('lead to an actual request that the guard refuses, with the CORS headers on its 403', async () => {
    const response = await app.send(fromOrigin(APP, 'PUT', '/documents/1'));
    expect(response.status).toBe(403);
    expect(corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      vary: ['Origin'],
    });
    expect(ran).toEqual(['guard']);
  });
});
