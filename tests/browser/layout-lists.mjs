// Layout of numbered list pages, photos and the footer in a real browser,
// measured with bounding boxes in Debian's chromium at 1280×800 and at
// 390×844 (device pixel ratio 1 and 3), left to right and right to left:
//
//   node layout-lists.mjs SITE_OUTPUT_DIR
//
// SITE_OUTPUT_DIR is tests/fixtures/sites/pagination built at the root of
// its host (`--base-url https://health.example.org/`): two articles a page,
// English and Arabic, a cover photo and a photo in the text of "Walking",
// and contact and privacy links in the footer. It checks:
//   - on /en/heart/page/2/ and /ar/heart/page/2/: every link of the pages
//     nav is at least 44×44 CSS pixels; the nav stays in the content column;
//     "Previous" comes first in the reading direction (left in English,
//     right in Arabic); the page never scrolls sideways;
//   - the footer's links are at least 24 px tall and start at the content
//     column's edge (the right edge in Arabic);
//   - on /en/heart/walking/ and /ar/heart/walking/, with every photo
//     request held back: each photo already has its box, as wide as the
//     column or narrower, in the photo's own proportions (the text will not
//     jump when it arrives);
//   - with photos allowed: the cover is the WebP copy that fits the screen
//     (480 px at 390 px wide and DPR 1, 800 px otherwise).
// The last line is "N passed, M failed".

import { launch, serve } from "./search-support.mjs";
import { resolve } from "node:path";

const SCREENS = [
  { width: 1280, height: 800, dpr: 1, cover: "800w" },
  { width: 390, height: 844, dpr: 1, cover: "480w" },
  { width: 390, height: 844, dpr: 3, cover: "800w" },
];
const LISTS = ["/en/heart/page/2/", "/ar/heart/page/2/"];
const ARTICLES = ["/en/heart/walking/", "/ar/heart/walking/"];

// Runs in the page: the content column and the boxes this test needs.
function measure() {
  const rtl = document.documentElement.dir === "rtl";
  const main = document.querySelector("main");
  const style = getComputedStyle(main);
  const m = main.getBoundingClientRect();
  const column = {
    left: m.left + parseFloat(style.paddingLeft),
    right: m.right - parseFloat(style.paddingRight),
  };
  const boxes = (selector) =>
    [...document.querySelectorAll(selector)].map((el) => {
      const b = el.getBoundingClientRect();
      return { left: b.left, right: b.right, width: b.width, height: b.height, text: el.textContent.trim() };
    });
  const nav = document.querySelector(".pagination");
  return {
    rtl,
    column,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    nav: nav ? boxes(".pagination")[0] : null,
    links: boxes(".pagination a"),
    prev: boxes(".pagination a[rel=prev]")[0] ?? null,
    current: boxes(".pagination a[aria-current]")[0] ?? null,
    footer: boxes(".site-footer .footer-links a"),
    photos: [...document.querySelectorAll("main picture img")].map((img) => {
      const b = img.getBoundingClientRect();
      return {
        width: b.width,
        height: b.height,
        ratio: Number(img.getAttribute("height")) / Number(img.getAttribute("width")),
        src: img.currentSrc,
      };
    }),
  };
}

const [root] = process.argv.slice(2);
if (!root) {
  console.error("usage: node layout-lists.mjs SITE_OUTPUT_DIR");
  process.exit(2);
}
const server = await serve(resolve(root));
let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
};
const near = (a, b) => Math.abs(a - b) <= 1.5;
const px = (n) => n.toFixed(1);

// `holdPhotos`: photo requests wait until `page.release()`, so the page is
// measured as a reader sees it while the photos are still on their way.
async function open(context, path, { holdPhotos = false } = {}) {
  const page = await context.newPage();
  let release = () => {};
  const held = new Promise((r) => (release = r));
  page.release = release;
  if (holdPhotos) {
    await page.route(/\.(jpe?g|png|webp)$/, async (route) => {
      await held;
      await route.continue().catch(() => {});
    });
  }
  await page.goto(server.origin + path, { waitUntil: holdPhotos ? "domcontentloaded" : "load" });
  await page.evaluate(() => document.fonts.ready);
  return page;
}

function checkList(m, at) {
  const small = m.links.filter((l) => l.width < 44 || l.height < 44);
  check(m.links.length >= 3 && small.length === 0, `${at}: ${m.links.length} page links of at least 44×44 px${small.length ? ` (too small: ${small.map((l) => `${l.text} ${px(l.width)}×${px(l.height)}`).join(", ")})` : ""}`);
  check(m.nav && m.nav.left >= m.column.left - 1.5 && m.nav.right <= m.column.right + 1.5, `${at}: the pages nav stays in the content column (${px(m.nav?.left ?? -1)}–${px(m.nav?.right ?? -1)} in ${px(m.column.left)}–${px(m.column.right)})`);
  // "Previous" against the current page's link (the last page has no "next").
  const first = m.prev && m.current && (m.rtl ? m.prev.left > m.current.left : m.prev.left < m.current.left);
  check(Boolean(first), `${at}: "previous" comes first in the reading direction (${m.rtl ? "right" : "left"})`);
  check(m.overflow <= 0, `${at}: no sideways scrolling (${m.overflow} px too wide)`);
  const short = m.footer.filter((l) => l.height < 24);
  check(m.footer.length === 2 && short.length === 0, `${at}: ${m.footer.length} footer links at least 24 px tall${short.length ? ` (too short: ${short.map((l) => l.text).join(", ")})` : ""}`);
  const start = m.footer.length ? (m.rtl ? m.footer[0].right : m.footer[0].left) : NaN;
  const edge = m.rtl ? m.column.right : m.column.left;
  check(near(start, edge), `${at}: the footer's links start at the content column (${px(start)} vs ${px(edge)})`);
}

function checkPhotoBoxes(m, at) {
  const width = m.column.right - m.column.left;
  const wrong = m.photos.filter((p) => !(p.width > 0 && p.width <= width + 1.5 && near(p.height, p.width * p.ratio)));
  check(m.photos.length === 2 && wrong.length === 0, `${at}, photos on their way: ${m.photos.length} photos keep their box in proportion within the ${px(width)}-px column${wrong.length ? ` (wrong: ${wrong.map((p) => `${px(p.width)}×${px(p.height)}`).join(", ")})` : ""}`);
}

try {
  for (const screen of SCREENS) {
    const browser = await launch({
      viewport: { width: screen.width, height: screen.height },
      deviceScaleFactor: screen.dpr,
    });
    try {
      for (const path of LISTS) {
        const page = await open(browser.context, path);
        checkList(await page.evaluate(measure), `${path} at ${screen.width}px DPR ${screen.dpr}`);
        await page.close();
      }
      for (const path of ARTICLES) {
        const at = `${path} at ${screen.width}px DPR ${screen.dpr}`;
        let page = await open(browser.context, path, { holdPhotos: true });
        checkPhotoBoxes(await page.evaluate(measure), at);
        page.release();
        await page.close();
        page = await open(browser.context, path);
        const cover = (await page.evaluate(measure)).photos[0]?.src ?? "";
        check(cover.endsWith(`-${screen.cover}.webp`), `${at}: the cover is the ${screen.cover} WebP copy (${cover.replace(server.origin, "")})`);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
