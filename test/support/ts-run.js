// Runs a TypeScript file from source, for one-off scripts such as scripts/make-pdf-fixtures.sh:
// node test/support/ts-run.js FILE.ts ARGS…
const { resolve } = require('node:path');
require('../../scripts/swc-register');

const file = resolve(process.argv[2]);
process.argv.splice(1, 1);
require(file);
