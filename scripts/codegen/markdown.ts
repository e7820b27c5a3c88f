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

/** "HTTP 400, 401" and, for `default`, "any other error status": what a list of error statuses stands for. */
export function statusPhrases(statuses: string[]): string[] {
  const numeric = statuses.filter((status) => status !== "default");
  return [
    ...(numeric.length > 0 ? [`HTTP ${numeric.join(", ")}`] : []),
    ...(numeric.length < statuses.length ? [`any ${numeric.length > 0 ? "other " : ""}error status`] : []),
  ];
}

/** "with `grant_type: "authorization_code"`": the discriminator value that picks an overload. */
export function overloadCondition({ variant: { discriminator } }: OverloadModel): string {
  return `with ${code(`${discriminator.property}: ${JSON.stringify(discriminator.value)}`)}`;
}
