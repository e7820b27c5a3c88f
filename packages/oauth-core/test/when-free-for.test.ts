// whenFreeFor, the timeout of store commands and refresh requests: it fires after the time the process was free to
// read an answer, so a busy or paused process reads what came in meanwhile first, and still fires. Against a real
// node:http server on 127.0.0.1.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { whenFreeFor } from "../src/index.js";

// Answers at once, then keeps this process busy for 600 ms: the answer waits in the client's socket, unread, while
// every timer of the client comes due.
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" }).end('{"access_token":"at"}');
    busyFor(600);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Keeps the event loop busy for `ms`, as thousands of accounts expiring at once or a long GC pause do. */
function busyFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {}
}

describe("whenFreeFor", () => {
  it("fires once, no sooner than the time given, when the process is free", async () => {
    const start = performance.now();
    let fired = 0;
    await new Promise<void>((resolve) =>
      whenFreeFor(120, () => {
        fired++;
        resolve();
      }),
    );
    expect(performance.now() - start).toBeGreaterThanOrEqual(119);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fired).toBe(1);
  });

  it("lets a process busy past the time read the answer that came in meanwhile, then still fires", async () => {
    const events: string[] = [];
    const fired = new Promise<void>((resolve) =>
      whenFreeFor(200, () => {
        events.push("fired");
        resolve();
      }),
    );
    const answer = fetch(`${url}/token`).then(async (response) => {
      events.push(`answer ${(await response.json()).access_token}`);
    });
    await Promise.all([answer, fired]);
    // A plain 200 ms timer fires first here: it is due when the busy 600 ms end, before the socket is read.
    expect(events).toEqual(["answer at", "fired"]);
  });

  it("never fires once cancelled", async () => {
    let fired = false;
    const cancel = whenFreeFor(40, () => {
      fired = true;
    });
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fired).toBe(false);
  });
});
