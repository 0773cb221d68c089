import { DomainError } from '../errors';
import { type LocalDate, nthWorkdayBack, type WorkCalendar, workingDaysAfter } from '../calendar/working-days';

/** Who hears of a step: the task's lead or co departments, or the jurisdiction's coordinator office. */
export type Audience = 'lead' | 'co' | 'coordinators';
const AUDIENCES: readonly Audience[] = ['lead', 'co', 'coordinators'];

export interface LadderStep {
  /** Stored in task.escalation_level. */
  level: string;
  /** As clerks say it: 黄, 橙, 红. */
  label: string;
  /** 0 = as soon as the deadline has passed. */
  afterWorkingDays: number;
  notify: Audience[];
  /** Listed in the joint-meeting summary as 红牌 items. */
  redCard: boolean;
}

export const DEFAULT_LADDER: readonly LadderStep[] = [
  { level: 'yellow', label: '黄', afterWorkingDays: 0, notify: ['lead'], redCard: false },
  { level: 'orange', label: '橙', afterWorkingDays: 7, notify: ['lead', 'coordinators'], redCard: false },
  { level: 'red', label: '红', afterWorkingDays: 30, notify: ['lead', 'coordinators'], redCard: true },
];

/** Ladders are data (per jurisdiction): checked on the way in so the sweep can trust them. */
export function parseLadder(input: unknown): LadderStep[] {
  const fail = (message: string) => DomainError.invalid('invalid escalation ladder', [{ field: 'ladder', message }]);
  if (!Array.isArray(input) || input.length === 0 || input.length > 10) throw fail('must be a list of 1 to 10 steps');
  const steps = input.map((raw, i): LadderStep => {
    const s = raw as Partial<LadderStep>;
    if (typeof s.level !== 'string' || !/^[a-z][a-z0-9_]{0,31}$/.test(s.level)) throw fail(`step ${i + 1}: level must be a short lower-case name`);
    if (typeof s.label !== 'string' || !s.label.trim() || s.label.length > 20) throw fail(`step ${i + 1}: label is required`);
    if (!Number.isInteger(s.afterWorkingDays) || s.afterWorkingDays! < 0 || s.afterWorkingDays! > 500) throw fail(`step ${i + 1}: afterWorkingDays must be 0 to 500`);
    if (!Array.isArray(s.notify) || !s.notify.every((a) => AUDIENCES.includes(a))) throw fail(`step ${i + 1}: notify lists ${AUDIENCES.join(', ')}`);
    return { level: s.level, label: s.label.trim(), afterWorkingDays: s.afterWorkingDays!, notify: [...new Set(s.notify)], redCard: s.redCard === true };
  });
  for (let i = 1; i < steps.length; i++) {
    if (steps[i].afterWorkingDays <= steps[i - 1].afterWorkingDays) throw fail('steps must climb: each later than the one before');
  }
  if (new Set(steps.map((s) => s.level)).size !== steps.length) throw fail('levels must be distinct');
  return steps;
}

/**
 * A task whose deadline lies before a step's date is at least at that step on `today`. For k
 * working days: the k-th working day counting back from today is the first date the deadline can
 * fall on without having k working days after it (working days in (deadline, today] >= k).
 */
export function ladderThresholds(cal: WorkCalendar, today: LocalDate, ladder: readonly LadderStep[]): Array<{ step: LadderStep; deadlineBefore: LocalDate }> {
  return ladder.map((step) => ({ step, deadlineBefore: step.afterWorkingDays === 0 ? today : nthWorkdayBack(cal, today, step.afterWorkingDays) }));
}

/** The reference rule, step by step as a clerk counts; the sweep's SQL uses `ladderThresholds`. */
export function escalationStep(cal: WorkCalendar, deadline: LocalDate, today: LocalDate, ladder: readonly LadderStep[]): LadderStep | null {
  if (deadline >= today) return null;
  const late = workingDaysAfter(cal, deadline, today);
  let reached: LadderStep | null = null;
  for (const step of ladder) if (late >= step.afterWorkingDays) reached = step;
  return reached;
}
