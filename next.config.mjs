// @ts-check
import { NON_PAGE_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "./lib/security/static-headers.mjs";

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // A second build directory lets a benchmark build run beside the test build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm test` typechecks the whole project (tsc) before it builds; not twice.
  typescript: { ignoreBuildErrors: true },
  // forbidden() renders app/forbidden.tsx (403) when a signed-in user lacks a permission.
  experimental: { authInterrupts: true },
  // Keep PGlite's wasm/data files and native addons out of the bundle (and out of the
  // publicly served static folder).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pino", "prom-client"],
  // On every response Next answers (the production server's front sets them on its own
  // answers, and pages get their Content-Security-Policy from proxy.ts).
  async headers() {
    const nothing = [{ key: "Content-Security-Policy", value: NON_PAGE_CONTENT_SECURITY_POLICY }];
    return [
      { source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] },
      // The JSON routes: a policy that allows nothing (pages get theirs from proxy.ts; the
      // identity server's own HTML answers, authorize, endsession and the form posts, set theirs).
      { source: "/api/:path*", headers: nothing },
      { source: "/id/connect/:endpoint(token|introspect|revocation|userinfo)", headers: nothing },
      { source: "/id/.well-known/:path*", headers: nothing },
      { source: "/:check(healthz|readyz|metrics)", headers: nothing },
    ];
  },
};

export default nextConfig;
