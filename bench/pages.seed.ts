/**
 * The list pages' dataset beside the worker bench's (bench/worker.bench.ts): that one spreads tasks
 * evenly (333 a jurisdiction at 1M over 3,000), so no office there has a list deep enough to show
 * what OFFSET or the total cost. This adds one province-sized office: BENCH_BIG_TASKS tasks
 * (default a twentieth of BENCH_TASKS) over 50 plans issued across two years, 5 key areas each,
 * 100 departments (a lead and a co each task), a progress report on 30 % of the open tasks.
 */
export const BIG_JURISDICTION = '基准大省';

export function bigJurisdictionStatements(tasks: number): string[] {
  const plans = 50;
  const perPlan = Math.max(1, Math.ceil(tasks / plans));
  const big = `(select id from jurisdiction where name = '${BIG_JURISDICTION}')`;
  return [
    `select setseed(0.7)`,
    `insert into jurisdiction (id, name) values (gen_random_uuid(), '${BIG_JURISDICTION}')`,
    `insert into joint_meeting (id, jurisdiction_id, name, recipients) values (gen_random_uuid(), ${big}, '${BIG_JURISDICTION}联席会议', array['meeting-big@bench.cn'])`,
    `insert into department (id, jurisdiction_id, name, name_key, emails)
       select gen_random_uuid(), ${big}, '大省部门' || g, 'b' || g, array['b' || g || '@bench.cn'] from generate_series(1, 100) g`,
    `insert into app_user (id, email, password_hash, role, jurisdiction_id) values (gen_random_uuid(), 'zz-coord-big@bench.cn', 'x', 'coordinator', ${big})`,
    // microseconds in created_at on purpose: a cursor must carry them exactly
    `insert into plan (id, jurisdiction_id, title, source_text, source_sha256, created_at)
       select gen_random_uuid(), ${big}, '大省方案' || g, '…', md5('big' || g) || md5('plan' || g), timestamptz '2025-01-01' + g * interval '11 days 3 hours 0.123457 seconds'
       from generate_series(1, ${plans}) g`,
    `insert into key_area (id, plan_id, position, title) select gen_random_uuid(), p.id, g, '重点领域' || g from plan p, generate_series(1, 5) g where p.jurisdiction_id = ${big}`,
    `insert into task (id, plan_id, key_area_id, jurisdiction_id, position, kind, title, text, deadline, status, completed_at)
       select gen_random_uuid(), x.plan_id, k.id, x.jurisdiction_id, x.g, 'task', '大省任务' || x.g, '大省任务' || x.g, x.deadline, x.status,
              case when x.status = 'completed' then timestamptz '2026-01-01' end
       from (select p.id as plan_id, p.jurisdiction_id, g, date '2024-01-01' + (random() * 2556)::int as deadline,
                    case when random() < 0.15 then 'completed' when random() < 0.5 then 'in_progress' else 'assigned' end as status
             from plan p, generate_series(1, ${perPlan}) g where p.jurisdiction_id = ${big}) x
       join key_area k on k.plan_id = x.plan_id and k.position = (x.g - 1) * 5 / ${perPlan} + 1`,
    `insert into assignment (id, task_id, department_id, role, position)
       select gen_random_uuid(), t.id, d.id, 'lead', 0 from task t join department d on d.jurisdiction_id = t.jurisdiction_id and d.name_key = 'b' || (t.position % 100 + 1)
       where t.jurisdiction_id = ${big}`,
    `insert into assignment (id, task_id, department_id, role, position)
       select gen_random_uuid(), t.id, d.id, 'co', 0 from task t join department d on d.jurisdiction_id = t.jurisdiction_id and d.name_key = 'b' || ((t.position + 37) % 100 + 1)
       where t.jurisdiction_id = ${big}`,
    `insert into progress_report (id, task_id, department_id, percent, summary, created_at)
       select gen_random_uuid(), t.id, a.department_id, 50, '推进中', timestamptz '2026-11-10 10:00+08'
       from task t join assignment a on a.task_id = t.id and a.role = 'lead' where t.jurisdiction_id = ${big} and t.status <> 'completed' and random() < 0.3`,
  ];
}
