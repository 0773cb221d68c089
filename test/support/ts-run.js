// Runs a TypeScript file from source (SWC on load, `@duban/*` resolved to libs/*/src), for
// one-off scripts such as scripts/make-pdf-fixtures.sh: node test/support/ts-run.js FILE.ts ARGS…
const { readFileSync } = require('node:fs');
const { registerHooks } = require('node:module');
const { fileURLToPath } = require('node:url');
const { join, resolve } = require('node:path');
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
const file = resolve(process.argv[2]);
process.argv.splice(1, 1);
require(file);
