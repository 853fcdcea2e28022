// The Nu HTML Checker (the validator behind validator.w3.org/nu) over every
// HTML page of the built sites named on the command line. Any error fails;
// a warning fails unless its kind is in ACCEPTED below, each with the reason
// we accept it. Run: node vnu.mjs <built site folder>...
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";

// The jar the npm package vnu-jar carries (its version is pinned in package.json).
const vnu = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");
const version = createRequire(import.meta.url)("vnu-jar/package.json").version;

// Warnings we accept, each with why. Matched against the checker's message.
const ACCEPTED = [
  // None yet: every kind of warning the checker gives is fixed in the theme
  // or the renderer. A new kind fails the run until it is fixed or listed
  // here with a one-line reason.
];

const sites = process.argv.slice(2).map((dir) => resolve(dir));
if (sites.length === 0) {
  console.error("usage: node vnu.mjs <built site folder>...");
  process.exit(2);
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

const files = sites.flatMap(htmlFiles);
if (files.length === 0) {
  console.error("no HTML pages found in", sites.join(", "));
  process.exit(1);
}
execFileSync("java", ["-version"], { stdio: "ignore" });
// A page with a known error goes first: if the checker stops reporting it,
// the run is broken, not clean.
const canary = join(mkdtempSync(join(tmpdir(), "vnu-")), "canary.html");
writeFileSync(canary, '<!DOCTYPE html><html lang="en"><title>x</title><p id="a b">x</p></html>');
// One Java process for every page (starting the checker costs seconds).
const run = spawnSync(
  "java",
  ["-Xss16m", "-jar", vnu, "--format", "json", "--exit-zero-always", canary, ...files],
  { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 },
);
if (run.status !== 0 || !run.stderr.trim().startsWith("{")) {
  console.error("the checker did not run:", run.error ?? run.stderr.slice(0, 2000));
  process.exit(1);
}
const { messages } = JSON.parse(run.stderr);

const short = (url) => {
  const path = decodeURIComponent(url.replace(/^file:/, ""));
  const site = sites.find((s) => path.startsWith(s));
  return site ? `${site.split("/").pop()}${path.slice(site.length)}` : path;
};
const canaryUrl = (m) => (m.url ?? "").endsWith("/canary.html");
if (!messages.some((m) => canaryUrl(m) && m.type === "error")) {
  console.error("the checker did not report the canary page's error: is it running?");
  process.exit(1);
}
const failures = [];
const accepted = new Map();
let errors = 0;
for (const m of messages) {
  if (canaryUrl(m)) continue;
  const where = `${short(m.url ?? "")}:${m.lastLine ?? "?"}:${m.firstColumn ?? m.lastColumn ?? "?"}`;
  const isWarning = m.type === "info" && m.subType === "warning";
  if (m.type === "info" && !isWarning) continue;
  if (isWarning) {
    const rule = ACCEPTED.find((a) => a.pattern.test(m.message));
    if (rule) {
      accepted.set(rule.reason, (accepted.get(rule.reason) ?? 0) + 1);
      continue;
    }
  } else {
    errors += 1;
  }
  failures.push(`${isWarning ? "warning" : "error"} ${where}: ${m.message}\n    ${(m.extract ?? "").replace(/\n/g, " ")}`);
}

console.log(`vnu ${version}: ${files.length} pages in ${sites.length} sites`);
for (const [reason, count] of accepted) console.log(`  accepted ${count}× (${reason})`);
if (failures.length) {
  // The same message on many pages is one fix: show each kind a few times.
  const seen = new Map();
  for (const f of failures) {
    const kind = f.replace(/^(\w+) [^:]+:\d+:[^:]*: /, "$1 ").split("\n")[0];
    const n = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, n);
    if (n <= 3) console.log(f);
  }
  for (const [kind, n] of seen) if (n > 3) console.log(`  … ${kind}: ${n} in all`);
  console.log(`FAIL: ${errors} errors, ${failures.length - errors} warnings not accepted`);
  process.exit(1);
}
console.log("ok: 0 errors, 0 warnings not accepted");
