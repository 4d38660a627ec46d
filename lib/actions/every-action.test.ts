// Server actions are public POST endpoints: every export of every "use server" file in
// lib/actions must refuse a caller without a session before it does anything, whatever the
// input. Files without the directive (after-app-change.ts, safe-action.ts …) are not
// endpoints: the browser cannot call them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", () => ({ getActor: async () => null }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const getDb = vi.fn();
vi.mock("@/lib/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/db/client")>()), getDb }));

const dir = import.meta.dirname;
const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
const isAction = (f: string) => /^\s*["']use server["'];/.test(readFileSync(path.join(dir, f), "utf8"));

describe("every server action", () => {
  it("finds the actions, and the helpers are not actions", () => {
    expect(files.filter(isAction).length).toBeGreaterThanOrEqual(9);
    expect(isAction("after-app-change.ts")).toBe(false);
    expect(isAction("safe-action.ts")).toBe(false);
  });

  it.each(files.filter(isAction))("%s: each export refuses an anonymous caller, before touching the database", async (file) => {
    const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
    const exported = Object.entries(mod);
    expect(exported.length).toBeGreaterThan(0);
    for (const [name, fn] of exported) {
      expect(typeof fn, name).toBe("function");
      for (const input of [{}, null, { id: "x" }]) {
        expect(await (fn as (i: unknown) => Promise<unknown>)(input), name).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      }
    }
    expect(getDb).not.toHaveBeenCalled();
  });
});
