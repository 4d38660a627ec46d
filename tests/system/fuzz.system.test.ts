// HTTP fuzz run against a production server: mutated requests to the token (RFC 6749 §3.2),
// introspection (RFC 7662 §2) and revocation (RFC 7009 §2) endpoints. Every request is made
// invalid by at least one mutation (duplicated or missing parameters, huge or malformed bodies,
// invalid percent-encoding and UTF-8, odd content types and methods, malformed Authorization
// headers), on top of which others are stacked at random. What must hold for each: no 5xx, no
// hang, no 200, and an RFC 6749 §5.2 JSON error with Cache-Control: no-store. The seed is
// printed; FUZZ_SEED=<n> replays a run (FUZZ_REQUESTS=<n> changes its size).
import { Agent, request as httpRequest } from "node:http";
import { connect as tcpConnect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basic, CLIENT_ID, prepareDatabase, SECRET, startServer, tokenRequest, type RunningServer } from "./harness";

const REQUESTS = Number(process.env.FUZZ_REQUESTS || 12_000);
const SEED = Number(process.env.FUZZ_SEED || Math.floor(Math.random() * 2 ** 31));
const CONCURRENCY = 16;
const TIMEOUT_MS = 5_000;
const MAX_BODY_BYTES = 16 * 1024; // lib/oauth/http/form.ts

/** RFC 6749 §5.2, RFC 7009 §2.2.1, and the 503 of lib/oauth/errors.ts TemporarilyUnavailable. */
const ERROR_CODES = new Set(["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope", "unsupported_token_type"]);

/** mulberry32: a small PRNG whose whole state is the seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

type Endpoint = "token" | "introspect" | "revocation";

interface FuzzRequest {
  endpoint: Endpoint;
  method: string;
  headers: Record<string, string>;
  /** Body parts: strings are UTF-8, Buffers go as they are (invalid UTF-8). */
  body: (string | Buffer)[];
  mutations: string[];
}

function randomString(rng: Rng, length: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%+=&:/?#[]@!$'()*,; \"\\<>{}|^`";
  let s = "";
  for (let i = 0; i < length; i++) s += alphabet[rng.int(alphabet.length)];
  return s;
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");

/** One mutation that makes the request invalid, by itself. */
const INVALIDATING: ((r: FuzzRequest, rng: Rng) => void)[] = [
  function duplicateParameter(r, rng) {
    // Twice more, whatever the body holds already (RFC 6749 §3.2: "MUST NOT be included more than once").
    const name = r.endpoint === "token" ? rng.pick(["grant_type", "scope"]) : rng.pick(["token", "token_type_hint"]);
    const value = r.endpoint === "token" ? (name === "grant_type" ? "client_credentials" : "read") : rng.pick(["x", "access_token"]);
    r.body.push(`&${name}=${value}&${name}=${rng.chance(0.5) ? value : ""}`);
  },
  function missingParameter(r) {
    r.body = r.endpoint === "token" ? ["scope=read"] : ["token_type_hint=access_token"];
  },
  function hugeBody(r, rng) {
    r.body.push(`&pad=${"a".repeat(MAX_BODY_BYTES + 1 + rng.int(200_000))}`);
  },
  function badPercentEncoding(r, rng) {
    const bad = rng.pick(["%", "%z", "%zz", "%G0", "%C3%28", "%E2%82", "%ED%A0%80", "%FF", "%c0%af"]);
    r.body = r.endpoint === "token" ? [`grant_type=client_credentials${bad}&scope=read`] : [`token=abc${bad}`];
  },
  function invalidUtf8(r, rng) {
    const bytes = Buffer.from(rng.pick([[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]));
    r.body = r.endpoint === "token" ? ["grant_type=client_credentials&scope=read", bytes] : ["token=", bytes, "&token_type_hint=", bytes];
    if (r.endpoint !== "token") r.body.push("&token_type_hint=x"); // and a duplicate: a replacement character in a token is just an unknown token
  },
  function oddContentType(r, rng) {
    const type = rng.pick(["text/plain", "application/json", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=latin1", "application/x-www-form-urlencodedx", "", "*/*", "application/x-www-form-urlencoded, text/plain"]);
    if (type === "") delete r.headers["Content-Type"];
    else r.headers["Content-Type"] = type;
    if (type === "application/json") r.body = [JSON.stringify({ grant_type: "client_credentials", token: "x" })];
  },
  function oddMethod(r, rng) {
    r.method = rng.pick(["GET", "PUT", "DELETE", "PATCH"]);
  },
  function malformedAuthorization(r, rng) {
    r.headers.Authorization = rng.pick([
      "Basic",
      "Basic ",
      "Basic !!!!",
      `Basic ${b64("no-colon-here")}`,
      `Basic ${b64(`${CLIENT_ID}:wrong-secret`)}`,
      `Basic ${b64(`unknown.client:${SECRET}`)}`,
      `Basic ${b64("%zz:%zz")}`,
      `Basic ${b64(Buffer.from([0xff, 0x3a, 0xfe]))}`,
      `Bearer ${SECRET}`,
      `basic${b64(`${CLIENT_ID}:${SECRET}`)}`,
      `Basic ${"A".repeat(9000 + rng.int(2000))}`,
      `Digest username="${CLIENT_ID}"`,
      `Basic ${b64(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(SECRET)}`)}, Basic ${b64("x:y")}`,
    ]);
  },
  function credentialsTwice(r) {
    // Basic and client_secret_post at once (RFC 6749 §2.3: one method only).
    r.body.push(`&client_id=${encodeURIComponent(CLIENT_ID)}&client_secret=${encodeURIComponent(SECRET)}`);
  },
  function randomBody(r, rng) {
    r.body = [Buffer.from(Array.from({ length: 1 + rng.int(300) }, () => rng.int(256)))];
  },
  function wrongGrant(r, rng) {
    if (r.endpoint === "token") r.body = [`grant_type=${rng.pick(["password", "implicit", "CLIENT_CREDENTIALS", "client_credentials ", "", "urn:x", randomString(rng, 8)])}&scope=read`];
    else r.body.push("&token="); // an empty duplicate still counts as a duplicate
  },
  function forbiddenScope(r, rng) {
    if (r.endpoint === "token") r.body = [`grant_type=client_credentials&scope=${rng.pick(["sec", "DomainApi", "read%20sec", "read\u0001", "%22read%22", "admin", "read%5Cx", randomString(rng, 12).replace(/[&=%]/g, "") || "zz"])}`];
    else r.headers.Authorization = `Basic ${b64(`${CLIENT_ID}:`)}`;
  },
];

/** Stacked on top at random: each leaves an invalid request invalid. */
const EXTRA: ((r: FuzzRequest, rng: Rng) => void)[] = [
  (r, rng) => r.body.push(`&${randomString(rng, 1 + rng.int(10)).replace(/[&=]/g, "")}=${randomString(rng, rng.int(20))}`),
  (r, rng) => (r.headers.Accept = rng.pick(["text/html", "*/*", "application/xml", ""])),
  (r, rng) => r.body.unshift(rng.pick(["&", "&&", "=", "==&"])),
];

function generate(rng: Rng): FuzzRequest {
  const endpoint: Endpoint = rng.pick(["token", "token", "introspect", "revocation"]);
  const r: FuzzRequest = {
    endpoint,
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Authorization: basic(CLIENT_ID, SECRET),
      "X-Forwarded-For": `10.${rng.int(256)}.${rng.int(256)}.${rng.int(256)}`,
    },
    body: [endpoint === "token" ? "grant_type=client_credentials&scope=read" : `token=${randomString(rng, 20).replace(/[&=%+]/g, "")}`],
    mutations: [],
  };
  const first = rng.pick(INVALIDATING);
  first(r, rng);
  r.mutations.push(first.name);
  for (let i = rng.int(3); i > 0; i--) rng.pick(EXTRA)(r, rng);
  if (rng.chance(0.3)) {
    const second = rng.pick(INVALIDATING);
    second(r, rng);
    r.mutations.push(second.name);
  }
  return r;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(origin: URL, agent: Agent, r: FuzzRequest): Promise<Answer> {
  const body = Buffer.concat(r.body.map((part) => (typeof part === "string" ? Buffer.from(part) : part)));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: origin.hostname, port: origin.port, path: `/id/connect/${r.endpoint}`, method: r.method, agent, headers: { ...r.headers, "Content-Length": body.length }, timeout: TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

function describeRequest(r: FuzzRequest): string {
  const body = Buffer.concat(r.body.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));
  return `${r.method} /id/connect/${r.endpoint} [${r.mutations.join(", ")}] headers ${JSON.stringify(r.headers).slice(0, 300)} body(${body.length}) ${JSON.stringify(body.subarray(0, 200).toString("latin1"))}`;
}

/** What is wrong with the answer to an invalid request, or null. */
function violation(a: Answer): string | null {
  if (a.status >= 500) return `status ${a.status}`;
  if (a.status < 400) return `status ${a.status} for an invalid request`;
  if (a.headers["cache-control"] !== "no-store") return `Cache-Control ${String(a.headers["cache-control"])}`;
  if (!String(a.headers["content-type"]).startsWith("application/json")) return `Content-Type ${String(a.headers["content-type"])}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(a.body);
  } catch {
    return `body is not JSON: ${a.body.slice(0, 100)}`;
  }
  const error = (parsed as { error?: unknown }).error;
  if (typeof error !== "string" || !ERROR_CODES.has(error)) return `error ${JSON.stringify(error)} is not an RFC 6749 error`;
  return null;
}

let server: RunningServer;
let drop: () => Promise<void>;

beforeAll(async () => {
  const prepared = await prepareDatabase("embedded");
  drop = () => prepared.t.drop();
  // From one address, the brute-force limits would answer most of the run 429 (correctly): as
  // behind a reverse proxy (TRUST_PROXY), each request comes from an address of its own, so the
  // parsers and endpoints behind the limits are what is fuzzed. The limits have tests of their own.
  server = await startServer(prepared.env, { extraEnv: { TRUST_PROXY: "true" } });
});

afterAll(async () => {
  await server?.stop();
  await drop?.();
});

describe("HTTP fuzz of the token, introspection and revocation endpoints", () => {
  it(`answers ${REQUESTS} mutated requests with RFC 6749 errors only: no 5xx, no hang, no 200`, async () => {
    console.log(`fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED} npx vitest run --project system tests/system/fuzz.system.test.ts)`);
    const rng = prng(SEED);
    const requests = Array.from({ length: REQUESTS }, () => generate(rng));
    const origin = new URL(server.origin);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const r = requests[next++]!;
          try {
            const a = await send(origin, agent, r);
            statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
            const v = violation(a);
            if (v) failures.push(`${v}: ${describeRequest(r)}`);
          } catch (error) {
            // A body refused before it all arrived closes the connection (node-adapter.ts); the
            // answer may then be lost to a write still in progress: only for the huge bodies.
            if (!r.mutations.includes("hugeBody")) failures.push(`${(error as Error).message}: ${describeRequest(r)}`);
          }
        }
      }),
    );
    agent.destroy();
    console.log(`${REQUESTS} requests in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures.slice(0, 20), `seed ${SEED}: ${failures.length} failures`).toEqual([]);
    // The server is unharmed and still right.
    expect((await tokenRequest(server.origin, { scope: "read" })).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/"level":"error"|"level":50/);
  });

  it("takes a request whose client went away mid-body for what it is: no error logged, no 5xx", async () => {
    const origin = new URL(server.origin);
    const before = server.output().length;
    for (let i = 0; i < 50; i++) {
      await new Promise<void>((resolve) => {
        const socket = tcpConnect(Number(origin.port), origin.hostname, () => {
          socket.write(
            `POST /id/connect/${i % 3 === 0 ? "token" : i % 3 === 1 ? "introspect" : "revocation"} HTTP/1.1\r\nHost: ${origin.host}\r\n` +
              `Authorization: ${basic(CLIENT_ID, SECRET)}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ngrant_type=cli`,
          );
          setTimeout(() => socket.destroy(), 20);
        });
        socket.on("close", () => resolve());
        socket.on("error", () => resolve());
      });
    }
    await new Promise((r) => setTimeout(r, 300));
    const logged = server.output().slice(before);
    if (process.env.FUZZ_SHOW_LOG) console.log(logged);
    expect(logged).not.toMatch(/"level":"error"|"level":50|server_error|temporarily_unavailable/);
    expect((await tokenRequest(server.origin, { scope: "read" })).status).toBe(200);
  });
});
