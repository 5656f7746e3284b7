import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRows } from './csv';

describe('CSV reading', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsvRows('a,"b, c","say ""hi""","multi\nline"\r\nd,e,f,g')).toEqual([
      ['a', 'b, c', 'say "hi"', 'multi\nline'],
      ['d', 'e', 'f', 'g'],
    ]);
  });

  it('maps records to the header, skipping blank lines and a byte-order mark', () => {
    const { header, records } = parseCsv('\uFEFFplatform,sourceId\nchzzk, abc \n\nsoop,def\n');
    expect(header).toEqual(['platform', 'sourceId']);
    expect(records).toEqual([
      { row: 1, values: { platform: 'chzzk', sourceId: 'abc' } },
      { row: 3, values: { platform: 'soop', sourceId: 'def' } },
    ]);
  });

  it('refuses an unterminated quote', () => {
    expect(() => parseCsvRows('a,"b')).toThrow('unterminated');
  });
});
