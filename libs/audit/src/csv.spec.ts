import { csvCell, csvLine } from './csv';

describe('audit CSV', () => {
  it('quotes separators and quotes, and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it('writes one CRLF-terminated line per record in header order', () => {
    const line = csvLine({ id: '7', at: '2018-01-01T01:00:00.000Z', actorId: null, actorRole: 'admin', actorEmail: 'a@b.c', jurisdictionId: null, action: 'user.disabled', targetType: 'user', targetId: 'u1', details: {} });
    expect(line).toBe('7,2018-01-01T01:00:00.000Z,,admin,a@b.c,,user.disabled,user,u1,{}\r\n');
  });
});
