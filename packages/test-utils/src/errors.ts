// Shared assertions for the provider packages' error tests: the error's class, every field, and that no secret of the
// request shows in its message, JSON or inspect output; plus the failure matrix that every operation must survive.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";

/** An error's kind, as the runtime names them. */
type OAuthErrorKind = string;

import { closedPortUrl, type Reply, type TestServer } from "./server.js";

// Any class: the package's error class and the OAuthApiError it re-exports (the same one its runtime throws).
// biome-ignore lint/suspicious/noExplicitAny: constructor parameters do not matter for instanceof
type AnyClass = abstract new (...args: any[]) => Error;

export interface ErrorContext {
  /** The package's error class, e.g. DouyinOAuthError. */
  errorClass: AnyClass;
  /** OAuthApiError as the package exports it. */
  baseClass: AnyClass;
  provider: string;
  operation: string;
  /** Every secret the request carried: none may show up in the error. */
  secrets: readonly string[];
}

export interface ExpectedError {
  status: number;
  kind: OAuthErrorKind;
  /** Checked exactly: left out means the error must not have one. */
  code?: string | number;
  description?: string;
  body?: unknown;
  contentType?: string;
  /** The whole message, or a pattern it must match. */
  message?: string | RegExp;
}

/** What a failed call must look like; it is read off the error as plain fields. */
export interface ErrorFields {
  name: string;
  provider: string;
  operation: string;
  status: number;
  kind: OAuthErrorKind;
  code: string | number | undefined;
  description: string | undefined;
  body: unknown;
  contentType: string | undefined;
  message: string;
}

/**
 * Awaits a call that must fail, checks that the error is the package's class and an OAuthApiError with exactly the
 * expected fields, and that none of the request's secrets shows in its message, stack, JSON or inspect output.
 */
export async function expectOAuthError(
  call: Promise<unknown>,
  expected: ExpectedError,
  context: ErrorContext,
): Promise<ErrorFields> {
  const outcome = await call.then(
    (value) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) {
    expect.fail(`expected ${context.operation} to fail, it returned ${JSON.stringify(outcome.value)}`);
  }
  const error = outcome.error;
  expect(error).toBeInstanceOf(context.errorClass);
  expect(error).toBeInstanceOf(context.baseClass);
  const fields = error as ErrorFields;
  expect({
    name: fields.name,
    provider: fields.provider,
    operation: fields.operation,
    status: fields.status,
    kind: fields.kind,
    code: fields.code,
    description: fields.description,
    body: fields.body,
    contentType: fields.contentType,
  }).toEqual({
    name: context.errorClass.name,
    provider: context.provider,
    operation: context.operation,
    status: expected.status,
    kind: expected.kind,
    code: expected.code,
    description: expected.description,
    body: expected.body,
    contentType: expected.contentType,
  });
  expect(fields.message.startsWith(`${context.provider} ${context.operation} failed: `)).toBe(true);
  if (typeof expected.message === "string") expect(fields.message).toBe(expected.message);
  else if (expected.message) expect(fields.message).toMatch(expected.message);
  expectNoSecrets(error, context.secrets);
  return fields;
}

/** None of the secrets in the error's message, stack, String(), JSON or full inspect output (what a log shows). */
export function expectNoSecrets(error: unknown, secrets: readonly (string | undefined)[]): void {
  const shown = {
    message: (error as Error).message,
    stack: (error as Error).stack ?? "",
    string: String(error),
    json: JSON.stringify(error),
    inspect: inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  };
  for (const secret of secrets) {
    if (secret === undefined) continue;
    expect(secret.length, "a secret used in a test must be long enough to spot").toBeGreaterThan(5);
    for (const [where, text] of Object.entries(shown)) {
      expect(text.includes(secret), `secret ${JSON.stringify(secret)} shows in the error's ${where}`).toBe(
        false,
      );
      expect(text.includes(encodeURIComponent(secret)), `encoded secret shows in the error's ${where}`).toBe(
        false,
      );
    }
  }
}

export interface FailureMatrixOptions extends ErrorContext {
  server: () => TestServer;
  /** Path of the provider under the server, e.g. "/douyin": the call is made with baseUrl = origin + basePath. */
  basePath: string;
  /** Makes the call with the request's secrets against the given base URL. */
  call: (baseUrl: string) => Promise<unknown>;
}

interface FailureCase {
  name: string;
  /** The reply, built from the request's secrets; "refused" means nothing listens. */
  reply: (secrets: readonly string[]) => Reply | "refused";
  expected: ExpectedError;
  /** More checks on the error. */
  check?: (error: ErrorFields, secrets: readonly string[]) => void;
}

const HTML = "text/html; charset=utf-8";
const SNIPPET_CUT = 200;

/**
 * Failures that every operation of every provider must turn into its error class: an empty 401, a text/html 502
 * (also one that echoes the request, as some gateways do), an empty or cut-off success body, a cut-off error body,
 * a dropped and a refused connection.
 */
const FAILURES: readonly FailureCase[] = [
  {
    name: "an empty 401",
    reply: () => ({ status: 401 }),
    expected: { status: 401, kind: "http", message: /: HTTP 401 Unauthorized with an empty body$/ },
  },
  {
    name: "a text/html 502 from a gateway",
    reply: () => ({
      status: 502,
      headers: { "content-type": HTML },
      body: "<html><head><title>502 Bad Gateway</title></head><body><center>502 Bad Gateway</center></body></html>",
    }),
    expected: {
      status: 502,
      kind: "http",
      contentType: HTML,
      message:
        /: HTTP 502 Bad Gateway with a text\/html; charset=utf-8 body: <html><head><title>502 Bad Gateway/,
    },
  },
  {
    name: "a text/html 502 that echoes the request's secrets",
    reply: (secrets) => {
      // The first secret straddles the cut of the message's snippet, where a part of it could slip through.
      const head = "<html><body>upstream failed for ";
      const padding = "x".repeat(SNIPPET_CUT - head.length - 8);
      return {
        status: 502,
        headers: { "content-type": HTML },
        body: `${head}${padding}${secrets.join(" ")} client_secret=${secrets[0] ?? ""}</body></html>`,
      };
    },
    expected: { status: 502, kind: "http", contentType: HTML, message: /for x+\[red/ },
    check: (error, secrets) => {
      for (const secret of secrets) expect(error.message).not.toContain(secret.slice(0, 8));
    },
  },
  {
    name: "an empty 200",
    reply: () => ({ status: 200 }),
    expected: { status: 200, kind: "empty-body", message: /: HTTP 200 OK with an empty body$/ },
  },
  {
    name: "truncated JSON in a 200",
    reply: (secrets) => ({
      status: 200,
      headers: { "content-type": "application/json" },
      body: `{"access_token":"${secrets[0] ?? "act.fake"}","expires_in":86`,
    }),
    expected: {
      status: 200,
      kind: "invalid-json",
      contentType: "application/json",
      message: /: HTTP 200 OK with a body that is not valid JSON \(\d+ characters, application\/json\)$/,
    },
  },
  {
    name: "truncated JSON in a 400",
    reply: () => ({
      status: 400,
      headers: { "content-type": "application/json" },
      body: '{"error":"invalid_gra',
    }),
    expected: {
      status: 400,
      kind: "http",
      contentType: "application/json",
      message: /: HTTP 400 Bad Request/,
    },
  },
  {
    name: "a dropped connection",
    reply: () => ({ destroy: true }),
    expected: { status: 0, kind: "network", message: /: no response \(\w+\)$/ },
  },
  {
    name: "a refused connection",
    reply: () => "refused",
    expected: { status: 0, kind: "network", message: /: no response \(ECONNREFUSED\)$/ },
  },
];

/** One test per failure of the matrix, for one operation. */
export function describeFailureMatrix(options: FailureMatrixOptions): void {
  describe(`${options.operation}: failures every operation turns into ${options.errorClass.name}`, () => {
    for (const failure of FAILURES) {
      it(failure.name, async () => {
        const server = options.server();
        const reply = failure.reply(options.secrets);
        const origin = reply === "refused" ? await closedPortUrl() : server.url;
        const before = server.requests.length;
        if (reply !== "refused") server.reply(reply);
        const error = await expectOAuthError(
          options.call(`${origin}${options.basePath}`),
          failure.expected,
          options,
        );
        failure.check?.(error, options.secrets);
        expect(server.requests.length - before).toBe(reply === "refused" ? 0 : 1);
      });
    }
  });
}
