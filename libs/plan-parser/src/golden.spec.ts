/**
 * The two worked answers of the contract, reproduced exactly (deep equality with
 * contracts/examples/*.json, copied to test-fixtures/).
 */
import { readDocument, readExpected } from '../test-fixtures/fixtures';
import { parsePlan } from './parse';

describe.each(['qinghai-2017', 'shaanxi-2016'] as const)('golden %s', (name) => {
  const expected = readExpected(name);
  const actual = parsePlan(readDocument(name));

  it('has the expected plan header', () => {
    expect(actual.plan).toEqual(expected.plan);
  });

  it('has the expected tasks, in order', () => {
    expect(actual.tasks.length).toBe(expected.tasks.length);
    actual.tasks.forEach((task, i) => expect({ i, ...task }).toEqual({ i, ...expected.tasks[i] }));
  });

  it('is deep-equal to the worked answer', () => {
    expect(actual).toEqual(expected);
  });
});

/** PDF-style hard wrapping at a fixed width must not change the result. */
function hardWrap(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const pieces: string[] = [];
      for (let l = line; ; l = l.slice(width)) {
        pieces.push(l.slice(0, width));
        if (l.length <= width) break;
      }
      return pieces;
    })
    .join('\n');
}

describe.each(['qinghai-2017', 'shaanxi-2016'] as const)('golden %s, hard-wrapped', (name) => {
  const expected = readExpected(name);
  it.each([30, 45])('at %d characters', (width) => {
    const actual = parsePlan(hardWrap(readDocument(name), width));
    expect(actual.plan).toEqual(expected.plan);
    const strip = (t: (typeof expected.tasks)[number]) => ({ ...t, text: t.text.replace(/\s+/g, '') });
    expect(actual.tasks.map(strip)).toEqual(expected.tasks.map(strip));
  });
});
