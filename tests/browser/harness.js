// Shared set-up for the browser tests: the built site (SITE_DIR), a static
// server for it on 127.0.0.1 (SITE_PORT), and Debian's Chromium driven by
// playwright-core. Nothing here downloads a browser.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

export const SITE_DIR = process.env.SITE_DIR;
export const SITE_PORT = Number(process.env.SITE_PORT || 18765);
export const ARTIFACTS = process.env.ARTIFACTS || path.resolve("../artifacts");
export const BASE = `http://127.0.0.1:${SITE_PORT}`;

if (!SITE_DIR) throw new Error("SITE_DIR is not set: run through scripts/test.sh");

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml", ".csv": "text/csv; charset=utf-8", ".png": "image/png", ".ico": "image/x-icon",
};

export function serve() {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, BASE).pathname);
    let file = path.join(SITE_DIR, url);
    if (!file.startsWith(path.resolve(SITE_DIR))) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) {
      const nf = url.startsWith("/en/") ? "en/404.html" : "404.html";
      res.writeHead(404, { "Content-Type": TYPES[".html"] }).end(fs.readFileSync(path.join(SITE_DIR, nf)));
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(SITE_PORT, "127.0.0.1", () => resolve(server)));
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

// One page of every type, in both languages.
export const PAGE_TYPES = {
  home: "/", plan: "/plan/", chapter: "/plan/1/", task: "/tasks/8/", tasks: "/tasks/",
  indicators: "/indicators/", indicator: "/indicators/10/", projects: "/projects/", project: "/projects/6/",
  "key-task-list": "/key-tasks/2022/", "key-task": "/key-tasks/2022/5/",
  agency: "/agencies/water/", agencies: "/agencies/", river: "/rivers/laixi/", rivers: "/rivers/",
  glossary: "/glossary/", errata: "/errata/", changelog: "/updates/", overdue: "/overdue/", water: "/water/", search: "/search/", source: "/source/", data: "/data/", archive: "/archive/", "404": "/no-such-page/",
};

export function pagesInBothLanguages() {
  const out = [];
  for (const [type, p] of Object.entries(PAGE_TYPES)) {
    out.push({ type, lang: "zh", path: p });
    out.push({ type, lang: "en", path: "/en" + p });
  }
  return out;
}
