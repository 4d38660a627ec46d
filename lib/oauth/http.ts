// HTTP plumbing shared by the token, introspection and revocation endpoints: reading the
// form body, JSON responses with the no-store headers on every one of them (RFC 6749 §5.1),
// and the single place where a refusal is logged and rendered (RFC 6749 §5.2).
import { InvalidRequest, noStoreHeaders, toResponse, type OAuthError } from "./errors";
import { MAX_BODY_BYTES, parseTokenRequestBody, type FormParams } from "./form";

export interface OAuthLogger {
  /** A refused request (4xx): error code, rule id, private detail. Never a secret or token. */
  refused(event: Record<string, unknown>): void;
  /** An unexpected failure (500). */
  failed(event: Record<string, unknown>, error: unknown): void;
}

export const consoleLogger: OAuthLogger = {
  refused: (event) => console.warn(JSON.stringify({ level: "warn", ...event })),
  failed: (event, error) => console.error(JSON.stringify({ level: "error", ...event }), error),
};

const JSON_TYPE = "application/json;charset=UTF-8";

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...noStoreHeaders(), "Content-Type": JSON_TYPE, ...headers },
  });
}

/** An empty 200 (RFC 7009 §2.2), still not cacheable. */
export function emptyResponse(): Response {
  return new Response(null, { status: 200, headers: noStoreHeaders() });
}

class MethodNotAllowed extends InvalidRequest {}

/** RFC 6749 §3.2: "The client MUST use the HTTP POST method". */
export function requirePost(request: Request): void {
  if (request.method !== "POST") throw new MethodNotAllowed(`method ${request.method} not allowed`);
}

/** The form body (RFC 6749 §3.2, Appendix B): x-www-form-urlencoded, bounded, no repeated parameter. */
export async function readForm(request: Request): Promise<FormParams> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) {
    throw new InvalidRequest(`Content-Length ${declared} exceeds ${MAX_BODY_BYTES}`, { reason: "body_too_large" });
  }
  const body = declared !== null ? await request.text() : await readBounded(request);
  return parseTokenRequestBody(request.headers.get("content-type"), body);
}

/** A body without Content-Length (chunked): read at most MAX_BODY_BYTES + 1 bytes, never all of it. */
async function readBounded(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw new InvalidRequest(`chunked body exceeds ${MAX_BODY_BYTES}`, { reason: "body_too_large" });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A REQUIRED parameter (e.g. grant_type, RFC 6749 §4.4.2; token, RFC 7662 §2.1). */
export function requireParam(params: FormParams, name: string): string {
  const value = params.get(name);
  if (value === undefined) throw new InvalidRequest(`missing ${name}`, { reason: "missing_parameter" });
  return value;
}

export interface RefusalContext {
  endpoint: "token" | "introspection" | "revocation";
  clientId?: string;
  ip?: string;
}

/** Logs the refusal (with its rule id) and renders it; a 500 says server_error only. */
export function errorResponse(err: unknown, request: Request, ctx: RefusalContext, log: OAuthLogger, realm?: string): Response {
  const rendered = toResponse(err, { basicAuthUsed: request.headers.has("authorization"), realm });
  const e: OAuthError = rendered.error;
  const headers = rendered.headers;
  let status = rendered.status;
  if (err instanceof MethodNotAllowed) {
    status = 405;
    headers.Allow = "POST";
  }
  const event = {
    event: `oauth.${ctx.endpoint}.refused`,
    ...e.toLog(),
    status,
    ...(ctx.clientId === undefined ? {} : { client_id: ctx.clientId }),
    ...(ctx.ip === undefined ? {} : { ip: ctx.ip }),
  };
  if (status >= 500) log.failed(event, e.cause ?? e);
  else log.refused(event);
  return new Response(rendered.body, { status, headers });
}
