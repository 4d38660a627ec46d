// The benchmarks' fleet: varied Trusted Applications from a deterministic PRNG, so that every
// run (and every benchmark) works on the same mix of clean and faulty configurations.
import type { PolicyApp } from "../lib/policy/index";

// mulberry32: small and deterministic.
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
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

/** A generated app: the policy's view with the caller's kind of SystemUser, its index and the host it was named after. */
export type GeneratedApp<U> = Omit<PolicyApp, "SystemUser"> & { SystemUser: U | null; index: number; host: string };

/** `count` apps over the given service users; secret ages up to 400 days before `now`. */
export function generateApps<U>(count: number, users: readonly U[], seed: number, now: Date): GeneratedApp<U>[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
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
      ApplicationUri: rnd() < 0.9 ? `com.vendor${i % 50}/${host}-${i}` : `${host}-app-${i}`,
      ClientType: isPublic ? "Public" : "Confidential",
      HasApplicationSecret: hasSecret,
      SecretCreatedUtc: hasSecret && rnd() < 0.9 ? new Date(now.getTime() - rnd() * 400 * DAY_MS) : null,
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
      index: i,
      host,
    };
  });
}
