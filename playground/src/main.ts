import { requestedPort } from './cli-options.ts';
import { startPlayground } from './playground.ts';

async function main(): Promise<void> {
  const playground = await startPlayground({
    port: requestedPort(process.argv.slice(2), process.env),
  });
  const width = Math.max(...playground.adapters.map((adapter) => adapter.name.length));
  console.log(`\nCorsica playground: ${playground.url}\n`);
  console.log(`  the same page on an origin the policy does not list: ${playground.otherUrl}`);
  for (const adapter of playground.adapters) {
    console.log(`  ${adapter.name.padEnd(width)}  ${adapter.url}  (${adapter.packageName})`);
  }
  if (playground.movedPorts.length > 0) {
    console.log(`  (ports ${playground.movedPorts.join(', ')} were in use: free ports instead)`);
  }
  console.log('\nPress Ctrl+C to stop.\n');
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    playground.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
