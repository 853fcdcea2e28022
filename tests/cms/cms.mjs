// The web editor for real: Decap CMS with the configuration `pamphlet cms`
// writes, saving through its local Git backend proxy (decap-server), driven
// in Debian's chromium by playwright-core.
//
//   node cms.mjs PAMPHLET_BINARY FIXTURE_SITE [SCREENSHOT_DIR]
//
// Copies the fixture site to a temporary folder, runs `pamphlet cms` there,
// puts Decap's script beside the admin page as docs/cms.md says, builds
// the site and serves the output with the headers its `_headers` file gives
// each path (the `/admin/` policy included). Then, through the forms:
//
//   1. creates an English article with a reviewer, a citation cited in the
//      text, and its Spanish translation, saves both, builds the site with
//      Pamphlet (0 errors) and finds the reviewer and the numbered reference
//      on both pages;
//   2. edits an existing article's summary and checks that what the forms
//      do not show (`extra:`) and the fields not touched are kept.
//
// Fails on any page error or Content-Security-Policy violation in the
// editor. Screenshots of the steps go to SCREENSHOT_DIR (docs/cms.md uses
// them). Last line: "N passed, M failed".

import { chromium } from "playwright-core";
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import {
  cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [binary, fixture, shots] = process.argv.slice(2).map((a) => resolve(a));
if (!binary || !fixture) {
  console.error("usage: node cms.mjs PAMPHLET_BINARY FIXTURE_SITE [SCREENSHOT_DIR]");
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// decap-server's port: Decap looks for its local backend there.
const BACKEND_PORT = 8081;
const TODAY = "2026-11-30";

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
}

const work = mkdtempSync(join(tmpdir(), "pamphlet-cms-"));
const site = join(work, "site");
const out = join(work, "public");
cpSync(fixture, site, { recursive: true });

function pamphlet(...args) {
  const run = spawnSync(binary, [...args, "--root", site], { encoding: "utf8" });
  return { code: run.status, text: `${run.stdout}${run.stderr}` };
}

// The setup of docs/cms.md: `pamphlet cms`, then Decap's files beside it.
const cms = pamphlet("cms");
check(cms.code === 0, `pamphlet cms: ${cms.text.trim().split("\n").pop()}`);
const dist = join(here, "node_modules/decap-cms/dist");
for (const name of readdirSync(dist)) {
  if (name.endsWith("decap-cms.js") || name.endsWith(".wasm")) {
    cpSync(join(dist, name), join(site, "static/admin", name));
  }
}

function build() {
  rmSync(out, { recursive: true, force: true });
  return pamphlet("build", "--output", out, "--today", TODAY);
}
const first = build();
check(first.code === 0, "the site builds before editing");

// `_headers` as Netlify reads it: every rule whose path matches, the last
// one's value winning for a header both give.
function headerRules() {
  const rules = [];
  for (const line of readFileSync(join(out, "_headers"), "utf8").split("\n")) {
    if (line.startsWith("/")) rules.push({ path: line.trim(), headers: {} });
    else if (line.startsWith("  ") && rules.length) {
      const at = line.indexOf(":");
      rules.at(-1).headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return rules;
}
const rules = headerRules();
check(rules.some((r) => r.path === "/admin/*"), "_headers gives /admin/ a policy of its own");
const matches = (rule, path) =>
  rule.endsWith("*") ? path.startsWith(rule.slice(0, -1)) : path === rule;
const MIME = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".yml": "text/yaml; charset=utf-8",
  ".wasm": "application/wasm", ".json": "application/json", ".svg": "image/svg+xml",
  ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp", ".woff2": "font/woff2",
};
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
  let file = resolve(join(out, path));
  if (!file.startsWith(out)) {
    res.writeHead(403).end();
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  const headers = { "content-type": MIME[extname(file)] || "application/octet-stream" };
  for (const rule of rules) if (matches(rule.path, path)) Object.assign(headers, rule.headers);
  res.writeHead(200, headers).end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

// The local Git backend proxy, writing into the site's folder.
const proxy = spawn(join(here, "node_modules/.bin/decap-server"), [], {
  cwd: site, env: { ...process.env, PORT: String(BACKEND_PORT) }, stdio: ["ignore", "pipe", "pipe"],
});
let proxyLog = "";
proxy.stdout.on("data", (d) => { proxyLog += d; });
proxy.stderr.on("data", (d) => { proxyLog += d; });
for (let i = 0; i < 100 && !proxyLog.includes("listening"); i++) {
  await new Promise((ok) => setTimeout(ok, 100));
}
check(proxyLog.includes("listening"), "decap-server listens");

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const problems = [];
page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
page.on("console", (m) => {
  if (m.type() === "error" && /Content.Security.Policy/i.test(m.text())) problems.push(m.text());
});
page.on("request", (r) => {
  const url = new URL(r.url());
  if (!["127.0.0.1", "localhost"].includes(url.hostname) && !["data:", "blob:"].includes(url.protocol)) {
    problems.push(`request to another host: ${r.url()}`);
  }
});
const shot = async (name) => {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`) });
};

// Opens one of the editor's views afresh (a hash change alone can leave
// the previous form on screen).
async function open(view) {
  await page.goto(`${origin}/admin/#/${view}`);
  await page.reload();
  await page.getByLabel("Title", { exact: true }).waitFor();
}

// A form field by its label.
const field = (scope, label) => scope.getByLabel(label, { exact: true });
async function typeBody(text) {
  const body = page.locator('[aria-label="markdown field"] [contenteditable="true"]').first();
  await body.click();
  await page.keyboard.type(text);
}
// Publishes the open entry and waits until decap-server has written
// `file` (new, or other than `before`).
async function publish(file, before = null) {
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByText("Publish now", { exact: true }).click();
  const written = () => existsSync(file) && readFileSync(file, "utf8") !== before;
  for (let i = 0; i < 150 && !written(); i++) await new Promise((ok) => setTimeout(ok, 100));
}
// Adds an item to a list of small forms. (The article's form has one item
// open at a time here, so the item's labels are unique on the page.)
async function addListItem(list) {
  await page.getByRole("button", { name: `Add ${list}`, exact: true }).click();
  return page;
}

try {
  await page.goto(`${origin}/admin/`);
  await page.getByRole("button", { name: "Login" }).click();
  await page.getByRole("link", { name: "Heart (English)" }).first().waitFor();
  await shot("1-collections");
  check(
    await page.getByRole("link", { name: "Corazón (Español)" }).count() > 0,
    "each language has its own list of a section's articles",
  );

  // 1. A new article, with a reviewer and a cited source.
  await open("collections/section-heart/new");
  await field(page, "Title").fill("Washing your hands");
  await field(page, "Summary").fill("How and when to wash your hands to stop germs from spreading.");
  await field(page, "Date").fill("2026-11-20");
  const reviewers = await addListItem("reviewers");
  await field(reviewers, "Name (optional)").fill("Dr. Demo Nurse");
  await field(reviewers, "Credentials (optional)").fill("RN");
  await field(reviewers, "Date (optional)").fill("2026-11-25");
  const citations = await addListItem("citations");
  await field(citations, "Id").fill("cdc-handwashing");
  await field(citations, "Title (optional)").fill("About handwashing");
  await field(citations, "Container (optional)").fill("Centers for Disease Control and Prevention");
  await field(citations, "Year (optional)").fill("2024");
  await field(citations, "Url (optional)").fill("https://www.cdc.gov/clean-hands/about/index.html");
  await typeBody("Wash your hands with soap and water for at least 20 seconds [@cdc-handwashing].");
  await shot("2-new-article");
  const english = join(site, "content/en/heart/washing-your-hands.md");
  await publish(english);
  check(existsSync(english), "the article is saved as content/en/heart/washing-your-hands.md");

  // Its Spanish translation: only the words, and which article it translates.
  await open("collections/section-heart-es/new");
  await field(page, "Title").fill("Lavarse las manos");
  await field(page, "Summary").fill("Cómo y cuándo lavarse las manos para que los gérmenes no se propaguen.");
  await page.locator('[id^="translation_key-field"]').click();
  await page.keyboard.type("Washing");
  await page.getByText("Washing your hands", { exact: true }).last().click();
  await shot("3-translation");
  await typeBody("Lávese las manos con agua y jabón durante al menos 20 segundos [@cdc-handwashing].");
  check(await field(page, "Reviewers (optional)").count() === 0, "a translation's form leaves out what it inherits");
  const spanish = join(site, "content/es/heart/lavarse-las-manos.md");
  await publish(spanish);
  check(existsSync(spanish), "the translation is saved as content/es/heart/lavarse-las-manos.md");
  if (existsSync(spanish)) {
    check(/translation_key: washing-your-hands/.test(readFileSync(spanish, "utf8")), "the translation names its source");
  }

  // What the editor wrote, for the log.
  for (const file of [english, spanish]) console.log(`---- ${file.slice(site.length + 1)}\n${readFileSync(file, "utf8")}`);
  const built = build();
  const summary = built.text.trim().split("\n").pop();
  check(built.code === 0 && /\(0 errors/.test(summary), `Pamphlet builds the edited site: ${summary}`);
  for (const [lang, slug] of [["en", "washing-your-hands"], ["es", "lavarse-las-manos"]]) {
    const file = join(out, lang, "heart", slug, "index.html");
    const html = existsSync(file) ? readFileSync(file, "utf8") : "";
    check(html.includes("Dr. Demo Nurse, RN"), `${lang}: the page names the reviewer`);
    check(/<sup class="citation"><a href="#ref-1"/.test(html) && html.includes('<li id="ref-1">'),
      `${lang}: the text cites reference 1, listed under the references`);
  }

  // 2. An existing article: a change in the form keeps what it does not show.
  const salt = join(site, "content/en/heart/salt.md");
  const before = readFileSync(salt, "utf8");
  await open("collections/section-heart/entries/salt");
  const summaryField = field(page, "Summary");
  await summaryField.fill("Why less salt helps your blood pressure, and three easy ways to eat less.");
  await shot("4-edit");
  await publish(salt, before);
  const after = readFileSync(salt, "utf8");
  check(after !== before && after.includes("three easy ways"), "the edit is saved");
  check(/extra:\s*\n\s+leaflet_code: RH-014/.test(after), "a field the form does not show (extra) is kept");
  for (const kept of ["Dr. Demo Cardiologist", "id: who-salt", "[@who-salt]", "## Easy ways to eat less salt"]) {
    check(after.includes(kept), `kept: ${kept}`);
  }
  const rebuilt = build();
  check(rebuilt.code === 0, "the site still builds after the edit");
} catch (error) {
  check(false, `the editor could be driven: ${error.message.split("\n").slice(0, 3).join(" / ")}`);
  await shot("failure");
} finally {
  for (const problem of [...new Set(problems)]) check(false, problem.slice(0, 300));
  await browser.close();
  server.close();
  proxy.kill();
  rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
