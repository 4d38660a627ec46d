// Console sign-in under attack: npm run bench:signin [-- --attackers 40 --duration 10]
//
// argon2 is expensive on purpose. This measures what concurrent anonymous sign-ins do to the
// identity endpoint on the same server: the token endpoint (client_credentials, 100 req/s) and
// JWKS (20 req/s) at a steady, modest rate, first alone, then while `attackers` connections
// post sign-ins as fast as they are answered. The attack is the worst case: valid CSRF token,
// random logins, and a new address for every request (the server runs with TRUST_PROXY=true
// and each request carries a random X-Forwarded-For), so no per-address throttle applies and
// only the bounded hashing queue stands between the attack and the cores.
// Prints p50/p99 of both, with and without the attack, and what the attack got back.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { build, CLIENT_ID, DIST, prepareDatabase, SECRET, serverEnv, startProcess, stop, waitFor } from "./server";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const DURATION = Number(arg("duration", "10"));
const ATTACKERS = Number(arg("attackers", "40"));
const PORT = 3230;
const ORIGIN = `http://127.0.0.1:${PORT}`;

const basic = `Basic ${Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(SECRET)}`).toString("base64")}`;

interface Latency {
  p50: number;
  p99: number;
  ok: number;
  total: number;
}

async function steady(url: string, rate: number, options: Partial<autocannon.Options> = {}): Promise<Latency> {
  const r = await autocannon({ url, connections: 2, overallRate: rate, duration: DURATION, ...options });
  return { p50: r.latency.p50, p99: r.latency.p99, ok: r["2xx"], total: r.requests.total };
}

async function measure(): Promise<{ token: Latency; jwks: Latency }> {
  const [token, jwks] = await Promise.all([
    steady(`${ORIGIN}/id/connect/token`, 100, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic },
      body: "grant_type=client_credentials&scope=read",
    }),
    steady(`${ORIGIN}/id/.well-known/jwks`, 20),
  ]);
  return { token, jwks };
}

async function csrf(): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${ORIGIN}/api/auth/csrf`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { token: ((await res.json()) as { csrfToken: string }).csrfToken, cookie };
}

const randomAddress = () => `10.${randomBytes(3).join(".")}`;

async function main(): Promise<void> {
  build();
  const cpu = cpus();
  console.log(`Machine: ${cpu.length} × ${cpu[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  const { t, env } = await prepareDatabase("embedded");
  const server = startProcess("node", ["scripts/start.mjs", "start"], { ...serverEnv(env, PORT), NODE_ENV: "production", NEXT_DIST_DIR: DIST, TRUST_PROXY: "true" });
  try {
    await waitFor(`${ORIGIN}/id/.well-known/openid-configuration`);
    await measure(); // warm-up: JIT, caches
    const calm = await measure();

    const { token, cookie } = await csrf();
    const attack = autocannon({
      url: `${ORIGIN}/api/auth/callback/credentials`,
      method: "POST",
      connections: ATTACKERS,
      duration: DURATION + 4,
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            headers: { ...req.headers, "x-forwarded-for": randomAddress() },
            body: new URLSearchParams({ login: `attacker-${randomBytes(4).toString("hex")}`, password: randomBytes(8).toString("hex"), csrfToken: token, json: "true" }).toString(),
          }),
        },
      ],
    });
    await new Promise((r) => setTimeout(r, 2000)); // let the attack reach its pace
    const attacked = await measure();
    const a = await attack;

    const row = (label: string, l: Latency) => `${label.padEnd(34)}${String(l.p50).padStart(8)}${String(l.p99).padStart(8)}${`${l.ok}/${l.total}`.padStart(12)}`;
    console.log(`\n${"".padEnd(34)}${"p50 ms".padStart(8)}${"p99 ms".padStart(8)}${"2xx/all".padStart(12)}`);
    console.log(row("token endpoint, alone", calm.token));
    console.log(row(`token endpoint, ${ATTACKERS} sign-in attackers`, attacked.token));
    console.log(row("JWKS, alone", calm.jwks));
    console.log(row(`JWKS, ${ATTACKERS} sign-in attackers`, attacked.jwks));
    const codes = Object.entries(a.statusCodeStats ?? {}).map(([code, s]) => `${code}: ${s.count}`).join(", ");
    console.log(`\nThe attack: ${a.requests.total} sign-ins in ${a.duration} s (${Math.round(a.requests.total / a.duration)}/s), answered ${codes}; p50 ${a.latency.p50} ms, p99 ${a.latency.p99} ms, ${a.errors} errors, ${a.timeouts} timeouts`);
  } finally {
    await stop(server);
    if (t.dataDir) rmSync(path.dirname(t.dataDir), { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
