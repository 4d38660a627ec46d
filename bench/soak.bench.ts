// Soak benchmark: npm run bench:soak [-- --backend embedded|postgres --minutes 2 --share 0.8 --rebuild]
// The production server under client_credentials token requests for a while at a steady rate,
// a share of the peak it measured first: zero errors expected, and memory flat (the server's
// RSS at the end within 20% of its RSS after the first minute). Prints a line per 10 s and a
// summary; the figures go into docs/benchmarks.md by hand.
import { readFileSync } from "node:fs";
import { rmSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { build, CLIENT_ID, DIST, prepareDatabase, SECRET, serverEnv, startProcess, stop, waitFor } from "./server";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const BACKEND = arg("backend", "embedded") as "embedded" | "postgres";
const MINUTES = Number(arg("minutes", "2"));
const SHARE = Number(arg("share", "0.8"));
const CONNECTIONS = 32;

/** Resident set size of one process, MiB (Linux /proc). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 102.4) / 10;
}

const basic = `Basic ${Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(SECRET)}`).toString("base64")}`;

build();
const { t, env } = await prepareDatabase(BACKEND);
const port = 3290;
const origin = `http://127.0.0.1:${port}`;
// The server itself, not start.mjs: its RSS is the one that matters.
const child = startProcess(process.execPath, ["scripts/server.mjs"], { ...serverEnv(env, port), NODE_ENV: "production", NEXT_DIST_DIR: DIST });
try {
  await waitFor(`${origin}/id/.well-known/openid-configuration`);
  const url = `${origin}/id/connect/token`;
  const request = {
    url,
    method: "POST" as const,
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic },
    body: "grant_type=client_credentials&scope=read",
    connections: CONNECTIONS,
  };
  await autocannon({ ...request, duration: 3 }); // warm-up
  const peak = await autocannon({ ...request, duration: 8 });
  const peakRate = Math.round(peak["2xx"] / peak.duration);
  const rate = Math.round(peakRate * SHARE);
  console.log(`${BACKEND}: peak ${peakRate} tokens/s; soaking ${MINUTES} min at ${rate}/s (${Math.round(SHARE * 100)}%), ${CONNECTIONS} connections`);

  const samples: { s: number; rss: number }[] = [];
  const started = Date.now();
  const sampler = setInterval(() => {
    const s = Math.round((Date.now() - started) / 1000);
    samples.push({ s, rss: rssMiB(child.pid!) });
    if (s % 10 === 0) console.log(`  ${String(s).padStart(4)} s  RSS ${rssMiB(child.pid!)} MiB`);
  }, 1000);
  const soak = await autocannon({ ...request, duration: MINUTES * 60, overallRate: rate });
  clearInterval(sampler);

  const afterFirstMinute = samples.find((x) => x.s >= 60)?.rss ?? samples[0]!.rss;
  const end = samples.at(-1)!.rss;
  const errors = soak.non2xx + soak.errors + soak.timeouts;
  const growth = (end - afterFirstMinute) / afterFirstMinute;
  console.log(`\nsoak ${BACKEND}: ${soak["2xx"]} tokens in ${soak.duration} s (${Math.round(soak["2xx"] / soak.duration)}/s), errors ${errors} (non-2xx ${soak.non2xx}, socket ${soak.errors}, timeouts ${soak.timeouts})`);
  console.log(`latency p50 ${soak.latency.p50} ms, p99 ${soak.latency.p99} ms, max ${(soak.latency as { max?: number }).max} ms`);
  console.log(`RSS after 1 min ${afterFirstMinute} MiB, at the end ${end} MiB: ${(growth * 100).toFixed(1)}% (limit +20%), min ${Math.min(...samples.map((x) => x.rss))}, max ${Math.max(...samples.map((x) => x.rss))}`);
  const ok = errors === 0 && growth <= 0.2;
  console.log(ok ? "PASS: zero errors, memory flat" : "FAIL");
  process.exitCode = ok ? 0 : 1;
} finally {
  await stop(child);
  if (t.dataDir) rmSync(path.dirname(t.dataDir), { recursive: true, force: true });
  else await t.drop();
}
