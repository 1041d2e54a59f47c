import { cors as corsica } from '@corsica/cors-express';
import cors from 'cors';
import express from 'express';
import {
  ALLOWED_HEADERS,
  ALLOWED_ORIGINS,
  corsicaPolicy,
  EXPOSED_HEADERS,
  MAX_AGE_SECONDS,
  METHODS,
  RESPONSE_TEXT,
  ROUTE_PATH,
} from '../policy.ts';
import type { StartServer } from './variant.ts';
import { HOST, listening } from './variant.ts';

export const startExpress: StartServer = (variant) => {
  const app = express();
  if (variant === 'peer') {
    app.use(
      cors({
        origin: [...ALLOWED_ORIGINS],
        credentials: true,
        methods: [...METHODS],
        allowedHeaders: [...ALLOWED_HEADERS],
        exposedHeaders: [...EXPOSED_HEADERS],
        maxAge: MAX_AGE_SECONDS,
      }),
    );
  }
  if (variant === 'corsica') app.use(corsica(corsicaPolicy));
  app.get(ROUTE_PATH, (_req, res) => {
    res.send(RESPONSE_TEXT);
  });
  return listening(app.listen(0, HOST));
};
