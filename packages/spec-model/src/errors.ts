/** A spec the model cannot be built from: names the file, the place (JSON pointer) and, when known, the line. */
export class SpecModelError extends Error {
  override name = "SpecModelError";

  constructor(
    readonly file: string,
    /** JSON pointer ("#/paths/~1token/post"), or "YAML" for a document that does not parse. */
    readonly place: string,
    readonly problem: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line === undefined ? "" : `:${line}:${column ?? 1}`}: ${place}: ${problem}`);
  }
}
