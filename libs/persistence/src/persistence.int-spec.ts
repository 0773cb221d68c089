import { MikroORM } from '@mikro-orm/postgresql';
import { Jurisdiction, migrate, ormConfig } from '@duban/persistence';
import { freshDatabase } from '../../../test/support/database';

describe('persistence on a real PostgreSQL', () => {
  let orm: MikroORM;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  // never the template database: what is written there would appear in every later test file's clone
  beforeAll(async () => {
    db = await freshDatabase();
    orm = new MikroORM(ormConfig(db.url));
  });
  afterAll(async () => {
    await orm.close(true);
    await db.drop();
  });

  it('applies migrations once: a second run finds nothing to do', async () => {
    expect(await migrate(db.url)).toEqual([]);
  });

  /**
   * The migrations are the source of truth; an entity restates its table and must not drift from
   * it. Tables with no entity (the outbox, the escalation and notice rows, the calendar, the audit
   * log, …) are read and written by raw SQL only: the rule is "no entity, not compared", derived
   * from the database, so a new raw-SQL table needs no list entry and a new entity is compared.
   */
  it('has entities that match the migrated schema: the diff is empty', async () => {
    const entityTables = new Set([...orm.getMetadata().getAll().values()].map((meta) => meta.tableName));
    const tables = await orm.em.getConnection().execute<{ name: string }[]>(`select table_name as name from information_schema.tables where table_schema = 'public'`);
    const rawSqlOnly = tables.map((t) => t.name).filter((t) => !entityTables.has(t));
    const checked = new MikroORM(ormConfig(db.url, { schemaGenerator: { skipTables: rawSqlOnly } }));
    try {
      const diff = await checked.schema.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
      expect(diff.trim()).toBe('');
    } finally {
      await checked.close(true);
    }
  });

  it('stores and reads a jurisdiction with Chinese text', async () => {
    const em = orm.em.fork();
    const j = em.create(Jurisdiction, { name: `测试省-${Date.now()}` });
    await em.flush();
    const found = await orm.em.fork().findOneOrFail(Jurisdiction, j.id);
    expect(found.name).toBe(j.name);
    expect(found.timezone).toBe('Asia/Shanghai');
  });

  it('refuses to change a progress report (append-only)', async () => {
    const conn = orm.em.getConnection();
    await expect(conn.execute(`delete from progress_report where id = '00000000-0000-0000-0000-000000000000'`)).resolves.toBeDefined();
    // a row-level trigger fires only for rows that exist: prove it on a real row
    const em = orm.em.fork();
    const j = em.create(Jurisdiction, { name: `追加省-${Date.now()}` });
    await em.flush();
    await conn.execute(
      `insert into plan (id, jurisdiction_id, title, source_text, source_sha256) values (gen_random_uuid(), ?, 't', 's', md5(random()::text) || md5(random()::text))`,
      [j.id],
    );
    const [plan] = await conn.execute(`select id from plan where jurisdiction_id = ?`, [j.id]);
    await conn.execute(`insert into key_area (id, plan_id, position, title) values (gen_random_uuid(), ?, 1, 'k')`, [plan.id]);
    const [area] = await conn.execute(`select id from key_area where plan_id = ?`, [plan.id]);
    await conn.execute(
      `insert into task (id, plan_id, key_area_id, jurisdiction_id, position, kind, title, text) values (gen_random_uuid(), ?, ?, ?, 1, 'task', 't', 't')`,
      [plan.id, area.id, j.id],
    );
    const [task] = await conn.execute(`select id from task where plan_id = ?`, [plan.id]);
    await conn.execute(`insert into department (id, jurisdiction_id, name, name_key) values (gen_random_uuid(), ?, '省科技厅', '省科技厅')`, [j.id]);
    const [dept] = await conn.execute(`select id from department where jurisdiction_id = ?`, [j.id]);
    await conn.execute(`insert into progress_report (id, task_id, department_id, percent, summary) values (gen_random_uuid(), ?, ?, 10, '开始')`, [task.id, dept.id]);
    await expect(conn.execute(`update progress_report set percent = 90 where task_id = ?`, [task.id])).rejects.toThrow(/append-only/);
    await expect(conn.execute(`delete from progress_report where task_id = ?`, [task.id])).rejects.toThrow(/append-only/);
  });
});
