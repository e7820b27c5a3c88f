// Bounded memory: expired codes and tokens are evicted as the store grows, while what reuse detection and
// Douyin's "a newer code voids the older one" need is kept. Judged by counts, never by timing.
import { describe, expect, it } from "vitest";
import { SandboxClock, startSandbox } from "../src/index.js";
import { type Grant, SandboxStore } from "../src/store.js";
import { read, SPECS_DIR } from "./helpers.js";

const grant = (id: string): Grant => ({
  id,
  provider: "criteo",
  clientId: "c",
  userId: "u",
  scope: [],
  redirectUri: undefined,
});

describe("eviction", () => {
  it("forgets expired tokens once the store has grown, keeps live, spent and revoked ones until they expire", () => {
    const clock = new SandboxClock({ frozen: true, start: "2030-01-01T00:00:00Z" });
    const store = new SandboxStore(clock);
    const spent = store.issueToken("refresh", "spent-refresh", grant("g-spent"), 86_400);
    store.spend(spent);
    const revoked = store.issueToken("access", "revoked-access", grant("g-revoked"), 86_400);
    store.revokeGrant(revoked.grant);
    store.issueToken("access", "live-access", grant("g-live"), 86_400);
    for (let i = 0; i < 30_000; i++) store.issueToken("access", `short-${i}`, grant(`g-${i}`), 60);
    expect(store.size.tokens).toBe(30_003);

    clock.advance(61);
    for (let i = 0; i < 30_000; i++) store.issueToken("access", `next-${i}`, grant(`n-${i}`), 60);
    // The first 30,000 expired and are gone; the sweep that removed them ran well before the second batch ended.
    expect(store.size.tokens).toBe(30_003);
    expect(store.findToken("criteo", "access", "short-0")).toEqual({ ok: false, reason: "unknown" });
    expect(store.findToken("criteo", "access", "live-access").ok).toBe(true);
    expect(store.findToken("criteo", "refresh", "spent-refresh")).toMatchObject({
      ok: false,
      reason: "used",
    });
    expect(store.findToken("criteo", "access", "revoked-access")).toMatchObject({
      ok: false,
      reason: "revoked",
    });
  });

  it("a small store keeps its expired records, so they are refused as expired", () => {
    const clock = new SandboxClock({ frozen: true });
    const store = new SandboxStore(clock);
    for (let i = 0; i < 100; i++) store.issueToken("access", `t-${i}`, grant(`g-${i}`), 1);
    clock.advance(2);
    store.issueToken("access", "another", grant("g"), 1);
    expect(store.findToken("criteo", "access", "t-0")).toEqual({ ok: false, reason: "expired" });
  });

  it("evicts expired codes too; a Douyin code still voids the older one of its user after a sweep", async () => {
    // Limits above the test's counts: this is about expiry, not the cap.
    const limits = { codes: 100_000 };
    const sb = await startSandbox({ specsDir: SPECS_DIR, clock: { frozen: true }, limits });
    try {
      const stored = async () => (await read(await fetch(`${sb.url}/`))).body.stored;
      for (let i = 0; i < 30_000; i++) await sb.issueCode("criteo");
      expect(await stored()).toEqual({ codes: 30_000, tokens: 0 });
      sb.clock.advance(601);
      const older = await sb.issueCode("douyin", { user: "same-user" });
      for (let i = 0; i < 30_000; i++) await sb.issueCode("avito");
      expect(await stored()).toEqual({ codes: 30_001, tokens: 0 });
      await sb.issueCode("douyin", { user: "same-user" });
      const exchange = `${sb.baseUrls.douyin}/oauth/access_token/?${new URLSearchParams({
        client_key: "sandbox-douyin-client",
        client_secret: "sandbox-douyin-secret",
        code: older.code,
        grant_type: "authorization_code",
      })}`;
      expect((await read(await fetch(exchange))).body.data.error_code).toBe(28001007);
    } finally {
      await sb.close();
    }
  });
});
