// Lets plain Node run this repository's TypeScript sources, compiled on load by SWC exactly as
// jest does, with `@duban/*` resolved to libs/*/src: for the production entry points run as child
// processes in tests (test/support/worker-child.js), for one-off scripts (test/support/ts-run.js)
// and for plan-reader's parse worker threads when the pool runs from source (libs/plan-reader/src/pool.ts).
// Plain JS: it must run before any TypeScript can.
const { readFileSync } = require('node:fs');
const { registerHooks } = require('node:module');
const { fileURLToPath } = require('node:url');
const { join } = require('node:path');
const swc = require('@swc/core');

const root = join(__dirname, '..', '..');
const options = {
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2023' },
  module: { type: 'commonjs', ignoreDynamic: true },
};

registerHooks({
  resolve(specifier, context, nextResolve) {
    const lib = /^@duban\/([\w-]+)$/.exec(specifier);
    if (lib) return nextResolve(join(root, 'libs', lib[1], 'src', 'index.ts'), context);
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      // TypeScript sources import each other without extensions
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) throw error;
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
