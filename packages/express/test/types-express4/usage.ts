/**
 * How an app uses the adapter, type-checked twice: with @types/express 5 (`pnpm typecheck`'s
 * first pass) and with @types/express 4 (`tsconfig.json` here maps `express` to it).
 */

import type { Request } from 'express';
import express from 'express';
import cors, { createCors } from '../../src/index.ts';

const app = express();
app.use(
  cors({
    origins: ['https://app.example.com'],
    methods: ['PUT'],
    allowedHeaders: ['Content-Type'],
  }),
);

// A predicate reads express's own request: a tenant by Host.
const tenants = new Map([['acme.example.com', 'https://acme.example.com']]);
const perTenant = createCors<Request>({
  origins: (origin, req) => tenants.get(req.hostname) === origin,
});
app.use('/api', cors(perTenant));

const router = express.Router();
router.put(
  '/items/:id',
  cors({ origins: ['https://admin.example.com'], methods: ['PUT'] }),
  (req, res) => {
    res.json({ id: req.params['id'] });
  },
);
app.use(router);
