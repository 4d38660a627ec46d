import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing";
import { startTestAuthServer, type TestAuthServer } from "../testing";
import { healthEndpoint, notReadyReason, readinessEndpoint } from "./health";

const get = (url: string, method = "GET") => ({ method, url, header: () => null, text: async () => "" });

for (const backend of await testBackends()) {
  describe(`health checks (${backend})`, () => {
    let h: TestAuthServer;
    beforeAll(async () => {
      h = await startTestAuthServer(backend);
      await h.server.ready;
    });
    afterAll(async () => h?.close());

    it("healthz answers 200 ok; other methods 405", async () => {
      expect(await healthEndpoint(get("/healthz"))).toMatchObject({ status: 200, body: '{"status":"ok"}' });
      expect((await healthEndpoint(get("/healthz", "DELETE"))).status).toBe(405);
    });

    it("readyz is 200 when the database answers, the keys load and the listener is up", async () => {
      const res = await readinessEndpoint(get("/readyz"), h.server);
      expect(res.status).toBe(200);
      expect(res.headers["Cache-Control"]).toBe("no-store");
    });

    it("readyz is 503 with one word of reason when the listener is down or the database does not answer", async () => {
      const notListening = { ...h.server, isListening: () => false };
      expect(await notReadyReason(notListening)).toBe("listener");
      const res = await readinessEndpoint(get("/readyz"), notListening);
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body!)).toEqual({ status: "unavailable", reason: "listener" });
      expect(res.headers["Retry-After"]).toBe("5");
      const broken = { ...h.server, connection: { ...h.server.connection, sql: { query: () => Promise.reject(new Error("ECONNREFUSED")) } } };
      expect(await notReadyReason(broken)).toBe("database");
      const hanging = { ...h.server, connection: { ...h.server.connection, sql: { query: () => new Promise<never>(() => {}) } } };
      expect(await notReadyReason(hanging, 50)).toBe("database");
    });
  });
}
