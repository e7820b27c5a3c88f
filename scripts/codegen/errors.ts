/** A spec that codegen cannot turn into a package: names the file and the place in it. */
export class CodegenError extends Error {
  constructor(
    readonly file: string,
    readonly place: string,
    problem: string,
  ) {
    super(`${file}: ${place}: ${problem}`);
    this.name = "CodegenError";
  }
}
