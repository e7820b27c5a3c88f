// Markdown pieces the README emitters share.

/** Inline code; a backtick inside becomes a quote, so the span never breaks. */
export const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** One table cell: pipes escaped, line breaks folded. */
export const cell = (text: string) =>
  text
    .replace(/\|/g, "\\|")
    .replace(/\s*\n\s*/g, " ")
    .trim();

/** The first paragraph of a text, on one line. */
export function firstParagraph(text: string): string {
  return (text.trim().split(/\n\s*\n/)[0] ?? "").replace(/\s*\n\s*/g, " ");
}
