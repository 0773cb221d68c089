/** Matching a revised plan's tasks to the previous version's, so that matched tasks keep their id, assignments and progress. */

export interface TaskFields {
  section: string;
  title: string;
  kind: string;
  text: string;
  deadline: string | null;
}

export type ChangedField = keyof TaskFields;

export interface Match<P> {
  incoming: number;
  previous: P;
  changed: ChangedField[];
}

export interface Matching<P> {
  matches: Match<P>[];
  added: number[];
  removed: P[];
}

const FIELDS: ChangedField[] = ['section', 'title', 'kind', 'text', 'deadline'];
const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * Three passes, each consuming what it matched: identical text (a task that moved or whose
 * heading was renumbered), then same key area and title (text edited), then same title alone
 * when it is unique on both sides (moved to another key area and edited).
 */
export function matchTasks<P extends TaskFields>(previous: P[], incoming: TaskFields[]): Matching<P> {
  const taken = new Set<P>();
  const matched = new Map<number, P>();
  const pass = (key: (t: TaskFields) => string, uniqueOnly = false) => {
    const pool = new Map<string, P[]>();
    for (const p of previous) if (!taken.has(p)) pool.set(key(p), [...(pool.get(key(p)) ?? []), p]);
    const wanted = new Map<string, number>();
    incoming.forEach((t, i) => !matched.has(i) && wanted.set(key(t), (wanted.get(key(t)) ?? 0) + 1));
    incoming.forEach((t, i) => {
      if (matched.has(i)) return;
      const candidates = pool.get(key(t));
      if (!candidates?.length || (uniqueOnly && (candidates.length > 1 || wanted.get(key(t))! > 1))) return;
      const p = candidates.shift()!;
      taken.add(p);
      matched.set(i, p);
    });
  };
  pass((t) => squash(t.text));
  pass((t) => `${squash(t.section)}\u0000${squash(t.title)}`);
  pass((t) => squash(t.title), true);

  const matches = [...matched].sort(([a], [b]) => a - b).map(([i, p]) => ({ incoming: i, previous: p, changed: FIELDS.filter((f) => (p[f] ?? null) !== (incoming[i][f] ?? null)) }));
  return {
    matches,
    added: incoming.map((_, i) => i).filter((i) => !matched.has(i)),
    removed: previous.filter((p) => !taken.has(p)),
  };
}
