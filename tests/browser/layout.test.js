// The rules of issue 18, checked like a reader would see them: every page
// type at 390 px and 1280 px, in Chinese and English, in normal and elder
// mode, with a screenshot of each (ARTIFACTS/screens/) and assertions on
// what the screenshot should show: no horizontal scroll, no number, date,
// id or code broken inside its table cell, no word broken mid-word, the
// phone header small enough to show the title and the start of the
// content, one menu button, tools that never wrap, targets of 44×44 px
// (60×60 in elder mode), contrast from computed styles, elder-mode type
// sizes, a visible focus ring, and charts with a text equivalent.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, BASE, ARTIFACTS } from "./harness.js";
import { measure } from "./measure.js";

const SCREENS = path.join(ARTIFACTS, "screens");
// The page types a reader meets, one page each.
export const READER_PAGES = {
  home: "/", plan: "/plan/", task: "/tasks/8/", agency: "/agencies/water/", river: "/rivers/laixi/",
  tributary: "/rivers/hualong-creek/", indicators: "/indicators/", indicator: "/indicators/10/",
  project: "/projects/6/", "key-task": "/key-tasks/2022/5/", search: "/search/", source: "/source/",
};
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let server, browser;
before(async () => {
  fs.mkdirSync(SCREENS, { recursive: true });
  server = await serve();
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

async function contextFor(viewport, mode, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  if (mode === "elder") await context.addInitScript(() => localStorage.setItem("gongkai-elder", "1"));
  return context;
}

async function open(context, url, mode) {
  const page = await context.newPage();
  await page.goto(url);
  if (mode === "elder") {
    await page.waitForFunction(() => parseFloat(getComputedStyle(document.body).fontSize) >= 24, null, { timeout: 5000 });
  }
  return page;
}

for (const mode of ["normal", "elder"]) {
  for (const [device, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
    test(`the reading rules hold on every page type (${device}, ${mode} mode)`, async () => {
      const context = await contextFor(viewport, mode);
      const failures = [];
      for (const [type, p] of Object.entries(READER_PAGES)) {
        for (const lang of ["zh", "en"]) {
          const url = BASE + (lang === "en" ? "/en" + p : p);
          const page = await open(context, url, mode);
          const name = `${type}-${lang}-${viewport.width}-${mode}`;
          await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
          if (device === "phone" && type !== "source") {
            await page.screenshot({ path: path.join(SCREENS, `${name}-full.png`), fullPage: true });
          }
          const m = await page.evaluate(measure, { elder: mode === "elder", phone: device === "phone" });
          // Focus is clearly visible: the second Tab (after the skip link) lands on the brand.
          await page.keyboard.press("Tab");
          await page.keyboard.press("Tab");
          const ring = await page.evaluate(() => { const cs = getComputedStyle(document.activeElement); return { w: parseFloat(cs.outlineWidth), style: cs.outlineStyle, el: document.activeElement.className }; });
          if (ring.style === "none" || ring.w < (mode === "elder" ? 4 : 3)) m.failures.push(`focus ring on .${ring.el} is ${ring.w}px ${ring.style}`);
          for (const f of m.failures) failures.push(`${lang === "en" ? "/en" : ""}${p} (${name}): ${f}`);
          await page.close();
        }
      }
      await context.close();
      assert.deepEqual(failures, [], `${failures.length} problems:\n${failures.slice(0, 60).join("\n")}`);
    });
  }
}

test("on a phone the menu is one button that opens and closes without JavaScript", async () => {
  for (const mode of ["normal", "elder"]) {
    const context = await contextFor(PHONE, mode, { javaScriptEnabled: mode === "elder" });
    const page = await open(context, `${BASE}/tasks/8/`, mode);
    const links = page.locator("header.site nav a");
    assert.ok(await page.isVisible("details.menu > summary"), "the menu button shows");
    assert.equal(await links.first().isVisible(), false, "the links are folded away");
    await page.click("details.menu > summary");
    assert.ok(await links.first().isVisible(), "one tap shows them");
    const box = await links.first().boundingBox();
    assert.ok(box.height >= (mode === "elder" ? 60 : 44), `menu links are ${box.height}px tall`);
    await page.screenshot({ path: path.join(SCREENS, `menu-open-390-${mode}.png`) });
    await page.click("header.site nav a[href$='rivers/']");
    await page.waitForURL(`${BASE}/rivers/`);
    await context.close();
  }
});

test("on a desktop the navigation shows as a row, with no menu button", async () => {
  const context = await contextFor(DESKTOP, "normal");
  const page = await open(context, `${BASE}/`, "normal");
  assert.equal(await page.isVisible("details.menu > summary"), false);
  const tops = await page.$$eval("header.site nav a", (as) => [...new Set(as.map((a) => Math.round(a.getBoundingClientRect().top)))]);
  assert.ok(tops.length <= 2, `navigation in ${tops.length} rows`);
  await context.close();
});

test("a task page links to the original document at the task's line, with the document's metadata", async () => {
  const context = await contextFor(PHONE, "normal");
  for (const [prefix, label, docLabel] of [["", "查看原文", "大足府办发〔2022〕105号"], ["/en", "See the original document", "大足府办发〔2022〕105号"]]) {
    const page = await open(context, `${BASE}${prefix}/tasks/8/`, "normal");
    const text = await page.textContent(".provenance");
    assert.ok(text.includes(docLabel), text);
    assert.ok(!/Source line|原文行号/.test(await page.textContent("main")), "no bare line number");
    await page.click(`a.source-link:text-is("${label}")`);
    await page.waitForURL(new RegExp(`${prefix}/source/#L353$`));
    await page.waitForLoadState("load");
    await page.waitForFunction(() => { const r = document.querySelector(":target")?.getBoundingClientRect(); return r && r.top >= 40 && r.bottom <= innerHeight; }, null, { timeout: 5000 }).catch(() => {});
    const target = await page.evaluate(() => {
      const li = document.querySelector(":target");
      const r = li.getBoundingClientRect();
      return { text: li.textContent, top: r.top, bottom: r.bottom, h: innerHeight, bg: getComputedStyle(li).backgroundColor };
    });
    assert.equal(target.text, "8", "line 353 holds the task's number");
    // The line sits below a margin (scroll-margin-top) that shows the line before it.
    assert.ok(target.top >= 40 && target.bottom <= target.h, `and is scrolled into view, below a margin of context (top ${target.top})`);
    assert.notEqual(target.bg, "rgba(0, 0, 0, 0)", "and marked");
    const next = await page.textContent("#L355");
    assert.ok(next.startsWith("继续推行长江经济带小水电"), next);
    await page.screenshot({ path: path.join(SCREENS, `source-at-line${prefix.replace("/", "-")}.png`) });
    await page.close();
  }
  await context.close();
});

test("charts are the same drawing in both languages", async () => {
  const context = await contextFor(DESKTOP, "normal");
  for (const p of ["/", "/agencies/water/", "/rivers/laixi/", "/rivers/hualong-creek/"]) {
    const shapes = async (url) => {
      const page = await open(context, url, "normal");
      const s = await page.$$eval("main svg[role=img]", (svgs) => svgs.map((svg) =>
        [...svg.querySelectorAll("rect,path,circle,line")].map((e) => ["x", "y", "width", "height", "d", "cx", "cy"].map((a) => e.getAttribute(a)).join(",")).join(" ")));
      await page.close();
      return s;
    };
    const zh = await shapes(BASE + p);
    assert.ok(zh.length > 0, `${p} has charts`);
    assert.deepEqual(await shapes(`${BASE}/en${p}`), zh, `${p}: the English charts draw the same shapes`);
  }
  await context.close();
});
