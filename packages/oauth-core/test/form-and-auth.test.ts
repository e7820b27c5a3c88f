import { describe, expect, it } from "vitest";
import {
  basicAuthHeader,
  basicAuthorization,
  createClientOptions,
  formBody,
  formEncode,
  optionalBasicAuthorization,
} from "../src/index.js";

const decodeBasic = (header: string) => Buffer.from(header.replace(/^Basic /, ""), "base64").toString("utf8");

describe("formBody", () => {
  it("leaves out undefined and null, never sends the string 'undefined'", () => {
    const body = formBody({
      grant_type: "authorization_code",
      code: undefined,
      redirect_uri: null,
      client_id: "id",
    });
    expect(body.toString()).toBe("client_id=id&grant_type=authorization_code");
    expect(body.toString()).not.toContain("undefined");
  });

  it("sorts keys so the same fields always give the same body", () => {
    expect(formBody({ b: "2", a: "1" }).toString()).toBe(formBody({ a: "1", b: "2" }).toString());
  });

  it("encodes spaces, reserved characters and Unicode as a form does", () => {
    expect(formBody({ scope: "a b", redirect_uri: "https://x.test/cb?y=1&z", name: "Ключ" }).toString()).toBe(
      "name=%D0%9A%D0%BB%D1%8E%D1%87&redirect_uri=https%3A%2F%2Fx.test%2Fcb%3Fy%3D1%26z&scope=a+b",
    );
  });

  it("sends numbers and booleans as text, repeats arrays and rejects objects", () => {
    expect(formBody({ n: 1, t: true, list: ["a", "b"] }).toString()).toBe("list=a&list=b&n=1&t=true");
    expect(() => formBody({ nested: { a: 1 } })).toThrow(/form field "nested"/);
  });
});

describe("basicAuthHeader (RFC 6749 §2.3.1)", () => {
  it("matches the RFC 7617 form for plain credentials", () => {
    expect(basicAuthHeader("Aladdin", "open sesame")).toBe(
      `Basic ${Buffer.from("Aladdin:open+sesame").toString("base64")}`,
    );
  });

  it("form-encodes each part before joining, so a ':' in the id cannot shift the split", () => {
    const header = basicAuthHeader("id:with:colons", "s3cr3t/+=");
    expect(decodeBasic(header)).toBe("id%3Awith%3Acolons:s3cr3t%2F%2B%3D");
    const [id, secret] = decodeBasic(header)
      .split(":")
      .map((part) => decodeURIComponent(part.replace(/\+/g, " ")));
    expect([id, secret]).toEqual(["id:with:colons", "s3cr3t/+="]);
  });

  it("handles text outside Latin-1 (where btoa throws) as UTF-8", () => {
    const header = basicAuthHeader("клиент", "秘密🔑");
    expect(decodeBasic(header)).toBe(`${formEncode("клиент")}:${formEncode("秘密🔑")}`);
    expect(decodeBasic(header)).toBe("%D0%BA%D0%BB%D0%B8%D0%B5%D0%BD%D1%82:%E7%A7%98%E5%AF%86%F0%9F%94%91");
  });

  it("pads base64 correctly for every length", () => {
    for (const secret of ["", "a", "ab", "abc", "abcd"]) {
      expect(basicAuthHeader("c", secret)).toBe(`Basic ${Buffer.from(`c:${secret}`).toString("base64")}`);
    }
  });
});

describe("createClientOptions", () => {
  const wire = { accept: "application/json", "content-type": "application/x-www-form-urlencoded" };

  it("sends the spec's Accept and Content-Type over configured ones, a configured Authorization over the auth", () => {
    const { headers } = createClientOptions(
      {
        headers: {
          Accept: "text/html",
          "Content-Type": "application/json",
          Authorization: "Bearer own",
          X: "1",
        },
      },
      "https://api.example.test",
      wire,
      basicAuthorization({ clientId: "id", clientSecret: "secret" }),
    );
    // openapi-fetch sets them in order, whatever the case of the name: the last one of a name wins.
    const sent = new Headers();
    for (const [name, value] of Object.entries(headers)) sent.set(name, value);
    expect(Object.fromEntries(sent)).toEqual({ ...wire, authorization: "Bearer own", x: "1" });
  });

  it("Basic that is one alternative of several: the header with credentials, nothing (no throw) without", () => {
    expect(optionalBasicAuthorization({ clientId: "id", clientSecret: "secret" })).toEqual({
      authorization: basicAuthHeader("id", "secret"),
    });
    expect(optionalBasicAuthorization({ clientId: "id" })).toEqual({});
    expect(() => basicAuthorization({ clientId: "id" })).toThrow(TypeError);
  });

  it("sends HTTP Basic from the credentials when no Authorization is configured", () => {
    const { headers } = createClientOptions(
      {},
      "https://api.example.test",
      wire,
      basicAuthorization({ clientId: "id", clientSecret: "secret" }),
    );
    expect(headers).toEqual({ ...wire, authorization: basicAuthHeader("id", "secret") });
  });
});
