// Child process of local-registry.ts: one Verdaccio on 127.0.0.1 at an ephemeral port, configured by the YAML file
// given as the only argument. Prints one JSON line {"port": N} once it listens, and exits when told to
// (SIGTERM/SIGINT) or when its parent goes away (stdin closes), so it never outlives the run that started it.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { runServer } from "verdaccio";

const server = (await runServer(process.argv[2])) as Server;

function shutDown(): void {
  server.closeAllConnections();
  server.close(() => process.exit(0));
  // Keep-alive sockets of clients that are gone must not hold the exit.
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.on("SIGTERM", shutDown).on("SIGINT", shutDown);
process.stdin.on("end", shutDown).on("error", shutDown).resume();

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
