// Runs the production worker entry (apps/worker/src/main.ts) in a child process straight from
// source, so a test can SIGKILL a real worker process without a build step.
const { join } = require('node:path');
require('../../scripts/swc-register');

// A test pins the worker's clock to TEST_CLOCK_START (an ISO instant), from which it runs at the
// real pace, so what the worker finds due never depends on the day the suite runs.
if (process.env.TEST_CLOCK_START) {
  const { SystemClock } = require(join(__dirname, '..', '..', 'libs', 'clock', 'src', 'clock.ts'));
  const offset = new Date(process.env.TEST_CLOCK_START).getTime() - Date.now();
  if (Number.isNaN(offset)) throw new Error(`TEST_CLOCK_START is not an instant: ${process.env.TEST_CLOCK_START}`);
  SystemClock.prototype.now = () => new Date(Date.now() + offset);
}

require(join(__dirname, '..', '..', 'apps', 'worker', 'src', 'main.ts'));
