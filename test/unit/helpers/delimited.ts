/**
 * A reader of delimited text for the export tests, written from RFC 4180 (not from our writer): fields split on
 * the separator, a field that starts with a quote runs to the next lone quote with `""` read as one quote, and
 * rows end at CRLF or LF outside quotes. Throws on a quote inside an unquoted field or an unclosed quote.
 */
export function parseDelimited(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let at = 0;
  while (at < text.length) {
    let field = '';
    if (text[at] === '"') {
      at++;
      for (;;) {
        if (at >= text.length) throw new Error('unclosed quote');
        if (text[at] === '"') {
          if (text[at + 1] === '"') {
            field += '"';
            at += 2;
            continue;
          }
          at++;
          break;
        }
        field += text[at++];
      }
    } else {
      while (at < text.length && text[at] !== separator && text[at] !== '\n' && text[at] !== '\r') {
        if (text[at] === '"') throw new Error(`quote inside an unquoted field at ${at}`);
        field += text[at++];
      }
    }
    row.push(field);
    if (text[at] === separator) {
      at++;
      continue;
    }
    if (text[at] === '\r' && text[at + 1] === '\n') at += 2;
    else if (text[at] === '\n') at++;
    else if (at < text.length) throw new Error(`unexpected character after a quoted field at ${at}`);
    rows.push(row);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** HTML text back to plain text, for the cells of the Anki export: `<br>` a line break, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The tags of an HTML cell: the export may write only these. */
export function tagsIn(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)[^>]*>/g)].map((match) => match[0]);
}
