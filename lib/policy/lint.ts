// Linting one app, and the whole fleet. lintFleet must handle 10,000 apps well under
// 500 ms (bench/lint.bench.ts): per-app facts are computed once (analysis.ts), regexes
// are module constants, simple URLs skip `new URL`, and the fleet index is one pass.

import { systemUserInUse } from "./analysis";
import { sortFindings } from "./findings";
import { RULES } from "./rules/index";
import type { Finding, FleetFacts, PolicyApp, PolicyOptions } from "./types";
import { parseUrlList } from "./urls";

export function defaultPolicyOptions(partial: Partial<PolicyOptions> = {}): PolicyOptions {
  const opts: PolicyOptions = {
    now: partial.now ?? new Date(),
    secretRotationDays: partial.secretRotationDays ?? 90,
    allowLoopbackHttp: partial.allowLoopbackHttp ?? false,
  };
  if (partial.fleet !== undefined) opts.fleet = partial.fleet;
  return opts;
}

/** All findings for one app: error, warning, info, then by ruleId. */
export function lintApp(app: PolicyApp, opts: PolicyOptions): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    const found = rule.check(app, opts);
    for (let i = 0; i < found.length; i++) out.push(found[i]!);
  }
  return out.length > 1 ? sortFindings(out) : out;
}

const FLEET_RULES = RULES.filter((rule) => rule.readsFleet === true);
const FLEET_RULE_IDS = new Set(FLEET_RULES.map((rule) => rule.id));

/** Whether a finding comes from a rule that reads the fleet (other apps): only the server can run those. */
export function isFleetRule(ruleId: string): boolean {
  return FLEET_RULE_IDS.has(ruleId);
}

/**
 * An app's findings after other apps changed but it did not: `findings` (from lintApp) with
 * only the rules that read the fleet run again under `opts`. Equal to lintApp(app, opts)
 * when nothing but the fleet facts differ; a fraction of its cost.
 */
export function relintFleetRules(findings: readonly Finding[], app: PolicyApp, opts: PolicyOptions): Finding[] {
  const out = findings.filter((f) => !FLEET_RULE_IDS.has(f.ruleId));
  for (const rule of FLEET_RULES) {
    const found = rule.check(app, opts);
    for (let i = 0; i < found.length; i++) out.push(found[i]!);
  }
  return out.length > 1 ? sortFindings(out) : out;
}

function addTo(index: Map<string, string[]>, key: string, appUri: string): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [appUri]);
  else if (list[list.length - 1] !== appUri) list.push(appUri);
}

/**
 * Facts across apps: who uses which SystemUser (only where it is in use: SystemUserAllowed
 * or Basic auth), and which apps register which login redirect URI. Post-logout URIs are
 * left out: sharing a logout landing page between apps carries no authorization response.
 */
export function buildFleetFacts(apps: readonly PolicyApp[]): FleetFacts {
  const systemUserApps = new Map<string, string[]>();
  const redirectUriApps = new Map<string, string[]>();
  for (const app of apps) {
    if (app.SystemUser !== null && systemUserInUse(app)) addTo(systemUserApps, app.SystemUser.Login, app.ApplicationUri);
    // Only the list split here; the URLs themselves are parsed once, by the rules.
    for (const uri of parseUrlList(app.ImpersonateLoginUrl)) addTo(redirectUriApps, uri, app.ApplicationUri);
  }
  return { systemUserApps, redirectUriApps };
}

/**
 * The apps whose fleet-wide findings may change with `app` (sharing its SystemUser or one of its
 * redirect URIs, per `facts`), by ApplicationUri, `app` excluded. Asked for an app's previous and
 * new version, it names every app to lint again after a change to that one app.
 */
export function fleetNeighbours(app: PolicyApp, facts: FleetFacts): Set<string> {
  const out = new Set<string>();
  if (app.SystemUser !== null) for (const uri of facts.systemUserApps.get(app.SystemUser.Login) ?? []) out.add(uri);
  for (const redirect of parseUrlList(app.ImpersonateLoginUrl)) for (const uri of facts.redirectUriApps.get(redirect) ?? []) out.add(uri);
  out.delete(app.ApplicationUri);
  return out;
}

export function lintFleet(
  apps: readonly PolicyApp[],
  opts: Omit<PolicyOptions, "fleet">,
): { app: PolicyApp; findings: Finding[] }[] {
  const withFleet: PolicyOptions = { ...opts, fleet: buildFleetFacts(apps) };
  return apps.map((app) => ({ app, findings: lintApp(app, withFleet) }));
}
