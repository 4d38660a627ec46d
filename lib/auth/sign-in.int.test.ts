// The console's sign-in and sessions against a real database (PGlite and PostgreSQL): one
// answer for every refusal, throttling before any password is hashed, sessions that end on the
// server (sign-out, password, role, deactivation, "sign out everywhere") and an absolute
// lifetime, and every user change audited without a password or hash.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db/client";
import { connectTest, createTestDatabase, testBackends, type TestDatabase } from "@/lib/db/testing";
import { seed, seedCredentialsFromEnv } from "@/lib/db/seed";
import { createSession, findLiveSession, revokeSessionByToken } from "@/lib/db/sessions";
import { createUser, setUserActive, setUserPassword, setUserRole, signOutEverywhere } from "@/lib/db/user-mutations";
import { findUserByLogin } from "@/lib/db/users";
import { BruteForceGuard } from "@/lib/oauth/guard/brute-force";
import { BoundedQueue, hashPassword } from "./password";
import { signInWithPassword, verifyCurrentPassword } from "./sign-in";

const backends = await testBackends();
const CLI = { id: null, login: "cli" };
const from = (address: string) => ({ "x-forwarded-for": address, "user-agent": "vitest" });

describe.each(backends)("console sign-in on %s", (backend) => {
  let t: TestDatabase;
  let c: Connection;
  const db = () => c.db;
  const creds = seedCredentialsFromEnv({});
  const attempt = (login: string, password: string, address = "192.0.2.1") => ({ login, password, headers: from(address) });
  const quietGuard = () => new BruteForceGuard({ subject: { maxFailures: 1000 } });

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    c = await connectTest(t);
    await seed(c.db, creds);
  });
  afterAll(async () => {
    await c?.close();
    await t?.drop();
  });

  it("opens a session for a console user; refuses a wrong password, an unknown login, an inactive user and a user without a console role alike", async () => {
    const guard = quietGuard();
    const ok = await signInWithPassword(db(), attempt(creds.admin.login, creds.admin.password), guard);
    expect(ok).toMatchObject({ kind: "ok" });
    if (ok.kind !== "ok") return;
    const live = await findLiveSession(db(), ok.sessionToken);
    expect(live?.user).toMatchObject({ Login: creds.admin.login, ConsoleRole: "Administrator", MustChangePassword: true });
    // The table holds only the token's hash.
    expect(JSON.stringify(await db().consoleSession.findMany())).not.toContain(ok.sessionToken);

    const refusals = await Promise.all([
      signInWithPassword(db(), attempt(creds.admin.login, "wrong"), guard),
      signInWithPassword(db(), attempt("nobody-at-all", "whatever"), guard),
      signInWithPassword(db(), attempt(creds.user.login, creds.user.password), guard), // right password, no console role
    ]);
    expect(refusals).toEqual([{ kind: "invalid" }, { kind: "invalid" }, { kind: "invalid" }]);
    const reviewer = (await findUserByLogin(db(), creds.reviewer.login))!;
    await setUserActive(db(), CLI, reviewer.Id, false);
    expect(await signInWithPassword(db(), attempt(creds.reviewer.login, creds.reviewer.password), guard)).toEqual({ kind: "invalid" });
    await setUserActive(db(), CLI, reviewer.Id, true);
  });

  it("throttles a login per address before hashing (a full hashing queue is never reached), not from elsewhere", async () => {
    const guard = quietGuard();
    for (let i = 0; i < 5; i++) expect(await signInWithPassword(db(), attempt(creds.reviewer.login, `wrong ${i}`, "198.51.100.9"), guard)).toEqual({ kind: "invalid" });
    const blocked = await signInWithPassword(db(), attempt(creds.reviewer.login, creds.reviewer.password, "198.51.100.9"), guard);
    expect(blocked).toMatchObject({ kind: "throttled", retryAfterSeconds: expect.any(Number) });
    // From another address the right password still works: the attacker cannot lock the user out.
    expect(await signInWithPassword(db(), attempt(creds.reviewer.login, creds.reviewer.password, "203.0.113.50"), guard)).toMatchObject({ kind: "ok" });
    // Throttled before hashing: with no hashing slot at all, the answer is still "throttled", not "busy".
    const noSlots = new BoundedQueue(0, 0);
    expect(await signInWithPassword(db(), attempt(creds.reviewer.login, creds.reviewer.password, "198.51.100.9"), guard, noSlots)).toMatchObject({ kind: "throttled" });
    expect(await signInWithPassword(db(), attempt(creds.reviewer.login, creds.reviewer.password, "203.0.113.51"), guard, noSlots)).toMatchObject({ kind: "busy" });
  });

  it("sessions end on the server: sign-out, password change (but the changing session), role, deactivation, sign out everywhere", async () => {
    const u = await createUser(db(), CLI, { Login: "sessions.test", DisplayName: "Sessions", Type: "Internal", ConsoleRole: "SecurityReviewer" }, await hashPassword("sessions test passphrase"));
    const open = async () => (await createSession(db(), u.Id, 60_000)).token;
    const live = async (token: string) => (await findLiveSession(db(), token)) !== null;

    const a = await open();
    await revokeSessionByToken(db(), a, "signout");
    expect(await live(a)).toBe(false);

    const [keep, other] = [await createSession(db(), u.Id, 60_000), await open()];
    expect(await setUserPassword(db(), CLI, u.Id, await hashPassword("another passphrase"), { provisional: false, keepSessionId: keep.id })).toMatchObject({ endedSessions: 1 });
    expect([await live(keep.token), await live(other)]).toEqual([true, false]);

    const b = await open();
    await setUserRole(db(), CLI, u.Id, "Administrator");
    expect([await live(b), await live(keep.token)]).toEqual([false, false]);

    const c1 = await open();
    await setUserActive(db(), CLI, u.Id, false);
    expect(await live(c1)).toBe(false);
    await setUserActive(db(), CLI, u.Id, true);

    const [d1, d2] = [await open(), await open()];
    expect(await signOutEverywhere(db(), CLI, u.Id)).toMatchObject({ endedSessions: 2 });
    expect([await live(d1), await live(d2)]).toEqual([false, false]);

    const events = await db().auditEvent.findMany({ where: { TargetId: u.Id }, orderBy: { TimeUtc: "asc" } });
    expect(events.map((e) => e.Action)).toEqual(["user.create", "user.changePassword", "user.setRole", "user.deactivate", "user.activate", "user.signOutEverywhere"]);
    const hashes = (await db().user.findUniqueOrThrow({ where: { Id: u.Id }, select: { PasswordHash: true } })).PasswordHash!;
    expect(JSON.stringify(events)).not.toContain(hashes);
    expect(JSON.stringify(events)).not.toMatch(/passphrase/);
  });

  it("a session's lifetime is absolute: checking it never extends it", async () => {
    const admin = (await findUserByLogin(db(), creds.admin.login))!;
    const s = await createSession(db(), admin.Id, 300);
    const first = await findLiveSession(db(), s.token);
    expect(first?.expiresUtc.getTime()).toBe(s.expiresUtc.getTime());
    await new Promise((r) => setTimeout(r, 400));
    expect(await findLiveSession(db(), s.token)).toBeNull();
  });

  it("keeps an active administrator: the last one can be neither demoted nor deactivated", async () => {
    const admins = await db().user.findMany({ where: { ConsoleRole: "Administrator", IsActive: true } });
    for (const a of admins.slice(1)) await setUserRole(db(), CLI, a.Id, "SecurityReviewer");
    const last = admins[0]!;
    await expect(setUserRole(db(), CLI, last.Id, "None")).rejects.toThrow(/last active administrator/);
    await expect(setUserActive(db(), CLI, last.Id, false)).rejects.toThrow(/last active administrator/);
  });

  it("checks the current password under the same throttle", async () => {
    const admin = (await findUserByLogin(db(), creds.admin.login))!;
    const guard = quietGuard();
    expect(await verifyCurrentPassword(db(), admin.Id, admin.Login, creds.admin.password, from("192.0.2.80"), guard)).toEqual({ kind: "ok" });
    for (let i = 0; i < 5; i++) expect(await verifyCurrentPassword(db(), admin.Id, admin.Login, "nope", from("192.0.2.80"), guard)).toEqual({ kind: "invalid" });
    expect(await verifyCurrentPassword(db(), admin.Id, admin.Login, creds.admin.password, from("192.0.2.80"), guard)).toMatchObject({ kind: "throttled" });
  });
});
