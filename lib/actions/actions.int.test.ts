// Server actions against a real database: authorization first, validation, the policy's
// consent, optimistic concurrency, exactly one audit event per mutation, and never a secret
// hash in a response or a log line. The session is the only stand-in: getActor() returns the
// actor a test chooses (what next-auth would have resolved from the cookie).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/session";
import type { Connection } from "@/lib/db/client";

const current: { actor: Actor | null; connection: Connection | null } = { actor: null, connection: null };

vi.mock("@/lib/auth/session", () => ({ getActor: async () => current.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db/client")>()),
  getDb: async () => current.connection!.db,
}));

const { connectTest, createTestDatabase, testBackends } = await import("@/lib/db/testing");
const { seed, seedCredentialsFromEnv } = await import("@/lib/db/seed");
const { invalidateFleet } = await import("@/lib/db/fleet");
const { hashSecret } = await import("@/lib/oauth/clients/secrets");
const { createAppAction } = await import("./create-app");
const { updateAppAction } = await import("./update-app");
const { rotateSecretAction } = await import("./rotate-secret");
const { setAppEnabledAction } = await import("./set-app-enabled");
const { deleteAppAction } = await import("./delete-app");
const { restoreAppVersionAction } = await import("./restore-app-version");
const { previewAppSave } = await import("./preview-app-save");
const { searchUsersAction } = await import("./search-users");
const { revokeAuthorizationAction } = await import("./revoke-authorization");
const { EMPTY_TRUSTED_APPLICATION } = await import("@/lib/schemas/trusted-application");

const backends = await testBackends();

const input = (uri: string, over: Record<string, unknown> = {}) => ({
  ...EMPTY_TRUSTED_APPLICATION,
  ApplicationUri: uri,
  Name: { Default: `App ${uri}`, Translations: [] },
  ImpersonateAsInternalUserAllowed: true,
  ImpersonateLoginUrls: [`https://${uri.replace(/\W/g, "")}.vendor.com/cb`],
  Scopes: ["read"],
  ...over,
});
const consent = { acknowledgeWarnings: false, justification: null };

describe.each(backends)("server actions on %s", (backend) => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: Actor;
  let reviewer: Actor;
  const logs: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    current.connection = await connectTest(t);
    invalidateFleet();
    await seed(current.connection.db, seedCredentialsFromEnv({}));
    const users = await current.connection.db.user.findMany({ where: { Login: { in: ["admin", "reviewer"] } } });
    const pick = (login: string) => {
      const u = users.find((x) => x.Login === login)!;
      return { Id: u.Id, Login: u.Login, DisplayName: u.DisplayName, ConsoleRole: u.ConsoleRole, IsActive: u.IsActive, MustChangePassword: false, SessionId: u.Id };
    };
    admin = pick("admin");
    reviewer = pick("reviewer");
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(" ")));
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await current.connection?.close();
    current.connection = null;
    invalidateFleet();
    await t?.drop();
  });

  const auditCount = () => current.connection!.db.auditEvent.count();
  const appId = async (uri: string) => (await current.connection!.db.trustedApplication.findUniqueOrThrow({ where: { ApplicationUri: uri } })).Id;

  it("refuses every action without a session and for the reviewer role, changing nothing", async () => {
    const id = await appId("com.example/inventory-sync");
    const calls = [
      () => createAppAction({ input: input("com.nobody/app"), consent }),
      () => updateAppAction({ id, version: 1, input: input("com.example/inventory-sync"), consent }),
      () => rotateSecretAction({ id, grace: "none" }),
      () => setAppEnabledAction({ id, enabled: false }),
      () => deleteAppAction({ id, confirmApplicationUri: "com.example/inventory-sync" }),
      () => restoreAppVersionAction({ id, eventId: id, version: 1, consent, preview: false }),
      () => previewAppSave({ id, input: input("com.example/inventory-sync") }),
      () => revokeAuthorizationAction({ appId: id, authorizationId: id }),
    ];
    const before = await auditCount();
    for (const [actor, code] of [[null, "UNAUTHENTICATED"], [reviewer, "FORBIDDEN"]] as const) {
      current.actor = actor;
      for (const call of calls) expect(await call()).toMatchObject({ ok: false, code });
    }
    current.actor = null;
    expect(await searchUsersAction({ query: "svc" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    // The instance's user list is for editors: a reviewer does not get it.
    current.actor = reviewer;
    expect(await searchUsersAction({ query: "svc" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    current.actor = admin;
    expect(await searchUsersAction({ query: "svc" })).toMatchObject({ ok: true });
    // A provisional password must be replaced before anything else.
    current.actor = { ...admin, MustChangePassword: true };
    for (const call of calls) expect(await call()).toMatchObject({ ok: false, code: "FORBIDDEN", message: "Choose a new password before you continue." });
    expect(await auditCount()).toBe(before);
    const app = await current.connection!.db.trustedApplication.findUniqueOrThrow({ where: { Id: id } });
    expect(app).toMatchObject({ IsEnabled: true, Version: 1 });
  });

  it("validates input structurally with field-level messages", async () => {
    current.actor = admin;
    const r = await createAppAction({ input: input("com.bad/app", { ImpersonateLoginUrls: ["not a url"] }), consent });
    expect(r).toMatchObject({ ok: false, code: "VALIDATION" });
    if (!r.ok) expect(r.fieldErrors?.["input.ImpersonateLoginUrls.0"]?.[0]).toMatch(/Login redirect URI 1/);
    const missing = await createAppAction({ input: { ...input("com.bad/app"), Name: { Default: "", Translations: [] } }, consent });
    expect(missing).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { "input.Name.Default": ["Name is required"] } });
  });

  it("asks for acknowledgement of warnings and a justification for errors", async () => {
    current.actor = admin;
    const warned = input("com.warn/app", { AccessTokens: "AuthenticatedUsers" });
    expect(await createAppAction({ input: warned, consent })).toMatchObject({ ok: false, code: "POLICY" });
    const errored = input("com.err/app", { Scopes: ["read", "sec"] });
    expect(await createAppAction({ input: errored, consent: { acknowledgeWarnings: true, justification: null } })).toMatchObject({ ok: false, code: "POLICY" });
    const before = await auditCount();
    const ok = await createAppAction({ input: errored, consent: { acknowledgeWarnings: true, justification: "Migration from the old instance, fixed next sprint." } });
    expect(ok).toMatchObject({ ok: true });
    const event = await current.connection!.db.auditEvent.findFirstOrThrow({ where: { TargetLabel: "com.err/app" } });
    expect(event.Justification).toBe("Migration from the old instance, fixed next sprint.");
    expect(JSON.stringify(event.Acknowledged)).toContain("TA-SCOPE-SEC");
    expect(await auditCount()).toBe(before + 1);
  });

  it("writes exactly one audit event per mutation and never returns or logs a hash", async () => {
    current.actor = admin;
    const db = current.connection!.db;
    const outputs: unknown[] = [];
    const step = async <T,>(fn: () => Promise<T>) => {
      const before = await auditCount();
      const r = await fn();
      outputs.push(r);
      expect(r).toMatchObject({ ok: true });
      expect(await auditCount()).toBe(before + 1);
      return r as T & { ok: true };
    };
    const created = await step(() => createAppAction({ input: input("com.audit/app"), consent }));
    const id = created.data.id;
    expect(created.data.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const updated = await step(() => updateAppAction({ id, version: created.data.version, input: input("com.audit/app", { Notes: "changed" }), consent }));
    const rotated = await step(() => rotateSecretAction({ id, grace: "24h" }));
    await step(() => setAppEnabledAction({ id, enabled: false }));
    await step(() => setAppEnabledAction({ id, enabled: true }));
    const createEvent = await db.auditEvent.findFirstOrThrow({ where: { TargetId: id, Action: "app.create" } });
    const version = (await db.trustedApplication.findUniqueOrThrow({ where: { Id: id } })).Version;
    await step(() => restoreAppVersionAction({ id, eventId: createEvent.Id, version, consent, preview: false }));
    await step(() => deleteAppAction({ id, confirmApplicationUri: "com.audit/app" }));
    expect(updated.data.changedFields).toEqual(["Notes"]);

    const hashes = [hashSecret(created.data.secret!), hashSecret(rotated.data.secret)];
    const events = await db.auditEvent.findMany({ where: { TargetId: id } });
    const everything = JSON.stringify([outputs, events, logs]);
    for (const h of hashes) expect(everything).not.toContain(h);
    // The plaintext secret leaves the server once, in the action's own result, never elsewhere.
    expect(JSON.stringify([events, logs])).not.toContain(created.data.secret!);
    expect(JSON.stringify([events, logs])).not.toContain(rotated.data.secret);
    expect(events.find((e) => e.Action === "app.rotateSecret")?.Diff).toMatchObject({ ApplicationSecret: { to: "rotated" } });
  });

  it("refuses a save over a newer version with who changed it and when", async () => {
    current.actor = admin;
    const id = await appId("com.example/internal-dashboard");
    const first = await updateAppAction({ id, version: 1, input: input("com.example/internal-dashboard", { Notes: "first" }), consent: { acknowledgeWarnings: true, justification: null } });
    expect(first).toMatchObject({ ok: true });
    const second = await updateAppAction({ id, version: 1, input: input("com.example/internal-dashboard", { Notes: "second" }), consent: { acknowledgeWarnings: true, justification: null } });
    expect(second).toMatchObject({ ok: false, code: "CONFLICT" });
    if (!second.ok) expect(second.message).toMatch(/changed by admin at \d{4}-\d\d-\d\dT.* Reload/);
    expect((await current.connection!.db.trustedApplication.findUniqueOrThrow({ where: { Id: id } })).Notes).toBe("first");
  });

  it("a save that changes nothing writes no version and no audit event", async () => {
    current.actor = admin;
    const id = await appId("com.example/customer-portal");
    const row = await current.connection!.db.trustedApplication.findUniqueOrThrow({ where: { Id: id }, include: { SystemUser: true } });
    const { rowToInput } = await import("@/lib/db/app-mutations");
    const { getApp } = await import("@/lib/db/apps");
    const stored = rowToInput((await getApp(current.connection!.db, id))!);
    const before = await auditCount();
    const r = await updateAppAction({ id, version: row.Version, input: stored, consent: { acknowledgeWarnings: false, justification: null } });
    expect(r).toMatchObject({ ok: true, data: { version: row.Version, changedFields: [] } });
    expect(await auditCount()).toBe(before);
    expect((await current.connection!.db.trustedApplication.findUniqueOrThrow({ where: { Id: id } })).Version).toBe(row.Version);
  });

  it("asks to acknowledge only the warnings a change brings, not those the stored version had", async () => {
    current.actor = admin;
    const id = await appId("com.example/customer-portal"); // stored with warnings (community-only, example URIs)
    const { rowToInput } = await import("@/lib/db/app-mutations");
    const { getApp } = await import("@/lib/db/apps");
    const row = (await getApp(current.connection!.db, id))!;
    const stored = rowToInput(row);
    const noAck = { acknowledgeWarnings: false, justification: null };
    const notes = await updateAppAction({ id, version: row.Version, input: { ...stored, Notes: "only the notes change" }, consent: noAck });
    expect(notes).toMatchObject({ ok: true, data: { changedFields: ["Notes"] } });
    const risky = await updateAppAction({ id, version: row.Version + 1, input: { ...stored, Notes: "only the notes change", AccessTokens: "AuthenticatedUsers" }, consent: noAck });
    expect(risky).toMatchObject({ ok: false, code: "POLICY", message: expect.stringMatching(/1 new warning/) });
  });

  it("reports a duplicate ApplicationUri on the field", async () => {
    current.actor = admin;
    // Already in the preview, before the risk dialog opens.
    const preview = await previewAppSave({ id: null, input: input("com.example/customer-portal", { ClientType: "Public" }) });
    expect(preview).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { ApplicationUri: [expect.stringMatching(/already exists/)] } });
    const own = await appId("com.example/customer-portal");
    expect(await previewAppSave({ id: own, input: input("com.example/customer-portal", { ClientType: "Public" }) })).toMatchObject({ ok: true });
    const r = await createAppAction({ input: input("com.example/customer-portal", { ClientType: "Public" }), consent: { acknowledgeWarnings: true, justification: null } });
    expect(r).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { ApplicationUri: [expect.stringMatching(/already exists/)] } });
  });

  it("revokes a user's authorization: the row goes, the user's grants for the app are revoked, one audit event", async () => {
    const db = current.connection!.db;
    const id = await appId("com.example/inventory-sync");
    const otherId = await appId("com.example/internal-dashboard");
    const jdoe = await db.user.findUniqueOrThrow({ where: { Login: "jdoe" } });
    const authz = await db.trustedApplicationAuthorization.create({ data: { TrustedApplicationId: id, UserId: jdoe.Id, Scope: "openid profile" } });
    const other = await db.trustedApplicationAuthorization.create({ data: { TrustedApplicationId: otherId, UserId: jdoe.Id, Scope: "openid" } });
    const grant = (appId: string) => db.oAuthGrant.create({ data: { TrustedApplicationId: appId, UserId: jdoe.Id, Scope: "openid profile", AuthTimeUtc: new Date() } });
    const [g1, g2, otherGrant] = [await grant(id), await grant(id), await grant(otherId)];
    const grantRow = (grantId: string) => db.oAuthGrant.findUniqueOrThrow({ where: { Id: grantId } });
    const revoke = { appId: id, authorizationId: authz.Id };

    // A security reviewer sees Authorizations but may not revoke one.
    current.actor = reviewer;
    const before = await auditCount();
    expect(await revokeAuthorizationAction(revoke)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db.trustedApplicationAuthorization.count({ where: { Id: authz.Id } })).toBe(1);
    expect((await grantRow(g1.Id)).RevokedUtc).toBeNull();
    expect(await auditCount()).toBe(before);

    current.actor = admin;
    const r = await revokeAuthorizationAction(revoke);
    expect(r).toEqual({ ok: true, data: { login: "jdoe", revokedGrants: 2 } });
    // Only what the toast needs: nothing token- or hash-shaped.
    if (r.ok) expect(Object.keys(r.data).sort()).toEqual(["login", "revokedGrants"]);
    expect(await db.trustedApplicationAuthorization.count({ where: { Id: authz.Id } })).toBe(0);
    for (const g of [g1, g2]) expect(await grantRow(g.Id)).toMatchObject({ RevokedUtc: expect.any(Date), RevokedReason: "authorization_revoked" });
    // The same user's consent and grants for another app are untouched.
    expect(await db.trustedApplicationAuthorization.count({ where: { Id: other.Id } })).toBe(1);
    expect((await grantRow(otherGrant.Id)).RevokedUtc).toBeNull();
    expect(await auditCount()).toBe(before + 1);
    const event = await db.auditEvent.findFirstOrThrow({ where: { Action: "authorization.revoke", TargetId: id } });
    expect(event).toMatchObject({ ActorId: admin.Id, ActorLogin: "admin", TargetType: "TrustedApplication", TargetLabel: "com.example/inventory-sync" });
    expect(event.Diff).toEqual({ "Authorizations[jdoe]": { from: "openid profile", to: null } });

    // Already revoked, unknown, or another app's: NOT_FOUND with a clear message, nothing written.
    for (const gone of [revoke, { appId: id, authorizationId: crypto.randomUUID() }, { appId: id, authorizationId: other.Id }]) {
      expect(await revokeAuthorizationAction(gone)).toMatchObject({ ok: false, code: "NOT_FOUND", message: expect.stringMatching(/no longer exists/) });
    }
    expect(await db.trustedApplicationAuthorization.count({ where: { Id: other.Id } })).toBe(1);
    expect(await auditCount()).toBe(before + 1);

    const malformed = await revokeAuthorizationAction({ appId: "not-a-uuid", authorizationId: "42" });
    expect(malformed).toMatchObject({ ok: false, code: "VALIDATION" });
    if (!malformed.ok) expect(Object.keys(malformed.fieldErrors ?? {}).sort()).toEqual(["appId", "authorizationId"]);
  });
});
