// Loaded by `notebooks build` / `notebooks preview` (Notebook Kit merges it under its own
// Vite config). Everything is served from this machine: see lib/observable-offline.js.
import { observableOffline } from "./lib/observable-offline.js";

// A plain object: pnpm's strict layout keeps `vite` out of reach of this file.
export default {
  plugins: [
    observableOffline(),
    // The preview server has no favicon: answer 204 rather than log a 404 in every page.
    { name: "no-favicon", configureServer: (server) => void server.middlewares.use("/favicon.ico", (_req, res) => res.writeHead(204).end()) }
  ],
  server: { host: "127.0.0.1", port: 5173, strictPort: false },
  preview: { host: "127.0.0.1" },
  build: { chunkSizeWarningLimit: 4096 }
};
