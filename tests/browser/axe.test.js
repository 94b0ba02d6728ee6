// Accessibility: axe-core (WCAG 2.1 A and AA rules) in the real browser, on
// every page type in both languages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { serve, launch, BASE, pagesInBothLanguages } from "./harness.js";

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

for (const mode of ["normal", "elder"]) test(`axe finds no WCAG 2.1 A/AA violation on any page type (${mode} mode)`, async () => {
  const failures = [];
  // bypassCSP lets the test inject axe; the pages' own policy allows no inline script.
  const context = await browser.newContext({ bypassCSP: true });
  if (mode === "elder") await context.addInitScript(() => localStorage.setItem("gongkai-elder", "1"));
  for (const { path: p } of pagesInBothLanguages()) {
    const page = await context.newPage();
    await page.goto(BASE + p);
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(() =>
      window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    for (const v of result.violations) {
      failures.push(`${p}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
    }
    if (mode === "elder") {
      const px = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      if (px < 18) failures.push(`${p}: body text ${px}px in elder mode`);
    }
    await page.close();
  }
  await context.close();
  assert.deepEqual(failures, [], failures.join("\n"));
});
