import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * A database of this test file's own, cloned from the migrated template (about 100 ms), and
 * dropped by the returned function.
 */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = new URL(process.env.DUBAN_TEST_TEMPLATE_URL ?? process.env.DATABASE_URL!);
  const templateName = template.pathname.slice(1);
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new URL(template);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), async (c) => {
    // CREATE DATABASE … TEMPLATE needs the template to have no other sessions: retry briefly
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
        return;
      } catch (error) {
        if (attempt > 50 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 100));
      }
    }
  });
  const url = new URL(template);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(admin.toString(), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
