import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

jest.setTimeout(180_000);

/**
 * Vite strips the console's types without checking them, so a wrong field name in a .vue
 * template would only show in a browser; vue-tsc checks the templates against the API types.
 */
describe('the console', () => {
  it('type-checks, templates included', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vue-tsc', 'bin', 'vue-tsc.js'), '-p', join(ROOT, 'apps', 'console', 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`.trim()).toBe('');
    expect(run.status).toBe(0);
  });
});
