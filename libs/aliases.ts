import { registerHooks } from 'node:module';
import { join } from 'node:path';

/**
 * Libraries import each other as `@duban/<name>` (tsconfig `paths`, jest `moduleNameMapper`).
 * tsc does not rewrite those specifiers, so plain Node resolves them here: to the compiled
 * `libs/<name>/src/index.js` beside this file, or to `index.ts` where this runs from source
 * under a TypeScript-aware loader (jest's global setup). Load it before anything else.
 */
const ext = __filename.endsWith('.ts') ? 'ts' : 'js';

registerHooks({
  resolve(specifier, context, nextResolve) {
    const lib = /^@duban\/([\w-]+)$/.exec(specifier);
    if (!lib) return nextResolve(specifier, context);
    // a path, not a URL: the callers are CommonJS require()s
    return nextResolve(join(__dirname, lib[1], 'src', `index.${ext}`), context);
  },
});
