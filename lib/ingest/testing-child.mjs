// A separate Sluice ingest process for the durability test: it loads lib/ingest (TypeScript) through Vite's
// module runner, as the tests do, and serves it on node:http through the same fast path as server.js.
// Prints "listening <port>" when ready. Usage: DATABASE_URL=... node lib/ingest/testing-child.mjs
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createServer, createServerModuleRunner } from "vite";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const vite = await createServer({
  root,
  configFile: false,
  logLevel: "error",
  appType: "custom",
  server: { middlewareMode: true, hmr: false, watch: null, ws: false },
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: `${root}/lib/testing/empty.ts` },
    ],
  },
});
const runner = createServerModuleRunner(vite.environments.ssr, { hmr: false });
const { handleNodeIngest } = await runner.import("/lib/ingest/index.ts");

const server = http.createServer((req, res) => {
  if (!handleNodeIngest(req, res)) res.writeHead(404).end();
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
