import type { CorsInput } from '@corsica/cors-core';
import type { AdapterHarness } from '@corsica/cors-testkit';
import { HANDLER_MARKER, HANDLER_RAN, listen } from '@corsica/cors-testkit';
import { describeConformance } from '@corsica/cors-testkit/vitest';
import type { Request, RequestHandler } from 'express';
import express5 from 'express';
import express4 from 'express4';
import { cors } from '../src/index.ts';

type ExpressFactory = typeof express5;

const ran: RequestHandler = (_req, res) => {
  res.set(HANDLER_MARKER, HANDLER_RAN).send(HANDLER_RAN);
};

/** The admin area marks its responses, so the kit can tell which spellings reach it. */
const admin: RequestHandler = (_req, res) => {
  res.set('x-corsica-area', 'admin').set(HANDLER_MARKER, HANDLER_RAN).send(HANDLER_RAN);
};

/** The kit's test application, as an express user writes it, with CORS installed app-wide. */
function testApplication(express: ExpressFactory, policy: CorsInput): ReturnType<ExpressFactory> {
  const app = express();
  app.use(cors(policy));
  app.all(/^\/api\//, ran);
  app.get('/get-only', ran);
  app.all(
    '/vary',
    (_req, res, next) => {
      res.vary('Accept-Encoding');
      next();
    },
    ran,
  );
  app.all(
    '/vary-replaced',
    (_req, res, next) => {
      res.set('Vary', 'Accept-Encoding');
      next();
    },
    ran,
  );
  app.all('/throw', () => {
    throw new Error('handler failure');
  });
  // finalhandler, express's error handler, applies `err.headers` when `err.status` is 4xx or 5xx.
  app.all('/throw-with-headers', (_req, _res, next) => {
    next(Object.assign(new Error('gone'), { status: 404, headers: { Vary: 'Accept-Language' } }));
  });
  app.all('/throw-non-error', () => {
    throw 'boom';
  });
  // An area, mounted the way express apps mount one: `/admin` and below, any method, matched as
  // express matches mount paths (case-insensitively, with or without a trailing slash).
  app.use('/admin', admin);
  return app;
}

function harnessFor(name: string, express: ExpressFactory): AdapterHarness {
  return {
    name,
    hostOf: (req) => (req as Request).get('host'),
    start: async (policy, { maxHeaderSize }) =>
      listen(testApplication(express, policy), maxHeaderSize),
  };
}

describeConformance(harnessFor('express 5', express5));
describeConformance(harnessFor('express 4', express4));
