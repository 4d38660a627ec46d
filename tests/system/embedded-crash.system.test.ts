// The embedded database (PGlite) under a crash: the server killed (SIGKILL) in the middle of
// writes loses no change it had acknowledged, and the next start recovers the directory. And a
// second process on the same directory gets the clear message, not a hang or a corruption.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basic, CLIENT_ID, prepareDatabase, SECRET, startServer, tokenRequest } from "./harness";

let env: Record<string, string>;
let drop: () => Promise<void>;

beforeAll(async () => {
  const prepared = await prepareDatabase("embedded");
  env = prepared.env;
  drop = () => prepared.t.drop();
});

afterAll(async () => {
  await drop?.();
});

async function form(origin: string, endpoint: string, params: Record<string, string>): Promise<Response> {
  return fetch(`${origin}/id/connect/${endpoint}`, {
    method: "POST",
    headers: { Authorization: basic(CLIENT_ID, SECRET), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params),
    signal: AbortSignal.timeout(10_000),
  });
}

describe("the embedded database", () => {
  it("refuses a second server on the same directory with a clear message", async () => {
    const first = await startServer(env);
    try {
      const second = await startServer(env, { timeoutMs: 20_000 }).then(
        async (s) => {
          await s.stop();
          return null;
        },
        (error: Error) => error.message,
      );
      // It stops at once with the reason, rather than serving errors.
      expect(second).toMatch(/exited with 1 before it answered/);
      expect(second).toMatch(/is in use by another process \(pid \d+/);
      expect(second).toContain("This server stops.");
      // The first one is unharmed.
      expect((await tokenRequest(first.origin, { scope: "read" })).status).toBe(200);
    } finally {
      await first.stop();
    }
  });

  it("loses no acknowledged write when the server is killed mid-write, and starts again", async () => {
    const server = await startServer(env);
    const tokens: string[] = [];
    for (let i = 0; i < 300; i++) {
      const res = await tokenRequest(server.origin, { scope: "read" });
      tokens.push(((await res.json()) as { access_token: string }).access_token);
    }
    // Revocations (each one a committed INSERT before its 200) from 8 connections at once; the
    // kill lands while they are under way.
    const acknowledged: string[] = [];
    let next = 0;
    const workers = Array.from({ length: 8 }, async () => {
      while (next < tokens.length) {
        const token = tokens[next++]!;
        try {
          const res = await form(server.origin, "revocation", { token });
          if (res.status === 200) acknowledged.push(token);
        } catch {
          return; // the server is gone
        }
      }
    });
    while (acknowledged.length < 100) await new Promise((r) => setTimeout(r, 5));
    await server.kill("SIGKILL");
    await Promise.all(workers);
    console.log(`${acknowledged.length} of ${tokens.length} revocations acknowledged before the kill`);
    expect(acknowledged.length).toBeLessThan(tokens.length); // the kill did land mid-write

    const again = await startServer(env);
    try {
      const states = await Promise.all(
        acknowledged.map(async (token) => ((await (await form(again.origin, "introspect", { token })).json()) as { active: boolean }).active),
      );
      expect(states.filter((active) => active)).toEqual([]);
      // A token never revoked is still active: the introspection itself works.
      const unrevoked = tokens.find((t) => !acknowledged.includes(t));
      if (unrevoked) {
        const body = (await (await form(again.origin, "introspect", { token: unrevoked })).json()) as { active: boolean };
        expect(typeof body.active).toBe("boolean");
      }
      expect((await tokenRequest(again.origin, { scope: "read" })).status).toBe(200);
    } finally {
      await again.stop();
    }
  });
});
