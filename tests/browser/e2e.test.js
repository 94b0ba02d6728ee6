// End-to-end checks in a real browser (Debian's chromium via playwright-core).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, BASE, ARTIFACTS, pagesInBothLanguages } from "./harness.js";

let server, browser;
before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test("the language switch lands on the twin page and back", async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE}/tasks/8/`);
  await page.click("a.lang");
  await page.waitForURL(`${BASE}/en/tasks/8/`);
  assert.equal(await page.textContent("h1"), "Task 8");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.click("a.lang");
  await page.waitForURL(`${BASE}/tasks/8/`);
  assert.equal(await page.textContent("h1"), "任务 8");
  await page.close();
});

test("every page type loads without console errors or requests to other hosts", async () => {
  for (const { type, path: p } of pagesInBothLanguages()) {
    const page = await browser.newPage();
    const problems = [];
    // The 404 page is served with status 404, which Chromium logs as an error.
    page.on("console", (m) => { if (m.type() === "error" && !(type === "404" && m.text().includes("404"))) problems.push(`console: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => { if (!r.url().startsWith(BASE)) problems.push(`external request: ${r.url()}`); });
    const res = await page.goto(BASE + p);
    assert.equal(res.status(), type === "404" ? 404 : 200, p);
    await page.waitForLoadState("networkidle");
    assert.deepEqual(problems, [], `${p}: ${problems.join("; ")}`);
    await page.close();
  }
});

test("pages fit 320px and 1280px without horizontal scrolling", async () => {
  for (const width of [320, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    for (const { type, lang, path: p } of pagesInBothLanguages()) {
      const page = await context.newPage();
      await page.goto(BASE + p);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await page.screenshot({ path: path.join(ARTIFACTS, `${type}-${lang}-${width}.png`), fullPage: false });
      assert.ok(overflow <= 0, `${p} at ${width}px scrolls horizontally by ${overflow}px`);
      await page.close();
    }
    await context.close();
  }
});
