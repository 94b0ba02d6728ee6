// What layout.test.js measures in a page, run inside it (page.evaluate):
// self-contained, it returns the rules that fail, in words.
export function measure({ elder, phone }) {
  const failures = [];
  const fail = (msg) => { if (failures.length < 40 && !failures.includes(msg)) failures.push(msg); };
  const de = document.documentElement;
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && cs.visibility !== "hidden" && !el.closest("[hidden],details:not([open]) > nav,.visually-hidden,.skip");
  };
  const describe = (el) => {
    const t = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : ""}> "${t}"`;
  };
  // How many rows boxes take: a box that overlaps the row before
  // vertically (an icon beside its text) is on the same row.
  const rows = (rects) => {
    let n = 0, bottom = -Infinity;
    for (const r of [...rects].filter((x) => x.width > 0.5).sort((a, b) => a.top - b.top)) {
      if (r.top >= bottom - 1) { n++; bottom = r.bottom; } else bottom = Math.max(bottom, r.bottom);
    }
    return n;
  };
  // How many lines the text of `el` takes.
  const lines = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return rows(range.getClientRects());
  };

  // 1. No horizontal scroll.
  const overflow = de.scrollWidth - de.clientWidth;
  if (overflow > 0) fail(`scrolls horizontally by ${overflow}px`);

  // 2. Numbers, dates, ids and codes never break inside their cell.
  for (const cell of document.querySelectorAll("td.num,td.id,td.date,td.code,th.id,.nowrap")) {
    if (!visible(cell)) continue;
    if (cell.textContent.trim() && lines(cell) > 1) fail(`${describe(cell)} wraps inside`);
  }

  // 3. No word broken mid-word (Latin words, in any cell or paragraph).
  let words = 0;
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n && words < 4000; n = walker.nextNode()) {
    if (!n.parentElement || !visible(n.parentElement) || n.parentElement.closest("svg,code,ol.source-text")) continue;
    const re = /[A-Za-z0-9][A-Za-z0-9.,%()\-]*[A-Za-z0-9%)]/g;
    for (let m = re.exec(n.data); m && words < 4000; m = re.exec(n.data)) {
      if (m[0].length < 3 || m[0].includes("-")) continue;
      words++;
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      if (rows(r.getClientRects()) > 1) fail(`"${m[0]}" is broken across lines in ${describe(n.parentElement)}`);
    }
  }

  // 4. On a phone: the header leaves room for the title and the start of
  // the content; the navigation is one menu button; the tools never wrap.
  const header = document.querySelector("header.site");
  const h1 = document.querySelector("main h1");
  if (phone) {
    const hh = header.getBoundingClientRect().height;
    const limit = elder ? 250 : 170;
    if (hh > limit) fail(`the header is ${Math.round(hh)}px tall on a phone (limit ${limit})`);
    const hb = h1.getBoundingClientRect();
    if (hb.bottom > innerHeight) fail(`the title ends at ${Math.round(hb.bottom)}px, below the first screen (${innerHeight}px)`);
    const first = h1.nextElementSibling;
    if (first && first.getBoundingClientRect().top > innerHeight - 40) fail(`the content starts at ${Math.round(first.getBoundingClientRect().top)}px, below the first screen`);
    const summary = document.querySelector("details.menu > summary");
    if (!summary || !visible(summary)) fail("no menu button");
    const navLinks = [...document.querySelectorAll("header.site nav a")].filter(visible);
    if (navLinks.length) fail(`${navLinks.length} navigation links show before the menu is opened`);
  }
  for (const el of document.querySelectorAll("header.site .lang, #elder-toggle, details.menu > summary")) {
    if (!visible(el)) continue;
    if (lines(el) > 1) fail(`${describe(el)} wraps inside its button`);
    if (el.getBoundingClientRect().bottom > innerHeight) fail(`${describe(el)} is not on the first screen`);
  }
  const tools = [...document.querySelectorAll("header.site .lang, #elder-toggle, details.menu > summary")].filter(visible);
  if (new Set(tools.map((e) => Math.round(e.getBoundingClientRect().top))).size > 1) fail("the menu, elder-mode and language buttons are not on one row");

  // 5. Targets: at least 44×44 px (60×60 in elder mode).
  const min = elder ? 60 : 44;
  for (const el of document.querySelectorAll("button, summary, select, input:not([type=hidden]), header.site a, .pager a, a.source-link")) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < min - 0.5 || r.height < min - 0.5) fail(`target ${describe(el)} is ${Math.round(r.width)}×${Math.round(r.height)}px (at least ${min}×${min})`);
  }

  // 6. Contrast from computed styles: 4.5:1, 7:1 for text in elder mode.
  const rgba = (s) => { const m = s.match(/[\d.]+/g) || ["0", "0", "0", "0"]; return m.map(Number).concat(m.length === 3 ? [1] : []); };
  const lum = ([r, g, b]) => { const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0.5) return c;
    }
    return [255, 255, 255, 1];
  };
  const need = elder ? 7 : 4.5;
  const seen = new Set();
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("svg,script,style,noscript") || !visible(el)) continue;
    const own = [...el.childNodes].some((c) => c.nodeType === 3 && c.data.trim());
    if (!own) continue;
    const fg = rgba(getComputedStyle(el).color);
    const bg = background(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const key = `${getComputedStyle(el).color}|${bg}`;
    if (ratio < need && !seen.has(key)) { seen.add(key); fail(`contrast ${ratio.toFixed(2)}:1 (${getComputedStyle(el).color} on rgb(${bg.slice(0, 3)})) for ${describe(el)}`); }
  }

  // 7. Elder mode: text at least 18 pt (24 px), line height at least 1.3.
  if (elder) {
    const small = new Set();
    for (const el of document.querySelectorAll("body *")) {
      if (el.closest("svg,script,style,noscript,.visually-hidden") || !visible(el)) continue;
      if (![...el.childNodes].some((c) => c.nodeType === 3 && c.data.trim())) continue;
      const cs = getComputedStyle(el);
      const px = parseFloat(cs.fontSize);
      const lh = cs.lineHeight === "normal" ? px * 1.2 : parseFloat(cs.lineHeight);
      if (px < 24 && !small.has(el.tagName + el.className)) { small.add(el.tagName + el.className); fail(`text ${px}px in ${describe(el)}`); }
      if (lh / px < 1.3 && !small.has("lh" + el.tagName + el.className)) { small.add("lh" + el.tagName + el.className); fail(`line height ${(lh / px).toFixed(2)} in ${describe(el)}`); }
    }
  }

  // 8. Nothing told by colour alone: links in running text are underlined;
  // charts have a name, a title and a text equivalent beside them.
  for (const a of document.querySelectorAll("main p a, main li a, main td a, main dd a")) {
    if (!visible(a) || a.closest("nav")) continue;
    if (!getComputedStyle(a).textDecorationLine.includes("underline")) { fail(`link ${describe(a)} is told by colour alone`); break; }
  }
  for (const svg of document.querySelectorAll("main svg[role=img]")) {
    if (!svg.getAttribute("aria-label") || !svg.querySelector(":scope > title")) fail("a chart without its name");
    const fig = svg.closest("figure");
    if (!fig || !fig.querySelector("figcaption") || !fig.querySelector("figcaption").textContent.trim()) fail(`chart "${svg.getAttribute("aria-label").slice(0, 30)}" has no text beside it`);
  }

  return { failures };
}
