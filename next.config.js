// @ts-check
const { STATIC_HEADERS } = require("./lib/server/security-headers.cjs");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The database drivers are Node-only: keep them out of the bundle. So is ssh2 (Segment's SFTP destination), whose
  // native addon Turbopack cannot place in a chunk. Segment's own packages must stay bundled (their ESM build is
  // not loadable by Node).
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "ssh2"],
  // The static security headers, so plain `next start` sends them too. server.js sets the same ones, the
  // per-response Content-Security-Policy (its nonce) and HSTS (lib/server/security-headers.cjs).
  async headers() {
    const headers = Object.entries(STATIC_HEADERS).map(([key, value]) => ({ key, value }));
    return [{ source: "/:path*", headers }];
  },
};

module.exports = nextConfig;
