// The real CLI (`npm run apps -- …`) as a child process, on a database holding one app per
// configuration rule plus one clean app, on the embedded PGlite and on PostgreSQL. Each tsx
// spawn costs about a second, so every spawn serves several assertions.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defaultPolicyOptions, lintFleet, REQUEST_RULES, RULES } from "@/lib/policy";
import { hashSecret } from "@/lib/oauth/clients/secrets";
import { listAllApps, toPolicyApp } from "@/lib/db/apps";
import { rowToInput } from "@/lib/db/app-mutations";
import type { Connection } from "@/lib/db/client";
import { connectTest, createTestDatabase, testBackends, type TestDatabase } from "@/lib/db/testing";
import { toInterchange, type InterchangeRecord } from "@/lib/schemas/interchange";
import { flatten } from "./format/findings";
import { CLEAN_URI, cleanFixture, FIXTURE_USERS, ruleFixtures, writeFleet } from "./testing";

const backends = await testBackends();
const TSX = path.resolve("node_modules/.bin/tsx");
const MAIN = path.resolve("lib/cli/main.ts");
/** Same options the child gets through its environment. */
const POLICY_ENV = { SECRET_ROTATION_DAYS: "90", ALLOW_LOOPBACK_HTTP: "false" };
const policyOpts = () => defaultPolicyOptions({ secretRotationDays: 90, allowLoopbackHttp: false });

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run apps -- <args>` against a database given the way a user gives it: through the environment. */
function cli(args: readonly string[], db: { databaseUrl?: string; dataDir?: string }, stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      TSX,
      [MAIN, ...args],
      {
        env: { ...process.env, ...POLICY_ENV, DATABASE_URL: db.databaseUrl ?? "", PGLITE_DATA_DIR: db.dataDir ?? "" },
        timeout: 90_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin ?? "");
  });
}

// --- Output contracts -----------------------------------------------------------------------

const JsonFinding = z.strictObject({
  applicationUri: z.string().min(1),
  ruleId: z.string().regex(/^TA-[A-Z0-9-]+$/),
  severity: z.enum(["error", "warning", "info"]),
  field: z.string().min(1),
  message: z.string().min(1),
  fix: z.string().min(1),
});
const JsonFindings = z.array(JsonFinding);

// SARIF 2.1.0 (OASIS), the properties the spec requires plus the ones we emit, with the
// cross-references the spec demands: version "2.1.0" (§3.13.2), runs[].tool.driver.name
// (§3.19.8), unique rule ids (§3.19.23), result.message with text (§3.27.11), level from the
// fixed set (§3.27.10), ruleIndex pointing at the rule named by ruleId (§3.27.6).
const SarifLevel = z.enum(["none", "note", "warning", "error"]);
const SarifMessage = z.object({ text: z.string().min(1) });
const SarifLog = z
  .object({
    $schema: z.url().optional(),
    version: z.literal("2.1.0"),
    runs: z
      .array(
        z.object({
          tool: z.object({
            driver: z.object({
              name: z.string().min(1),
              rules: z
                .array(
                  z.object({
                    id: z.string().min(1),
                    name: z.string().optional(),
                    shortDescription: SarifMessage.optional(),
                    fullDescription: SarifMessage.optional(),
                    help: SarifMessage.optional(),
                    defaultConfiguration: z.object({ level: SarifLevel.optional() }).optional(),
                  }),
                )
                .optional(),
            }),
          }),
          results: z
            .array(
              z.object({
                ruleId: z.string().min(1).optional(),
                ruleIndex: z.number().int().min(0).optional(),
                level: SarifLevel.optional(),
                message: SarifMessage,
                locations: z
                  .array(
                    z.object({
                      logicalLocations: z
                        .array(z.object({ name: z.string().optional(), fullyQualifiedName: z.string().optional(), kind: z.string().optional() }))
                        .optional(),
                    }),
                  )
                  .optional(),
                properties: z.record(z.string(), z.unknown()).optional(),
              }),
            )
            .optional(),
        }),
      )
      .min(1),
  })
  .superRefine((log, ctx) => {
    log.runs.forEach((run, r) => {
      const rules = run.tool.driver.rules ?? [];
      const ids = rules.map((rule) => rule.id);
      if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", message: "rule ids are not unique", path: ["runs", r, "tool", "driver", "rules"] });
      (run.results ?? []).forEach((result, i) => {
        const at = ["runs", r, "results", i];
        if (result.ruleId === undefined) ctx.addIssue({ code: "custom", message: "result without ruleId", path: at });
        else if (!ids.includes(result.ruleId)) ctx.addIssue({ code: "custom", message: `ruleId ${result.ruleId} is not a rule of the driver`, path: at });
        if (result.ruleIndex !== undefined && rules[result.ruleIndex]?.id !== result.ruleId) {
          ctx.addIssue({ code: "custom", message: `ruleIndex ${result.ruleIndex} does not name ${result.ruleId}`, path: at });
        }
      });
    });
  });

const ExportRecord = z.strictObject({
  ApplicationUri: z.string(),
  Name: z.union([z.string(), z.record(z.string(), z.string())]),
  ClientType: z.enum(["Confidential", "Public"]),
  ApplicationSecretSet: z.boolean(),
  ImpersonateLoginUrl: z.string().nullable(),
  ImpersonateLogoutUrl: z.string().nullable(),
  ImpersonateAsInternalUserAllowed: z.boolean(),
  ImpersonateAsCommunityUserAllowed: z.boolean(),
  SystemUserAllowed: z.boolean(),
  SystemUser: z.string().nullable(),
  SystemUserLoginUrl: z.string().nullable(),
  Scope: z.string().nullable(),
  AccessTokens: z.enum(["None", "AuthenticatedUsers", "AdministratorsOnly"]),
  BasicAuthenticationAllowed: z.boolean(),
  IsEnabled: z.boolean(),
  Notes: z.string().nullable(),
  CreationTimeUtc: z.iso.datetime(),
});

// --- Helpers ----------------------------------------------------------------------------------

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

async function exportOf(c: Connection): Promise<InterchangeRecord[]> {
  return (await listAllApps(c.db)).map((row) =>
    toInterchange(rowToInput(row), { secretSet: row.HasApplicationSecret, creationTimeUtc: row.CreationTimeUtc }),
  );
}

async function storedHashes(c: Connection): Promise<string[]> {
  const rows = await c.db.trustedApplication.findMany({
    select: { ApplicationSecretHash: true, PreviousSecretHash: true },
  });
  return rows.flatMap((r) => [r.ApplicationSecretHash, r.PreviousSecretHash]).filter((h): h is string => !!h);
}

// --- Commands that need no database -----------------------------------------------------------

describe("apps CLI without a database", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tac-cli-"));
  const nowhere = { dataDir: path.join(dir, "never-opened") };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 2 on usage errors before opening any database, 0 for help", async () => {
    const runs = await Promise.all(
      [
        [],
        ["frobnicate"],
        ["lint", "--format", "xml"],
        ["lint", "--min-severity", "fatal"],
        ["lint", "--colour"],
        ["rotate-secret", "com.vendor/a", "--grace", "2h"],
        ["import"],
        ["export", "--file"],
      ].map((args) => cli(args, nowhere).then((run) => ({ args: args.join(" "), ...run }))),
    );
    for (const run of runs) {
      expect({ args: run.args, code: run.code }).toEqual({ args: run.args, code: 2 });
    }
    const byArgs = new Map(runs.map((r) => [r.args, r]));
    expect(byArgs.get("")!.stdout).toContain("Usage: npm run apps -- <command>");
    expect(byArgs.get("frobnicate")!.stderr).toContain('Unknown command "frobnicate"');
    expect(byArgs.get("lint --format xml")!.stderr).toContain("--format must be one of: text, json, sarif.");
    expect(byArgs.get("lint --min-severity fatal")!.stderr).toContain("--min-severity must be one of: error, warning, info.");
    expect(byArgs.get("lint --colour")!.stderr).toContain("Unknown option --colour.");
    expect(byArgs.get("rotate-secret com.vendor/a --grace 2h")!.stderr).toContain("--grace must be one of: none, 1h, 24h, 7d.");
    expect(existsSync(nowhere.dataDir)).toBe(false);

    const help = await cli(["--help"], nowhere);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("rotate-secret <ApplicationUri>");
  });

  it("rules lists every rule with its documentation, as text and as JSON", async () => {
    const [text, json] = await Promise.all([cli(["rules"], nowhere), cli(["rules", "--format", "json"], nowhere)]);
    expect(text.code).toBe(0);
    for (const rule of [...RULES, ...REQUEST_RULES]) {
      expect(text.stdout).toContain(`${rule.id} (${rule.severity}`);
      expect(text.stdout).toContain(`fix:      ${rule.fix}`);
    }
    expect(json.code).toBe(0);
    const docs = z
      .array(
        z.strictObject({
          id: z.string(),
          severity: z.enum(["error", "warning", "info"]),
          title: z.string().min(1),
          triggers: z.string().min(1),
          why: z.string().min(1),
          seed: z.array(z.object({ source: z.string(), sentence: z.string().min(1) })).min(1),
          fix: z.string().min(1),
          flows: z.array(z.string()),
        }),
      )
      .parse(JSON.parse(json.stdout));
    expect(docs.map((d) => d.id)).toEqual([...RULES, ...REQUEST_RULES].map((r) => r.id));
    expect(existsSync(nowhere.dataDir)).toBe(false);
  });

  it("lint --file reads an export or an OData response; exit 0 without error findings, 1 with", async () => {
    const now = new Date();
    const fixtures = ruleFixtures(now);
    const record = (app: ReturnType<typeof cleanFixture>): InterchangeRecord => ({
      ApplicationUri: app.ApplicationUri,
      Name: app.ApplicationUri,
      ClientType: app.ClientType,
      ApplicationSecretSet: app.HasApplicationSecret,
      ImpersonateLoginUrl: app.ImpersonateLoginUrl,
      ImpersonateLogoutUrl: app.ImpersonateLogoutUrl,
      ImpersonateAsInternalUserAllowed: app.ImpersonateAsInternalUserAllowed,
      ImpersonateAsCommunityUserAllowed: app.ImpersonateAsCommunityUserAllowed,
      SystemUserAllowed: app.SystemUserAllowed,
      SystemUser: app.SystemUser?.Login ?? null,
      SystemUserLoginUrl: app.SystemUserLoginUrl,
      Scope: app.Scope,
      AccessTokens: app.AccessTokens,
      BasicAuthenticationAllowed: app.BasicAuthenticationAllowed,
      IsEnabled: app.IsEnabled,
      Notes: null,
      CreationTimeUtc: now.toISOString(),
    });
    const warningsOnly = path.join(dir, "warnings.json");
    writeFileSync(warningsOnly, JSON.stringify([record(cleanFixture(now)), record(fixtures["TA-ACCESS-TOKENS-AUTHENTICATED-USERS"]![0]!)]));
    const withError = path.join(dir, "odata.json");
    writeFileSync(withError, JSON.stringify({ "@odata.context": "$metadata#TrustedApplications", value: [record(fixtures["TA-SCOPE-SEC"]![0]!)] }));

    const [ok, failing] = await Promise.all([
      cli(["lint", "--file", warningsOnly, "--format", "json"], nowhere),
      cli(["lint", "--file", withError, "--format", "json"], nowhere),
    ]);
    expect(ok.code).toBe(0);
    // A file does not say when its secret was made: the age is unknown (info).
    expect(JsonFindings.parse(JSON.parse(ok.stdout)).map((f) => [f.applicationUri, f.ruleId]).sort()).toEqual([
      ["com.vendor/access-tokens-authenticated-users", "TA-ACCESS-TOKENS-AUTHENTICATED-USERS"],
      ["com.vendor/access-tokens-authenticated-users", "TA-SECRET-AGE-UNKNOWN"],
      [CLEAN_URI, "TA-SECRET-AGE-UNKNOWN"],
    ]);
    expect(failing.code).toBe(1);
    expect(JsonFindings.parse(JSON.parse(failing.stdout)).filter((f) => f.severity === "error").map((f) => f.ruleId)).toEqual(["TA-SCOPE-SEC"]);
    expect(existsSync(nowhere.dataDir)).toBe(false);
  });
});

// --- Commands on a database, on every backend --------------------------------------------------

describe.each(backends)("apps CLI on %s", (backend) => {
  const dir = mkdtempSync(path.join(tmpdir(), "tac-cli-"));
  const now = new Date();
  const fixtures = ruleFixtures(now);
  const fleet = [...Object.values(fixtures).flat(), cleanFixture(now)];
  let t: TestDatabase;
  let fresh: TestDatabase | undefined;
  let c: Connection | undefined;
  let rotatedSecret: string | undefined;

  const db = () => c!.db;
  const target = () => ({ databaseUrl: t.databaseUrl, dataDir: t.dataDir });
  /** PGlite allows one process at a time: the test lets go of the database while the CLI runs. */
  async function offline<T>(fn: () => Promise<T>): Promise<T> {
    if (backend === "postgres") return fn();
    await c?.close();
    c = undefined;
    try {
      return await fn();
    } finally {
      c = await connectTest(t);
    }
  }

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    c = await connectTest(t);
    await writeFleet(c.db, fleet);
  });
  afterAll(async () => {
    await c?.close();
    await t?.drop();
    await fresh?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("holds one app per configuration rule, each flagged by its rule, and a clean app", async () => {
    expect(Object.keys(fixtures).sort()).toEqual(RULES.map((r) => r.id).sort());
    const stored = (await listAllApps(db())).map(toPolicyApp);
    expect(stored).toHaveLength(fleet.length);
    const findings = new Map(lintFleet(stored, policyOpts()).map((r) => [r.app.ApplicationUri, r.findings.map((f) => f.ruleId)]));
    for (const [ruleId, apps] of Object.entries(fixtures)) {
      for (const app of apps) expect(findings.get(app.ApplicationUri), app.ApplicationUri).toContain(ruleId);
    }
    expect(findings.get(CLEAN_URI)).toEqual([]);
  });

  it("lint: JSON, SARIF 2.1.0, --min-severity error and text; exit 1 with error findings", async () => {
    const expected = flatten(
      lintFleet((await listAllApps(db())).map(toPolicyApp), policyOpts()).map((r) => ({ applicationUri: r.app.ApplicationUri, findings: r.findings })),
      "info",
    );
    const [json, sarif, errorsOnly, text] = await offline(async () => [
      await cli(["lint", "--format", "json"], target()),
      await cli(["lint", "--format", "sarif"], target()),
      await cli(["lint", "--format", "json", "--min-severity", "error"], target()),
      await cli(["lint"], target()),
    ]);

    // JSON: exactly { applicationUri, ruleId, severity, field, message, fix }, the same findings as the engine.
    expect(json.code, json.stderr).toBe(1);
    const findings = JsonFindings.parse(JSON.parse(json.stdout));
    expect(findings).toEqual(expected);
    const rulesOf = (uri: string) => findings.filter((f) => f.applicationUri === uri).map((f) => f.ruleId);
    for (const [ruleId, apps] of Object.entries(fixtures)) {
      for (const app of apps) expect(rulesOf(app.ApplicationUri), app.ApplicationUri).toContain(ruleId);
    }
    expect(rulesOf(CLEAN_URI)).toEqual([]);
    const flagged = findings.find((f) => f.ruleId === "TA-REDIRECT-HTTPS")!;
    expect(flagged).toMatchObject({ applicationUri: "com.vendor/redirect-https", severity: "error", field: "ImpersonateLoginUrl" });
    expect(flagged.fix).toBe(RULES.find((r) => r.id === "TA-REDIRECT-HTTPS")!.fix);

    // SARIF: valid 2.1.0, one rule entry per rule id, one result per finding.
    expect(sarif.code).toBe(1);
    const log = SarifLog.parse(JSON.parse(sarif.stdout));
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe("trusted-apps-lint");
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const rule of run.tool.driver.rules!) {
      const level = { error: "error", warning: "warning", info: "note" }[RULES.find((r) => r.id === rule.id)!.severity];
      expect(rule.defaultConfiguration?.level).toBe(level);
    }
    expect(run.results).toHaveLength(findings.length);
    run.results!.forEach((result, i) => {
      const f = findings[i]!;
      expect(result.ruleId).toBe(f.ruleId);
      expect(result.ruleIndex).toBeTypeOf("number");
      expect(result.level).toBe({ error: "error", warning: "warning", info: "note" }[f.severity]);
      expect(result.message.text).toContain(f.message);
      expect(result.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName).toBe(`${f.applicationUri}#${f.field}`);
    });

    // --min-severity error: only the error findings, still exit 1.
    expect(errorsOnly.code).toBe(1);
    expect(JsonFindings.parse(JSON.parse(errorsOnly.stdout))).toEqual(findings.filter((f) => f.severity === "error"));

    // Text for people: every flagged app, its findings with fix, and the totals.
    expect(text.code).toBe(1);
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of findings) counts[f.severity]++;
    expect(text.stdout).toContain(`${fleet.length} applications linted: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info.`);
    const lines = text.stdout.split("\n");
    for (const uri of new Set(findings.map((f) => f.applicationUri))) expect(lines).toContain(uri);
    expect(lines).not.toContain(CLEAN_URI);
    expect(text.stdout).toMatch(/^ {2}error {3}TA-REDIRECT-HTTPS {2}ImpersonateLoginUrl: .+\n {10}fix: /m);
    // Sorted by app, then error, warning, info within an app.
    for (let i = 1; i < findings.length; i++) {
      const [a, b] = [findings[i - 1]!, findings[i]!];
      if (a.applicationUri === b.applicationUri) expect(SEVERITY_RANK[a.severity]).toBeLessThanOrEqual(SEVERITY_RANK[b.severity]);
    }
  });

  it("rotate-secret --json prints the secret once and stores only its SHA-256, audited as cli", async () => {
    const uri = "com.vendor/secret-rotation";
    const before = await db().trustedApplication.findUniqueOrThrow({ where: { ApplicationUri: uri }, omit: { ApplicationSecretHash: false } });
    const run = await offline(() => cli(["rotate-secret", uri, "--grace", "24h", "--json"], target()));
    expect(run.code, run.stderr).toBe(0);
    const printed = z.strictObject({ applicationUri: z.literal(uri), secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }).parse(JSON.parse(run.stdout));
    rotatedSecret = printed.secret;
    expect(run.stdout.split(printed.secret)).toHaveLength(2);
    expect(run.stderr).not.toContain(printed.secret);

    const after = await db().trustedApplication.findUniqueOrThrow({
      where: { ApplicationUri: uri },
      omit: { ApplicationSecretHash: false, PreviousSecretHash: false },
    });
    expect(after.ApplicationSecretHash).toBe(hashSecret(printed.secret));
    expect(after.PreviousSecretHash).toBe(before.ApplicationSecretHash);
    expect(after.PreviousSecretExpiresUtc!.getTime() - after.ApplicationSecretCreatedUtc!.getTime()).toBe(86_400_000);
    expect(after.Version).toBe(before.Version + 1);
    expect(after.UpdatedBy).toBe("cli");
    // Nothing in the row or the audit log holds the plaintext.
    const raw = await db().$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "Sec_Trusted_Applications" t`);
    expect(raw.map((r) => r.row).join("\n")).not.toContain(printed.secret);

    const events = await db().auditEvent.findMany({ where: { TargetId: before.Id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ Action: "app.rotateSecret", ActorLogin: "cli", ActorId: null, TargetLabel: uri });
    const logged = JSON.stringify(events);
    expect(logged).not.toContain(printed.secret);
    expect(logged).not.toContain(after.ApplicationSecretHash!);
    expect(logged).not.toContain(before.ApplicationSecretHash!);
  });

  it("disable and enable: the kill switch, audited as cli", async () => {
    const app = await db().trustedApplication.findUniqueOrThrow({ where: { ApplicationUri: CLEAN_URI } });
    const [off, on, missing] = await offline(async () => [
      await cli(["disable", CLEAN_URI], target()),
      await cli(["enable", CLEAN_URI], target()),
      await cli(["enable", "com.vendor/nope"], target()),
    ]);
    expect([off.code, off.stdout.trim()]).toEqual([0, `${CLEAN_URI} disabled.`]);
    expect([on.code, on.stdout.trim()]).toEqual([0, `${CLEAN_URI} enabled.`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No application with ApplicationUri "com.vendor/nope"');

    const after = await db().trustedApplication.findUniqueOrThrow({ where: { ApplicationUri: CLEAN_URI } });
    expect(after).toMatchObject({ IsEnabled: true, Version: app.Version + 2, UpdatedBy: "cli" });
    const events = await db().auditEvent.findMany({ where: { TargetId: app.Id }, orderBy: { TimeUtc: "asc" } });
    expect(events.map((e) => [e.Action, e.ActorLogin, e.ActorId, e.Diff])).toEqual([
      ["app.disable", "cli", null, { IsEnabled: { from: true, to: false } }],
      ["app.enable", "cli", null, { IsEnabled: { from: false, to: true } }],
    ]);
  });

  it("users: add (provisional password printed once), list, set-password from stdin, set-role, deactivate, sign-out; audited as cli, never a password", async () => {
    const [added, dup, weak, reset, role, off, again, out, list] = await offline(async () => [
      await cli(["users", "add", "ops.person", "--name", "Ops Person", "--role", "SecurityReviewer"], target()),
      await cli(["users", "add", "ops.person", "--name", "Twice"], target()),
      await cli(["users", "set-password", "ops.person", "--password-stdin"], target(), "admin-change-me\n"),
      await cli(["users", "set-password", "ops.person", "--password-stdin"], target(), "a long operator passphrase\n"),
      await cli(["users", "set-role", "ops.person", "None"], target()),
      await cli(["users", "deactivate", "ops.person"], target()),
      await cli(["users", "deactivate", "ops.person"], target()),
      await cli(["users", "sign-out", "nobody.here"], target()),
      await cli(["users", "list", "--json"], target()),
    ]);
    expect(added.code).toBe(0);
    const provisional = /^  (\S{24})$/m.exec(added.stdout)?.[1];
    expect(provisional).toBeDefined();
    expect(added.stdout.split(provisional!)).toHaveLength(2); // printed once
    expect(dup).toMatchObject({ code: 1, stderr: expect.stringContaining('A user with login "ops.person" already exists.') });
    expect(weak).toMatchObject({ code: 1, stderr: expect.stringContaining("publicly known") });
    expect(reset).toMatchObject({ code: 0, stdout: expect.stringContaining("chooses their own at the next sign-in") });
    expect(role.stdout).toContain("The console role of ops.person is now None (No console role)");
    expect([off.stdout.trim(), again.stdout.trim()]).toEqual(["ops.person is now inactive.", "ops.person was already inactive."]);
    expect(out).toMatchObject({ code: 1, stderr: expect.stringContaining('No user with login "nobody.here".') });
    expect(JSON.parse(list.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ login: "ops.person", consoleRole: "None", active: false, password: "provisional" })]));

    const user = await db().user.findUniqueOrThrow({ where: { Login: "ops.person" }, select: { Id: true, PasswordHash: true, MustChangePassword: true } });
    expect(user.MustChangePassword).toBe(true);
    const events = await db().auditEvent.findMany({ where: { TargetId: user.Id }, orderBy: { TimeUtc: "asc" } });
    expect(events.map((e) => [e.Action, e.ActorLogin])).toEqual([
      ["user.create", "cli"],
      ["user.resetPassword", "cli"],
      ["user.setRole", "cli"],
      ["user.deactivate", "cli"],
    ]);
    const logged = JSON.stringify(events);
    for (const secret of [provisional!, "a long operator passphrase", user.PasswordHash!]) expect(logged).not.toContain(secret);
  });

  it("export never holds a secret or hash; its import into a fresh database re-creates the apps, audited as cli", async () => {
    const file = path.join(dir, "export.json");
    const hashes = await storedHashes(c!);
    const expected = await exportOf(c!);
    const run = await offline(() => cli(["export", "--file", file], target()));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.trim()).toBe(`Exported ${fleet.length} applications to ${file}.`);
    expect(run.stdout).toBe("");

    const content = readFileSync(file, "utf8");
    const records = z.array(ExportRecord).parse(JSON.parse(content));
    expect(records).toEqual(expected);
    expect(records.find((r) => r.ApplicationUri === "com.vendor/system-user-admin")).toMatchObject({ SystemUser: "svc-admin", ApplicationSecretSet: true });
    expect(records.find((r) => r.ApplicationUri === "com.vendor/secret-missing")?.ApplicationSecretSet).toBe(false);
    expect(hashes.length).toBeGreaterThan(fleet.length / 2);
    for (const hash of hashes) expect(content).not.toContain(hash);
    expect(rotatedSecret).toBeDefined();
    expect(content).not.toContain(rotatedSecret!);
    expect(content).not.toMatch(/[0-9a-f]{64}/);

    fresh = await createTestDatabase(backend);
    const seeded = await connectTest(fresh);
    await writeFleet(seeded.db, [], FIXTURE_USERS); // the new instance has the same service users
    await seeded.close();
    const freshTarget = { databaseUrl: fresh.databaseUrl, dataDir: fresh.dataDir };

    // Rows only legacy data can hold (a relative redirect URI, a malformed scope) are
    // structurally invalid: the whole import is refused, naming each record and field.
    const refused = await cli(["import", file], freshTarget);
    expect(refused.code).toBe(1);
    const at = (uri: string) => records.findIndex((r) => r.ApplicationUri === uri);
    expect(refused.stderr).toContain(`Nothing was imported; ${file} has invalid records:`);
    expect(refused.stderr).toContain(`record ${at("com.vendor/redirect-not-absolute")}: ImpersonateLoginUrl: Login redirect URI 1 is not an absolute URL`);
    expect(refused.stderr).toContain(`record ${at("com.vendor/scope-syntax")}: Scope: Scope ""inventory"" may only contain`);
    expect(refused.stderr.trim().split("\n")).toHaveLength(3);

    const valid = records.filter((r) => r.ApplicationUri !== "com.vendor/redirect-not-absolute" && r.ApplicationUri !== "com.vendor/scope-syntax");
    const validFile = path.join(dir, "export-valid.json");
    writeFileSync(validFile, JSON.stringify(valid));
    const imported = await cli(["import", validFile], freshTarget);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`Imported ${valid.length} applications (${valid.length} created, 0 updated).`);
    // An import never brings a secret: the Confidential apps need one rotated in.
    expect(imported.stdout).toMatch(/^ {2}error {3}TA-SECRET-MISSING {2}HasApplicationSecret: /m);
    expect(imported.stdout).toContain(`${valid.length} applications linted:`);

    const check = await connectTest(fresh);
    try {
      expect(await exportOf(check)).toEqual(valid.map((r) => ({ ...r, ApplicationSecretSet: false })));
      expect(await storedHashes(check)).toEqual([]);
      const events = await check.db.auditEvent.findMany();
      expect(events).toHaveLength(valid.length);
      expect(new Set(events.map((e) => `${e.Action} ${e.ActorLogin} ${e.ActorId}`))).toEqual(new Set(["app.import cli null"]));
      expect(events.map((e) => e.TargetLabel).sort()).toEqual(valid.map((r) => r.ApplicationUri).sort());
    } finally {
      await check.close();
    }
  });

  it("import of a Domain API OData response upserts by ApplicationUri, keeps the existing secret, audited as cli", async () => {
    const file = path.join(dir, "odata.json");
    writeFileSync(
      file,
      JSON.stringify({
        "@odata.context": "https://erp.example.com/odata/$metadata#Systems.Security.TrustedApplications",
        value: [
          {
            ApplicationUri: CLEAN_URI,
            Name: { en: "Clean app", de: "Saubere App" },
            ClientType: "C",
            ImpersonateLoginUrl: "https://com-vendor-clean.vendor.com/signin-oidc",
            ImpersonateAsInternalUserAllowed: true,
            Scope: "read update",
            Notes: "Moved from the ERP",
          },
          {
            ApplicationUri: "com.vendor/odata-portal",
            Name: "OData portal",
            ClientType: "P",
            ApplicationSecretHash: "ab".repeat(32),
            ImpersonateLoginUrl: "https://odata-portal.vendor.com/cb, https://odata-portal.vendor.com/cb2",
            ImpersonateAsInternalUserAllowed: true,
            ImpersonateAsCommunityUserAllowed: true,
            SystemUser: null,
            Scope: "read",
            AccessTokens: null,
          },
        ],
      }),
    );
    const before = await db().trustedApplication.findUniqueOrThrow({ where: { ApplicationUri: CLEAN_URI }, omit: { ApplicationSecretHash: false } });
    const run = await offline(() => cli(["import", file], target()));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Imported 2 applications (1 created, 1 updated).");
    expect(run.stdout).toMatch(new RegExp(`^${CLEAN_URI}\\n {2}info {4}TA-SCOPE-UPDATE`, "m"));
    expect(run.stdout).toContain("2 applications linted:");

    const updated = await db().trustedApplication.findUniqueOrThrow({ where: { ApplicationUri: CLEAN_URI }, omit: { ApplicationSecretHash: false } });
    expect(updated).toMatchObject({
      Name: "Clean app",
      NameTranslations: { de: "Saubere App" },
      Scope: "read update",
      Notes: "Moved from the ERP",
      ApplicationSecretHash: before.ApplicationSecretHash,
      Version: before.Version + 1,
      UpdatedBy: "cli",
    });
    const created = await db().trustedApplication.findUniqueOrThrow({
      where: { ApplicationUri: "com.vendor/odata-portal" },
      omit: { ApplicationSecretHash: false },
    });
    expect(created).toMatchObject({
      ClientType: "Public",
      ApplicationSecretHash: null,
      ImpersonateLoginUrl: "https://odata-portal.vendor.com/cb,https://odata-portal.vendor.com/cb2",
      AccessTokens: "None",
      IsEnabled: true,
    });

    const events = await db().auditEvent.findMany({ where: { Action: "app.import" }, orderBy: { TargetLabel: "asc" } });
    expect(events.map((e) => [e.TargetLabel, e.ActorLogin, e.ActorId])).toEqual([
      [CLEAN_URI, "cli", null],
      ["com.vendor/odata-portal", "cli", null],
    ]);
    expect(events[0]!.Diff).toMatchObject({ Scopes: { from: ["read"], to: ["read", "update"] }, Notes: { from: null, to: "Moved from the ERP" } });
    expect(JSON.stringify(events)).not.toContain("ab".repeat(32));
  });

  it("import writes nothing when a record is invalid (named by index and field) or the transaction fails", async () => {
    const invalid = path.join(dir, "invalid.json");
    writeFileSync(
      invalid,
      JSON.stringify([
        { ApplicationUri: "com.vendor/never-0", Name: "Fine" },
        { ApplicationUri: "com.vendor/never-1", Name: 42 },
        { ApplicationUri: "com.vendor/never-2", Name: "Bad URL", ImpersonateLoginUrl: "https://ok.vendor.com/cb,relative/cb" },
        { ApplicationUri: "com.vendor/never-3", Name: "Bad type", ClientType: "Hybrid" },
        { ApplicationUri: "com.vendor/never-0", Name: "Twice" },
        { Name: "No URI" },
      ]),
    );
    const unknownUser = path.join(dir, "unknown-user.json");
    writeFileSync(
      unknownUser,
      JSON.stringify([
        { ApplicationUri: "com.vendor/never-4", Name: "Valid, written first" },
        { ApplicationUri: "com.vendor/never-5", Name: "Service", SystemUserAllowed: true, SystemUser: "nobody" },
      ]),
    );
    const countsBefore = [await db().trustedApplication.count(), await db().auditEvent.count()];
    const [badRecords, rolledBack] = await offline(async () => [await cli(["import", invalid], target()), await cli(["import", unknownUser], target())]);

    expect(badRecords.code).toBe(1);
    expect(badRecords.stdout).toBe("");
    expect(badRecords.stderr.trim().split("\n")).toEqual([
      `Nothing was imported; ${invalid} has invalid records:`,
      "  record 1: Name: Name must be a text or an object of language: text",
      "  record 2: ImpersonateLoginUrl: Login redirect URI 2 is not an absolute URL",
      "  record 3: ClientType: ClientType must be Confidential or Public",
      '  record 4: ApplicationUri: "com.vendor/never-0" already appears in record 0',
      "  record 5: ApplicationUri: ApplicationUri is required",
    ]);
    expect(rolledBack.code).toBe(1);
    expect(rolledBack.stderr.trim()).toBe('Nothing was imported: SystemUser "nobody" does not exist.');

    expect([await db().trustedApplication.count(), await db().auditEvent.count()]).toEqual(countsBefore);
    expect(await db().trustedApplication.count({ where: { ApplicationUri: { startsWith: "com.vendor/never-" } } })).toBe(0);
  });
});
