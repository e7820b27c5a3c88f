// The error class: a brand check across two copies of the module (what the ESM and the CJS build are to an app that
// loads both), its name per subclass, and JSON that includes the message.
import { describe, expect, it } from "vitest";
import { OAuthApiError } from "../src/call/errors.js";
import { ReauthorizationRequiredError } from "../src/lifecycle/reauthorization-error.js";

// A second, separate instance of the same module, as a second build of the package would be.
const other = (await import(
  /* @vite-ignore */ `../src/call/errors.ts?copy=${Date.now()}`
)) as typeof import("../src/call/errors.js");

class CriteoLikeError extends OAuthApiError {
  static override errorName = "CriteoLikeError";
}
class OtherCriteoLikeError extends other.OAuthApiError {
  static override errorName = "CriteoLikeError";
}
class DouyinLikeError extends other.OAuthApiError {
  static override errorName = "DouyinLikeError";
}

const init = {
  message: "p op failed: HTTP 400",
  provider: "p",
  operation: "op",
  status: 400,
  kind: "http" as const,
};

describe("OAuthApiError", () => {
  it("is recognised across two copies of the module, by class", () => {
    expect(other.OAuthApiError).not.toBe(OAuthApiError);
    const fromOtherCopy = new OtherCriteoLikeError(init);
    expect(fromOtherCopy).toBeInstanceOf(OAuthApiError);
    expect(fromOtherCopy).toBeInstanceOf(CriteoLikeError);
    expect(new CriteoLikeError(init)).toBeInstanceOf(other.OAuthApiError);
    expect(new DouyinLikeError(init)).not.toBeInstanceOf(CriteoLikeError);
    expect(new Error("x")).not.toBeInstanceOf(OAuthApiError);
    expect({ name: "CriteoLikeError" }).not.toBeInstanceOf(CriteoLikeError);
  });

  it("keeps ReauthorizationRequiredError apart from the provider errors", () => {
    const refusal = new ReauthorizationRequiredError({ provider: "p", operation: "op", key: "user-1" });
    expect(refusal.name).toBe("ReauthorizationRequiredError");
    expect(refusal).toBeInstanceOf(OAuthApiError);
    expect(refusal).toBeInstanceOf(other.OAuthApiError);
    expect(new CriteoLikeError(init)).not.toBeInstanceOf(ReauthorizationRequiredError);
    expect(new OAuthApiError(init)).not.toBeInstanceOf(ReauthorizationRequiredError);
    expect(refusal).not.toBeInstanceOf(CriteoLikeError);
  });

  it("takes its name from the class and keeps the cause", () => {
    const cause = new Error("socket hang up");
    const error = new CriteoLikeError({ ...init, cause });
    expect(error.name).toBe("CriteoLikeError");
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe("CriteoLikeError: p op failed: HTTP 400");
  });

  it("includes the message and every field in JSON", () => {
    const json = JSON.parse(
      JSON.stringify(new CriteoLikeError({ ...init, code: "invalid_grant", retryAfter: 5 })),
    );
    expect(json).toEqual({
      message: "p op failed: HTTP 400",
      name: "CriteoLikeError",
      provider: "p",
      operation: "op",
      status: 400,
      kind: "http",
      code: "invalid_grant",
      retryAfter: 5,
    });
  });
});
