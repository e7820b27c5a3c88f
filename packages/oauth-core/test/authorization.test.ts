// authorizationUrl's refusals and PKCE, and parseCallback's: a forged, denied or broken redirect back never
// yields a code.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  AuthorizationCallbackError,
  authorizationUrlFromOptions,
  buildAuthorizationUrl,
  parseCallbackWithFlow,
  pkceAuthorizationUrlFromOptions,
} from "../src/index.js";

const flow = {
  authorizationUrl: "https://provider.example/authorize",
  parameterNames: { client_id: "client_key" },
  fixedParameters: { pro: "true" },
};
const STATE = "0123456789abcdef-state";

describe("buildAuthorizationUrl", () => {
  it("takes another authorization endpoint, keeping the query the provider's", () => {
    const { url } = authorizationUrlFromOptions(flow, {
      client_key: "key",
      state: STATE,
      authorizationEndpoint: "http://127.0.0.1:4010/douyin/_sandbox/authorize",
    } as never);
    expect(url).toBe(
      `http://127.0.0.1:4010/douyin/_sandbox/authorize?response_type=code&client_key=key&state=${STATE}&pro=true`,
    );
  });

  it("refuses a short state, reserved extra parameters and a bad endpoint with a TypeError", () => {
    const build = (input: Partial<Parameters<typeof buildAuthorizationUrl>[1]>) => () =>
      buildAuthorizationUrl(flow, { clientId: "id", ...input });
    expect(build({ state: "" })).toThrow(TypeError);
    expect(build({ state: "fifteen-chars!!" })).toThrow(/at least 16 characters/);
    expect(build({ state: "sixteen-chars!!!" })).not.toThrow();
    for (const key of [
      "state",
      "response_type",
      "client_key",
      "redirect_uri",
      "scope",
      "code_challenge",
      "pro",
    ])
      expect(build({ extraParameters: { [key]: "x" } }), key).toThrow(
        new TypeError(`extraParameters must not set "${key}": the URL sets it itself`),
      );
    expect(build({ extraParameters: { prompt: "consent" } })).not.toThrow();
    expect(build({ authorizationEndpoint: "/relative" })).toThrow(/authorizationEndpoint/);
    expect(() => authorizationUrlFromOptions(flow, { client_id: "wrong name" } as never)).toThrow(
      "client_key is required",
    );
  });

  it("with PKCE, sends the S256 challenge of the verifier it returns", async () => {
    const pkceFlow = { authorizationUrl: "https://provider.example/authorize", pkce: true };
    const { url, state, codeVerifier } = await pkceAuthorizationUrlFromOptions(pkceFlow, {
      client_id: "id",
    } as never);
    const query = new URL(url).searchParams;
    expect(codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(query.get("code_challenge_method")).toBe("S256");
    expect(query.get("code_challenge")).toBe(createHash("sha256").update(codeVerifier).digest("base64url"));
    expect(query.get("state")).toBe(state);
    const again = await pkceAuthorizationUrlFromOptions(pkceFlow, { client_id: "id" } as never);
    expect(again.codeVerifier).not.toBe(codeVerifier);
  });
});

describe("parseCallbackWithFlow", () => {
  const parse = (query: string, expectedState = STATE) =>
    parseCallbackWithFlow(flow, "example", `https://app.example/cb?${query}`, { expectedState }, ["scopes"]);
  const refusal = (query: string) => {
    try {
      parse(query);
    } catch (error) {
      expect(error).toBeInstanceOf(AuthorizationCallbackError);
      return error as AuthorizationCallbackError;
    }
    throw new Error("not refused");
  };

  it("returns the code and the provider's extra fields present", () => {
    expect(parse(`code=c0de&state=${STATE}&scopes=a,b&other=x`)).toEqual({ code: "c0de", scopes: "a,b" });
    expect(parse(`code=c0de&state=${STATE}`)).toEqual({ code: "c0de" });
    expect(
      parseCallbackWithFlow(flow, "example", `?code=c&state=${STATE}`, { expectedState: STATE }),
    ).toEqual({
      code: "c",
    });
  });

  it("refuses a missing or different state before reading anything else", () => {
    expect(refusal("code=c0de").reason).toBe("state-missing");
    expect(refusal("code=c0de&state=").reason).toBe("state-missing");
    expect(refusal(`code=c0de&state=${STATE}x`).reason).toBe("state-mismatch");
    expect(refusal(`code=c0de&state=${STATE.slice(0, -1)}X`).reason).toBe("state-mismatch");
    expect(refusal("error=access_denied&state=forged-state-1234567").reason).toBe("state-mismatch");
  });

  it("gives the provider's error, scrubbed, and refuses a missing code", () => {
    const denied = refusal(`error=access_denied&error_description=The+user+said+no&state=${STATE}`);
    expect(denied).toMatchObject({
      reason: "access-denied",
      error: "access_denied",
      description: "The user said no",
    });
    expect(denied.message).toBe("example authorization callback refused: access_denied: The user said no");
    const other = refusal(
      `error=server_error&error_description=${encodeURIComponent(`bad\r\nline ${STATE} code=c0de ${"x".repeat(300)}`)}&code=c0de&state=${STATE}`,
    );
    expect(other.reason).toBe("provider-error");
    expect(other.description).not.toMatch(/[\r\n]/);
    expect(other.description).not.toContain(STATE);
    expect(other.description).not.toContain("c0de");
    expect(other.description?.length).toBeLessThanOrEqual(201);
    expect(JSON.stringify(other) + other.message).not.toContain(STATE);
    expect(refusal(`state=${STATE}`).reason).toBe("code-missing");
    expect(() => parseCallbackWithFlow(flow, "example", "?code=c", { expectedState: "" })).toThrow(TypeError);
  });
});
