// First-load budget of article pages, measured in Debian's chromium (issue
// 23): what a first visit downloads, in bytes on the wire with gzip, by
// kind (HTML, CSS, JS, fonts, images, media, other), and how many requests.
//
//   node budget.mjs SITE_OUTPUT_DIR [PAGE_PATH...]
//
// Without PAGE_PATH, the demo's handwashing article in English, Spanish
// and Arabic (an SVG cover, and a video with a JPEG poster: the demo's
// only raster picture).
//
// The site is served from 127.0.0.1 by a small server that gzips text
// (HTML, CSS, JS, JSON, SVG, XML, WebVTT, plain text), as static hosts do,
// and answers byte ranges (video). Each page is loaded with an empty cache
// in a fresh browser context, at three screens: 390×844 at device scale
// factor 1 (the budget's screen), 390×844 at 3 (a phone's real pixels:
// `srcset` picks wider copies) and 1280×800 at 1 (a desktop). Two figures
// per screen: "first screen" (load, then network idle) and "scrolled"
// (scrolled to the bottom a screen at a time, so lazy images load, then
// network idle again).
//
// Any request to a host other than 127.0.0.1 is a failure (and is not
// sent). Budgets, checked at 390×844 DPR 1 on every page (unset: not
// checked), in KiB (1,024 bytes) on the wire:
//   BUDGET_FIRST_LOAD_KB  HTML + CSS + JS + fonts, page scrolled
//   BUDGET_IMAGE_KB       images, page scrolled
//   BUDGET_TOTAL_KB       everything, page scrolled
//   BUDGET_REQUESTS       number of requests, page scrolled
// A budget exceeded, or a request leaving the machine, exits with status 1.
// BUDGET_JSON=path also writes every figure as JSON.

import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./search-support.mjs";

const DEFAULT_PAGES = [
  "/en/infections/handwashing/",
  "/es/infections/lavado-de-manos/",
  "/ar/infections/handwashing/",
];

const SCREENS = [
  { name: "390 dpr1", viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, budget: true },
  { name: "390 dpr3", viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, mobile: true },
  { name: "1280 dpr1", viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
];

const KINDS = ["html", "css", "js", "font", "image", "media", "other"];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".vtt": "text/vtt; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
};

// Content types a static host compresses (already-compressed formats are
// sent as they are).
const COMPRESSIBLE = /^(text\/|application\/(json|xml|manifest\+json|javascript)|image\/svg\+xml)/;

// Serves `root` on 127.0.0.1; text is gzipped (level 6, zlib's default and
// what common hosts use) when the browser accepts it.
async function serve(root) {
  const gzipped = new Map();
  const server = createServer((request, response) => {
    let path;
    try {
      path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) {
      response.writeHead(403).end();
      return;
    }
    let body;
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      body = readFileSync(file);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const type = TYPES[extname(file).toLowerCase()] || "application/octet-stream";
    const headers = { "content-type": type, "cache-control": "no-store" };
    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range || "");
    if (range && !COMPRESSIBLE.test(type)) {
      const start = range[1] === "" ? Math.max(0, body.length - Number(range[2])) : Number(range[1]);
      const end = range[1] === "" || range[2] === "" ? body.length - 1 : Math.min(Number(range[2]), body.length - 1);
      if (start > end || start >= body.length) {
        response.writeHead(416, { "content-range": `bytes */${body.length}` }).end();
        return;
      }
      headers["accept-ranges"] = "bytes";
      headers["content-range"] = `bytes ${start}-${end}/${body.length}`;
      headers["content-length"] = end - start + 1;
      response.writeHead(206, headers);
      response.end(body.subarray(start, end + 1));
      return;
    }
    if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(request.headers["accept-encoding"] || "")) {
      if (!gzipped.has(file)) gzipped.set(file, gzipSync(body, { level: 6 }));
      body = gzipped.get(file);
      headers["content-encoding"] = "gzip";
      headers.vary = "accept-encoding";
    } else if (!COMPRESSIBLE.test(type)) {
      headers["accept-ranges"] = "bytes";
    }
    headers["content-length"] = body.length;
    response.writeHead(200, headers);
    response.end(request.method === "HEAD" ? undefined : body);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

// The kind of a response, from its content type (and, for requests that
// got no response, chromium's resource type).
function kindOf(mime, resourceType) {
  const m = (mime || "").toLowerCase();
  if (m.startsWith("text/html")) return "html";
  if (m.startsWith("text/css")) return "css";
  if (m.includes("javascript")) return "js";
  if (m.startsWith("font/") || m.includes("font-woff")) return "font";
  if (m.startsWith("image/")) return "image";
  if (m.startsWith("video/") || m.startsWith("audio/")) return "media";
  if (m) return "other";
  const byType = { Document: "html", Stylesheet: "css", Script: "js", Font: "font", Image: "image", Media: "media" };
  return byType[resourceType] || "other";
}

function emptyTotals() {
  const totals = { requests: 0, bytes: 0 };
  for (const kind of KINDS) totals[kind] = { requests: 0, bytes: 0 };
  return totals;
}

// Bytes on the wire per request (headers and body, as chromium counts
// them: what DevTools shows as "transferred"), added up by kind.
function summarise(requests) {
  const totals = emptyTotals();
  for (const r of requests.values()) {
    if (r.url.startsWith("data:") || r.url.startsWith("blob:") || r.browserOwn) continue;
    const kind = kindOf(r.mime, r.type);
    totals[kind].requests += 1;
    totals[kind].bytes += r.bytes;
    totals.requests += 1;
    totals.bytes += r.bytes;
  }
  totals.firstLoad = totals.html.bytes + totals.css.bytes + totals.js.bytes + totals.font.bytes;
  return totals;
}

// Waits until no request has been in flight for 500 ms (playwright's
// "networkidle" is reached once per page, so it cannot wait a second time,
// after scrolling).
async function quiet(page, network) {
  const start = Date.now();
  for (;;) {
    if (network.inFlight.size === 0 && Date.now() - network.lastEvent >= 500) return;
    if (Date.now() - start > 30000) {
      throw new Error(`the network never went quiet: ${[...network.inFlight.values()].join(", ")}`);
    }
    await page.waitForTimeout(50);
  }
}

// Scrolls to the bottom a screen at a time, giving lazy images a moment
// to start, then back to where the page grew to (it may grow as images
// get their height).
async function scrollToBottom(page) {
  for (let i = 0; i < 200; i++) {
    const done = await page.evaluate(() => {
      const before = window.scrollY;
      // "instant": the theme may ask for smooth scrolling, which would
      // leave scrollY unchanged until the animation runs.
      window.scrollBy({ top: window.innerHeight * 0.9, behavior: "instant" });
      return window.scrollY === before;
    });
    await page.waitForTimeout(60);
    if (done) break;
  }
  await page.evaluate(() =>
    window.scrollTo({ top: document.documentElement.scrollHeight, behavior: "instant" }),
  );
  await page.waitForTimeout(200);
}

async function measure(browser, origin, path, screen) {
  const context = await browser.newContext({
    viewport: screen.viewport,
    deviceScaleFactor: screen.deviceScaleFactor,
    isMobile: Boolean(screen.mobile),
    hasTouch: Boolean(screen.mobile),
    serviceWorkers: "block",
  });
  const offsite = [];
  const local = new URL(origin).host;
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === "http:" || url.protocol === "https:") && url.host !== local) {
      offsite.push(url.href);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const requests = new Map();
  const network = { inFlight: new Map(), lastEvent: Date.now() };
  const entry = (id) => {
    network.lastEvent = Date.now();
    if (!requests.has(id)) requests.set(id, { url: "", type: "", mime: "", bytes: 0, status: 0 });
    return requests.get(id);
  };
  const settled = (id) => network.inFlight.delete(id);
  cdp.on("Network.requestWillBeSent", (e) => {
    if (!e.request.url.startsWith("data:")) network.inFlight.set(e.requestId, e.request.url);
    // A redirect reuses the request id: keep the hop's bytes, count the
    // final response's kind.
    const r = entry(e.requestId);
    if (e.redirectResponse) r.bytes += e.redirectResponse.encodedDataLength || 0;
    r.url = e.request.url;
    r.type = e.type || r.type;
    // The browser asks for /favicon.ico by itself when a page names no
    // icon; it is not the page's weight (headless chromium cancels it).
    r.browserOwn = new URL(r.url).pathname === "/favicon.ico" && e.type === "Other";
  });
  cdp.on("Network.responseReceived", (e) => {
    const r = entry(e.requestId);
    r.mime = e.response.mimeType;
    r.status = e.response.status;
  });
  cdp.on("Network.dataReceived", (e) => {
    // chromium reports most of a response's bytes only when it finishes;
    // for one it cancels, the bytes handed to the page so far (the same on
    // the wire for media, which is never compressed).
    const r = entry(e.requestId);
    r.received = (r.received || 0) + Math.max(e.encodedDataLength, e.dataLength);
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = entry(e.requestId);
    r.bytes += e.encodedDataLength;
    r.finished = true;
    settled(e.requestId);
  });
  cdp.on("Network.loadingFailed", (e) => {
    // A cancelled request (a video the browser stopped reading) still
    // counts what arrived before it was cancelled.
    const r = entry(e.requestId);
    r.bytes += r.received || 0;
    r.failed = e.errorText;
    settled(e.requestId);
  });

  const response = await page.goto(origin + path, { waitUntil: "load" });
  if (!response || response.status() !== 200) {
    throw new Error(`${path}: HTTP ${response ? response.status() : "no response"}`);
  }
  await quiet(page, network);
  const firstScreen = summarise(requests);
  await scrollToBottom(page);
  await quiet(page, network);
  const scrolled = summarise(requests);
  const list = [...requests.values()]
    .filter((r) => !r.url.startsWith("data:"))
    .map((r) => ({
      path: r.url.startsWith(origin) ? r.url.slice(origin.length) : r.url,
      kind: kindOf(r.mime, r.type),
      status: r.status,
      bytes: r.bytes,
      ...(r.failed ? { failed: r.failed } : {}),
      ...(r.browserOwn ? { counted: false } : {}),
    }));
  await context.close();
  return { firstScreen, scrolled, requests: list, offsite };
}

const kib = (bytes) => (bytes / 1024).toFixed(1);

function printTable(path, results) {
  console.log(`\n${path}`);
  const head = ["screen", "state", ...KINDS, "first load", "total", "requests"];
  const rows = [];
  for (const { screen, firstScreen, scrolled } of results) {
    for (const [state, t] of [["first screen", firstScreen], ["scrolled", scrolled]]) {
      rows.push([
        screen.name,
        state,
        ...KINDS.map((k) => kib(t[k].bytes)),
        kib(t.firstLoad),
        kib(t.bytes),
        String(t.requests),
      ]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(head));
  for (const row of rows) console.log(line(row));
}

function budgets() {
  const read = (name) => {
    const value = process.env[name];
    if (value === undefined || value === "") return null;
    const number = Number(value);
    if (!Number.isFinite(number) || number < 0) {
      console.error(`budget: ${name}=${value} is not a number of KiB (or requests)`);
      process.exit(2);
    }
    return number;
  };
  return [
    ["BUDGET_FIRST_LOAD_KB", read("BUDGET_FIRST_LOAD_KB"), (t) => t.firstLoad / 1024, "KiB of HTML, CSS, JS and fonts"],
    ["BUDGET_IMAGE_KB", read("BUDGET_IMAGE_KB"), (t) => t.image.bytes / 1024, "KiB of images"],
    ["BUDGET_TOTAL_KB", read("BUDGET_TOTAL_KB"), (t) => t.bytes / 1024, "KiB in all"],
    ["BUDGET_REQUESTS", read("BUDGET_REQUESTS"), (t) => t.requests, "requests"],
  ].filter(([, limit]) => limit !== null);
}

const [root, ...given] = process.argv.slice(2);
if (!root) {
  console.error("usage: node budget.mjs SITE_OUTPUT_DIR [PAGE_PATH...]");
  process.exit(2);
}
const paths = given.length ? given : DEFAULT_PAGES;
const limits = budgets();
const server = await serve(resolve(root));
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: CHROMIUM_ARGS,
});
const problems = [];
const report = [];
try {
  console.log("KiB on the wire (gzip for text; headers included), empty cache;");
  console.log("first load = HTML + CSS + JS + fonts.");
  for (const path of paths) {
    const results = [];
    for (const screen of SCREENS) {
      const result = await measure(browser, server.origin, path, screen);
      results.push({ screen, ...result });
      for (const url of result.offsite) problems.push(`${path} (${screen.name}): request to another host: ${url}`);
      for (const r of result.requests) {
        if (r.status >= 400) problems.push(`${path} (${screen.name}): ${r.path} answered ${r.status}`);
      }
      if (screen.budget) {
        for (const [name, limit, value, what] of limits) {
          const v = value(result.scrolled);
          if (v > limit) problems.push(`${path}: ${v.toFixed(1)} ${what} at ${screen.name}, over ${name}=${limit}`);
        }
      }
    }
    printTable(path, results);
    if (process.env.BUDGET_VERBOSE) {
      for (const { screen, requests } of results) {
        console.log(`  requests at ${screen.name}:`);
        for (const r of requests) {
          console.log(`    ${r.kind.padEnd(5)} ${String(r.status).padStart(3)} ${kib(r.bytes).padStart(7)}  ${r.path}${r.failed ? ` (${r.failed})` : ""}${r.counted === false ? " (the browser's own, not counted)" : ""}`);
        }
      }
    }
    report.push({
      path,
      screens: results.map(({ screen, firstScreen, scrolled, requests }) => ({
        screen: screen.name,
        viewport: screen.viewport,
        deviceScaleFactor: screen.deviceScaleFactor,
        firstScreen,
        scrolled,
        requests,
      })),
    });
  }
} finally {
  await browser.close();
  await server.close();
}
if (process.env.BUDGET_JSON) writeFileSync(process.env.BUDGET_JSON, JSON.stringify(report, null, 2) + "\n");
if (limits.length) {
  console.log(`\nbudgets at 390 dpr1, page scrolled: ${limits.map(([n, l]) => `${n}=${l}`).join(", ")}`);
}
for (const p of problems) console.error(`budget: ${p}`);
console.log(problems.length ? `${problems.length} problem(s)` : "ok: no request left 127.0.0.1, every budget met");
process.exit(problems.length ? 1 : 0);
