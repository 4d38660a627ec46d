// What a console edit answers while the database cannot be reached: a clear message that
// nothing was saved, no internals (the form keeps its input: the action only returns).
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

const actor = { Id: "u1", Login: "admin", DisplayName: "Admin", ConsoleRole: "Administrator", IsActive: true, MustChangePassword: false, SessionId: "s1" };
const getActor = vi.fn(async (): Promise<unknown> => actor);
vi.mock("@/lib/auth/session", () => ({ getActor: () => getActor() }));
const getDb = vi.fn(async () => ({}));
vi.mock("@/lib/db/client", () => ({ getDb: () => getDb() }));

const { authedAction, DATABASE_UNAVAILABLE_MESSAGE } = await import("./safe-action");
const { DatabaseUnavailableError } = await import("@/lib/db/errors");

const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("authedAction while the database is unavailable", () => {
  it("a write that cannot reach the database says so, and that nothing was saved", async () => {
    const action = authedAction("apps.write", z.object({ name: z.string() }), async () => {
      throw refused;
    });
    const result = await action({ name: "x" });
    expect(result).toEqual({ ok: false, code: "UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE });
    expect(JSON.stringify(result)).not.toContain("ECONNREFUSED");
  });

  it("so does a session that could not be checked (the first read of every action)", async () => {
    getActor.mockRejectedValueOnce(new DatabaseUnavailableError());
    const action = authedAction("apps.write", z.object({}), async () => "done");
    expect(await action({})).toMatchObject({ ok: false, code: "UNAVAILABLE" });
  });

  it("any other failure stays a plain server error", async () => {
    const action = authedAction("apps.write", z.object({}), async () => {
      throw new TypeError("a bug");
    });
    expect(await action({})).toMatchObject({ ok: false, code: "SERVER" });
  });
});
