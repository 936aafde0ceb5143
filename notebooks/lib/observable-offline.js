// Vite plugin: make Observable Notebook Kit work with NO network.
// 1. In Notebook Kit's runtime stdlib (builtins such as aq, Arrow, Inputs, html,
//    DuckDBClient, vl, FileAttachment(...).csv()) and in notebook cells
//    (`npm:` imports), rewrite jsDelivr URLs to locally installed packages:
//      https://cdn.jsdelivr.net/npm/NAME[@ver]/+esm   -> bare "NAME"
//      https://cdn.jsdelivr.net/npm/NAME[@ver]/FILE   -> local FILE?url (wasm, worker, css)
// 2. Bare names imported by Notebook Kit's files are resolved from the
//    notebooks folder (pnpm's strict node_modules would otherwise hide them).
// A jsDelivr URL for a package that is not installed is left alone in the stdlib
// (only fetched if that builtin is used), but is a build error in a notebook cell.
import { existsSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const CDN = /https:\/\/cdn\.jsdelivr\.net\/npm\/((?:@[\w.-]+\/)?[\w.-]+)(?:@[\w.^~<>=-]+)?(\/[\w./+-]*)?/g;
const KIT = /[\\/]@observablehq[\\/]notebook-kit[\\/]dist[\\/]src[\\/]runtime[\\/]/;

export function observableOffline({ root = dirname(dirname(fileURLToPath(import.meta.url))) } = {}) {
  const importer = join(root, "index.html"); // resolve bare names as if from the notebooks folder
  const pkgDir = (name) => {
    for (let dir = root; ; dir = dirname(dir)) {
      const p = join(dir, "node_modules", name);
      if (existsSync(join(p, "package.json"))) return p;
      // stop at the workspace root (or the filesystem root)
      if (existsSync(join(dir, "pnpm-workspace.yaml")) || dirname(dir) === dir) return null;
    }
  };
  const local = new Set(); // bare names we rewrote; re-resolved from `root`
  return {
    name: "observable-offline",
    enforce: "pre",
    config() {
      // Dev server: the stdlib must not be pre-bundled (else transform() never sees it), and
      // pre-bundle the notebooks' own npm deps up front: cells are invisible to Vite's
      // dependency scan, so otherwise the first page load triggers "optimized dependencies
      // changed. reloading".
      const { dependencies = {} } = JSON.parse(readFileSync(join(root, "package.json"), "utf-8"));
      const include = Object.keys(dependencies).filter(
        (name) => name !== "@observablehq/notebook-kit" && !name.startsWith("@fontsource") && !String(dependencies[name]).startsWith("workspace:")
      );
      return { optimizeDeps: { exclude: ["observable:runtime"], include } };
    },
    async resolveId(source, from, options) {
      if (from && KIT.test(from) && local.has(source.replace(/\?url$/, "").replace(/^((?:@[^/]+\/)?[^/]+).*/, "$1"))) {
        return this.resolve(source, importer, { ...options, skipSelf: true });
      }
    },
    transform(code, id) {
      const isKit = KIT.test(id), isCell = id.includes("?html-proxy");
      if (!(isKit || isCell) || !code.includes("cdn.jsdelivr.net/npm/")) return;
      const isCss = /\.css($|\?)/.test(id);
      const prelude = [];
      const out = code.replace(CDN, (url, name, path = "") => {
        const dir = pkgDir(name);
        if (!dir) {
          if (isCell) this.error(`"${name}" is not installed locally (add it to notebooks/package.json): ${url}`);
          return url;
        }
        local.add(name);
        if (path === "" || path === "/" || path === "/+esm") return name;              // module
        let file = path.replace(/\/\+esm$/, "");
        // duckdb-wasm: ship only the "eh" build (wasm exceptions, in every current browser);
        // the "mvp" one would add 40 MB to the site for browsers it does not target.
        if (name === "@duckdb/duckdb-wasm") file = file.replace("duckdb-mvp.wasm", "duckdb-eh.wasm").replace("duckdb-browser-mvp.worker.js", "duckdb-browser-eh.worker.js");
        if (!existsSync(join(dir, file))) { this.warn(`no local file for ${url}`); return url; }
        if (isCss) return `${dir}${file}`;                                                // @import in CSS
        const v = `__offline${prelude.length}`;
        prelude.push(`import ${v} from ${JSON.stringify(`${name}${file}?url`)};`);
        return `" + new URL(${v}, location.href).href + "`;                             // asset URL
      });
      return { code: prelude.join("\n") + "\n" + out, map: null };
    }
  };
}
