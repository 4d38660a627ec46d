// Load for the grants a signed-in user's app makes at the token endpoint, with autocannon:
//   - code: authorization code exchange (RFC 6749 §4.1.3) with PKCE (RFC 7636 §4.5);
//   - refresh: refresh_token grant (RFC 6749 §6) with rotation, each token single-use.
// Codes and refresh tokens are single-use, so every request consumes the next item of a pool
// minted beforehand (for node-oidc-provider: POST /bench/pool on bench/oidc-provider-server.mjs).
// A replayed item would be refused (and revoke its grant), so no item is ever sent twice: the
// warm-up and the measured run each get their share, and autocannon's maxOverallRequests caps
// the requests at what is left; a run that used everything is flagged, not counted as errors.
import autocannon from "autocannon";
import { groupCpuMs } from "./server";

/** The row bench/token.bench.ts prints. */
export interface Row {
  target: string;
  tokensPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
  /** Server CPU time per request (user + system, whole process group), in µs. */
  cpuMicros: number;
}

export interface CodeItem {
  code: string;
  /** The PKCE code_verifier whose S256 challenge the code was issued for. */
  verifier: string;
}

/** Items still unused; the functions below remove what they send. */
export type Pool = { kind: "code"; items: CodeItem[] } | { kind: "refresh"; items: string[] };

export interface TokenClient {
  /** Token endpoint URL. */
  url: string;
  clientId: string;
  secret: string;
  /** Sent with codes; must equal the one the code was issued for (RFC 6749 §4.1.3). */
  redirectUri: string;
}

export interface UserGrantLoad extends TokenClient {
  /** Label of the row. */
  target: string;
  pool: Pool;
  /** Process group of the server (its pid when started detached), for CPU time. */
  serverPgid: number;
  connections?: number;
  /** Seconds. */
  warmup?: number;
  /** Seconds. */
  duration?: number;
}

export interface UserGrantRow extends Row {
  pool: {
    size: number;
    warmupUsed: number;
    measuredUsed: number;
    /** The measured run sent every item left before its duration ended: its figures cover a
     * shorter, tapering run; make the pool bigger. */
    exhausted: boolean;
  };
  /** Responses by HTTP status, to tell refusals from overload. */
  statusCodes: Record<string, number>;
}

/** RFC 6749 Appendix B: form-encode, then base64. */
export const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

function formBody(kind: Pool["kind"], item: CodeItem | string, redirectUri: string): string {
  if (kind === "refresh") return new URLSearchParams({ grant_type: "refresh_token", refresh_token: item as string }).toString();
  const { code, verifier } = item as CodeItem;
  return new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: verifier }).toString();
}

/**
 * Items for a run at `rate` tokens/s over warm-up + duration, with a margin (the rate is a
 * guess, and a faster run must not run dry).
 */
export function poolSize({ rate, warmup, duration, safety = 1.5 }: { rate: number; warmup: number; duration: number; safety?: number }): number {
  return Math.ceil(rate * (warmup + duration) * safety);
}

/** Mints a pool on bench/oidc-provider-server.mjs (`origin` = its http://host:port). */
export async function fetchPool(origin: string, kind: "code", n: number): Promise<Pool & { kind: "code" }>;
export async function fetchPool(origin: string, kind: "refresh", n: number): Promise<Pool & { kind: "refresh" }>;
export async function fetchPool(origin: string, kind: Pool["kind"], n: number): Promise<Pool> {
  const res = await fetch(`${origin}/bench/pool?kind=${kind}&n=${n}`, { method: "POST" });
  if (res.status !== 200) throw new Error(`pool ${kind}: ${res.status} ${await res.text()}`);
  const items = (await res.json()) as CodeItem[] | string[];
  if (items.length !== n) throw new Error(`pool ${kind}: asked for ${n}, got ${items.length}`);
  return { kind, items } as Pool;
}

export interface TokenResponse {
  access_token: string;
  id_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
}

/**
 * One exchange with the next pool item (removed from the pool): throws unless 200 with an
 * access token, an ID token and a (new) refresh token. Run before the load, so that a
 * misconfiguration shows as one clear error instead of a run of 400s.
 */
export async function checkExchange(client: TokenClient, pool: Pool): Promise<TokenResponse> {
  const item = pool.items.shift();
  if (item === undefined) throw new Error(`${pool.kind} pool is empty`);
  const res = await fetch(client.url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(client.clientId, client.secret) },
    body: formBody(pool.kind, item, client.redirectUri),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${client.url} (${pool.kind}): ${res.status} ${text}`);
  const body = JSON.parse(text) as Partial<TokenResponse>;
  for (const field of ["access_token", "id_token", "refresh_token"] as const) {
    if (typeof body[field] !== "string" || !body[field]) throw new Error(`${client.url} (${pool.kind}): no ${field} in ${text}`);
  }
  if (pool.kind === "refresh" && body.refresh_token === item) throw new Error(`${client.url}: refresh token not rotated`);
  return body as TokenResponse;
}

/** Sends at most `max` requests (and at most `duration` s), each with the next pool item. */
async function run(load: UserGrantLoad, duration: number, max: number): Promise<{ r: autocannon.Result; used: number }> {
  const { pool, redirectUri } = load;
  const connections = load.connections ?? 32;
  // autocannon gives each connection floor(max / connections) requests: 0 would mean no limit.
  if (max < connections) throw new Error(`${pool.kind} pool: ${max} items left for ${connections} connections`);
  // Bodies built beforehand: the load generator shares the machine's cores with the server.
  const bodies = pool.items.slice(0, max).map((item) => formBody(pool.kind, item, redirectUri));
  let used = 0;
  const r = await autocannon({
    url: load.url,
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(load.clientId, load.secret) },
    connections,
    pipelining: 1,
    duration,
    maxOverallRequests: max,
    // Called once per request sent (the first one of each connection at its creation).
    requests: [{ setupRequest: (req) => ({ ...req, body: bodies[used++] }) }],
  });
  // Anything sent may have been consumed by the server, answered or not: never reuse it.
  pool.items.splice(0, used);
  return { r, used };
}

/** Warm-up then measured run, like bench/token.bench.ts's load(), consuming the pool. */
export async function runUserGrantLoad(load: UserGrantLoad): Promise<UserGrantRow> {
  const warmup = load.warmup ?? 3;
  const duration = load.duration ?? 10;
  const size = load.pool.items.length;
  // The warm-up's share is proportional to its time; what it leaves goes to the measured run.
  const warm = warmup > 0 ? await run(load, warmup, Math.floor((size * warmup) / (warmup + duration))) : { used: 0 };
  const left = load.pool.items.length;
  const cpuBefore = groupCpuMs(load.serverPgid);
  const { r, used } = await run(load, duration, left);
  const cpuMs = groupCpuMs(load.serverPgid) - cpuBefore;
  const exhausted = used >= left;
  return {
    target: exhausted ? `${load.target} (POOL EXHAUSTED)` : load.target,
    tokensPerSecond: Math.round(r["2xx"] / (r.duration || duration)),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.non2xx + r.errors + r.timeouts,
    total: r.requests.total,
    cpuMicros: Math.round((cpuMs * 1000) / Math.max(1, r.requests.total)),
    pool: { size, warmupUsed: warm.used, measuredUsed: used, exhausted },
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([status, { count }]) => [status, count])),
  };
}
