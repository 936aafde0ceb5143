// Loaded by `notebooks build` / `notebooks preview` (Notebook Kit merges it under its own
// Vite config). Everything is served from this machine: see lib/observable-offline.js.
import { observableOffline } from "./lib/observable-offline.js";

// A plain object: pnpm's strict layout keeps `vite` out of reach of this file.
export default {
  plugins: [observableOffline()],
  server: { host: "127.0.0.1", port: 5173, strictPort: false },
  preview: { host: "127.0.0.1" },
  build: { chunkSizeWarningLimit: 4096 }
};
