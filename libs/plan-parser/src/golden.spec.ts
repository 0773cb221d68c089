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
