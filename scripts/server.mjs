#!/usr/bin/env node
// The production server (npm start → scripts/start.mjs start → here): Next.js behind Node's own
// HTTP server, with POST /id/connect/{token,introspect,revocation} answered before Next's
// request pipeline by lib/oauth/http/node-adapter.ts (registered by instrumentation.ts, i.e. the
// modules Next compiled). Until that hook has run, and for every other path, Next answers,
// including those endpoints through their route handlers: same code, slower transport.
// Environment: PORT (default 3000; all interfaces, like `next start`), NEXT_DIST_DIR.
import { createServer } from "node:http";
import path from "node:path";
import next from "next";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT || 3000);

const app = next({ dev: false, dir: root, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  // The front sets the security headers and settles the X-Forwarded-* headers for Next too
  // (it would keep client-sent ones otherwise), then answers the OAuth endpoints itself.
  const front = globalThis.__tacOAuthFront;
  if (front && front(req, res)) return;
  handle(req, res).catch((error) => {
    console.error(JSON.stringify({ level: "error", event: "server.request_failed" }), error);
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" }).end("Internal Server Error");
  });
});
server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
server.listen(port, () => {
  console.log(`▲ Trusted Apps Console ready on http://localhost:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    // Requests in flight get their answers; idle keep-alive connections close now, the rest
    // after 5 s at the latest.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, 5000).unref();
  });
}
