// Markdown pieces the README emitters and the generated code's JSDoc share.
import type { OverloadModel } from "@x/spec-model";

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

/** "with `grant_type: "authorization_code"`": the discriminator value that picks an overload. */
export function overloadCondition({ variant: { discriminator } }: OverloadModel): string {
  return `with ${code(`${discriminator.property}: ${JSON.stringify(discriminator.value)}`)}`;
}
