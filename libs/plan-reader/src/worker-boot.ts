import { join } from 'node:path';

/**
 * Compiled, the pool starts `parse.worker.js` directly. From TypeScript sources (jest, ad-hoc
 * runs) there is no .js to start, so the worker boots from this script instead: it compiles
 * each .ts file with SWC on load, as jest does and as test/support/worker-child.js does for
 * child processes (`@duban/<name>` rewritten to libs/<name>/src), keeping `import()` so
 * pdfjs (ESM only) loads natively.
 */
export function workerBootSource(entry: string): string {
  const swcPath = require.resolve('@swc/core');
  const root = join(__dirname, '..', '..', '..');
  return `
const { readFileSync } = require('node:fs');
const { registerHooks } = require('node:module');
const { fileURLToPath } = require('node:url');
const swc = require(${JSON.stringify(swcPath)});
const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
    baseUrl: ${JSON.stringify(root)},
    paths: { '@duban/*': ['libs/*/src'] },
  },
  module: { type: 'commonjs', ignoreDynamic: true },
};
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) throw error;
      for (const candidate of [specifier + '.ts', specifier + '/index.ts']) {
        try { return nextResolve(candidate, context); } catch {}
      }
      throw error;
    }
  },
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
    const filename = fileURLToPath(url);
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
    return { format: 'commonjs', source: code, shortCircuit: true };
  },
});
require(${JSON.stringify(entry)});
`;
}
