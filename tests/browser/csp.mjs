// The default theme works under the strict Content-Security-Policy that
// Pamphlet writes into `_headers`.
//
//   node csp.mjs SITE_OUTPUT_DIR
//
// Serves the folder on 127.0.0.1 sending the headers `_headers` lists for
// `/*`, opens every HTML page in Debian's chromium (through playwright-core)
// and fails on any CSP violation the browser reports (a blocked script,
// style, font, image or worker), on any request to another host, and on
// any stylesheet, script or font loaded by a name `_headers` does not
// cache as fingerprinted. It
// also runs a search on the search page, so the search code and its
// WebAssembly are checked under the policy. Last line: "N passed, M failed".

import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join, relative, resolve, sep } from "node:path";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const MIME = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
  ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp",
  ".woff2": "font/woff2", ".txt": "text/plain; charset=utf-8",
};

const root = resolve(process.argv[2] || "");
if (!process.argv[2] || !statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
  console.error("usage: node csp.mjs SITE_OUTPUT_DIR");
  process.exit(2);
}

// Headers from _headers, for the `/*` block; the other blocks each give one
// fingerprinted theme file long caching, and are collected to check that
// pages load only those names (and fonts, through the stylesheet's urls).
const headers = {};
const immutable = new Set();
let block = null;
for (const line of readFileSync(join(root, "_headers"), "utf8").split("\n")) {
  if (line.startsWith("#") || !line.trim()) continue;
  if (!line.startsWith(" ")) { block = line.trim(); continue; }
  const at = line.indexOf(":");
  const [name, value] = [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  if (block === "/*") headers[name] = value;
  else if (name === "Cache-Control" && value.includes("immutable")) immutable.add(block);
}
if (!headers["Content-Security-Policy"]) {
  console.error("csp: _headers has no Content-Security-Policy");
  process.exit(1);
}
// `upgrade-insecure-requests` would send the local http server's subresources to https.
headers["Content-Security-Policy"] = headers["Content-Security-Policy"].replace(/;\s*upgrade-insecure-requests/, "");

function htmlPages(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...htmlPages(full));
    else if (name.endsWith(".html")) out.push(relative(root, full).split(sep).join("/"));
  }
  return out.sort();
}

const server = createServer((req, res) => {
  let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (path.endsWith("/")) path += "index.html";
  const file = join(root, path);
  if (!file.startsWith(root) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
    res.writeHead(404, headers);
    return res.end("not found");
  }
  res.writeHead(200, { ...headers, "Content-Type": MIME[extname(file)] || "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic"],
});
let passed = 0;
let failed = 0;
try {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile || ""}:${e.lineNumber || ""})`));
  });
  const foreign = [];
  const plain = [];
  context.on("request", (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) foreign.push(r.url());
    const path = r.url().startsWith(origin) ? new URL(r.url()).pathname : "";
    if (/\.(css|js|woff2)$/.test(path) && !immutable.has(path)) plain.push(path);
  });
  const page = await context.newPage();
  for (const path of htmlPages(root)) {
    await page.goto(`${origin}/${path}`, { waitUntil: "load" });
    await page.waitForTimeout(50);
    if (path.endsWith("search/index.html")) {
      const box = page.locator("main input[type=search]").first();
      if (await box.count()) {
        await box.fill("health");
        await page.waitForTimeout(800);
      }
    }
    const violations = await page.evaluate(() => window.__violations);
    const problems = [
      ...violations,
      ...foreign.splice(0).map((u) => `request to another host: ${u}`),
      ...plain.splice(0).map((p) => `${p} loaded by a name _headers does not cache as fingerprinted`),
    ];
    if (problems.length) {
      failed++;
      console.log(`FAIL ${path}\n  ${problems.join("\n  ")}`);
    } else {
      passed++;
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`csp: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
