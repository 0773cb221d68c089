import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, type Kysely } from '@mikro-orm/postgresql';
import { Clock } from '@duban/clock';
import { ASSIGNMENTS_SET_BY_HAND, DEADLINE_SET_BY_HAND, DomainError, statusForAssignments } from '@duban/domain';
import { planParseDuration } from '@duban/observability';
import { type ParsedPlan, type ParsedTask, parsePlan, PlanParseError, type ReviewedTask } from '@duban/plan-parser';
import { Assignment, type AssignmentRole, Jurisdiction, KeyArea, Plan, Task, TaskEvent, User } from '@duban/persistence';
import { type Actor, assertInScope, jurisdictionScope } from './access';
import { DepartmentDirectory } from './department-directory';
import { lockJurisdiction } from './locks';
import { planFindingsOf, type TaskFinding } from './plan-findings';
import { planViews, type PlanView } from './plan.views';
import { jurisdictionOf } from './jurisdiction';
import { type ChangedField, matchTasks } from './revision';

/** Real plans are under 200 kB; anything far above is not a plan document. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

export interface ImportOptions {
  sourceName?: string | null;
  actor?: Actor;
  /** Import as a draft: seen by the coordinators only, chased by nobody, until published. */
  draft?: boolean;
}

export interface TaskRef {
  id: string;
  section: string;
  title: string;
}

export interface ImportResult {
  /** false: the same text was imported before; nothing was written. */
  created: boolean;
  plan: PlanView;
  /** For a draft: what the coordinator should look at before publishing. */
  findings?: TaskFinding[];
  /** Present when the plan revised an earlier version of itself. */
  revision?: {
    previousPlanId: string;
    added: TaskRef[];
    changed: (TaskRef & { fields: (ChangedField | 'assignments')[] })[];
    removed: TaskRef[];
  };
}

type Revision = NonNullable<ImportResult['revision']>;

/**
 * Parses a plan document and writes it, all in one transaction: jurisdiction and joint meeting,
 * plan, key areas, tasks, departments and assignments. The API and the CLI both call this.
 */
@Injectable()
export class PlanImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async importText(text: string, options: ImportOptions = {}): Promise<ImportResult> {
    return this.importSource(text, () => parse(normalizeSource(text)), options);
  }

  /**
   * Imports a plan already parsed (off the request thread, from any file format): `sourceText`
   * is the document as text, stored with the plan and hashed to recognise a repeat.
   */
  async importParsed(sourceText: string, parsed: ParsedPlan, options: ImportOptions = {}): Promise<ImportResult> {
    return this.importSource(sourceText, () => parsed, options);
  }

  /** The plan already imported from this text (the caller may see it), or null: answered before any parse. */
  async known(text: string, actor: Actor = null): Promise<ImportResult | null> {
    return this.existing(this.em.fork(), normalizeSource(text), actor);
  }

  private async importSource(text: string, parseOnce: () => ParsedPlan, { sourceName = null, actor = null, draft = false }: ImportOptions): Promise<ImportResult> {
    const source = normalizeSource(text);
    if (Buffer.byteLength(source) > MAX_IMPORT_BYTES) {
      throw tooLarge(`a plan document may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    }
    const sha256 = sourceHash(source);
    const em = this.em.fork();
    const known = await this.existing(em, source, actor);
    if (known) return known;

    const parsed = parseOnce();
    const jurisdictionName = jurisdictionOf(parsed);
    const scope = await jurisdictionScope(em, actor);
    if (scope !== null) {
      const jurisdiction = await em.findOne(Jurisdiction, { name: jurisdictionName });
      if (jurisdiction?.id !== scope) throw DomainError.forbidden(`this plan belongs to ${jurisdictionName}, not to your jurisdiction`);
    }

    return em.transactional(async (tx) => {
      // serializes imports of one jurisdiction: a concurrent copy of the same text finds the first below
      await lockJurisdiction(tx, jurisdictionName);
      const raced = await this.existing(tx, source, actor);
      if (raced) return raced;

      const jurisdiction = await ensureJurisdiction(tx, jurisdictionName);
      const directory = await DepartmentDirectory.load(tx, jurisdiction);
      const previous = await findPreviousVersion(tx, jurisdiction, parsed);
      const plan = tx.create(Plan, {
        jurisdiction,
        title: parsed.plan.title,
        issuer: parsed.plan.issuer,
        docNumber: parsed.plan.docNumber,
        issuedOn: parsed.plan.issuedOn,
        targetYears: parsed.plan.targetYears,
        sourceName,
        sourceText: source,
        sourceSha256: sha256,
        revision: (previous?.revision ?? 0) + 1,
        previousRevision: previous,
        createdById: actor?.id ?? null,
        // a draft revision stays beside the live version until it is published
        status: draft ? 'draft' : 'published',
        publishedAt: draft ? null : this.clock.now(),
        publishedById: draft ? null : (actor?.id ?? null),
      });
      if (previous && !draft) previous.supersededBy = plan;

      const sections = [...new Set(parsed.tasks.map((t) => t.section))];
      const areas = new Map(sections.map((title, i) => [title, tx.create(KeyArea, { plan, position: i + 1, title })]));
      const writer = new TaskWriter(tx, directory, plan, areas, jurisdiction, actor, this.clock.now(), draft);
      let revision: Revision | undefined;
      if (previous && !draft) {
        revision = await writer.revise(previous, parsed.tasks);
        await tx.flush();
      } else {
        await writer.insertAll(parsed.tasks);
      }
      const [view] = await planViews(tx, [plan]);
      return { created: true, plan: view, ...(draft ? { findings: await planFindingsOf(tx, plan) } : {}), ...(revision ? { revision } : {}) };
    });
  }

  private async existing(em: EntityManager, source: string, actor: Actor): Promise<ImportResult | null> {
    // plans stored before blank lines stopped counting carry the hash of the text as it came
    const plan = await em.findOne(Plan, { sourceSha256: { $in: [sourceHash(source), legacySourceHash(source)] } });
    if (!plan) return null;
    await assertInScope(em, actor, plan.jurisdiction.id);
    const [view] = await planViews(em, [plan]);
    return { created: false, plan: view, ...(plan.status === 'draft' ? { findings: await planFindingsOf(em, plan) } : {}) };
  }
}

/** Builds the task and assignment rows of one import (or of publishing a draft); flushed once, as batched inserts. */
export class TaskWriter {
  constructor(
    private readonly em: EntityManager,
    private readonly directory: DepartmentDirectory,
    private readonly plan: Plan,
    private readonly areas: Map<string, KeyArea>,
    private readonly jurisdiction: Jurisdiction,
    private readonly actor: Actor,
    private readonly now: Date,
    private readonly draft = false,
  ) {}

  /**
   * A new plan's tasks and assignments as two set-based inserts in one statement. Through the unit
   * of work, 125 tasks and their ~400 assignments cost a flush that walked every managed entity
   * several times (most of a 0.5–1 s import); the plan, its key areas and new departments (a few
   * dozen rows) are flushed first, as entities, since the tasks refer to them.
   */
  async insertAll(tasks: ParsedTask[]): Promise<void> {
    const taskRows: TaskRow[] = [];
    const assignmentRows: AssignmentRow[] = [];
    tasks.forEach((doc, index) => {
      const wanted = this.resolve(doc);
      const id = randomUUID();
      taskRows.push({
        id,
        key_area_id: this.areas.get(doc.section)!.id,
        position: index + 1,
        kind: doc.kind,
        title: doc.title,
        text: doc.text,
        deadline: doc.deadline ?? null,
        status: statusForAssignments('assigned', wanted),
        unread: [...((doc as ReviewedTask).unread ?? [])],
      });
      for (const w of wanted) assignmentRows.push({ id: randomUUID(), task_id: id, department_id: w.department.id, role: w.role, position: w.position });
    });
    await this.em.flush();
    await nativeExecute(
      this.em,
      `with tasks as (
         insert into task (id, plan_id, key_area_id, jurisdiction_id, position, kind, title, text, deadline, status, draft, unread)
         select t.id, $1::uuid, t.key_area_id, $2::uuid, t.position, t.kind, t.title, t.text, t.deadline, t.status, $3::boolean, t.unread
         from jsonb_to_recordset($4::jsonb) as t(id uuid, key_area_id uuid, position int, kind text, title text, text text, deadline date, status text, unread text[])
       )
       insert into assignment (id, task_id, department_id, role, position)
       select a.id, a.task_id, a.department_id, a.role, a.position
       from jsonb_to_recordset($5::jsonb) as a(id uuid, task_id uuid, department_id uuid, role text, position int)`,
      [this.plan.id, this.jurisdiction.id, this.draft, JSON.stringify(taskRows), JSON.stringify(assignmentRows)],
    );
  }

  /**
   * Tasks that match the previous version move to the new one and keep id, assignments and
   * progress; what a coordinator set by hand (assignments, a deadline or an approved extension)
   * wins over the document.
   */
  async revise(previous: Plan, incoming: ParsedTask[], drafts?: Task[]): Promise<Revision> {
    const em = this.em;
    const old = await em.find(Task, { plan: previous, removedAt: null }, { populate: ['keyArea'], orderBy: { position: 'asc' } });
    const fields = old.map((task) => ({ task, section: task.keyArea.title, title: task.title, kind: task.kind, text: task.text, deadline: task.deadline ?? null }));
    const { matches, added, removed } = matchTasks(fields, incoming);

    const ids = matches.map((m) => m.previous.task.id);
    const current = new Map<string, Assignment[]>();
    for (const a of await em.find(Assignment, { task: { $in: ids } })) current.set(a.task.id, [...(current.get(a.task.id) ?? []), a]);
    const byHand = await handEdited(em, ids);
    // publishing a draft revision: a correction made on the draft is the newest word and wins
    const correctedDraft = drafts ? await handEdited(em, drafts.map((d) => d.id)) : new Set<string>();
    const actor = this.actor ? em.getReference(User, this.actor.id) : null;

    const revision: Revision = { previousPlanId: previous.id, added: [], changed: [], removed: [] };
    const replaced: string[] = [];
    for (const { incoming: i, previous: p, changed } of matches) {
      const task = p.task;
      const doc = incoming[i];
      for (const field of ['assignments', 'deadline']) if (drafts && correctedDraft.has(`${drafts[i].id}:${field}`)) byHand.delete(`${task.id}:${field}`);
      const kept = byHand.has(`${task.id}:deadline`) ? changed.filter((f) => f !== 'deadline') : changed;
      const before: Record<string, unknown> = Object.fromEntries(kept.map((f) => [f, p[f]]));
      const after: Record<string, unknown> = Object.fromEntries(kept.map((f) => [f, doc[f]]));
      em.assign(task, { plan: this.plan, keyArea: this.areas.get(doc.section)!, position: i + 1, kind: doc.kind, title: doc.title, text: doc.text });
      if (kept.includes('deadline')) task.deadline = doc.deadline;

      const wanted = this.resolve(doc);
      // grouped once: a filter over all the plan's assignments per task was a third of a revision's CPU
      const had = current.get(task.id) ?? [];
      const differs = !byHand.has(`${task.id}:assignments`) && signature(had.map((a) => [a.role, a.position, a.department.id])) !== signature(wanted.map((w) => [w.role, w.position, w.department.id]));
      if (differs) {
        replaced.push(...had.map((a) => a.id));
        this.assign(task, wanted);
        task.status = statusForAssignments(task.status, wanted);
        before.assignments = had.map((a) => ({ role: a.role, departmentId: a.department.id }));
        after.assignments = wanted.map((w) => ({ role: w.role, departmentId: w.department.id }));
      }
      if (kept.length || differs) {
        em.create(TaskEvent, { task, actor, type: 'revised', before, after, reason: `plan revised: ${this.plan.title} (revision ${this.plan.revision})`, at: this.now });
        revision.changed.push({ ...ref(task, doc.section), fields: [...kept, ...(differs ? (['assignments'] as const) : [])] });
      }
      if (drafts) this.retireDraft(drafts[i], task);
    }
    // deleted now, before the flush inserts their replacements under the same (task, department) key
    if (replaced.length) await em.nativeDelete(Assignment, { id: { $in: replaced } });
    for (const i of added) revision.added.push(ref(drafts ? this.adopt(drafts[i], i) : this.add(incoming[i], i), incoming[i].section));
    for (const { task, section } of removed) {
      task.removedAt = this.now;
      em.create(TaskEvent, { task, actor, type: 'removed', before: { planId: previous.id }, after: null, reason: `dropped by revision: ${this.plan.title} (revision ${this.plan.revision})`, at: this.now });
      revision.removed.push(ref(task, section));
    }
    return revision;
  }

  /** A draft task with no live counterpart becomes a live task of its own, keeping its id and history. */
  private adopt(draft: Task, index: number): Task {
    draft.position = index + 1;
    draft.draft = false;
    return draft;
  }

  /** A draft task that matched a live one: the live task carries on; the draft row keeps its corrections' history. */
  private retireDraft(draft: Task, live: Task): void {
    draft.removedAt = this.now;
    const actor = this.actor ? this.em.getReference(User, this.actor.id) : null;
    this.em.create(TaskEvent, { task: draft, actor, type: 'published_into', before: null, after: { taskId: live.id }, reason: `published into the live task of ${this.plan.title}`, at: this.now });
  }

  private add(doc: ParsedTask, index: number): Task {
    const wanted = this.resolve(doc);
    const task = this.em.create(Task, {
      plan: this.plan,
      keyArea: this.areas.get(doc.section)!,
      jurisdiction: this.jurisdiction,
      position: index + 1,
      kind: doc.kind,
      title: doc.title,
      text: doc.text,
      deadline: doc.deadline,
      status: statusForAssignments('assigned', wanted),
      draft: this.draft,
      unread: [...((doc as ReviewedTask).unread ?? [])],
    });
    this.assign(task, wanted);
    return task;
  }

  /** Lead before co; a department named twice keeps its first (strongest) role. */
  private resolve(doc: ParsedTask) {
    const seen = new Set<string>();
    const wanted: { role: AssignmentRole; department: ReturnType<DepartmentDirectory['resolve']>; position: number }[] = [];
    for (const [role, names] of [['lead', doc.lead], ['co', doc.co]] as const) {
      let position = 0;
      for (const name of names) {
        const department = this.directory.resolve(name);
        if (seen.has(department.id)) continue;
        seen.add(department.id);
        wanted.push({ role, department, position: position++ });
      }
    }
    return wanted;
  }

  private assign(task: Task, wanted: ReturnType<TaskWriter['resolve']>): void {
    for (const w of wanted) this.em.create(Assignment, { task, department: w.department, role: w.role, position: w.position });
  }
}

interface TaskRow {
  id: string;
  key_area_id: string;
  position: number;
  kind: string;
  title: string;
  text: string;
  deadline: string | null;
  status: string;
  unread: string[];
}

interface AssignmentRow {
  id: string;
  task_id: string;
  department_id: string;
  role: AssignmentRole;
  position: number;
}

/**
 * A statement with bound parameters in the current transaction: `em.execute` would inline the
 * plan's text (tens of kB of JSON) into the SQL, escaped character by character.
 */
async function nativeExecute(em: EntityManager, sql: string, parameters: unknown[]): Promise<void> {
  const client = em.getTransactionContext<Kysely<unknown>>() ?? em.getConnection().getClient<unknown>();
  await client.executeQuery({ sql, parameters, query: { kind: 'RawNode', sqlFragments: [sql], parameters: [] }, queryId: { queryId: randomUUID() } } as never);
}

/** Tasks whose assignments or deadline a coordinator set by hand, as `${taskId}:assignments|deadline`. */
export async function handEdited(em: EntityManager, taskIds: string[]): Promise<Set<string>> {
  if (!taskIds.length) return new Set();
  const edited = await em.find(TaskEvent, { task: { $in: taskIds }, type: { $in: [...ASSIGNMENTS_SET_BY_HAND, ...DEADLINE_SET_BY_HAND] } }, { fields: ['task', 'type'] });
  return new Set(edited.map((e) => `${e.task.id}:${ASSIGNMENTS_SET_BY_HAND.includes(e.type) ? 'assignments' : 'deadline'}`));
}

function signature(rows: [string, number, string][]): string {
  return rows.map((r) => r.join(':')).sort().join(',');
}

function ref(task: Task, section: string): TaskRef {
  return { id: task.id, section, title: task.title };
}

/**
 * What makes two copies of a document the same document: its lines without surrounding white
 * space and without blank lines (a file read line by line and the same text pasted differ only
 * there).
 */
function sourceHash(source: string): string {
  const canonical = source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
  return createHash('sha256').update(canonical).digest('hex');
}

function legacySourceHash(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

function normalizeSource(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function parse(source: string): ParsedPlan {
  const end = planParseDuration.startTimer();
  try {
    const parsed = parsePlan(source);
    end({ outcome: 'ok' });
    return parsed;
  } catch (error) {
    end({ outcome: error instanceof PlanParseError ? 'rejected' : 'error' });
    if (!(error instanceof PlanParseError)) throw error;
    if (error.code === 'too_large') throw tooLarge(error.message);
    throw new DomainError('invalid', error.message, { reason: error.code, errors: [{ field: 'text', message: error.message }] });
  }
}

/** Too large is bad input like any other (400 naming the field), not a transport limit. */
function tooLarge(message: string): DomainError {
  return new DomainError('invalid', message, { reason: 'too_large', errors: [{ field: 'text', message }] });
}

async function ensureJurisdiction(em: EntityManager, name: string): Promise<Jurisdiction> {
  // a user created for the jurisdiction may have made the row already
  await em.execute('insert into jurisdiction (id, name) values (?, ?) on conflict (name) do nothing', [randomUUID(), name]);
  const jurisdiction = await em.findOneOrFail(Jurisdiction, { name });
  await em.execute('insert into joint_meeting (id, jurisdiction_id, name) values (?, ?, ?) on conflict (jurisdiction_id) do nothing', [randomUUID(), jurisdiction.id, `${name}联席会议`]);
  return jurisdiction;
}

/** Same jurisdiction and document number, or same title: the current (published) version of the same plan. */
export async function findPreviousVersion(em: EntityManager, jurisdiction: Jurisdiction, parsed: { plan: Pick<ParsedPlan['plan'], 'docNumber' | 'title'> }): Promise<Plan | null> {
  const same = parsed.plan.docNumber ? [{ docNumber: parsed.plan.docNumber }, { title: parsed.plan.title }] : [{ title: parsed.plan.title }];
  return em.findOne(Plan, { jurisdiction, supersededBy: null, status: 'published', $or: same }, { orderBy: { revision: 'desc' } });
}
