/**
 * Every message a person can get back from the API is said in Chinese. The catalogue is the
 * source itself: each DomainError built anywhere in libs/ and apps/ (and each helper that builds
 * one from its argument), each field problem `{field, message}`, each class-validator message and
 * each problem `detail`, read with the TypeScript parser. A message assembled at run time from a
 * variable must be one of the few pass-throughs listed below, each checked at its own source.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { getMetadataStorage } from 'class-validator';
import { DomainError, type NotFoundSubject } from '@duban/domain';
import { CJK, VALIDATION_MESSAGES } from './validation-messages';
import { PROBLEM_TITLES, toProblem } from './problem.filter';

const ROOT = join(__dirname, '..', '..', '..');

/** Calls whose argument at `index` is a message for people. */
const MESSAGE_CALLS: Record<string, number> = {
  'DomainError.invalid': 0,
  'DomainError.forbidden': 0,
  'DomainError.conflict': 0,
  'new DomainError': 1,
  'new PlanReadError': 1,
  'new PlanParseError': 1,
  // helpers that hand their argument to a DomainError, where they are used
  'libs/auth/src/auth.service.ts#unauthenticated': 0,
  'libs/auth/src/guards.ts#passportError': 2,
  'libs/domain/src/escalation/ladder.ts#fail': 0,
  'libs/plans/src/plan-import.service.ts#tooLarge': 0,
  'libs/domain/src/tasks/deadlines.ts#assertOpen': 1,
  'libs/domain/src/tasks/task-status.ts#assertOpen': 1,
  'libs/tasks/src/task-corrections.service.ts#assertDraft': 1,
};

/**
 * Messages made at run time from a value whose source is checked elsewhere: a reader's or
 * parser's error (their constructors are in the catalogue above), a domain error's field problems
 * re-used by a validator, the password policy's own Chinese rules.
 */
const PASS_THROUGHS = new Set([
  // the helpers above, and the two that build every DomainError and validation problem
  'libs/auth/src/auth.service.ts: message',
  'libs/auth/src/guards.ts: message',
  // the jurisdiction rule's 403: its callers' messages (string literals) are checked where they are written
  'libs/auth/src/jurisdiction-scope.ts: message',
  'libs/domain/src/errors.ts: message',
  'libs/http/src/validation.ts: validationMessage(e, rule, message)',
  // Nest's and multer's own messages, behind a Chinese title (`inChinese`)
  "libs/http/src/problem.filter.ts: inChinese(status, Array.isArray(detail) ? detail.join('; ') : String(detail ?? ''))",
  // the board's verdicts are the `detail`s of board-session.ts, checked as problem bodies
  'libs/jobs/src/board.ts: verdict.detail',
  // the cursor's field problems: string literals at each call in the same file
  'libs/tasks/src/task-page.ts: why',
  'apps/api/src/health.controller.ts: calendarGapWarning(years)',
  'libs/auth/src/password-policy.ts: problem.message',
  'libs/plan-reader/src/job.ts: w.message',
  'libs/plan-reader/src/read.ts: e.message',
  'libs/plans/src/plan-import.service.ts: error.message',
  'libs/plans/src/plan-intake.service.ts: error.message',
  'libs/plans/src/plan-import.service.ts: message',
  'libs/http/src/problem.filter.ts: error.message',
]);

interface Finding {
  where: string;
  text: string;
}

function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!['node_modules', 'test-support', 'test-fixtures', 'migrations'].includes(name)) walk(path);
      } else if (name.endsWith('.ts') && !/\.(int-)?spec\.ts$|\.d\.ts$/.test(name)) out.push(path);
    }
  };
  for (const lib of readdirSync(join(ROOT, 'libs'))) if (statSync(join(ROOT, 'libs', lib)).isDirectory()) walk(join(ROOT, 'libs', lib, 'src'));
  for (const app of ['api', 'worker', 'cli']) walk(join(ROOT, 'apps', app, 'src'));
  return out;
}

/** A `const` of that name declared in an enclosing block, as the message it stands for. */
function constant(node: ts.Identifier): ts.Expression | undefined {
  for (let scope: ts.Node | undefined = node.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
    for (const statement of scope.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      const found = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === node.text);
      if (found?.initializer) return found.initializer;
    }
  }
  return undefined;
}

/** The literal text of a message expression; `null` for a value only known at run time. */
function literalTexts(node: ts.Expression): string[] | null {
  if (ts.isIdentifier(node)) {
    const value = constant(node);
    return value ? literalTexts(value) : null;
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text + node.templateSpans.map((s) => s.literal.text).join('')];
  if (ts.isParenthesizedExpression(node)) return literalTexts(node.expression);
  if (ts.isConditionalExpression(node)) {
    const [a, b] = [literalTexts(node.whenTrue), literalTexts(node.whenFalse)];
    return a && b ? [...a, ...b] : null;
  }
  return null;
}

function scan(): { messages: Finding[]; dynamic: string[]; notFound: string[] } {
  const messages: Finding[] = [];
  const dynamic: string[] = [];
  const notFound: string[] = [];
  for (const path of sources()) {
    const file = relative(ROOT, path);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const check = (node: ts.Expression) => {
      const where = `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const texts = literalTexts(node);
      if (texts) for (const text of texts) messages.push({ where, text });
      else dynamic.push(`${file}: ${node.getText()}`);
    };
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const callee = node.expression.getText();
        const name = ts.isNewExpression(node) ? `new ${callee}` : callee;
        const index = MESSAGE_CALLS[name] ?? MESSAGE_CALLS[`${file}#${name}`];
        const args = node.arguments ?? [];
        if (index !== undefined && args[index]) check(args[index]);
        if (name === 'DomainError.notFound' && args[0] && ts.isStringLiteral(args[0])) notFound.push(args[0].text);
      }
      // field problems `{field, message}`, validator options `{message}` and problem bodies `{detail}`
      if (ts.isPropertyAssignment(node) && ['message', 'detail'].includes(node.name.getText())) {
        const object = node.parent;
        const keys = object.properties.map((p) => p.name?.getText());
        const inDecorator = !!ts.findAncestor(node, ts.isDecorator);
        if (keys.includes('field') || keys.includes('status') || keys.includes('rule') || inDecorator) check(node.initializer);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { messages, dynamic, notFound };
}

describe('every user-facing message is in Chinese', () => {
  const { messages, dynamic, notFound } = scan();

  it('walks a catalogue of the size the code has (the scan finds the messages)', () => {
    expect(messages.length).toBeGreaterThan(150);
    expect(notFound.length).toBeGreaterThan(15);
  });

  it('has CJK in each DomainError message, field problem, validator message and problem detail', () => {
    expect(messages.filter((m) => !CJK.test(m.text))).toEqual([]);
  });

  it('builds a message at run time only from a source checked here', () => {
    expect([...new Set(dynamic)].filter((d) => !PASS_THROUGHS.has(d))).toEqual([]);
    // and the list keeps no entry the code no longer has
    expect([...PASS_THROUGHS].filter((d) => !dynamic.includes(d))).toEqual([]);
  });

  it('names what a 404 did not find in Chinese', () => {
    for (const subject of new Set(notFound)) expect(DomainError.notFound(subject as NotFoundSubject, 'x').message).toMatch(CJK);
  });

  it('gives every status a Chinese title, and the framework’s own errors a Chinese detail', () => {
    for (const title of Object.values(PROBLEM_TITLES)) expect(title).toMatch(CJK);
    for (const error of [new Error('boom'), { status: 413, type: 'entity.too.large' }, { status: 400, type: 'entity.parse.failed' }]) {
      const problem = toProblem(error);
      expect([problem.title, problem.detail]).toEqual([expect.stringMatching(CJK), expect.stringMatching(CJK)]);
    }
  });

  it('has a Chinese message for every class-validator rule a DTO declares', async () => {
    // every file that declares DTOs (and the shared paging query), so the metadata storage holds all their rules
    const dtos = sources().filter((path) => /\.dto\.ts$|[/\\]paging\.ts$/.test(path));
    expect(dtos.length).toBeGreaterThan(5);
    for (const path of dtos) await import(path);
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, { type: string; name?: string; message?: unknown; propertyName: string }[]> };
    const rules = [...storage.validationMetadatas.values()].flat().filter((m) => m.type !== 'conditionalValidation');
    expect(rules.length).toBeGreaterThan(50);
    const unsaid = rules.filter((m) => !(typeof m.message === 'string' && CJK.test(m.message)) && !VALIDATION_MESSAGES[m.name ?? m.type]);
    expect(unsaid.map((m) => `${m.propertyName}: ${m.name ?? m.type}`)).toEqual([]);
    for (const template of Object.values(VALIDATION_MESSAGES)) expect(template([1])).toMatch(CJK);
  });
});
