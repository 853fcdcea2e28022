// Accessibility test of built Pamphlet sites in a real browser.
//
//   node a11y.mjs [--per-kind N] SITE_OUTPUT_DIR... [--per-kind N SITE_OUTPUT_DIR...]
//
// Serves each folder on 127.0.0.1 (a small static server, here), opens
// pages in Debian's chromium through playwright-core, and runs axe-core
// with the WCAG 2.0, 2.1 and 2.2 A and AA rules, once in the light and once
// in the dark colour scheme. It also checks that nothing scrolls sideways
// at 320 CSS pixels wide, with text at 100% and at 200%.
//
// Pages are picked by kind (the theme's `kind-*` body class) and language
// (`<html lang>`): every page when `--per-kind` is 0 (the default), else at
// most N of each kind in each language (so every kind is tested in every
// language, right-to-left ones included). `--per-kind` applies to the
// folders named after it.
//
// Zero violations or it fails, listing them. The last line is
// "N passed, M failed". playwright-core never downloads a browser.

import { createServer } from "node:http";
import { createRequire } from "node:module";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { launch } from "./search-support.mjs";
import { extname, join, relative, resolve, sep } from "node:path";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const SCHEMES = ["light", "dark"];
const MIME = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

function parseArgs(argv) {
  const sites = [];
  let perKind = 0;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--per-kind") perKind = Number(argv[++i]);
    else sites.push({ root: resolve(argv[i]), perKind });
  }
  if (sites.length === 0 || !Number.isInteger(perKind) || perKind < 0) {
    console.error("usage: node a11y.mjs [--per-kind N] SITE_OUTPUT_DIR... [--per-kind N SITE_OUTPUT_DIR...]");
    process.exit(2);
  }
  return sites;
}

function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith(".html")) out.push(path);
  }
  return out;
}

// The pages to test: [{ url, kind, lang, dir }], URL paths relative to the site root.
function pickPages(root, perKind) {
  const seen = new Map();
  const pages = [];
  for (const file of htmlFiles(root)) {
    const html = readFileSync(file, "utf8");
    const lang = /<html[^>]*\blang="([^"]*)"/.exec(html)?.[1] ?? "?";
    const dir = /<html[^>]*\bdir="([^"]*)"/.exec(html)?.[1] ?? "ltr";
    const kind = /<body[^>]*class="[^"]*\bkind-([a-z_]+)/.exec(html)?.[1];
    if (!kind) continue; // not a page of the theme (a redirect, a verification file)
    const key = `${kind} ${lang}`;
    const count = seen.get(key) ?? 0;
    if (perKind > 0 && count >= perKind) continue;
    seen.set(key, count + 1);
    let path = "/" + relative(root, file).split(sep).join("/");
    if (path.endsWith("/index.html")) path = path.slice(0, -"index.html".length);
    pages.push({ path, kind, lang, dir });
  }
  return pages;
}

function serve(root) {
  const server = createServer((request, response) => {
    let path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = resolve(root, "." + path);
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      response.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      response.end(readFileSync(join(root, "404.html")));
    }
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

function describe(violation) {
  const nodes = violation.nodes
    .slice(0, 5)
    .map((n) => `      ${n.target.join(" ")}\n        ${n.failureSummary.replaceAll("\n", "\n        ")}`)
    .join("\n");
  return `    [${violation.id}] ${violation.help} (${violation.impact})\n      ${violation.helpUrl}\n${nodes}`;
}

async function axe(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    AXE_TAGS,
  );
}

// Whether anything is wider than the viewport (WCAG 1.4.10 reflow).
async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scroll = document.documentElement.scrollWidth;
    if (scroll <= width) return null;
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > width + 1 || e.getBoundingClientRect().left < -1)
      .slice(0, 3)
      .map((e) => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ")[0] : ""));
    return `page is ${scroll}px wide in a ${width}px window (${wide.join(", ")})`;
  });
}

async function main() {
  const sites = parseArgs(process.argv.slice(2));
  const browser = await launch();
  const context = browser.context;
  let passed = 0;
  let failed = 0;
  const report = (ok, name, details) => {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? "ok  " : "FAIL"} ${name}${details ? "\n" + details : ""}`);
  };
  try {
    for (const { root, perKind } of sites) {
      const pages = pickPages(root, perKind);
      const server = await serve(root);
      const origin = `http://127.0.0.1:${server.address().port}`;
      console.log(`# ${root}: ${pages.length} pages`);
      const kinds = new Set(pages.map((p) => p.kind));
      const rtl = pages.filter((p) => p.dir === "rtl").length;
      console.log(`# kinds: ${[...kinds].sort().join(", ")}; right-to-left pages: ${rtl}`);
      const page = await context.newPage();
      try {
        for (const target of pages) {
          const url = origin + target.path;
          for (const colorScheme of SCHEMES) {
            await page.setViewportSize({ width: 1024, height: 768 });
            await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
            await page.goto(url, { waitUntil: "load" });
            const result = await axe(page);
            const name = `axe ${colorScheme} ${target.lang} ${target.kind} ${target.path}`;
            report(result.violations.length === 0, name, result.violations.map(describe).join("\n"));
          }
          for (const zoom of ["100%", "200%"]) {
            await page.setViewportSize({ width: 320, height: 640 });
            await page.emulateMedia({ colorScheme: "light" });
            await page.goto(url, { waitUntil: "load" });
            if (zoom !== "100%") {
              await page.evaluate((z) => (document.documentElement.style.fontSize = z), zoom);
            }
            const problem = await overflow(page);
            report(problem === null, `reflow 320px text ${zoom} ${target.lang} ${target.kind} ${target.path}`, problem && `    ${problem}`);
          }
        }
      } finally {
        await page.close();
        server.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
