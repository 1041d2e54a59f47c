/**
 * What Corsica decides for a handful of requests, and why: the explanation a developer reads when
 * a browser says "blocked by CORS policy".
 */
import type { CorsDecision, CorsOptions } from '@corsica/cors-core';
import { appendVary, CorsConfigError, createCors, explainConfigError } from '@corsica/cors-core';

const policy: CorsOptions = {
  origins: ['https://app.example.com', 'https://*.preview.example.com'],
  credentials: true,
  methods: ['PUT', 'DELETE'],
  allowedHeaders: ['Content-Type', 'Authorization'],
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
};

const requests: { title: string; method: string; headers: Record<string, string> }[] = [
  {
    title: 'A page on app.example.com reads /api/me',
    method: 'GET',
    headers: { origin: 'https://app.example.com' },
  },
  {
    title: 'A preview deployment asks to PUT JSON',
    method: 'OPTIONS',
    headers: {
      origin: 'https://pr-42.preview.example.com',
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'authorization,content-type',
    },
  },
  {
    title: "A script wrote fetch(url, { method: 'patch' })",
    method: 'OPTIONS',
    headers: { origin: 'https://app.example.com', 'access-control-request-method': 'patch' },
  },
  {
    title: 'Another site tries to read /api/me',
    method: 'GET',
    headers: { origin: 'https://evil.example.net' },
  },
  { title: 'A sandboxed iframe (Origin: null)', method: 'GET', headers: { origin: 'null' } },
  { title: 'curl, without an Origin', method: 'GET', headers: {} },
];

async function show(decision: CorsDecision): Promise<string> {
  const lines = decision.headers.map(([name, value]) => `    ${name}: ${value}`);
  const vary = appendVary(undefined, decision.vary);
  if (vary !== undefined) lines.push(`    vary: ${vary}`);
  const status =
    decision.status === undefined ? 'handed on to the app' : `answered with ${decision.status}`;
  return [
    `  ${decision.kind}, ${decision.allowed ? 'allowed' : `denied (${decision.reason})`}, ${status}`,
    ...lines,
    `  ${await cors.explain(decision)}`,
  ].join('\n');
}

const cors = createCors(policy);
console.log(`Policy: ${JSON.stringify(policy)}\n`);
for (const request of requests) {
  const decision = cors.decide({
    method: request.method,
    header: (name) => request.headers[name],
  }) as CorsDecision;
  console.log(`${request.title}\n${await show(decision)}\n`);
}

console.log('A policy with mistakes is refused when it is built, with every fix at once:');
try {
  createCors({ origins: ['https://App.example.com/', '*'], credentials: true, maxAge: 100000 });
} catch (error) {
  if (!(error instanceof CorsConfigError)) throw error;
  console.log(await explainConfigError(error));
}
