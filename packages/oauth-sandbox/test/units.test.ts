// The small parts: spec loading errors, clients files, content negotiation, Basic decoding, the clock.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { negotiate } from "../src/http.js";
import {
  ClientsConfigError,
  loadClientsFile,
  loadSpec,
  parseClientFlag,
  SandboxClock,
  startSandbox,
} from "../src/index.js";
import { decodeBasic } from "../src/request.js";
import { PROVIDERS, SPECS_DIR } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "oauth-sandbox-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function specWith(edit: (text: string) => string, provider = "avito"): string {
  const target = mkdtempSync(join(dir, "specs-"));
  writeFileSync(
    join(target, `${provider}.yaml`),
    edit(readFileSync(join(SPECS_DIR, `${provider}.yaml`), "utf8")),
  );
  return target;
}

describe("a broken spec names the file and the place", () => {
  it("an unresolved $ref", () => {
    const specs = specWith((t) =>
      t.replace('$ref: "#/components/schemas/OAuthError"', '$ref: "#/components/schemas/Nope"'),
    );
    expect(() => loadSpec("avito", specs)).toThrow(
      /avito\.yaml:\d+:\d+: #\/paths\/~1token\/post\/responses\/400\/.*unresolved \$ref #\/components\/schemas\/Nope/,
    );
  });

  it("a missing operationId: the operation is named by its method and path", () => {
    const specs = specWith((t) => t.replace("operationId: getAccessToken", "summary2: x"));
    expect(loadSpec("avito", specs).operations.map((operation) => operation.model.operationId)).toEqual([
      "postToken",
    ]);
  });

  it("invalid YAML and a missing file", () => {
    const specs = specWith((t) => `${t}\n  : : [\n`);
    expect(() => loadSpec("avito", specs)).toThrow(/avito\.yaml:\d+:\d+: YAML: /);
    expect(() => loadSpec("criteo", specs)).toThrow(/criteo\.yaml: #: cannot be read/);
  });

  it("an x-sdk-methods entry naming an unknown model", () => {
    const specs = specWith((t) => t.replace("response: GetAccessToken200Response", "response: Missing200"));
    expect(() => loadSpec("avito", specs)).toThrow(
      /avito\.yaml:\d+:\d+: #\/paths\/~1token\/post\/x-sdk-methods\/0\/response: "Missing200" is not in components/,
    );
  });

  it("startSandbox refuses to start without a provider's spec", async () => {
    await expect(startSandbox({ specsDir: dir })).rejects.toThrow(/no <provider>\.yaml spec/);
    await expect(startSandbox({ specsDir: SPECS_DIR, providers: ["nope"] })).rejects.toThrow(
      /no nope\.yaml \(the specs there: avito, criteo, douyin, pinterest\)/,
    );
  });
});

describe("clients", () => {
  it("loads a clients file and reports the place of each mistake", () => {
    const good = join(dir, "clients.json");
    writeFileSync(
      good,
      JSON.stringify({ criteo: [{ clientId: "a", clientSecret: "b", redirectUris: ["https://x"] }] }),
    );
    expect(loadClientsFile(good)).toEqual({
      criteo: [{ clientId: "a", clientSecret: "b", redirectUris: ["https://x"] }],
    });
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ criteo: [{ clientId: "a" }] }));
    expect(() => loadClientsFile(bad)).toThrow(
      /bad\.json: criteo\[0\]\.clientSecret: must be a non-empty string/,
    );
    writeFileSync(bad, JSON.stringify({ google: [] }));
    expect(() => loadClientsFile(bad, PROVIDERS)).toThrow(/bad\.json: google: unknown provider/);
    writeFileSync(bad, "{");
    expect(() => loadClientsFile(bad)).toThrow(ClientsConfigError);
  });

  it("does not quote a broken clients file, which may hold secrets", () => {
    const bad = join(dir, "broken.json");
    for (const text of [
      '{"criteo": [{"clientId": "a", "clientSecret": "s3cret-in-file"},]}',
      "s3cret-in-file",
      '{"criteo": [{"clientId": "a", "clientSecret": "s3cret-in-file"}',
    ]) {
      writeFileSync(bad, text);
      let message = "";
      try {
        loadClientsFile(bad);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/broken\.json: not valid JSON: \S/);
      expect(message).not.toMatch(/s3cret|in-file/);
    }
  });

  it("a clients file replaces that provider's demo client only", async () => {
    const file = join(dir, "only-criteo.json");
    writeFileSync(file, JSON.stringify({ criteo: [{ clientId: "mine", clientSecret: "s" }] }));
    const sb = await startSandbox({ specsDir: SPECS_DIR, clients: file });
    try {
      expect(sb.clients("criteo").map((c) => c.clientId)).toEqual(["mine"]);
      expect(sb.clients("avito").map((c) => c.clientId)).toEqual(["sandbox-avito-client"]);
    } finally {
      await sb.close();
    }
  });

  it("parses --client flags, secrets may hold ':'", () => {
    expect(parseClientFlag("avito:id:se:cret")).toEqual({
      provider: "avito",
      client: { clientId: "id", clientSecret: "se:cret" },
    });
    expect(() => parseClientFlag("nope:id:secret", PROVIDERS)).toThrow(/provider one of avito, criteo/);
  });
});

describe("content negotiation", () => {
  const criteo = ["text/plain", "application/json", "text/json"];
  it("follows Accept order and q-values among the declared media types; JSON when the client does not care", () => {
    expect(negotiate(undefined, criteo)).toBe("application/json");
    expect(negotiate("*/*", criteo)).toBe("application/json");
    expect(negotiate("text/plain, application/json, text/json", criteo)).toBe("text/plain");
    expect(negotiate("text/plain;q=0.5, text/json", criteo)).toBe("text/json");
    expect(negotiate("text/*", criteo)).toBe("text/plain");
    expect(negotiate("image/png", criteo)).toBe("application/json");
    expect(negotiate("application/json", ["text/plain"])).toBe("text/plain");
  });
});

describe("Basic credentials (RFC 6749 §2.3.1)", () => {
  it("form-decodes each part after base64", () => {
    const header = Buffer.from("my%3Aid:p%C3%A4ss+word").toString("base64");
    expect(decodeBasic(header)).toEqual({ clientId: "my:id", clientSecret: "päss word" });
    expect(decodeBasic("not base64!")).toBeUndefined();
    expect(decodeBasic(Buffer.from("no-colon").toString("base64"))).toBeUndefined();
  });
});

describe("the clock", () => {
  it("starts where told, advances, freezes and accepts ISO or epoch milliseconds", () => {
    const clock = new SandboxClock({ start: "2030-01-01T00:00:00Z", frozen: true });
    expect(clock.nowSeconds()).toBe(Date.UTC(2030, 0, 1) / 1000);
    clock.advance(61);
    expect(clock.toJSON()).toEqual({
      now: "2030-01-01T00:01:01.000Z",
      epoch: Date.UTC(2030, 0, 1) / 1000 + 61,
      frozen: true,
    });
    clock.set(1_000_000_000_000);
    expect(clock.now()).toBe(1_000_000_000_000);
    clock.unfreeze();
    expect(clock.frozen).toBe(false);
    expect(Math.abs(clock.nowSeconds() - 1_000_000_000)).toBeLessThan(5);
    expect(() => clock.set("yesterday-ish")).toThrow(/not a point in time/);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });

  it("start takes a Date or epoch milliseconds, the unit of now()", () => {
    const at = Date.UTC(2031, 4, 6, 7, 8, 9);
    expect(new SandboxClock({ start: new Date(at), frozen: true }).now()).toBe(at);
    expect(new SandboxClock({ start: at, frozen: true }).now()).toBe(at);
    const now = Date.now();
    const running = new SandboxClock({ start: now });
    expect(Math.abs(running.now() - now)).toBeLessThan(5_000);
    expect(new SandboxClock({ start: String(at), frozen: true }).toJSON().now).toBe(
      "2031-05-06T07:08:09.000Z",
    );
  });

  it("refuses a number that cannot be a time, saying why", () => {
    const seconds = Math.floor(Date.now() / 1000);
    expect(() => new SandboxClock({ start: seconds })).toThrow(
      /cannot be a time in epoch milliseconds \(it would be 1970-.*for epoch seconds multiply by 1000/,
    );
    expect(() => new SandboxClock({ start: 1e20 })).toThrow(/before the year 10000/);
    expect(() => new SandboxClock({ start: Number.NaN })).toThrow(/not a point in time/);
    expect(() => new SandboxClock({ start: new Date("nope") })).toThrow(/not a point in time/);
    expect(() => new SandboxClock().set(-5)).toThrow(RangeError);
  });
});

describe("the README", () => {
  it("lists everything startSandbox returns", async () => {
    const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
    const listed = /`startSandbox\(options\)` returns `\{([^}]*)\}`/.exec(readme.replace(/\n/g, " "))?.[1];
    const sb = await startSandbox({ specsDir: SPECS_DIR });
    try {
      expect(
        listed
          ?.split(",")
          .map((name) => name.trim())
          .sort(),
      ).toEqual(Object.keys(sb).sort());
    } finally {
      await sb.close();
    }
  });
});
