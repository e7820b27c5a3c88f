// Markdown tables for the terminal and README, and the number formats every figure uses.

/** A Markdown table; numbers are right-aligned. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const numeric = header.map(
    (_, column) =>
      rows.length > 0 &&
      rows.every((row) => /^-?[\d.,]+( B| s| MB)?×?(–[\d.,]+×)?$|^$/.test(row[column] ?? "")),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join(" | ")} |`;
  // The rule row as Biome's Markdown formatter writes it, so README stays formatted.
  const rule = `| ${widths.map((width, column) => (numeric[column] ? `${"-".repeat(width - 1)}:` : "-".repeat(width))).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** 5535 → "5,535". */
export const bytes = (value: number): string => value.toLocaleString("en-US");

/** 0.9312 → "0.93×" (or with more digits, where a budget line sits close to the figure). */
export const ratio = (value: number, digits = 2): string => `${value.toFixed(digits)}×`;

/** 18234.5 → "18,235". */
export const count = (value: number): string => Math.round(value).toLocaleString("en-US");

/** Milliseconds with a precision that suits the value. */
export const ms = (value: number): string =>
  value >= 100 ? count(value) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

/** 1523.4 ms → "1.52 s". */
export const seconds = (milliseconds: number): string => `${(milliseconds / 1000).toFixed(2)} s`;
