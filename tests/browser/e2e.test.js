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

async function searchFor(page, path, q) {
  await page.goto(`${BASE}${path}?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status").textContent;
    return s && !s.includes("…");
  }, null, { timeout: 20000 });
  return page.$$eval("#search-results li", (lis) => lis.map((li) => ({ title: li.querySelector("a").textContent, href: li.querySelector("a").getAttribute("href"), excerpt: li.querySelector("p").innerHTML })));
}

test("search finds 濑溪河, 饮用水, 区水利局, 无废城市 and, in English, Laixi and drinking water", async () => {
  const page = await browser.newPage();
  const external = [];
  page.on("request", (r) => { if (!r.url().startsWith(BASE)) external.push(r.url()); });
  const laixi = await searchFor(page, "/search/", "濑溪河");
  assert.ok(laixi.some((r) => r.title === "任务 16"), JSON.stringify(laixi.map((r) => r.title)));
  assert.ok(laixi.some((r) => r.excerpt.includes("<mark>")), "the match is highlighted");
  for (const q of ["饮用水", "区水利局", "无废城市"]) {
    const results = await searchFor(page, "/search/", q);
    assert.ok(results.length > 0, q);
  }
  const waste = await searchFor(page, "/search/", "无废城市");
  assert.ok(waste.some((r) => r.title === "任务 107"), JSON.stringify(waste.map((r) => r.title)));
  const en = await searchFor(page, "/en/search/", "Laixi River");
  assert.ok(en.some((r) => r.title === "Task 16"), JSON.stringify(en.map((r) => r.title)));
  const water = await searchFor(page, "/en/search/", "drinking water");
  assert.ok(water.length > 0);
  await page.click("#search-results li a");
  await page.waitForLoadState();
  assert.match(page.url(), /\/en\//, "a result opens the page in the same language");
  assert.deepEqual(external, []);
  await page.close();
});

test("task-list filters by chapter, agency, river and status work in the browser", async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE}/tasks/`);
  const visible = () => page.$$eval("tr[data-chapter]", (rows) => rows.filter((r) => !r.hidden).map((r) => r.querySelector("a").textContent));
  assert.equal((await visible()).length, 446);
  await page.selectOption("select[name=river]", "laixi");
  const laixi = await visible();
  assert.ok(laixi.includes("16") && !laixi.includes("1"), laixi.join(","));
  await page.selectOption("select[name=agency]", "water");
  const both = await visible();
  assert.ok(both.length > 0 && both.length < laixi.length, `${both.length} of ${laixi.length}`);
  await page.selectOption("select[name=river]", "");
  await page.selectOption("select[name=agency]", "");
  await page.selectOption("select[name=chapter]", "6");
  assert.deepEqual(await visible(), ["427", "428", "429", "430", "431", "432"]);
  await page.selectOption("select[name=status]", "completed");
  assert.deepEqual(await visible(), [], "nothing is reported completed in the real content");
  assert.match(await page.textContent("#filter-count"), /^显示 0 项$/);
  await page.close();
});

test("elder mode switches on, enlarges the type and persists across pages", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${BASE}/`);
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  assert.ok((await size()) < 18);
  // The elder stylesheet is an alternate one that the browser applies a
  // moment after the click (slower on a loaded machine): wait for it.
  const becomes = (cmp) =>
    page.waitForFunction(
      (big) => (parseFloat(getComputedStyle(document.body).fontSize) >= 18) === big,
      cmp,
      { timeout: 5000 },
    );
  await page.click("#elder-toggle");
  assert.equal(await page.getAttribute("#elder-toggle", "aria-pressed"), "true");
  await becomes(true);
  assert.ok((await size()) >= 18, `body ${await size()}px`);
  await page.click("nav a[href$='tasks/']");
  await page.waitForURL(`${BASE}/tasks/`);
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains("elder")), "persists on the next page");
  assert.ok((await size()) >= 18);
  await page.click("a.lang");
  await page.waitForURL(`${BASE}/en/tasks/`);
  assert.ok((await size()) >= 18, "and in the other language");
  await page.click("#elder-toggle");
  await becomes(false);
  assert.ok((await size()) < 18, "switches off");
  await context.close();
});

test("a yearly snapshot browses and searches offline, from file://", async () => {
  const dir = process.env.SNAPSHOT_DIR;
  assert.ok(dir, "SNAPSHOT_DIR is set by scripts/test.sh");
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`file://${dir}/search/index.html?q=${encodeURIComponent("濑溪河")}`);
  await page.waitForFunction(() => { const s = document.getElementById("search-status").textContent; return s && !s.includes("…"); }, null, { timeout: 10000 });
  const titles = await page.$$eval("#search-results li a", (as) => as.map((a) => a.textContent));
  assert.ok(titles.includes("任务 2"), titles.join(", "));
  // The task itself, whatever the ranking puts first.
  await page.click("#search-results li a:text-is('任务 2')");
  await page.waitForLoadState();
  assert.match(page.url(), /\/tasks\/2\/index\.html$/);
  assert.match(await page.textContent(".archived-banner"), /存档快照，数据截至 2022年12月31日/);
  await page.click("nav a[href$='rivers/index.html']");
  await page.waitForLoadState();
  assert.match(page.url(), /\/rivers\/index\.html$/, "links name files, so they work from a disk");
  await page.goto(`file://${dir}/rivers/laixi/index.html`);
  assert.ok((await page.$$("svg.rollup")).length > 0, "charts are inline SVG");
  assert.deepEqual(errors, []);
  await page.close();
});
