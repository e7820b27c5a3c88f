// Markdown pieces the README emitters share.

/** Inline code; a backtick inside becomes a quote, so the span never breaks. */
export const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** One table cell: pipes escaped, line breaks folded. */
export const cell = (text: string) =>
  text
    .replace(/\|/g, "\\|")
    .replace(/\s*\n\s*/g, " ")
    .trim();
