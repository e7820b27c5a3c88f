// Encryption at rest: what the file holds, rotation, binding to the account, tampering, and bad keys.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FileTokenStore, TokenEncryption, type TokenSet, TokenStoreError } from "../src/index.js";

const tokenSet = (name: string): TokenSet => ({
  accessToken: `secret-access-${name}`,
  tokenType: "Bearer",
  expiresAt: 1_800_000_000_000,
  refreshToken: `secret-refresh-${name}`,
  scopes: ["secret-scope"],
  extra: { open_id: "secret-open-id" },
  raw: { access_token: `secret-access-${name}` },
});

const key = (fill: number) => new Uint8Array(32).fill(fill);
const OLD = { id: "2025-01", key: key(1) };
const NEW = { id: "2026-06", key: key(2) };

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});
const tempFile = () => {
  dir = mkdtempSync(join(tmpdir(), "token-encryption-"));
  return join(dir, "tokens.json");
};

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenStoreError);
  expect((error as Error).message).not.toMatch(/secret/);
  return error as Error;
}

describe("FileTokenStore with encryption", () => {
  it("keeps no part of a token set readable in the file, and reads it back", async () => {
    const path = tempFile();
    const store = new FileTokenStore({ path, encryption: { keys: [OLD] } });
    expect(await store.compareAndSet("acct-1", 0, tokenSet("a"))).toBe(1);
    const refused = {
      tokenSet: tokenSet("refused"),
      refusedAt: 7,
      error: { provider: "p", operation: "o", status: 400 },
    };
    expect(await store.compareAndSet("acct-2", 0, undefined, { refused })).toBe(1);

    const raw = readFileSync(path, "utf8");
    expect(raw).not.toMatch(/secret|Bearer|1800000000000/);
    const entries = JSON.parse(raw);
    expect(entries["acct-1"].tokenSet).toMatch(/^aes256gcm\.2025-01\./);
    expect(entries["acct-2"].refused).toMatch(/^aes256gcm\.2025-01\./);

    const fresh = new FileTokenStore({ path, encryption: { keys: [OLD] } });
    expect(await fresh.get("acct-1")).toEqual({ tokenSet: tokenSet("a"), version: 1 });
    expect(await fresh.get("acct-2")).toEqual({ tokenSet: undefined, version: 1, refused });
  });

  it("rotation: the first key encrypts, every key decrypts; a key dropped too early is a clear error", async () => {
    const path = tempFile();
    await new FileTokenStore({ path, encryption: { keys: [OLD] } }).compareAndSet("k", 0, tokenSet("a"));
    const rotated = new FileTokenStore({ path, encryption: { keys: [NEW, OLD] } });
    expect((await rotated.get("k")).tokenSet).toEqual(tokenSet("a"));
    expect(await rotated.compareAndSet("k", 1, tokenSet("b"))).toBe(2);
    expect(JSON.parse(readFileSync(path, "utf8")).k.tokenSet).toMatch(/^aes256gcm\.2026-06\./);

    const oldOnly = new FileTokenStore({ path, encryption: { keys: [OLD] } });
    const error = await failure(oldOnly.get("k"));
    expect(error.message).toContain('key "2026-06", which is not among the configured keys');
    expect((await new FileTokenStore({ path, encryption: { keys: [NEW] } }).get("k")).tokenSet).toEqual(
      tokenSet("b"),
    );
  });

  it("an entry copied to another account, or tampered with, is a TokenStoreError without secrets", async () => {
    const path = tempFile();
    const store = new FileTokenStore({ path, encryption: { keys: [OLD] } });
    await store.compareAndSet("victim", 0, tokenSet("victim"));
    await store.compareAndSet("attacker", 0, tokenSet("attacker"));
    const entries = JSON.parse(readFileSync(path, "utf8"));

    writeFileSync(path, JSON.stringify({ ...entries, attacker: entries.victim }));
    expect((await failure(store.get("attacker"))).message).toMatch(
      /entry of key "attacker" cannot be decrypted with key "2025-01": tampered with, or copied from another account/,
    );

    const sealed: string = entries.victim.tokenSet;
    const last = sealed.at(-2) === "A" ? "B" : "A";
    const tampered = `${sealed.slice(0, -2)}${last}${sealed.at(-1)}`;
    writeFileSync(path, JSON.stringify({ victim: { ...entries.victim, tokenSet: tampered } }));
    await failure(store.get("victim"));
    writeFileSync(path, JSON.stringify({ victim: { ...entries.victim, tokenSet: "aes256gcm.2025-01.x" } }));
    expect((await failure(store.get("victim"))).message).toMatch(/is not an encrypted entry/);
    // A write is never based on what could not be read: the version still guards it.
    expect(await store.compareAndSet("victim", 1, tokenSet("renewed"))).toBe(2);
    expect((await store.get("victim")).tokenSet).toEqual(tokenSet("renewed"));
  });

  it("a plain entry in an encrypting store, or an encrypted one without keys, is refused; migration re-writes", async () => {
    const path = tempFile();
    const plain = new FileTokenStore({ path });
    const encrypted = new FileTokenStore({ path, encryption: { keys: [OLD] } });
    await plain.compareAndSet("k", 0, tokenSet("a"));
    expect((await failure(encrypted.get("k"))).message).toMatch(/is not encrypted, but this store encrypts/);

    // Migration: each entry read as it is and written back through the encrypting store.
    const { tokenSet: current, version } = await plain.get("k");
    expect(await encrypted.compareAndSet("k", version, current)).toBe(2);
    expect(readFileSync(path, "utf8")).not.toMatch(/secret/);
    expect((await encrypted.get("k")).tokenSet).toEqual(tokenSet("a"));
    expect((await failure(plain.get("k"))).message).toMatch(
      /is encrypted: give the store its encryption keys/,
    );
  });

  it("a decrypted entry that is not a token set is malformed", async () => {
    const path = tempFile();
    const encryption = new TokenEncryption({ keys: [OLD] });
    const sealed = await encryption.seal("k", "tokenSet", JSON.stringify({ accessToken: 7 }));
    writeFileSync(path, JSON.stringify({ k: { version: 1, tokenSet: sealed } }));
    const store = new FileTokenStore({ path, encryption: { keys: [OLD] } });
    expect((await failure(store.get("k"))).message).toMatch(/entry of key "k" is malformed/);
  });
});

describe("TokenEncryption", () => {
  it("a fresh IV each time: one value encrypts differently twice; the field is bound too", async () => {
    const encryption = new TokenEncryption({ keys: [OLD] });
    const a = await encryption.seal("k", "tokenSet", '"x"');
    const b = await encryption.seal("k", "tokenSet", '"x"');
    expect(a).not.toBe(b);
    expect(await encryption.open("k", "tokenSet", b, "here")).toBe('"x"');
    await expect(encryption.open("k", "refused", a, "here")).rejects.toThrow(/here cannot be decrypted/);
  });

  it("refuses keys that are not 32 bytes, no keys, bad or repeated ids", () => {
    expect(() => new TokenEncryption({ keys: [] })).toThrow(/at least one key/);
    expect(() => new TokenEncryption({ keys: [{ id: "k", key: new Uint8Array(16) }] })).toThrow(
      'encryption key "k" must be 32 bytes (AES-256)',
    );
    expect(() => new TokenEncryption({ keys: [{ id: "a.b", key: key(1) }] })).toThrow(/key id "a.b"/);
    expect(() => new TokenEncryption({ keys: [OLD, { ...NEW, id: OLD.id }] })).toThrow(/given twice/);
    expect(
      () => new FileTokenStore({ path: "x", encryption: { keys: [{ id: "k", key: key(1).subarray(1) }] } }),
    ).toThrow(/32 bytes/);
  });
});
