// Layout of the default theme in a real browser, measured with bounding
// boxes in Debian's chromium at a desktop and a phone width, in every
// direction the site has:
//
//   node layout.mjs SITE_OUTPUT_DIR PAGE_PATH...
//
// PAGE_PATH are article pages with citations (e.g. /en/heart/x/). For each
// page, at 1280×800 and 390×844:
//   - the main menu starts where the content column starts (the right
//     edge in right-to-left pages), and so does the header;
//   - at 390×844 the whole article title is in the first screen, and the
//     header with the breadcrumb takes at most 30% of it;
//   - the breadcrumb's items sit on one baseline;
//   - every citation link is at least 24×24 CSS pixels (WCAG 2.5.8);
//   - each back-link in the references says which citation it returns to
//     ("1", or "1a", "1b" … when a source is cited more than once), with
//     "Back to text" in its accessible name;
//   - the share bar is no taller than the references list.
// The last line is "N passed, M failed".

import { launch, serve } from "./search-support.mjs";
import { resolve } from "node:path";

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

function measure() {
  const box = (el) => el && el.getBoundingClientRect();
  const rtl = document.documentElement.dir === "rtl";
  const main = document.querySelector("main");
  const style = getComputedStyle(main);
  const mainBox = box(main);
  const content = {
    left: mainBox.left + parseFloat(style.paddingLeft),
    right: mainBox.right - parseFloat(style.paddingRight),
  };
  const firstOf = (selector) => box(document.querySelector(selector));
  const edge = (b) => (rtl ? b.right : b.left);
  const textBottom = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const rects = [...range.getClientRects()];
    return rects.length ? { top: rects[0].top, bottom: rects[0].bottom } : null;
  };
  const crumbs = [...document.querySelectorAll(".breadcrumbs li > a, .breadcrumbs li > span")]
    .map(textBottom)
    .filter(Boolean);
  const citations = [...document.querySelectorAll("sup.citation a")].map((a) => {
    const b = box(a);
    return { width: b.width, height: b.height, text: a.textContent };
  });
  const backlinks = [...document.querySelectorAll(".references li")].map((li) =>
    [...li.querySelectorAll("a.backlink")].map((a) => ({
      text: a.textContent.replace(/\s+/g, " ").trim(),
      visible: a.innerText.replace(/\s+/g, " ").trim(),
      number: li.id.replace("ref-", ""),
    })),
  );
  const h1 = firstOf("main h1");
  return {
    rtl,
    contentEdge: rtl ? content.right : content.left,
    menuEdge: edge(firstOf(".site-nav li a")),
    titleEdge: edge(firstOf(".site-title")),
    h1Top: h1.top,
    header: (firstOf(".site-header")?.height ?? 0) + (firstOf(".breadcrumbs")?.height ?? 0),
    h1Bottom: h1.bottom,
    crumbs,
    citations,
    backlinks,
    share: firstOf(".share")?.height ?? 0,
    references: firstOf(".references")?.height ?? 0,
  };
}

const [root, ...paths] = process.argv.slice(2);
if (!root || paths.length === 0) {
  console.error("usage: node layout.mjs SITE_OUTPUT_DIR PAGE_PATH...");
  process.exit(2);
}
const server = await serve(resolve(root));
const browser = await launch();
let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
};

try {
  for (const path of paths) {
    for (const size of SIZES) {
      const page = await browser.context.newPage();
      await page.setViewportSize(size);
      await page.goto(server.origin + path);
      await page.evaluate(() => document.fonts.ready);
      const m = await page.evaluate(measure);
      const at = `${path} at ${size.width}px`;
      const near = (a, b) => Math.abs(a - b) <= 1.5;
      check(near(m.menuEdge, m.contentEdge), `${at}: menu starts at the content column (${m.menuEdge.toFixed(1)} vs ${m.contentEdge.toFixed(1)})`);
      check(near(m.titleEdge, m.contentEdge), `${at}: site title starts at the content column (${m.titleEdge.toFixed(1)} vs ${m.contentEdge.toFixed(1)})`);
      if (size.width < 500) {
        check(m.h1Bottom <= size.height, `${at}: the article title ends in the first screen (at ${m.h1Bottom.toFixed(0)} px of ${size.height})`);
        check(m.header <= size.height * 0.3, `${at}: header and breadcrumb take at most 30% of the screen (${m.header.toFixed(0)} px)`);
      }
      // Items on the same line (tops within half a line) share a baseline.
      const rows = [];
      for (const c of m.crumbs) {
        const row = rows.find((r) => Math.abs(r[0].top - c.top) < 8);
        if (row) row.push(c);
        else rows.push([c]);
      }
      const aligned = rows.every((r) => r.every((c) => near(c.bottom, r[0].bottom)));
      check(m.crumbs.length >= 2 && aligned, `${at}: breadcrumb items on one baseline (${m.crumbs.map((c) => c.bottom.toFixed(1)).join(", ")})`);
      const small = m.citations.filter((c) => c.width < 24 || c.height < 24);
      check(m.citations.length > 0 && small.length === 0, `${at}: ${m.citations.length} citation links of at least 24×24 px${small.length ? ` (too small: ${small.map((c) => `${c.text} ${c.width.toFixed(0)}×${c.height.toFixed(0)}`).join(", ")})` : ""}`);
      const labels = m.backlinks.flatMap((links) =>
        links.map((l, i) => {
          const suffix = links.length > 1 ? String.fromCharCode(97 + i) : "";
          return { ...l, expected: `${l.number}${suffix}` };
        }),
      );
      const wrong = labels.filter((l) => !l.visible.endsWith(l.expected) || !/back to text|volver al texto|العودة إلى النص/i.test(l.text));
      check(labels.length > 0 && wrong.length === 0, `${at}: ${labels.length} back-links name their citation${wrong.length ? ` (wrong: ${wrong.map((l) => JSON.stringify(l.text)).join(", ")})` : ""}`);
      check(m.share <= m.references, `${at}: share bar (${m.share.toFixed(0)} px) no taller than the references (${m.references.toFixed(0)} px)`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
