// Runs the production worker entry (apps/worker/src/main.ts) in a child process straight from
// source, compiled on load by SWC exactly as jest does, so a test can SIGKILL a real worker
// process without a build step. Plain JS: it must run before any TypeScript can.
const { readFileSync } = require('node:fs');
const { registerHooks } = require('node:module');
const { fileURLToPath } = require('node:url');
const { join } = require('node:path');
const swc = require('@swc/core');

const options = {
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2023' },
  module: { type: 'commonjs' },
};

registerHooks({
  // TypeScript sources import each other without extensions
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('.')) throw error;
      for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`]) {
        try {
          return nextResolve(candidate, context);
        } catch {
          // next candidate
        }
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

// A test pins the worker's clock to TEST_CLOCK_START (an ISO instant), from which it runs at the
// real pace, so what the worker finds due never depends on the day the suite runs.
if (process.env.TEST_CLOCK_START) {
  const { SystemClock } = require(join(__dirname, '..', '..', 'libs', 'clock', 'src', 'clock.ts'));
  const offset = new Date(process.env.TEST_CLOCK_START).getTime() - Date.now();
  if (Number.isNaN(offset)) throw new Error(`TEST_CLOCK_START is not an instant: ${process.env.TEST_CLOCK_START}`);
  SystemClock.prototype.now = () => new Date(Date.now() + offset);
}

require(join(__dirname, '..', '..', 'apps', 'worker', 'src', 'main.ts'));
