// Lint benchmark: npx tsx bench/lint.bench.ts [appCount] [runs]
// Generates varied Trusted Applications (deterministic PRNG) and times lintFleet,
// printing the median of several runs. The target is 10,000 apps well under 500 ms.
// Each run gets freshly generated app objects so the per-app analysis cache is cold,
// as it is when the dashboard loads apps from the database.

import { performance } from "node:perf_hooks";
import { countBySeverity, lintFleet, type PolicyApp, type PolicySystemUser } from "../lib/policy/index";

const APP_COUNT = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 7);

// mulberry32: small deterministic PRNG, so every run lints the same fleet.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOW = new Date("2026-01-15T12:00:00Z");
const HOSTS = ["portal", "app", "erp", "crm", "shop", "sync"];
const SCOPE_SETS = ["read", "read update", "read update offline_access", "openid profile read", "", "read sec", "DomainApi", "Read inventory", 'read "x"'];
const URI_FORMS = [
  (h: string, i: number) => `https://${h}${i}.vendor.com/signin-oidc`,
  (h: string, i: number) => `https://${h}${i}.vendor.com/callback?tenant=${i % 7}`,
  (h: string, i: number) => `http://${h}${i}.vendor.com/cb`,
  () => "http://127.0.0.1:5000/cb",
  (h: string) => `https://*.${h}.vendor.com/cb`,
  (h: string, i: number) => `https://${h}${i}.vendor.com/cb#frag`,
  () => "/relative/cb",
  (h: string) => `https://shared.${h}.vendor.com/cb`,
];

function generate(count: number, seed: number): PolicyApp[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const users: PolicySystemUser[] = Array.from({ length: Math.max(1, count / 20) }, (_, i) => ({
    Login: `svc-${i}`,
    IsActive: rnd() > 0.05,
    IsAdministrator: rnd() < 0.05,
  }));
  const uriList = (h: string, i: number): string | null => {
    const n = Math.floor(rnd() * 4);
    if (n === 0) return rnd() < 0.5 ? null : "";
    return Array.from({ length: n }, () => pick(URI_FORMS)(h, i)).join(rnd() < 0.5 ? "," : ", ");
  };
  return Array.from({ length: count }, (_, i) => {
    const host = pick(HOSTS);
    const isPublic = rnd() < 0.3;
    const hasSecret = isPublic ? rnd() < 0.05 : rnd() < 0.95;
    const systemUserAllowed = rnd() < 0.4;
    return {
      ApplicationUri: rnd() < 0.9 ? `com.vendor${i % 50}/${host}-${i}` : `${host} app ${i}`,
      ClientType: isPublic ? "Public" : "Confidential",
      HasApplicationSecret: hasSecret,
      SecretCreatedUtc: hasSecret && rnd() < 0.9 ? new Date(NOW.getTime() - rnd() * 400 * 86_400_000) : null,
      ImpersonateLoginUrl: uriList(host, i),
      ImpersonateLogoutUrl: uriList(host, i),
      ImpersonateAsInternalUserAllowed: rnd() < 0.6,
      ImpersonateAsCommunityUserAllowed: rnd() < 0.3,
      SystemUserAllowed: systemUserAllowed,
      SystemUser: systemUserAllowed || rnd() < 0.1 ? (rnd() < 0.9 ? pick(users) : null) : null,
      SystemUserLoginUrl: rnd() < 0.1 ? `https://svc${i}.vendor.com/login` : null,
      Scope: pick(SCOPE_SETS),
      AccessTokens: pick(["None", "None", "None", "AuthenticatedUsers", "AdministratorsOnly"] as const),
      BasicAuthenticationAllowed: rnd() < 0.05,
      IsEnabled: rnd() < 0.9,
    } satisfies PolicyApp;
  });
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
