// For bench/token.bench.ts only (not shipped): the same handleTokenRequest() behind a bare
// node:http server instead of Next.js, to measure what Next's request handling costs.
// Environment: PORT, DATABASE_URL or PGLITE_DATA_DIR, NEXTAUTH_URL, TOKEN_KEY_ENCRYPTION_SECRET.
import { createServer } from "node:http";
import { getOAuthServer } from "../lib/oauth/server";
import { handleTokenRequest } from "../lib/oauth/token-endpoint";

const port = Number(process.env.PORT);
await (await getOAuthServer()).ready;

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", req.socket.remoteAddress ?? "");
    const request = new Request(`http://127.0.0.1:${port}${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const handled = req.url === "/id/connect/token" ? handleTokenRequest(request) : Promise.resolve(new Response("ok"));
    void handled.then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
}).listen(port, () => console.log(`ready on ${port}`));
