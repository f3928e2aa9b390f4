// Long identifiers, URLs and field paths in narrow columns: the stylesheet never breaks a word
// where it likes (that split "advertisingTrackin gId" and "51.507 351" in printed reports), so the
// page offers break points itself, with <wbr>, only after a separator: "/", "_", "&", "?", "=",
// and "." when it is not a decimal point. Numbers and coordinates stay whole.
import Handlebars from 'handlebars';

/** Splits after each separator, keeping it on the left piece. */
const afterSeparator = /(?<=[/_&?=])|(?<=\.)(?!\d)/;

/** The text HTML-escaped, with <wbr> after each separator; safe to output unescaped. */
export function breakableHtml(text: string): string {
  return text
    .split(afterSeparator)
    .map((piece) => Handlebars.escapeExpression(piece))
    .join('<wbr>');
}
