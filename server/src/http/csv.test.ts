import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv';

describe('csv', () => {
  it('neutralises spreadsheet formulas', () => {
    for (const hostile of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x', '=HYPERLINK("http://evil")']) {
      expect(csvCell(hostile).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell('a=1')).toBe('a=1');
  });
  it('quotes commas, quotes and newlines; keeps Arabic as is', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('سلمى فاروق')).toBe('سلمى فاروق');
    expect(csvRow(['x', null, 3, new Date('2026-01-02T00:00:00Z')])).toBe('x,,3,2026-01-02T00:00:00.000Z\r\n');
  });
});
