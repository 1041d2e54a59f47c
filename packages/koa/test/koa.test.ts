import type { AdapterHarness } from '@corsica/cors-testkit';
import { describeConformance } from '@corsica/cors-testkit/vitest';
import Koa from 'koa';
import Koa2 from 'koa2';
import { cors } from '../src/index.ts';
import type { KoaClass } from './support/serve.ts';
import { serve } from './support/serve.ts';
import { testApp } from './support/test-app.ts';

function harness(name: string, KoaMajor: KoaClass): AdapterHarness {
  return {
    name,
    start: async (policy, { maxHeaderSize }) =>
      serve(testApp(KoaMajor, cors(policy)), maxHeaderSize),
  };
}

describeConformance(harness('koa 3', Koa));
describeConformance(harness('koa 2', Koa2));
