// HTTP plumbing shared by the token, introspection and revocation endpoints: reading the
// form body, JSON responses with the no-store headers on every one of them (RFC 6749 §5.1),
// and the single place where a refusal is logged and rendered (RFC 6749 §5.2).
import { InvalidRequest, MethodNotAllowed, noStoreHeaders, toResponse, type OAuthError } from "../errors";
import { MAX_BODY_BYTES, parseTokenRequestBody, type FormParams } from "./form";
import { logFailure, logger } from "@/lib/log";
import { countRefusal, countThrottle } from "@/lib/observability/metrics";

export interface OAuthLogger {
  /** A refused request (4xx): error code, rule id, private detail. Never a secret or token. */
  refused(event: Record<string, unknown>): void;
  /** An unexpected failure (500). */
  failed(event: Record<string, unknown>, error: unknown): void;
}

/** The server log (lib/log.ts): a refusal is a warning, a failure an error with its cause. */
export const consoleLogger: OAuthLogger = {
  refused: (event) => logger().warn(event),
  failed: (event, error) => logFailure(String(event.event ?? "failed"), event, error),
};

const JSON_TYPE = "application/json;charset=UTF-8";

/**
 * What the endpoints read from an HTTP request, whichever server received it: Next.js's route
 * handlers (fromWebRequest) or the node:http front of the production server (node-adapter.ts).
 */
export interface OAuthRequest {
  readonly method: string;
  /** The request target: path and query ("/id/connect/authorize?client_id=…"), or an absolute URL. */
  readonly url: string;
  /** A header's value (lower-case name), null when absent. */
  header(name: string): string | null;
  /** The body as UTF-8 text; BodyTooLarge past `limit` bytes, without reading the rest. */
  text(limit: number): Promise<string>;
  /** The TCP peer's address, when the server knows it. */
  readonly peerAddress?: string;
}

/** What the endpoints answer; the server writes it as it is. */
export interface OAuthResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
  /** Set-Cookie values, one header each (the identity server's session and browser cookies). */
  cookies?: readonly string[];
}

export class BodyTooLarge extends Error {}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): OAuthResponse {
  return { status, headers: { ...noStoreHeaders(), "Content-Type": JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

/** An empty 200 (RFC 7009 §2.2), still not cacheable. */
export function emptyResponse(): OAuthResponse {
  return { status: 200, headers: noStoreHeaders(), body: null };
}

/** RFC 6749 §3.2: "The client MUST use the HTTP POST method". */
export function requirePost(request: OAuthRequest): void {
  if (request.method !== "POST") throw new MethodNotAllowed(request.method);
}

/** The form body (RFC 6749 §3.2, Appendix B): x-www-form-urlencoded, bounded, no repeated parameter. */
export async function readForm(request: OAuthRequest): Promise<FormParams> {
  const declared = request.header("content-length");
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) {
    throw new InvalidRequest(`Content-Length ${declared} exceeds ${MAX_BODY_BYTES}`, { reason: "body_too_large" });
  }
  let body: string;
  try {
    body = await request.text(MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) throw new InvalidRequest(`body exceeds ${MAX_BODY_BYTES}`, { reason: "body_too_large" });
    throw error;
  }
  return parseTokenRequestBody(request.header("content-type"), body);
}

/** A request body collected up to `limit` bytes, by either transport: add() throws BodyTooLarge past it. */
export class BoundedBody {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  add(chunk: Uint8Array): void {
    this.size += chunk.byteLength;
    if (this.size > this.limit) throw new BodyTooLarge();
    this.parts.push(chunk);
  }

  text(): string {
    const [only] = this.parts;
    if (this.parts.length === 1 && only) return Buffer.from(only.buffer, only.byteOffset, only.byteLength).toString("utf8");
    return Buffer.concat(this.parts).toString("utf8");
  }
}

/** A web Request (Next.js route handlers, tests) as an OAuthRequest. */
export function fromWebRequest(request: Request): OAuthRequest {
  return {
    method: request.method,
    url: request.url,
    header: (name) => request.headers.get(name),
    text: async (limit) => {
      if (!request.body) return "";
      const reader = request.body.getReader();
      const body = new BoundedBody(limit);
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return body.text();
          body.add(value);
        }
      } catch (error) {
        await reader.cancel().catch(() => {}); // never read the rest of an oversized body
        throw error;
      }
    },
  };
}

export function toWebResponse(response: OAuthResponse): Response {
  const headers = new Headers(response.headers);
  for (const cookie of response.cookies ?? []) headers.append("Set-Cookie", cookie);
  return new Response(response.body, { status: response.status, headers });
}

/** A REQUIRED parameter (e.g. grant_type, RFC 6749 §4.4.2; token, RFC 7662 §2.1). */
export function requireParam(params: FormParams, name: string): string {
  const value = params.get(name);
  if (value === undefined) throw new InvalidRequest(`missing ${name}`, { reason: "missing_parameter" });
  return value;
}

export interface RefusalContext {
  endpoint: "token" | "introspection" | "revocation" | "authorize" | "interaction" | "userinfo" | "endsession";
  clientId?: string;
  ip?: string;
  /** X-Request-Id as the production server's door set it (requestId in node-adapter.ts). */
  requestId?: string;
}

/** Logs a refusal (with its rule id, never a secret) or a failure (500, with its cause). */
export function logRefusal(e: OAuthError, ctx: RefusalContext, log: OAuthLogger, status = e.status): void {
  const logged = e.toLog();
  countRefusal(ctx.endpoint, logged.error, logged.ruleId);
  if (status === 429) countThrottle(ctx.endpoint);
  const event = {
    event: `oauth.${ctx.endpoint}.refused`,
    ...logged,
    status,
    ...(ctx.clientId === undefined ? {} : { client_id: ctx.clientId }),
    ...(ctx.ip === undefined ? {} : { ip: ctx.ip }),
    ...(ctx.requestId === undefined ? {} : { request_id: ctx.requestId }),
  };
  // 503: the database is unreachable (TemporarilyUnavailable), not a fault of this server's code.
  if (status >= 500 && status !== 503) log.failed(event, e.cause ?? e);
  else log.refused(event);
}

/** How a refusal is answered: JSON per RFC 6749 §5.2 (errorResponse), or a page (the interactive endpoints). */
export type ErrorRenderer = (err: unknown, request: OAuthRequest, ctx: RefusalContext, log: OAuthLogger, realm?: string) => OAuthResponse;

/** Logs the refusal (with its rule id) and renders it; a 500 says server_error only. */
export const errorResponse: ErrorRenderer = (err, request, ctx, log, realm) => {
  const rendered = toResponse(err, { basicAuthUsed: request.header("authorization") !== null, realm });
  logRefusal(rendered.error, ctx, log, rendered.status);
  return { status: rendered.status, headers: rendered.headers, body: rendered.body };
};
