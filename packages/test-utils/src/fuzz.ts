// Property-based test of one SDK method against a real local server that answers with random statuses, content
// types and bodies: every call resolves to a value the operation's validator accepts or rejects with the package's
// error class; never another exception, an unhandled rejection or a hang. FUZZ_RUNS and FUZZ_SEED replay or extend it.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";

export interface FuzzTarget {
  /** e.g. "criteo getToken" */
  name: string;
  /** Calls the method against baseUrl with small limits, e.g. `{ timeout: 150, maxResponseBytes: 4096 }`. */
  call: (baseUrl: string) => Promise<unknown>;
  /** The operation's validator, applied to what a call resolved to. */
  isValid: (value: unknown) => boolean;
  /** Any error class, for instanceof. */
  errorClass: abstract new (
    ...args: never[]
  ) => Error;
  /** Success bodies the spec allows (its examples): the fuzzer also sends them and mutations of them. */
  validBodies: readonly unknown[];
  /** Path of the provider under the server, e.g. "/douyin". */
  basePath?: string;
}

type Reply =
  | { type: "answer"; status: number; contentType: string | undefined; body: string }
  | { type: "drip"; status: number }
  | { type: "reset" }
  | { type: "redirect"; status: number };

const STATUSES = [200, 200, 200, 201, 204, 400, 401, 403, 404, 429, 500, 502, 503];
const CONTENT_TYPES = [undefined, "application/json", "text/plain", "text/html; charset=utf-8", "text/json"];

/** Numbers as strings, strings as numbers, a field dropped: shapes a broken provider sends. */
function mutations(body: unknown): fc.Arbitrary<unknown> {
  if (body === null || typeof body !== "object") return fc.constant(body);
  const keys = Object.keys(body);
  return fc.oneof(
    fc.constant(
      Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === "number" ? String(v) : v])),
    ),
    fc.constant(
      Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v.length : v])),
    ),
    keys.length === 0
      ? fc.constant(body)
      : fc
          .constantFrom(...keys)
          .map((drop) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== drop))),
  );
}

function replies(validBodies: readonly unknown[]): fc.Arbitrary<Reply> {
  const valid = validBodies.length > 0 ? fc.constantFrom(...validBodies) : fc.constant({});
  const json = fc
    .oneof(valid, valid.chain(mutations), fc.jsonValue({ maxDepth: 3 }))
    .map((value) => JSON.stringify(value) ?? "null");
  const text = fc.oneof(
    { weight: 4, arbitrary: json },
    { weight: 1, arbitrary: json.chain((whole) => fc.nat(whole.length).map((cut) => whole.slice(0, cut))) },
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 1, arbitrary: fc.constant("<html><body><h1>502 Bad Gateway</h1></body></html>") },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 5_000, max: 9_000 }).map((size) => `"${"x".repeat(size)}"`) },
  );
  return fc.oneof(
    {
      weight: 20,
      arbitrary: fc.record({
        type: fc.constant("answer" as const),
        status: fc.constantFrom(...STATUSES),
        contentType: fc.constantFrom(...CONTENT_TYPES),
        body: text,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constant("drip" as const), status: fc.constantFrom(200, 400) }),
    },
    { weight: 1, arbitrary: fc.constant({ type: "reset" as const }) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant("redirect" as const),
        status: fc.constantFrom(301, 302, 307, 308),
      }),
    },
  );
}

function answer(reply: Reply, response: ServerResponse, redirectTarget: string): void {
  if (reply.type === "reset") {
    response.socket?.destroy();
  } else if (reply.type === "redirect") {
    response.writeHead(reply.status, { location: `${redirectTarget}/steal` }).end();
  } else if (reply.type === "drip") {
    response.writeHead(reply.status, { "content-type": "application/json" });
    const timer = setInterval(() => response.write(" "), 20);
    response.on("close", () => clearInterval(timer));
  } else {
    const headers = reply.contentType === undefined ? {} : { "content-type": reply.contentType };
    response.writeHead(reply.status, headers);
    // 204 cannot carry a body.
    response.end(reply.status === 204 ? undefined : reply.body);
  }
}

/** One test: FUZZ_RUNS cases (default 1,000), seed FUZZ_SEED or a fresh one, printed so a failure replays. */
export function describeFuzz(target: FuzzTarget): void {
  let current: Reply = { type: "reset" };
  let stolen = 0;
  const server = createServer((request, response) => {
    request.resume();
    if (request.url?.startsWith("/steal")) {
      stolen++;
      response.end("{}");
      return;
    }
    answer(current, response, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve)));
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const runs = Number(process.env.FUZZ_RUNS ?? 1000);
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  it(`${target.name}: ${runs} random responses (seed ${seed}) resolve to a valid result or reject with ${target.errorClass.name}`, async () => {
    console.log(
      `fuzz ${target.name}: ${runs} cases, seed ${seed} (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs})`,
    );
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.basePath ?? ""}`;
    await fc.assert(
      fc.asyncProperty(replies(target.validBodies), async (reply) => {
        current = reply;
        const outcome = await target.call(baseUrl).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        if (outcome.ok) expect(target.isValid(outcome.value), JSON.stringify(outcome.value)).toBe(true);
        else expect(outcome.error).toBeInstanceOf(target.errorClass);
      }),
      { numRuns: runs, seed },
    );
    expect(stolen, "a redirect was followed").toBe(0);
  }, 120_000);
}
