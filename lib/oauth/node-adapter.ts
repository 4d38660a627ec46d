// The endpoints on Node's own HTTP server: the production server (scripts/server.mjs) answers
// POST /id/connect/{token,introspect,revocation} here, before Next.js's request pipeline,
// whose fixed cost per request is several times that of issuing a token (docs/benchmarks.md).
// Same handlers as the route handlers under app/id/connect, which serve `next dev` and any
// request that reaches Next; only the transport differs.
import type { IncomingMessage, ServerResponse } from "node:http";
import { consoleLogger, jsonResponse, readBounded, type OAuthRequest, type OAuthResponse } from "./http";
import type { Endpoint } from "./endpoint";
import type { OAuthServer } from "./server";
import { introspectionEndpoint, revocationEndpoint } from "./token-inspection";
import { tokenEndpoint } from "./token-endpoint";

/** Exact paths (RFC 6749 §3.2 lets the endpoint URI carry a query, which is ignored here). */
export const FRONT_ENDPOINTS: ReadonlyMap<string, Endpoint> = new Map([
  ["/id/connect/token", tokenEndpoint],
  ["/id/connect/introspect", introspectionEndpoint],
  ["/id/connect/revocation", revocationEndpoint],
]);

/** An IncomingMessage as an OAuthRequest. */
export function fromNodeRequest(req: IncomingMessage): OAuthRequest {
  return {
    method: req.method ?? "GET",
    header: (name) => {
      const value = req.headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
    // Not destroyed on a too large body: the answer still has to be written on this socket.
    text: (limit) => readBounded(req.iterator({ destroyOnReturn: false }), limit, () => {}),
    peerAddress: req.socket.remoteAddress,
  };
}

export function writeNodeResponse(res: ServerResponse, response: OAuthResponse, closeConnection = false): void {
  const headers: Record<string, string | number> = { ...response.headers };
  if (closeConnection) headers.Connection = "close";
  if (response.body === null) {
    res.writeHead(response.status, headers).end();
    return;
  }
  const body = Buffer.from(response.body, "utf8");
  headers["Content-Length"] = body.byteLength;
  res.writeHead(response.status, headers).end(body);
}

/**
 * Answers the request if its path is one of FRONT_ENDPOINTS and returns true; false leaves
 * it untouched for the next handler (Next.js). Never throws: the endpoints render their own
 * errors, and anything else is a bare server_error (details to the log).
 */
export function handleNodeOAuthRequest(req: IncomingMessage, res: ServerResponse, server?: OAuthServer): boolean {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const endpoint = FRONT_ENDPOINTS.get(q < 0 ? url : url.slice(0, q));
  if (!endpoint) return false;
  endpoint(fromNodeRequest(req), server).then(
    // A body refused before all of it arrived (too large) is not waited for: close the connection.
    (response) => writeNodeResponse(res, response, !req.complete),
    (error: unknown) => {
      consoleLogger.failed({ event: "oauth.front.failed" }, error);
      if (res.headersSent) res.destroy();
      else writeNodeResponse(res, jsonResponse(500, { error: "server_error" }), true);
    },
  );
  return true;
}
