// The clients' own cost per call, without the network: the per-call comparison of bench/throughput.ts (the same
// pairs, ABBA rounds, medians) with the global fetch answered in this process, so no socket, server or scheduler
// noise is in the figures. The answer is built as fetch builds one: a Request from the input and init (which follows
// the init's signal), then a Response with the spec's success example and its Content-Length. Not part of
// `pnpm bench`: it replaces the global fetch, so it runs alone.
//
//   tsx bench/client-cost.ts [rounds]
import { comparePair, throughputPairs } from "./throughput.js";
import { successExamples } from "./token-server.js";

const bodies = successExamples();
globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const request = new Request(input, init);
  const body = bodies.get(`${request.method} ${new URL(request.url).pathname}`) ?? "{}";
  return new Response(body, {
    headers: {
      "content-type": "application/json",
      "content-length": String(new TextEncoder().encode(body).length),
    },
  });
};

const rounds = Number(process.argv[2] ?? 400);
for (const pair of throughputPairs("http://127.0.0.1:9")) {
  if (pair.request.includes("chunked") || pair.baseline === "raw fetch") continue;
  const result = await comparePair(pair, { rounds, callsPerRound: 40, warmupCalls: 2000 });
  const micros = (perSecond: number) => (1e6 / perSecond).toFixed(1);
  console.log(
    `${result.subject.padEnd(20)} ${result.ratio.toFixed(3)}× (${result.ratioLow.toFixed(2)}–${result.ratioHigh.toFixed(2)}), ${micros(result.subjectPerSecond)} µs against ${micros(result.baselinePerSecond)} µs per call`,
  );
}
