// What the browser scripts share: a static file server for a built site
// (counting the bytes it sends; the search scripts) and Debian's chromium,
// started fresh with a throwaway profile (every script). CHROMIUM_PATH or
// CHROMIUM names another browser binary.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { tmpdir } from "node:os";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
};

// Serves `root` on 127.0.0.1 (a free port). `server.sent` lists every
// response as { path, bytes }, including the search worker's requests.
export async function serve(root) {
  const sent = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const body = readFileSync(file);
      response.writeHead(200, {
        "content-type": TYPES[extname(file)] || "application/octet-stream",
        "content-length": body.length,
        "cache-control": "no-store",
      });
      response.end(body);
      sent.push({ path, bytes: body.length });
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, sent, close: () => new Promise((r) => server.close(r)) };
}

// Debian's Chromium, and the flags every browser test starts it with (no
// sandbox as root, and no background connections this closed network refuses).
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || process.env.CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

// A fresh headless chromium profile; `options` go to the browser context.
export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "pamphlet-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
