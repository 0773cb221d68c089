import { DomainError } from '../errors';
import { allowedActions, statusAfterProgress, statusForAssignments, TASK_STATUSES, type TaskAction, transition } from './task-status';

const ACTIONS: TaskAction[] = ['accept', 'start', 'request_completion', 'approve_completion', 'return'];

describe('the task status machine', () => {
  it('walks the happy path: 签收, work, 申请办结, 销号', () => {
    let s: string = 'assigned';
    for (const [action, to] of [
      ['accept', 'accepted'],
      ['start', 'in_progress'],
      ['request_completion', 'completion_requested'],
      ['approve_completion', 'completed'],
    ] as const) {
      s = transition(s, action);
      expect(s).toBe(to);
    }
  });

  it('returns a completion request to in_progress, only with a reason', () => {
    expect(() => transition('completion_requested', 'return', '  ')).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(transition('completion_requested', 'return', '佐证材料不全')).toBe('in_progress');
  });

  it('allows exactly the listed transitions; every other one is a conflict naming the current status', () => {
    const legal = new Set(['assigned:accept', 'accepted:start', 'in_progress:request_completion', 'completion_requested:approve_completion', 'completion_requested:return']);
    for (const status of TASK_STATUSES) {
      for (const action of ACTIONS) {
        if (legal.has(`${status}:${action}`)) {
          expect(() => transition(status, action, 'why')).not.toThrow();
          expect(allowedActions(status)).toContain(action);
        } else {
          let error: unknown;
          try {
            transition(status, action, 'why');
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect(error).toMatchObject({ code: 'conflict', details: { currentStatus: status } });
        }
      }
    }
  });

  it('starts an accepted task on its first progress report and refuses reports on a completed one', () => {
    expect(statusAfterProgress('accepted', 'lead')).toBe('in_progress');
    expect(statusAfterProgress('assigned', 'lead')).toBe('assigned');
    expect(statusAfterProgress('completion_requested', 'lead')).toBe('completion_requested');
    expect(() => statusAfterProgress('completed', 'lead')).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => statusAfterProgress('completed', 'co')).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it("starts the task on the lead's report only: a co department's report leaves the lead's task accepted", () => {
    expect(statusAfterProgress('accepted', 'co')).toBe('accepted');
    expect(statusAfterProgress('in_progress', 'co')).toBe('in_progress');
  });
});

describe('statusForAssignments', () => {
  const real = { isCollective: false };
  const collective = { isCollective: true };
  it('assigns a task once a real department leads it, and sends it back when none does', () => {
    expect(statusForAssignments('unassigned', [{ role: 'lead', department: real }])).toBe('assigned');
    expect(statusForAssignments('assigned', [{ role: 'lead', department: collective }, { role: 'co', department: real }])).toBe('unassigned');
    expect(statusForAssignments('unassigned', [{ role: 'co', department: real }])).toBe('unassigned');
  });
  it('leaves work under way alone', () => {
    expect(statusForAssignments('in_progress', [])).toBe('in_progress');
  });
});
