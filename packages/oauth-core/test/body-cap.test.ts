// The size cap against what a server can do to the framing of a body: a declared length within the cap or over it,
// more bytes than declared, a gzip body that inflates past the cap, and a custom fetch's body that declares what it
// likes. Each case is a raw node:http server on 127.0.0.1, so the bytes on the wire are exactly the ones written.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { callContext, callOperation, formBody, type RequestOptions } from "../src/index.js";
import { ProviderError, tokenOperation } from "./token-operation.js";

const TOKEN = JSON.stringify({ access_token: "at-0123456789", expires_in: 900 });
const CAP = 100_000;
const CREDENTIALS = { grant_type: "client_credentials", client_id: "id", client_secret: "secret-0123456789" };

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A server that answers every request with `answer`, after reading the request to its end. */
async function serve(answer: (response: ServerResponse) => void): Promise<string> {
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => answer(response));
  });
  server.on("connection", (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push({
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function call(baseUrl: string, options: RequestOptions = {}, customFetch?: typeof fetch) {
  const config = { baseUrl, fetch: customFetch };
  const context = callContext(config, {
    baseUrl,
    errorClass: ProviderError,
    bodySerializers: { "application/x-www-form-urlencoded": formBody },
  });
  return callOperation(context, tokenOperation, CREDENTIALS, {
    maxResponseBytes: CAP,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    (value) => expect.fail(`expected a failure, got ${JSON.stringify(value)}`),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("a body with a declared length", () => {
  it("within the cap is read whole", async () => {
    const url = await serve((response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": TOKEN.length });
      response.end(TOKEN);
    });
    await expect(call(url)).resolves.toEqual(JSON.parse(TOKEN));
  });

  it("is read no further than that length, whatever the server sends after it", async () => {
    // 2 MB past the declared end: HTTP/1.1 takes them for the next response, never for this body.
    const url = await serve((response) => {
      const socket = response.socket as Socket;
      socket.write(
        `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${TOKEN.length}\r\n\r\n${TOKEN}`,
      );
      socket.end("x".repeat(2_000_000));
    });
    await expect(call(url)).resolves.toEqual(JSON.parse(TOKEN));
  });

  it("over the cap fails at once, before a byte of the body is read", async () => {
    // The body never comes: a read of it would wait for the 30 s timeout, past the test's own limit.
    const url = await serve((response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": CAP + 1 });
      response.flushHeaders();
    });
    const error = await failure(call(url));
    expect(error).toMatchObject({ kind: "too-large", status: 200 });
  });

  it("that drips within the cap is still bounded by the timeout", async () => {
    const url = await serve((response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": 1_000 });
      const timer = setInterval(() => response.write(" "), 50);
      response.on("close", () => clearInterval(timer));
    });
    const error = await failure(call(url, { timeout: 300 }));
    expect(error).toMatchObject({ kind: "timeout", status: 200 });
  });
});

describe("a gzip body", () => {
  it("whose compressed length is within the cap but whose text is not fails too-large (a zip bomb)", async () => {
    const bomb = gzipSync(`"${"0".repeat(CAP * 20)}"`);
    expect(bomb.length).toBeLessThan(CAP);
    const url = await serve((response) => {
      response.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": bomb.length,
      });
      response.end(bomb);
    });
    const error = await failure(call(url));
    expect(error).toMatchObject({ kind: "too-large", status: 200 });
  });

  it("within the cap once inflated is read", async () => {
    const body = gzipSync(TOKEN);
    const url = await serve((response) => {
      response.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": body.length,
      });
      response.end(body);
    });
    await expect(call(url)).resolves.toEqual(JSON.parse(TOKEN));
  });
});

describe("a custom fetch's body", () => {
  it("goes through the capped reader, whatever length it declares", async () => {
    // A Response built in code is held to no declared length: only the capped reader stops it.
    const customFetch = async () =>
      new Response(`"${"0".repeat(CAP * 2)}"`, {
        headers: { "content-type": "application/json", "content-length": "10" },
      });
    const error = await failure(call("http://127.0.0.1:9", {}, customFetch));
    expect(error).toMatchObject({ kind: "too-large", status: 200 });
  });

  it("with a declared length over the cap fails at once", async () => {
    // A body that never sends a byte: reading it would wait for the 30 s timeout.
    const customFetch = async () =>
      new Response(new ReadableStream({ start() {} }), {
        headers: { "content-type": "application/json", "content-length": String(CAP + 1) },
      });
    const error = await failure(call("http://127.0.0.1:9", {}, customFetch));
    expect(error).toMatchObject({ kind: "too-large", status: 200 });
  });
});

describe("a chunked body (no declared length)", () => {
  it("is decoded whole, also where a character's bytes are split between chunks", async () => {
    const token = { access_token: "токен-🔑", expires_in: 900 };
    const bytes = Buffer.from(JSON.stringify(token));
    const split = bytes.indexOf(Buffer.from("🔑")) + 2; // inside the four bytes of the emoji
    const url = await serve((response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write(bytes.subarray(0, split));
      setTimeout(() => response.end(bytes.subarray(split)), 50);
    });
    await expect(call(url)).resolves.toEqual(token);
  });

  it("stops at the cap", async () => {
    const url = await serve((response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write(`"${"0".repeat(CAP)}`);
      setTimeout(() => response.end(`${"0".repeat(CAP)}"`), 50);
    });
    const error = await failure(call(url));
    expect(error).toMatchObject({ kind: "too-large", status: 200 });
  });
});
