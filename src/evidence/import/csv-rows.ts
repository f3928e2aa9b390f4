// RFC 4180 rows: fields split on commas, a quoted field may hold commas, quotes ("") and line
// breaks. Enough for TrackerControl's export, whose app names may hold any of those.

/** The rows of a CSV text, each with the line it starts on (1-based). */
export function csvRows(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (let position = 0; position < text.length; position++) {
    const character = text[position]!;
    if (quoted) {
      if (character === '"') {
        if (text[position + 1] === '"') {
          field += '"';
          position++;
        } else quoted = false;
      } else {
        if (character === '\n') line++;
        field += character;
      }
      continue;
    }
    if (character === '"' && field === '') quoted = true;
    else if (character === ',') {
      fields.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[position + 1] === '\n') position++;
      endRow();
      line++;
      rowLine = line;
    } else field += character;
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}
