// Token endpoint benchmark: npm run bench:token [-- --duration 10 --connections 32 --rebuild]
//
// In one run, on this machine, with the same load tool and settings (autocannon), three grants:
// client_credentials; the authorization code exchange (PKCE S256, client_secret_basic, scope
// "openid offline_access read": access token, ID token and refresh token); the refresh_token
// grant with rotation. Codes and refresh tokens are single-use: each request consumes one of a
// pool made beforehand (bench/user-grants.ts; ours written into the database, bench/user-pool.ts).
//   1. node-oidc-provider (devDependency; client_secret_basic, ES256 JWT access tokens and ID
//      tokens, in-memory storage: bench/oidc-provider-server.mjs) — the reference;
//   2. our production server (`node scripts/start.mjs start` → scripts/server.mjs, which
//      answers the token endpoint on node:http before Next.js; NEXT_DIST_DIR=.next-bench) on
//      a fresh embedded PGlite database, then on a fresh PostgreSQL database;
//   3. for each of ours, GET /id/.well-known/openid-configuration: a trivial route handler
//      (no database, no crypto) served by Next.js, i.e. what any request through Next costs.
// Prints tokens/s, p50/p99 latency and errors (non-2xx, timeouts, socket errors), and the
// server's CPU time per request (from /proc: robust when other processes share the machine).
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { cpus, loadavg, totalmem, type as osType, release } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { postgresAvailable } from "../lib/db/testing";
import { build, CLIENT_ID, DIST, groupCpuMs, prepareDatabase, SECRET, serverEnv, startProcess, stop, waitFor } from "./server";
import { checkExchange, fetchPool, poolSize, runUserGrantLoad, type Pool, type Row } from "./user-grants";
import { WEB_CLIENT_ID, WEB_REDIRECT_URI, writeUserPools } from "./user-pool";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const DURATION = Number(arg("duration", "10"));
/** Rows per backend: oidc-provider's three grants, ours, the Next floor. */
const ROWS = 7;
/** Pool sizes assume at most this many tokens/s (a run that empties its pool says so). */
const MAX_RATE = Number(arg("max-rate", "6000"));
const WARMUP = Number(arg("warmup", "3"));
const CONNECTIONS = Number(arg("connections", "32"));

/** RFC 6749 Appendix B: form-encode, then base64. */
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

async function load(target: string, url: string, options: Partial<autocannon.Options>, server: ChildProcess): Promise<Row> {
  const base = { url, connections: CONNECTIONS, pipelining: 1, ...options };
  await autocannon({ ...base, duration: WARMUP }); // JIT, caches, connection pools
  const cpuBefore = groupCpuMs(server.pid!);
  const r = await autocannon({ ...base, duration: DURATION });
  const cpuMs = groupCpuMs(server.pid!) - cpuBefore;
  const ok = r["2xx"];
  return {
    cpuMicros: Math.round((cpuMs * 1000) / Math.max(1, r.requests.total)),
    target,
    tokensPerSecond: Math.round(ok / (r.duration || DURATION)),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.non2xx + r.errors + r.timeouts,
    total: r.requests.total,
  };
}

const tokenRequest = (url: string, clientId: string, secret: string): Partial<autocannon.Options> => ({
  url,
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(clientId, secret) },
  body: "grant_type=client_credentials&scope=read",
});

async function checkToken(url: string, clientId: string, secret: string): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(clientId, secret) },
    body: "grant_type=client_credentials&scope=read",
  });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
}

const userLoad = (target: string, url: string, clientId: string, redirectUri: string, pool: Pool, server: ChildProcess) =>
  runUserGrantLoad({ target, url, clientId, secret: SECRET, redirectUri, pool, serverPgid: server.pid!, connections: CONNECTIONS, warmup: WARMUP, duration: DURATION });

const POOL = () => poolSize({ rate: MAX_RATE, warmup: WARMUP, duration: DURATION });

async function benchOidcProvider(port: number): Promise<Row[]> {
  const child = startProcess("node", ["bench/oidc-provider-server.mjs"], {
    PORT: String(port),
    NODE_ENV: "production",
    BENCH_CLIENT_ID: "bench.client",
    BENCH_CLIENT_SECRET: SECRET,
  });
  try {
    const origin = `http://127.0.0.1:${port}`;
    const url = `${origin}/connect/token`;
    await waitFor(`${origin}/.well-known/openid-configuration`);
    await checkToken(url, "bench.client", SECRET);
    const cc = await load("node-oidc-provider 9.13", url, tokenRequest(url, "bench.client", SECRET), child);
    const web = { url, clientId: "bench.web", secret: SECRET, redirectUri: "https://app.example.com/cb" };
    const codes = await fetchPool(origin, "code", POOL());
    await checkExchange(web, codes);
    const code = await userLoad("  code exchange", url, web.clientId, web.redirectUri, codes, child);
    const refreshes = await fetchPool(origin, "refresh", POOL());
    await checkExchange(web, refreshes);
    const refresh = await userLoad("  refresh (rotating)", url, web.clientId, web.redirectUri, refreshes, child);
    return [cc, code, refresh];
  } finally {
    await stop(child);
  }
}

async function benchOurs(backend: "embedded" | "postgres", port: number): Promise<Row[]> {
  let pools: Awaited<ReturnType<typeof writeUserPools>> | undefined;
  // Pools go in before the server starts (PGlite: one process); codes live 60 s from here.
  const { t, env } = await prepareDatabase(backend, { extraClients: [WEB_CLIENT_ID], before: async (c) => void (pools = await writeUserPools(c, { codes: POOL(), refresh: POOL() })) });
  const origin = `http://127.0.0.1:${port}`;
  const child = startProcess("node", ["scripts/start.mjs", "start"], { ...serverEnv(env, port), NODE_ENV: "production", NEXT_DIST_DIR: DIST });
  try {
    const discovery = `${origin}/id/.well-known/openid-configuration`;
    await waitFor(discovery);
    const url = `${origin}/id/connect/token`;
    const label = backend === "embedded" ? "PGlite" : "PostgreSQL";
    const web = { url, clientId: WEB_CLIENT_ID, secret: SECRET, redirectUri: WEB_REDIRECT_URI };
    // The code exchange first: the codes expire 60 s after they were written.
    await checkExchange(web, pools!.code);
    const code = await userLoad(`  code exchange (${label})`, url, WEB_CLIENT_ID, WEB_REDIRECT_URI, pools!.code, child);
    await checkExchange(web, pools!.refresh);
    const refresh = await userLoad(`  refresh (rotating) (${label})`, url, WEB_CLIENT_ID, WEB_REDIRECT_URI, pools!.refresh, child);
    await checkToken(url, CLIENT_ID, SECRET);
    const token = await load(`ours, ${label}`, url, tokenRequest(url, CLIENT_ID, SECRET), child);
    // A route handler returning a constant: what any request that reaches Next.js costs.
    const floor = await load(`  Next trivial GET route (${label})`, discovery, {}, child);
    return [token, code, refresh, floor];
  } finally {
    await stop(child);
    if (t.dataDir) rmSync(path.dirname(t.dataDir), { recursive: true, force: true });
    else await t.drop();
  }
}

function print(rows: Row[]): void {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(
    `\n${"target".padEnd(40)}${pad("req/s", 8)}${pad("p50 ms", 8)}${pad("p99 ms", 8)}${pad("errors", 8)}${pad("total", 8)}${pad("CPU µs/req", 12)}${pad("req/s/core", 12)}`,
  );
  for (const r of rows) {
    const perCore = Math.round(1e6 / Math.max(1, r.cpuMicros));
    console.log(
      `${r.target.padEnd(40)}${pad(r.tokensPerSecond, 8)}${pad(r.p50, 8)}${pad(r.p99, 8)}${pad(r.errors, 8)}${pad(r.total, 8)}${pad(r.cpuMicros, 12)}${pad(perCore, 12)}`,
    );
  }
}

async function main(): Promise<void> {
  build();
  const cpu = cpus();
  console.log(
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${osType()} ${release()}, node ${process.version}`,
  );
  console.log(`autocannon: ${CONNECTIONS} connections, pipelining 1, ${WARMUP} s warm-up + ${DURATION} s measured, same machine\n`);
  const rows: Row[] = [];
  const backends: ("embedded" | "postgres")[] = ["embedded"];
  if (await postgresAvailable()) backends.push("postgres");
  else console.warn("PostgreSQL unreachable: PGlite only.");
  for (const [i, backend] of backends.entries()) {
    console.log(`load average before ${backend}: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    rows.push(...(await benchOidcProvider(3291)));
    rows.push(...(await benchOurs(backend, 3210 + i)));
    print(rows.slice(-ROWS));
  }
  console.log("\nSummary");
  print(rows);
  for (let i = 0; i < rows.length; i += ROWS) {
    // oidc-provider: cc, code, refresh; ours: cc, code, refresh, floor.
    for (let g = 0; g < 3; g++) {
      const [ref, ours] = [rows[i + g]!, rows[i + 3 + g]!];
      console.log(
        `${ours.target.trim()}: ${(ours.tokensPerSecond / ref.tokensPerSecond).toFixed(2)}× oidc-provider tokens/s, p99 ${ours.p99} vs ${ref.p99} ms, ${ours.errors} errors (oidc-provider ${ref.errors})`,
      );
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
