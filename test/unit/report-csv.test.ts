import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/report/csv.ts';

describe('CSV for spreadsheets', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('keeps formulas from running by prefixing an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=1')).toBe('a=1');
  });

  it('writes CRLF rows, empty cells for missing values', () => {
    expect(toCsv(['a', 'b'], [[1, null], [true, 'x']])).toBe('a,b\r\n1,\r\ntrue,x\r\n');
  });
});
