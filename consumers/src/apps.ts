/**
 * The apps a user writes with each package: the smallest complete server, once as CommonJS
 * (`.cjs`, what `npm init -y` makes) and once as an ES module (`.mjs`). Both forms share the
 * body and differ in how they load modules, so each adapter is loaded through its `require` and
 * its `import` export, and the frameworks through theirs.
 */

/** The origin the apps allow. */
export const ALLOWED_ORIGIN = 'https://app.example.com';
/** What `GET /api/items` answers, as JSON. */
export const ITEMS: readonly { readonly id: number; readonly name: string }[] = [
  { id: 1, name: 'notebook' },
];

export type ModuleFormat = 'cjs' | 'mjs';

/**
 * One module an app loads: `esm` is the import clause (`express`, `{ cors }`), `cjs` the binding
 * of `require` (`express`, `{ cors }`); null for a module loaded for its side effects.
 */
interface Load {
  readonly from: string;
  readonly esm: string | null;
  readonly cjs: string | null;
}

export interface ConsumerApp {
  /** `express`, `nest on fastify`… */
  readonly name: string;
  /** The file name without its extension. */
  readonly file: string;
  readonly loads: readonly Load[];
  /** The body of `async function main()`; it calls `listening(port)` once it listens. */
  readonly body: string;
}

/** The same binding both ways: a default import, or named imports destructured from require. */
function load(from: string, binding: string): Load {
  return { from, esm: binding, cjs: binding };
}

const nestBody = (adapter: string): string => `
  // Plain JavaScript has no decorator syntax: Nest's decorators are applied as functions.
  class ItemsController {
    list() {
      return items;
    }
  }
  Controller('api')(ItemsController);
  const list = Object.getOwnPropertyDescriptor(ItemsController.prototype, 'list');
  Get('items')(ItemsController.prototype, 'list', list);

  class AppModule {}
  Module({ imports: [CorsModule.forRoot(policy)], controllers: [ItemsController] })(AppModule);

  const app = await NestFactory.create(AppModule, new ${adapter}(), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  listening(app.getHttpServer().address().port);`;

const nestLoads = (platform: string, adapter: string): Load[] => [
  { from: 'reflect-metadata', esm: null, cjs: null },
  load('@nestjs/common', '{ Controller, Get, Module }'),
  load('@nestjs/core', '{ NestFactory }'),
  load(`@nestjs/platform-${platform}`, `{ ${adapter} }`),
  load('@corsica/cors-nest', '{ CorsModule }'),
];

export const consumerApps: readonly ConsumerApp[] = [
  {
    name: 'express',
    file: 'express',
    loads: [load('express', 'express'), load('@corsica/cors-express', '{ cors }')],
    body: `
  const app = express();
  app.use(cors(policy));
  app.get('/api/items', (req, res) => res.json(items));
  const server = app.listen(0, '127.0.0.1', () => listening(server.address().port));`,
  },
  {
    name: 'koa',
    file: 'koa',
    loads: [load('koa', 'Koa'), load('@corsica/cors-koa', '{ cors }')],
    body: `
  const app = new Koa();
  app.use(cors(policy));
  app.use((ctx) => {
    if (ctx.path === '/api/items') ctx.body = items;
  });
  const server = app.listen(0, '127.0.0.1', () => listening(server.address().port));`,
  },
  {
    name: 'fastify',
    file: 'fastify',
    // The plugin is the package's default export; CommonJS reads it as a named one.
    loads: [
      load('fastify', 'Fastify'),
      { from: '@corsica/cors-fastify', esm: 'cors', cjs: '{ cors }' },
    ],
    body: `
  const app = Fastify();
  await app.register(cors, policy);
  app.get('/api/items', async () => items);
  await app.listen({ port: 0, host: '127.0.0.1' });
  listening(app.server.address().port);`,
  },
  {
    name: 'hapi',
    file: 'hapi',
    loads: [
      load('@hapi/hapi', 'Hapi'),
      { from: '@corsica/cors-hapi', esm: 'cors', cjs: '{ cors }' },
    ],
    body: `
  const server = Hapi.server({ port: 0, host: '127.0.0.1' });
  await server.register({ plugin: cors, options: policy });
  server.route({ method: 'GET', path: '/api/items', handler: () => items });
  await server.start();
  listening(server.info.port);`,
  },
  {
    name: 'node:http',
    file: 'node-http',
    loads: [load('node:http', '{ createServer }'), load('@corsica/cors-node-http', '{ withCors }')],
    body: `
  const server = createServer(
    withCors(policy, (req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(items));
    }),
  );
  server.listen(0, '127.0.0.1', () => listening(server.address().port));`,
  },
  {
    name: 'fetch (withCors on @hono/node-server)',
    file: 'fetch',
    loads: [load('@hono/node-server', '{ serve }'), load('@corsica/cors-fetch', '{ withCors }')],
    body: `
  const handler = withCors(policy, () => Response.json(items));
  serve({ fetch: handler, port: 0, hostname: '127.0.0.1' }, (info) => listening(info.port));`,
  },
  {
    name: 'hono (on @hono/node-server)',
    file: 'hono',
    loads: [
      load('hono', '{ Hono }'),
      load('@hono/node-server', '{ serve }'),
      load('@corsica/cors-hono', '{ cors }'),
    ],
    body: `
  const app = new Hono();
  app.use('*', cors(policy));
  app.get('/api/items', (c) => c.json(items));
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => listening(info.port));`,
  },
  {
    name: 'nest on express',
    file: 'nest-express',
    loads: nestLoads('express', 'ExpressAdapter'),
    body: nestBody('ExpressAdapter'),
  },
  {
    name: 'nest on fastify',
    file: 'nest-fastify',
    loads: nestLoads('fastify', 'FastifyAdapter'),
    body: nestBody('FastifyAdapter'),
  },
];

function loadLine(item: Load, format: ModuleFormat): string {
  const from = `'${item.from}'`;
  if (format === 'mjs') {
    return item.esm === null ? `import ${from};` : `import ${item.esm} from ${from};`;
  }
  return item.cjs === null ? `require(${from});` : `const ${item.cjs} = require(${from});`;
}

/** A program in `format`: its loads, what it declares, and `main` with `body`, run at once. */
function programSource(
  loads: readonly Load[],
  declarations: string,
  body: string,
  format: ModuleFormat,
): string {
  return `${loads.map((item) => loadLine(item, format)).join('\n')}
${declarations}
async function main() {${body}
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;
}

/** The app's source in `format`. */
export function appSource(app: ConsumerApp, format: ModuleFormat): string {
  const declarations = `
const policy = {
  origins: ['${ALLOWED_ORIGIN}'],
  methods: ['PUT'],
  allowedHeaders: ['Content-Type'],
};
const items = ${JSON.stringify(ITEMS)};

function listening(port) {
  console.log(\`listening on http://127.0.0.1:\${port}\`);
}
`;
  return programSource(app.loads, declarations, app.body, format);
}

/**
 * What an adapter author does with the testkit: serve an adapter, send it a preflight with the
 * kit's client, read the kit's vectors. Prints what it saw as one JSON line, with what resolving
 * the vitest helper gave (a path, or the error code).
 */
export function testkitScript(format: ModuleFormat): string {
  const resolveHelper =
    format === 'mjs'
      ? "import.meta.resolve('@corsica/cors-testkit/vitest')"
      : "(() => {\n    try {\n      return require.resolve('@corsica/cors-testkit/vitest');\n    } catch (error) {\n      return error.code;\n    }\n  })()";
  return programSource(
    [
      load('@corsica/cors-node-http', '{ withCors }'),
      load(
        '@corsica/cors-testkit',
        '{ APP, conformanceCases, corsHeadersOf, listen, preflight, send, vectors }',
      ),
    ],
    '',
    `
  const server = await listen(withCors({ origins: [APP], methods: ['PUT'] }, (req, res) => res.end()));
  const answer = await send(server.url, preflight(APP, 'PUT'));
  await server.close();
  const vitestHelper = ${resolveHelper};
  console.log(
    JSON.stringify({
      vectors: vectors.length,
      cases: conformanceCases.length,
      status: answer.status,
      cors: corsHeadersOf(answer),
      vitestHelper,
    }),
  );`,
    format,
  );
}

/**
 * The CLI's \`check()\` as a library: asks whether a browser at \`origin\` may PUT JSON to a
 * node:http server it starts (allowing ${ALLOWED_ORIGIN}), and prints the verdict.
 */
export function checkScript(format: ModuleFormat, origin: string): string {
  return programSource(
    [
      load('node:http', '{ createServer }'),
      load('@corsica/cors-node-http', '{ withCors }'),
      load('@corsica/cors-cli', '{ check }'),
    ],
    '',
    `
  const policy = { origins: ['${ALLOWED_ORIGIN}'], methods: ['PUT'], allowedHeaders: ['Content-Type'] };
  const server = createServer(withCors(policy, (req, res) => res.end('{}')));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const result = await check({
    url: \`http://127.0.0.1:\${server.address().port}/api/items\`,
    origin: '${origin}',
    method: 'PUT',
    headers: ['Content-Type: application/json'],
    send: true,
  });
  server.closeAllConnections();
  server.close();
  console.log(result.verdict);`,
    format,
  );
}
