// The `format`s a validator checks, and a value of each. Any other format (a vendor's "urn", "jwt", …) is an
// annotation: tolerated, never checked, never a reason to refuse a spec.

export interface FormatRule {
  /** The JSON type the format applies to; values of other types pass. */
  type: "string" | "number";
  check: (value: never) => boolean;
  /** A value of the format, for answers built from a schema. */
  sample: string | number;
}

const INT32 = 2 ** 31;
const anything = () => true;

export const FORMATS: Readonly<Record<string, FormatRule>> = {
  int32: {
    type: "number",
    check: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32,
    sample: 0,
  },
  int64: { type: "number", check: (n: number) => Number.isInteger(n), sample: 0 },
  float: { type: "number", check: anything, sample: 0 },
  double: { type: "number", check: anything, sample: 0 },
  byte: {
    type: "string",
    check: (s: string) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s),
    sample: "c2FuZGJveA==",
  },
  // Annotations in OpenAPI: what they name is not checked on the wire, but a sample still looks the part.
  binary: { type: "string", check: anything, sample: "sandbox" },
  password: { type: "string", check: anything, sample: "sandbox" },
  uri: { type: "string", check: anything, sample: "https://sandbox.example/" },
  url: { type: "string", check: anything, sample: "https://sandbox.example/" },
  email: { type: "string", check: anything, sample: "user@sandbox.example" },
  date: { type: "string", check: anything, sample: "2026-01-01" },
  "date-time": { type: "string", check: anything, sample: "2026-01-01T00:00:00Z" },
  uuid: { type: "string", check: anything, sample: "00000000-0000-4000-8000-000000000000" },
  hostname: { type: "string", check: anything, sample: "sandbox.example" },
};

/** Whether a validator checks this format (any other is an annotation). */
export function isKnownFormat(format: unknown): format is string {
  return typeof format === "string" && Object.hasOwn(FORMATS, format);
}
