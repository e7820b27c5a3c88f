// A TCP proxy between a Redis replica and its primary (node:net), so a test can cut the replication link the way a
// network partition does: the sockets stay open on both sides and the bytes go nowhere, so the primary still counts
// the replica as connected (its WAIT then times out) while nothing of its later writes reaches the replica.
import { type AddressInfo, connect, createServer, type Socket } from "node:net";

export interface RedisLink {
  /** The port the replica connects to (`--replicaof 127.0.0.1 <port>`). */
  port: number;
  /** From now on, nothing passes in either direction. */
  cut(): void;
  close(): Promise<void>;
}

export async function startRedisLink(primaryPort: number): Promise<RedisLink> {
  let cut = false;
  const sockets = new Set<Socket>();
  const server = createServer((replicaSide) => {
    const primarySide = connect(primaryPort, "127.0.0.1");
    for (const [from, to] of [
      [replicaSide, primarySide],
      [primarySide, replicaSide],
    ] as const) {
      sockets.add(from);
      from.on("data", (chunk) => {
        if (!cut) to.write(chunk);
      });
      from.on("error", () => to.destroy());
      from.on("close", () => to.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut: () => {
      cut = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
