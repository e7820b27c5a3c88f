// What the sandbox prepares once at start-up must answer exactly as the per-request work it replaces.
import { entryFor } from "@x/spec-model";
import { describe, expect, it } from "vitest";
import { randomAlnum, randomHex, randomToken } from "../src/random.js";
import { PROVIDERS, specs } from "./helpers.js";

describe("random text from the pooled CSPRNG bytes", () => {
  it("never repeats across many refills of the pool, and keeps each alphabet and length", () => {
    // 4,000 × 32 bytes is eight times the pool: every refill boundary is crossed.
    const tokens = Array.from({ length: 4000 }, () => randomToken(32));
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const hex = Array.from({ length: 2000 }, () => randomHex(12));
    expect(new Set(hex).size).toBe(hex.length);
    for (const value of hex) expect(value).toMatch(/^[0-9a-f]{24}$/);
    const alnum = Array.from({ length: 2000 }, () => randomAlnum(38));
    expect(new Set(alnum).size).toBe(alnum.length);
    for (const value of alnum) expect(value).toMatch(/^[A-Za-z0-9]{38}$/);
  });

  it("serves a request larger than the pool", () => {
    expect(randomHex(20_000)).toMatch(/^[0-9a-f]{40000}$/);
    expect(randomAlnum(20_000)).toMatch(/^[A-Za-z0-9]{20000}$/);
  });
});

describe("methodFor, tabled per discriminator value at start-up", () => {
  const cases = PROVIDERS.flatMap((provider) =>
    specs[provider].operations
      .filter((op) => op.model.requestBody?.discriminatorProperty !== undefined)
      .map((op) => ({ provider, op })),
  );

  it("has operations whose discriminator values pick an x-sdk-methods entry", () => {
    const picked = cases.filter(({ provider, op }) => {
      const body = op.model.requestBody;
      const values = body?.variants.flatMap((v) => v.discriminator?.values ?? []) ?? [];
      const property = body?.discriminatorProperty as string;
      return values.some((value) => specs[provider].methodFor(op, { [property]: value }) !== undefined);
    });
    expect(picked.length).toBeGreaterThan(0);
  });

  it.each(cases)(
    "$provider $op.operationId picks the spec model's entry for every value, and none for others",
    ({ provider, op }) => {
      const spec = specs[provider];
      const property = op.model.requestBody?.discriminatorProperty as string;
      const values = op.model.requestBody?.variants.flatMap((v) => v.discriminator?.values ?? []) ?? [];
      expect(values.length).toBeGreaterThan(0);
      for (const value of [...values, "no_such_grant", ""]) {
        const params = { [property]: value };
        const entry = entryFor(spec.model, op.model, params);
        expect(spec.methodFor(op, params)?.entry).toBe(entry);
      }
      expect(spec.methodFor(op, {})).toBeUndefined();
    },
  );
});
