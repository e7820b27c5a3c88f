import { describe, expect, it } from "vitest";
import { isSecretField } from "../src/call/redact.js";
import { REDACTED, redact, redactText, SECRET_KEYS, scrubValues } from "../src/index.js";

describe("redact", () => {
  it("replaces secret values deep inside objects and arrays, and keeps the rest", () => {
    const input = {
      client_id: "app-1",
      client_secret: "s3cret",
      nested: [{ access_token: "act.fake", refresh_token: "rft.fake", expires_in: 900 }],
      headers: { Authorization: "Basic abc" },
      clientSecret: "also",
    };
    expect(redact(input)).toEqual({
      client_id: "app-1",
      client_secret: REDACTED,
      nested: [{ access_token: REDACTED, refresh_token: REDACTED, expires_in: 900 }],
      headers: { Authorization: REDACTED },
      clientSecret: REDACTED,
    });
    expect(input.client_secret).toBe("s3cret");
  });

  it("redacts a cyclic object without pointing back at the unredacted original", () => {
    const input: Record<string, unknown> = { client_secret: "s3cret", list: [] };
    input.self = input;
    (input.list as unknown[]).push(input);
    const copy = redact(input) as Record<string, unknown>;
    expect(copy.client_secret).toBe(REDACTED);
    expect(copy.self).toBe(copy);
    expect((copy.list as unknown[])[0]).toBe(copy);
    expect(input.client_secret).toBe("s3cret");
  });

  it("redacts URLSearchParams", () => {
    expect(redact(new URLSearchParams("code=abc&client_key=k")).toString()).toBe(
      "code=%5Bredacted%5D&client_key=k",
    );
  });
});

describe("isSecretField", () => {
  it("knows every SECRET_KEYS key, in any case and with '_', '-' or nothing between its words", () => {
    for (const key of SECRET_KEYS) {
      for (const form of [key, key.toUpperCase(), key.replace("_", "-"), key.replace("_", "")])
        expect(isSecretField(form), form).toBe(true);
    }
    for (const key of ["client_id", "error_code", "codes", "scope"])
      expect(isSecretField(key), key).toBe(false);
  });
});

describe("redactText", () => {
  it.each([
    ['{"access_token":"act.fake123","expires_in":900}', '{"access_token":"[redacted]","expires_in":900}'],
    ['{"refresh_token": "cut off', '{"refresh_token": "[redacted]"'],
    ["client_key=k&client_secret=s3&code=c0de", "client_key=k&client_secret=[redacted]&code=[redacted]"],
    ["Authorization: Bearer abc.def", "Authorization: [redacted]"],
    ["sent Basic dXNlcjpwYXNz here", "sent Basic [redacted] here"],
    ["password='hunter2'", "password='[redacted]'"],
    [
      "grant_type urn:ietf:params:oauth:grant-type:jwt-bearer is not supported.",
      "grant_type urn:ietf:params:oauth:grant-type:jwt-bearer is not supported.",
    ],
    [
      '{"error_code":2100005,"description":"Parameter error"}',
      '{"error_code":2100005,"description":"Parameter error"}',
    ],
    // A JSON number is a provider's error code, never an authorization code (a string); form style stays redacted.
    ['{"code":1,"message":"code is not a parameter"}', '{"code":1,"message":"code is not a parameter"}'],
    ['{"code": 42}', '{"code": 42}'],
    ["code=123456&state=s", "code=[redacted]&state=s"],
    ["GET /cb?code=123456 HTTP/1.1", "GET /cb?code=[redacted] HTTP/1.1"],
  ])("%s", (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });
});

describe("scrubValues", () => {
  it("replaces known secret values wherever they appear, also percent-encoded", () => {
    expect(scrubValues("bad code a b/c and a%20b%2Fc", ["a b/c"])).toBe(
      `bad code ${REDACTED} and ${REDACTED}`,
    );
  });
});
