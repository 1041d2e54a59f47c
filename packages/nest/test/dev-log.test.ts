import { APP, devLogLines, preflight } from '@corsica/cors-testkit';
import { Controller, Logger, Module, Put } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CorsModule } from '../src/index.ts';
import { platforms } from './support/platforms.ts';

const EXPECTED =
  'CORS preflight from "https://app.example.com" to "OPTIONS /items": Preflight denied: request header "content-type" is not allowed (the policy allows no request headers beyond the safelisted ones). Add "content-type" to allowedHeaders. Corsica answers it with 403 and no Access-Control-Allow-* headers.';

@Controller('items')
class ItemsController {
  @Put()
  replace(): string {
    return 'replaced';
  }
}

@Module({
  imports: [CorsModule.forRoot({ origins: [APP], methods: ['PUT'] })],
  controllers: [ItemsController],
})
class AppModule {}

describe.each(platforms)('the development log on $name', (platform) => {
  afterEach(() => vi.restoreAllMocks());

  /** What reached Nest's Logger, as [context, line]. */
  async function run(environment: 'development' | 'production'): Promise<readonly string[]> {
    const warn = vi.spyOn(Logger.prototype, 'warn');
    return devLogLines(
      environment,
      () => platform.start(AppModule),
      () =>
        warn.mock.contexts.map(
          (logger, i) =>
            `${(logger as Logger & { context?: string }).context}: ${warn.mock.calls[i]?.[0]}`,
        ),
      preflight(APP, 'PUT', '/items', { 'Access-Control-Request-Headers': 'content-type' }),
    );
  }

  it("writes one line through Nest's Logger (context CORS), naming the reason and the fix", async () => {
    expect(await run('development')).toStrictEqual([`CORS: ${EXPECTED}`]);
  });

  it('writes nothing in production', async () => {
    expect(await run('production')).toStrictEqual([]);
  });
});
