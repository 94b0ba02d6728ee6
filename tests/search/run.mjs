// Runs the real search script (the built site's static/search.js) under
// node on a built site's index, as the browser would, and prints every
// hit of each query as JSON: {"zh:濑溪河": {"total": n, "hits": ["/rivers/laixi/", …]}}.
// Usage: node run.mjs SITE_DIR LANG:QUERY…  (used by tests/search.rs)
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const [site, ...queries] = process.argv.slice(2);
const context = vm.createContext({});
vm.runInContext(fs.readFileSync(path.join(site, "static/search.js"), "utf8"), context);
const store = {};
context.GONGKAI_SEARCH = { put: (key, data) => { store[key] = data; } };
const load = (key) => {
  if (!(key in store)) {
    const file = path.join(site, "search/index", key + ".js");
    vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  }
  return Promise.resolve(store[key]);
};
const out = {};
for (const q of queries) {
  const at = q.indexOf(":");
  const found = await context.GONGKAI_SEARCH_CORE.search(q.slice(at + 1), q.slice(0, at), load, Infinity);
  out[q] = { total: found.total, hits: found.results.map((r) => "/" + r.url), excerpts: found.results.slice(0, 3).map((r) => r.excerpt) };
}
console.log(JSON.stringify(out, null, 1));
