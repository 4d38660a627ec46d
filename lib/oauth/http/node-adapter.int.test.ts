// The production front (node-adapter.ts) over real sockets: the same endpoints as the route
// handlers, so this checks the transport: routing, headers, bodies (bounded, chunked, too
// large), keep-alive, the peer address for brute-force limits, and an independent client
// (oauth4webapi) getting, introspecting and revoking a token through it.
import * as oauth from "oauth4webapi";
import { createServer, request as httpRequest, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BruteForceGuard } from "../guard/brute-force";
import { handleNodeOAuthRequest } from "./node-adapter";
import { basic, setKnownSecret, startTestAuthServer, TEST_ISSUER, type TestAuthServer } from "../testing";

const SERVICE = "com.example/inventory-sync";

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe("the node:http front of the OAuth endpoints", () => {
  let h: TestAuthServer;
  let http: Server;
  let origin: string;
  let secret: string;
  let fellThrough: string[];

  beforeAll(async () => {
    // A low per-address limit, to see that the front passes the socket's peer address.
    h = await startTestAuthServer("embedded", { guard: new BruteForceGuard({ pair: { maxFailures: 1000 }, address: { maxFailures: 3 }, subject: { maxFailures: 1000 } }) });
    secret = await setKnownSecret(h.connection, SERVICE);
    fellThrough = [];
    http = createServer((req, res) => {
      if (handleNodeOAuthRequest(req, res, { server: h.server, trustProxy: false })) return;
      fellThrough.push(`${req.method} ${req.url}`);
      // Stands in for Next.js: discovery and everything else.
      void h.fetch(`${TEST_ISSUER}${(req.url ?? "").replace(/^\/id/, "")}`).then(async (r) => {
        res.writeHead(r.status, Object.fromEntries(r.headers)).end(await r.text());
      });
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    http?.closeAllConnections();
    await new Promise((resolve) => http?.close(resolve));
    await h?.close();
  });

  /** One raw HTTP/1.1 exchange, so that headers and framing are what the front wrote. */
  function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string | string[] } = {}): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${origin}${path}`, { method: init.method ?? "POST", headers: init.headers, agent: false }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      });
      req.on("error", reject);
      for (const chunk of Array.isArray(init.body) ? init.body : init.body === undefined ? [] : [init.body]) req.write(chunk);
      req.end();
    });
  }

  const form = (body: string, headers: Record<string, string> = {}) =>
    ({ headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body }) as const;

  it("issues a token to an independent client, which introspects and revokes it", async () => {
    const as: oauth.AuthorizationServer = { issuer: TEST_ISSUER, token_endpoint: `${origin}/id/connect/token`, introspection_endpoint: `${origin}/id/connect/introspect`, revocation_endpoint: `${origin}/id/connect/revocation` };
    const client: oauth.Client = { client_id: SERVICE };
    const auth = oauth.ClientSecretBasic(secret);
    const opts = { [oauth.allowInsecureRequests]: true };
    const issued = await oauth.processClientCredentialsResponse(as, client, await oauth.clientCredentialsGrantRequest(as, client, auth, new URLSearchParams({ scope: "read" }), opts));
    expect(issued.token_type).toBe("bearer");
    expect(issued.scope).toBe("read");

    const active = await oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, auth, issued.access_token, opts));
    expect(active).toMatchObject({ active: true, client_id: SERVICE, scope: "read" });
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, issued.access_token, opts));
    const revoked = await oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, auth, issued.access_token, opts));
    expect(revoked).toEqual({ active: false });
    expect(fellThrough).toEqual([]);
  });

  it("writes the endpoint's status, no-store headers, JSON and an exact Content-Length", async () => {
    const res = await raw("/id/connect/token", form("grant_type=client_credentials&scope=read", { Authorization: basic(SERVICE, secret) }));
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers.pragma).toBe("no-cache");
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(res.body));
    expect(JSON.parse(res.body)).toMatchObject({ token_type: "Bearer", scope: "read" });
  });

  it("keeps a query on the endpoint URI (RFC 6749 §3.2) and answers a GET with 405 and Allow: POST", async () => {
    const withQuery = await raw("/id/connect/token?tenant=1", form("grant_type=client_credentials", { Authorization: basic(SERVICE, secret) }));
    expect(withQuery.status).toBe(200);
    // The path as Next would decode it: an encoded spelling is still answered here.
    const encoded = await raw("/id/connect/%74oken", form("grant_type=client_credentials", { Authorization: basic(SERVICE, secret) }));
    expect(encoded.status).toBe(200);
    const get = await raw("/id/connect/token", { method: "GET" });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe("POST");
    expect(get.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(get.body).error).toBe("invalid_request");
  });

  it("leaves every other path to the next handler", async () => {
    const res = await raw("/id/.well-known/openid-configuration", { method: "GET" });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).token_endpoint).toBe(`${TEST_ISSUER}/connect/token`);
    expect(await raw("/id/connect/token/extra", form("grant_type=client_credentials"))).toMatchObject({ status: 404 });
    expect(fellThrough).toEqual(["GET /id/.well-known/openid-configuration", "POST /id/connect/token/extra"]);
  });

  it("refuses a body larger than 16 KiB, declared or chunked; without waiting for it, closing the connection", async () => {
    const big = `grant_type=client_credentials&pad=${"x".repeat(20_000)}`;
    const declared = await raw("/id/connect/token", form(big));
    expect(declared.status).toBe(400);
    expect(JSON.parse(declared.body).error_description).toBe("The request body is too large.");

    // A client that declares 1 MB and sends a few bytes, on a kept-alive connection: answered at once, then closed.
    const socket = connect((http.address() as AddressInfo).port, "127.0.0.1");
    socket.write("POST /id/connect/token HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000\r\n\r\ngrant_type=");
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (c: string) => (answer += c));
    await new Promise((resolve) => socket.on("close", resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    expect(answer).toContain("The request body is too large.");
    const chunked = await raw("/id/connect/token", {
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
      body: Array.from({ length: 40 }, () => "x".repeat(1000)),
    });
    expect(chunked.status).toBe(400);
    expect(JSON.parse(chunked.body).error_description).toBe("The request body is too large.");
  });

  it("reads a chunked body of several parts", async () => {
    const res = await raw("/id/connect/token", {
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked", Authorization: basic(SERVICE, secret) },
      body: ["grant_type=client_", "credentials&sc", "ope=read"],
    });
    expect(res.status).toBe(200);
  });

  it("serves many requests on one kept-alive connection", async () => {
    const agent = new (await import("node:http")).Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    for (let i = 0; i < 5; i++) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${origin}/id/connect/token`, { method: "POST", agent, headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: basic(SERVICE, secret) } }, (res) => {
          sockets.add(req.socket);
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end("grant_type=client_credentials");
      });
      expect(status).toBe(200);
    }
    expect(sockets.size).toBe(1);
    agent.destroy();
  });

  it("limits failures per peer address, whatever X-Forwarded-For the client sends: 429 with Retry-After", async () => {
    let n = 0;
    const wrong = () =>
      raw("/id/connect/token", form(`grant_type=client_credentials&client_id=unknown-${n}&client_secret=x`, { "X-Forwarded-For": `203.0.113.${n++}` }));
    const statuses: number[] = [];
    let last: RawResponse | undefined;
    for (let i = 0; i < 5; i++) {
      last = await wrong();
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last?.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(last?.body ?? "{}").error).toBe("invalid_client");
    const logged = h.logs.map((l) => l.event.ip).filter(Boolean);
    expect(new Set(logged)).toEqual(new Set(["127.0.0.1"]));
  });
});
