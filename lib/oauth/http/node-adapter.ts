// The endpoints on Node's own HTTP server: the production server (scripts/server.mjs) answers
// POST /id/connect/{token,introspect,revocation} here, before Next.js's request pipeline,
// whose fixed cost per request is several times that of issuing a token (docs/benchmarks.md).
// Same handlers as the route handlers under app/id/connect, which serve `next dev` and any
// request that reaches Next; only the transport differs.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { countThrottle, observeRequest } from "@/lib/observability/metrics";
import { admitSignIn } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";
import { clientAddress } from "../guard/brute-force";
import { NON_PAGE_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS, strictTransportSecurity } from "@/lib/security/headers";
import { InvalidRequest } from "../errors";
import { BoundedBody, consoleLogger, jsonResponse, type OAuthRequest, type OAuthResponse } from "./http";
import type { Endpoint } from "./endpoint";
import type { OAuthServer } from "../server";
import { introspectionEndpoint, revocationEndpoint } from "../endpoints/token-inspection";
import { tokenEndpoint } from "../endpoints/token";
import { userinfoEndpoint } from "../endpoints/userinfo";
import { healthEndpoint, readinessEndpoint } from "../endpoints/health";
import { metricsEndpoint } from "../endpoints/metrics";

/** Exact paths (RFC 6749 §3.2 lets the endpoint URI carry a query, which is ignored here). */
const FRONT_ENDPOINTS: ReadonlyMap<string, Endpoint> = new Map([
  ["/id/connect/token", tokenEndpoint],
  ["/id/connect/introspect", introspectionEndpoint],
  ["/id/connect/revocation", revocationEndpoint],
  ["/id/connect/userinfo", userinfoEndpoint],
  // Health checks (endpoints/health.ts): cheap, and answered even while Next is busy.
  ["/healthz", (request) => healthEndpoint(request)],
  ["/readyz", readinessEndpoint],
  ["/metrics", (request) => metricsEndpoint(request)],
]);

/** The path without query, percent-decoded as Next decodes it (so `/id/connect/%74oken` is ours too). */
function endpointPath(url: string): string {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  if (!path.includes("%")) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // malformed: not one of ours; Next answers it
  }
}

/** An IncomingMessage as an OAuthRequest. */
function fromNodeRequest(req: IncomingMessage): OAuthRequest {
  return {
    method: req.method ?? "GET",
    url: req.url ?? "/",
    header: (name) => {
      const value = req.headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
    text: (limit) => readBody(req, limit),
    peerAddress: req.socket.remoteAddress,
  };
}

/**
 * The body as UTF-8, at most `limit` bytes: BodyTooLarge (from BoundedBody) past it, without reading further.
 * Events rather than an async iterator: one promise per request on the hot path. The request
 * is not destroyed on a too large body, as the answer still has to be written on its socket.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = new BoundedBody(limit);
    const onData = (chunk: Buffer) => {
      try {
        body.add(chunk);
      } catch (error) {
        cleanup();
        req.pause();
        reject(error);
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(body.text());
    };
    // The client went away before its body was complete ("aborted"): its doing, not a fault of
    // ours nor of the database (ECONNRESET would read as one): an invalid_request nobody receives.
    const onError = (error: Error) => {
      cleanup();
      reject(new InvalidRequest(`request body not received: ${error.message}`, { cause: error }));
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/**
 * Every request's id, for the log lines about it and its answer's X-Request-Id: a per-process
 * random prefix and a counter (unique, cheap: no randomness per request). A reverse proxy's
 * own X-Request-Id is kept when TRUST_PROXY declares one (and it looks like an id).
 */
const REQUEST_ID_PREFIX = randomBytes(6).toString("base64url");
let requestCounter = 0;
export function requestId(req: IncomingMessage, trustProxy: boolean): string {
  const given = req.headers["x-request-id"];
  if (trustProxy && typeof given === "string" && /^[A-Za-z0-9._:-]{1,128}$/.test(given)) return given;
  const id = `${REQUEST_ID_PREFIX}-${(++requestCounter).toString(36)}`;
  req.headers["x-request-id"] = id;
  return id;
}

function writeNodeResponse(res: ServerResponse, response: OAuthResponse, closeConnection = false, id?: string): void {
  const headers: Record<string, string | number | string[]> = { ...doorHeaders().own, ...response.headers };
  if (id) headers["X-Request-Id"] = id;
  if (closeConnection) headers.Connection = "close";
  if (response.cookies?.length) headers["Set-Cookie"] = [...response.cookies];
  if (response.body === null) {
    res.writeHead(response.status, headers).end();
    return;
  }
  // A string body goes out in one write together with the head (a Buffer takes a writev).
  headers["Content-Length"] = Buffer.byteLength(response.body, "utf8");
  res.writeHead(response.status, headers).end(response.body, "utf8");
}

/**
 * The X-Forwarded-* headers as the server may believe them: what a declared reverse proxy
 * (TRUST_PROXY) sent, else nothing a client wrote. X-Forwarded-For becomes the TCP peer (the
 * brute-force limits count per address); X-Forwarded-Host, -Proto and -Port are dropped, since
 * Next.js trusts X-Forwarded-Host over Host when it checks a server action's Origin (a client
 * could otherwise pass off a cross-site POST as same-origin). The one place this is decided;
 * it runs for every request of the production server, also those Next answers.
 */
export function forwardedFor(req: IncomingMessage, trustProxy: boolean): void {
  if (trustProxy) return;
  req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  delete req.headers["x-forwarded-host"];
  delete req.headers["x-forwarded-proto"];
  delete req.headers["x-forwarded-port"];
}

/**
 * The security headers, decided once: on the front's own answers all of them, in its one
 * writeHead (no setHeader per request on the hot path); on what Next answers only HSTS, as
 * Next adds the static ones itself (next.config.mjs) and pages get their CSP from proxy.ts.
 */
let decided: { own: Record<string, string>; hsts: string | null; trustProxy: boolean } | undefined;
function doorHeaders() {
  if (decided) return decided;
  const e = env();
  const hsts = strictTransportSecurity(e.NEXTAUTH_URL);
  const own: Record<string, string> = Object.fromEntries(STATIC_SECURITY_HEADERS.map(({ key, value }) => [key, value]));
  own["Content-Security-Policy"] = NON_PAGE_CONTENT_SECURITY_POLICY;
  if (hsts) own["Strict-Transport-Security"] = hsts;
  decided = { own, hsts, trustProxy: e.TRUST_PROXY };
  return decided;
}

export interface FrontOptions {
  /** Defaults to the process's server (getOAuthServer). */
  server?: OAuthServer;
  /** Defaults to TRUST_PROXY. */
  trustProxy?: boolean;
}

/** next-auth's credentials callback: the console's password sign-in. */
const SIGN_IN_PATH = "/api/auth/callback/credentials";

/**
 * A console sign-in, at the door: refused here at once when the address is blocked or enough
 * sign-ins are under way (admitSignIn), in the JSON next-auth answers (the sign-in form reads
 * its error), else left to Next (false), counted until answered.
 */
function refuseExcessSignIn(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = env().NEXTAUTH_URL;
  const admission = admitSignIn(clientAddress(fromNodeRequest(req)));
  if (admission.admitted) {
    res.once("close", admission.done);
    return false;
  }
  if (admission.status === 429) countThrottle("console_signin");
  const url = `${origin.replace(/\/+$/, "")}/api/auth/error?${new URLSearchParams({ error: `${admission.error}:${admission.retryAfterSeconds}` })}`;
  writeNodeResponse(res, jsonResponse(admission.status, { url }, { "Retry-After": String(admission.retryAfterSeconds) }), !req.complete);
  return true;
}

/**
 * The production server's door, for every request: settles the X-Forwarded-* headers
 * (forwardedFor) and sets the security headers, then answers the request if its path is one of FRONT_ENDPOINTS and returns true; false
 * leaves it to the next handler (Next.js). Never throws: the endpoints render their own
 * errors, and anything else is a bare server_error (details to the log).
 */
export function handleNodeOAuthRequest(req: IncomingMessage, res: ServerResponse, options: FrontOptions = {}): boolean {
  const door = doorHeaders();
  const trustProxy = options.trustProxy ?? door.trustProxy;
  forwardedFor(req, trustProxy);
  const id = requestId(req, trustProxy);
  const { server } = options;
  const path = endpointPath(req.url ?? "/");
  const endpoint = FRONT_ENDPOINTS.get(path);
  if (!endpoint) {
    if (path === SIGN_IN_PATH && req.method === "POST" && refuseExcessSignIn(req, res)) return true;
    if (door.hsts) res.setHeader("Strict-Transport-Security", door.hsts);
    res.setHeader("X-Request-Id", id);
    return false;
  }
  const started = performance.now();
  endpoint(fromNodeRequest(req), server).then(
    // A body refused before all of it arrived (too large) is not waited for: close the connection.
    (response) => {
      writeNodeResponse(res, response, !req.complete, id);
      observeRequest(path, response.status, (performance.now() - started) / 1000);
    },
    (error: unknown) => {
      consoleLogger.failed({ event: "oauth.front.failed", request_id: id }, error);
      if (res.headersSent) res.destroy();
      else writeNodeResponse(res, jsonResponse(500, { error: "server_error" }), true, id);
    },
  );
  return true;
}
