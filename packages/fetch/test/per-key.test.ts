import { describe, expect, it, vi } from 'vitest';
import { corsPerKey, withCors } from '../src/index.ts';

/** A Worker whose allowed origins come from its environment, as a deployment sets them. */
interface Env {
  readonly ALLOWED_ORIGINS: string;
}

describe('a policy from the Worker environment (corsPerKey)', () => {
  const options = vi.fn((origins: string) => ({ origins: origins.split(',') }));
  const policyFor = corsPerKey(options);
  const worker = {
    fetch: (request: Request, env: Env) =>
      withCors(policyFor(env.ALLOWED_ORIGINS), () => new Response('ok'))(request),
  };
  const staging: Env = { ALLOWED_ORIGINS: 'https://staging.example.com' };
  const production: Env = { ALLOWED_ORIGINS: 'https://app.example.com,https://admin.example.com' };
  const from = (origin: string) =>
    new Request('https://api.example.com/items', { headers: { Origin: origin } });

  it("answers each environment with its own origins, compiling each environment's policy once", async () => {
    for (let i = 0; i < 3; i++) {
      const allowed = await worker.fetch(from('https://staging.example.com'), staging);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(
        'https://staging.example.com',
      );
      const denied = await worker.fetch(from('https://staging.example.com'), production);
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
      expect(denied.headers.get('vary')).toBe('Origin');
    }
    expect(options).toHaveBeenCalledTimes(2);
  });
});
