import { benchHttp } from '../bench/http.bench';
import { benchImport } from '../bench/import.bench';
import { benchParser } from '../bench/parser.bench';
import { benchWorker } from '../bench/worker.bench';

/**
 * `npm run bench`: performance numbers, printed, never asserted. Each benchmark lives in
 * bench/*.bench.ts and exports one async function; `npm run bench -- NAME` runs one.
 */
const BENCHES: Record<string, () => Promise<void>> = {
  parser: benchParser,
  worker: benchWorker,
  http: benchHttp,
  import: benchImport,
};

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const [name, run] of Object.entries(BENCHES)) {
    if (only && name !== only) continue;
    process.stdout.write(`\n== ${name}\n`);
    await run();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
