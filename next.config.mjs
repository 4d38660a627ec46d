/** On every response; scripts/server.mjs sets them on what it answers before Next does. */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "no-referrer" },
];

/** @type {import('next').NextConfig} */
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
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2"],
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
