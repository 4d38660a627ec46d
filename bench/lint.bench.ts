// Lint benchmark: npx tsx bench/lint.bench.ts [appCount] [runs]
// Generates varied Trusted Applications (deterministic PRNG) and times lintFleet,
// printing the median of several runs. The target is 10,000 apps well under 500 ms.
// Each run gets freshly generated app objects so the per-app analysis cache is cold,
// as it is when the dashboard loads apps from the database.

import { performance } from "node:perf_hooks";
import { countBySeverity, lintFleet, type PolicyApp, type PolicySystemUser } from "../lib/policy/index";
import { generateApps, prng } from "./generate";

const APP_COUNT = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 7);

const NOW = new Date("2026-01-15T12:00:00Z");

function generate(count: number, seed: number): PolicyApp[] {
  const rnd = prng(seed + 1);
  const users: PolicySystemUser[] = Array.from({ length: Math.max(1, count / 20) }, (_, i) => ({
    Login: `svc-${i}`,
    IsActive: rnd() > 0.05,
    IsAdministrator: rnd() < 0.05,
  }));
  return generateApps(count, users, seed, NOW);
}

const opts = { now: NOW, secretRotationDays: 90, allowLoopbackHttp: false };

// Warm-up: let the JIT see the code before timing.
lintFleet(generate(APP_COUNT, 1), opts);

const times: number[] = [];
let total = { error: 0, warning: 0, info: 0 };
for (let run = 0; run < RUNS; run++) {
  const apps = generate(APP_COUNT, 42);
  const start = performance.now();
  const result = lintFleet(apps, opts);
  times.push(performance.now() - start);
  total = countBySeverity(result.flatMap((r) => r.findings));
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(
  `lintFleet: ${APP_COUNT} apps, ${RUNS} runs: median ${median.toFixed(1)} ms ` +
    `(min ${times[0]!.toFixed(1)}, max ${times[times.length - 1]!.toFixed(1)}); ` +
    `findings per run: ${total.error} error, ${total.warning} warning, ${total.info} info`,
);
