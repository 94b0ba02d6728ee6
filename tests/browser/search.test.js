// The search page in a real browser: our own index (src/render/search/)
// loaded as scripts over HTTP and from a disk (file://, as a snapshot on a
// USB stick is opened), results with the match marked, and the notice when
// the index is older than the pages (while `serve` brings it up to date).
// The query set itself is tested under node by tests/search.rs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { serve, launch, BASE, SITE_DIR } from "./harness.js";

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function results(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status").textContent;
    return s && !s.includes("…");
  }, null, { timeout: 20000 });
  return page.$$eval("#search-results li", (lis) => lis.map((li) => ({
    title: li.querySelector("a").textContent,
    href: li.querySelector("a").getAttribute("href"),
    excerpt: li.querySelector("p").innerHTML,
  })));
}

test("search finds the river first, marks the match, and says nothing of staleness when the index is current", async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("request", (r) => { if (!r.url().startsWith(BASE)) problems.push(`external request: ${r.url()}`); });
  const laixi = await results(page, `${BASE}/search/?q=${encodeURIComponent("濑溪河")}`);
  assert.equal(laixi[0].href, "../rivers/laixi/", JSON.stringify(laixi.slice(0, 3)));
  assert.ok(laixi.some((r) => r.excerpt.includes("<mark>濑溪河</mark>")));
  assert.equal(await page.isHidden("#search-stale"), true);
  const sewage = await results(page, `${BASE}/en/search/?q=sewage`);
  assert.ok(sewage.length > 10 && sewage[0].href.startsWith("../../en/"), JSON.stringify(sewage[0]));
  assert.deepEqual(problems, []);
  await page.close();
});

test("the search page says when its index is older than the pages", async () => {
  for (const [p, notice] of [["/search/", "搜索索引正在更新"], ["/en/search/", "The search index is being updated"]]) {
    const page = await browser.newPage();
    await page.route("**/search/index/stamp.js*", (route) => route.fulfill({
      contentType: "text/javascript",
      body: 'GONGKAI_SEARCH.put("stamp","0000000000000000");',
    }));
    const found = await results(page, `${BASE}${p}?q=water`);
    assert.equal(await page.isVisible("#search-stale"), true, p);
    assert.ok((await page.textContent("#search-stale")).includes(notice));
    assert.ok(Array.isArray(found));
    await page.close();
  }
});

test("search works from a disk (file://), as in a snapshot", async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  const url = "file://" + path.resolve(SITE_DIR, "search/index.html") + "?q=" + encodeURIComponent("河长");
  const found = await results(page, url);
  assert.ok(found.length > 0, "no results from file://");
  assert.deepEqual(problems, []);
  await page.close();
});
