// Sequential calls per second of each provider package against bare openapi-fetch making the same request (the same
// bytes on the wire: method, URL, headers and body), in one process, interleaved against the token server, which
// answers both with the same response. The ratio is taken per round (many short rounds, each side's calls paired in
// ABBA order) and the median over the rounds reported, with the middle half of the rounds as its spread: a busy
// moment of a shared machine moves a round, not the figure. Two more pairs check the figures: bare openapi-fetch
// against itself (the bench's own bias, ≈ 1.0×) and one package against a response sent chunked (no Content-Length).
import { AccessApi, type paths as AvitoPaths } from "@x/avito-auth";
import { type paths as CriteoPaths, OAuthApi } from "@x/criteo-oauth";
import { DefaultApi, type paths as DouyinPaths } from "@x/douyin-oauth";
import { OauthApi, type paths as PinterestPaths } from "@x/pinterest-oauth";
import createClient from "openapi-fetch";
import { CHUNKED, startTokenServer } from "./token-server.js";

export interface ThroughputPair {
  /** What is measured, and what it is measured against. */
  readonly subject: string;
  readonly baseline: string;
  readonly request: string;
  /** A provider package's own figure, held to the budget (not a check of the bench or of another response). */
  readonly budgeted?: boolean;
  subjectCall(): Promise<unknown>;
  baselineCall(): Promise<unknown>;
}

export interface ThroughputResult {
  readonly subject: string;
  readonly baseline: string;
  readonly request: string;
  readonly budgeted: boolean;
  /** Median calls per second over the rounds. */
  readonly subjectPerSecond: number;
  readonly baselinePerSecond: number;
  /** Median over the rounds of subject/baseline calls per second; the lowest and highest round. */
  readonly ratio: number;
  readonly ratioMin: number;
  readonly ratioMax: number;
  /** The first and third quartile of the rounds' ratios: the middle half of the rounds lies between them. */
  readonly ratioLow: number;
  readonly ratioHigh: number;
}

export interface ThroughputOptions {
  readonly rounds: number;
  readonly callsPerRound: number;
  readonly warmupCalls: number;
}

export const defaultThroughputOptions: ThroughputOptions = {
  rounds: 150,
  callsPerRound: 40,
  warmupCalls: 300,
};

const client = { id: "bench-client", secret: "bench-secret" };
const form = { "content-type": "application/x-www-form-urlencoded" } as const;
// The form a caller of bare openapi-fetch writes; the fields below are in the (sorted) order the packages send them.
const serializeForm = (body: Record<string, string>) => new URLSearchParams(body).toString();

function required<T>(data: T | undefined): T {
  if (data === undefined) throw new Error("no data in the response");
  return data;
}

export function throughputPairs(url: string): ThroughputPair[] {
  const douyin = new DefaultApi({ baseUrl: `${url}/douyin` });
  const douyinBare = createClient<DouyinPaths>({ baseUrl: `${url}/douyin` });
  const avito = new AccessApi({ baseUrl: `${url}/avito` });
  const avitoBare = createClient<AvitoPaths>({ baseUrl: `${url}/avito` });
  const pinterest = new OauthApi({
    baseUrl: `${url}/pinterest`,
    clientId: client.id,
    clientSecret: client.secret,
  });
  const pinterestBare = createClient<PinterestPaths>({ baseUrl: `${url}/pinterest` });
  const basic = `Basic ${btoa(`${client.id}:${client.secret}`)}`;
  const criteoAccept = "text/plain, application/json, text/json";
  const criteoForm = {
    client_id: client.id,
    client_secret: client.secret,
    grant_type: "client_credentials",
  } as const;
  // Criteo's package and bare openapi-fetch, both against the token server under `base`.
  const criteoAt = (base: string) => {
    const api = new OAuthApi({ baseUrl: `${base}/criteo` });
    const bare = createClient<CriteoPaths>({ baseUrl: `${base}/criteo` });
    return {
      subjectCall: () => api.getToken(criteoForm),
      baselineCall: async () =>
        required(
          (
            await bare.POST("/oauth2/token", {
              body: criteoForm,
              bodySerializer: serializeForm,
              headers: { ...form, accept: criteoAccept },
            })
          ).data,
        ),
    };
  };
  const criteo = criteoAt(url);

  return [
    {
      subject: "@x/douyin-oauth",
      baseline: "openapi-fetch",
      request: "GET /oauth/access_token/ (query)",
      subjectCall: () =>
        douyin.oauthAccessTokenGet({ client_key: client.id, client_secret: client.secret, code: "c" }),
      baselineCall: async () =>
        required(
          (
            await douyinBare.GET("/oauth/access_token/", {
              params: {
                query: {
                  client_key: client.id,
                  client_secret: client.secret,
                  code: "c",
                  grant_type: "authorization_code",
                },
              },
              headers: { accept: "application/json" },
            })
          ).data,
        ),
    },
    {
      subject: "@x/avito-auth",
      baseline: "openapi-fetch",
      request: "POST /token (form)",
      subjectCall: () => avito.getAccessToken({ client_id: client.id, client_secret: client.secret }),
      baselineCall: async () =>
        required(
          (
            await avitoBare.POST("/token", {
              body: { client_id: client.id, client_secret: client.secret, grant_type: "client_credentials" },
              bodySerializer: serializeForm,
              headers: { ...form, accept: "application/json" },
            })
          ).data,
        ),
    },
    {
      subject: "@x/pinterest-oauth",
      baseline: "openapi-fetch",
      request: "POST /oauth/token (form, HTTP Basic)",
      subjectCall: () => pinterest.oauthToken({ grant_type: "client_credentials", scope: "ads:read" }),
      baselineCall: async () =>
        required(
          (
            await pinterestBare.POST("/oauth/token", {
              body: { grant_type: "client_credentials", scope: "ads:read" },
              bodySerializer: serializeForm,
              headers: { ...form, authorization: basic, accept: "application/json" },
            })
          ).data,
        ),
    },
    {
      subject: "@x/criteo-oauth",
      baseline: "openapi-fetch",
      request: "POST /oauth2/token (form)",
      ...criteo,
    },
    {
      subject: "@x/criteo-oauth",
      baseline: "openapi-fetch",
      request: "POST /oauth2/token (form), answered chunked",
      budgeted: false,
      ...criteoAt(`${url}${CHUNKED}`),
    },
    {
      subject: "openapi-fetch",
      baseline: "openapi-fetch",
      request: "POST /oauth2/token (form), the same call on both sides",
      budgeted: false,
      subjectCall: criteo.baselineCall,
      baselineCall: criteo.baselineCall,
    },
    {
      subject: "openapi-fetch",
      baseline: "raw fetch",
      request: "POST /oauth2/token (form)",
      budgeted: false,
      subjectCall: criteo.baselineCall,
      baselineCall: async () => {
        const response = await fetch(`${url}/criteo/oauth2/token`, {
          method: "POST",
          headers: { ...form, accept: criteoAccept },
          body: serializeForm(criteoForm),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      },
    },
  ];
}

/** The q-quantile (0 … 1) of `values`, interpolated between the two nearest ranks. */
const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const below = sorted[Math.floor(rank)] ?? 0;
  return below + ((sorted[Math.ceil(rank)] ?? 0) - below) * (rank - Math.floor(rank));
};
const median = (values: readonly number[]): number => quantile(values, 0.5);

async function timed(call: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await call();
  return performance.now() - start;
}

/**
 * Interleaved call by call in ABBA order (subject, baseline, baseline, subject, …), so a busy moment of the machine
 * lands on both sides and neither always goes first; each round gives both sides' calls per second and their ratio.
 */
export async function comparePair(
  pair: ThroughputPair,
  options: ThroughputOptions,
): Promise<ThroughputResult> {
  for (let i = 0; i < options.warmupCalls; i++) {
    await pair.subjectCall();
    await pair.baselineCall();
  }
  const subject: number[] = [];
  const baseline: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    let subjectMs = 0;
    let baselineMs = 0;
    for (let i = 0; i < options.callsPerRound; i++) {
      if (i % 2 === round % 2) {
        subjectMs += await timed(pair.subjectCall);
        baselineMs += await timed(pair.baselineCall);
      } else {
        baselineMs += await timed(pair.baselineCall);
        subjectMs += await timed(pair.subjectCall);
      }
    }
    subject.push((options.callsPerRound * 1000) / subjectMs);
    baseline.push((options.callsPerRound * 1000) / baselineMs);
    ratios.push(baselineMs / subjectMs);
  }
  return {
    subject: pair.subject,
    baseline: pair.baseline,
    request: pair.request,
    budgeted: pair.budgeted ?? true,
    subjectPerSecond: median(subject),
    baselinePerSecond: median(baseline),
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    ratioLow: quantile(ratios, 0.25),
    ratioHigh: quantile(ratios, 0.75),
  };
}

export { median };

export async function measureThroughput(
  options: ThroughputOptions = defaultThroughputOptions,
): Promise<ThroughputResult[]> {
  const server = await startTokenServer();
  try {
    const results: ThroughputResult[] = [];
    for (const pair of throughputPairs(server.url)) results.push(await comparePair(pair, options));
    return results;
  } finally {
    await server.close();
  }
}
