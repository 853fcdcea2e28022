// Site search in a real browser: finds articles by title, alias and a body
// word in English, Spanish and Arabic, finds nothing for a nonsense word or
// for pages kept out of the index, and falls back to the A–Z index without
// JavaScript.
//
//   node search.mjs SITE_DIR     (a build of tests/fixtures/sites/search
//                                 with --today 2026-06-01)
import { launch, serve } from "./search-support.mjs";

const site = process.argv[2];
if (!site) {
  console.error("usage: node search.mjs SITE_DIR");
  process.exit(2);
}

const cases = [
  // [language, query, what it matches, expected first result]
  ["en", "fever", "title", "/en/infections/fever/"],
  ["en", "hypertension", "alias", "/en/heart/high-blood-pressure/"],
  ["en", "potassium", "body word", "/en/heart/high-blood-pressure/"],
  ["en", "nosebleed", "title, by its beginning", "/en/infections/nosebleeds/"],
  ["en", "fevers", "title, plural of it", "/en/infections/fever/"],
  ["en", "blood high", "two words in any order", "/en/heart/high-blood-pressure/"],
  ["en", "HYPERTENSION", "alias, in capitals", "/en/heart/high-blood-pressure/"],
  ["es", "fiebre", "title", "/es/infections/fever/"],
  ["es", "hipertensión", "alias", "/es/heart/high-blood-pressure/"],
  ["es", "potasio", "body word", "/es/heart/high-blood-pressure/"],
  ["ar", "الحمى", "title", "/ar/infections/fever/"],
  ["ar", "السخونة", "alias", "/ar/infections/fever/"],
  ["ar", "البوتاسيوم", "body word", "/ar/heart/high-blood-pressure/"],
];
const nothing = [
  ["en", "xqzvwplk", "a nonsense word"],
  ["es", "xqzvwplk", "a nonsense word"],
  ["ar", "ثقخصضطظ", "a nonsense word"],
  ["en", "fever xqzvwplk", "one known and one nonsense word"],
  ["en", "quokka", "a word only in a draft"],
  ["en", "wombat", "a word only in a search: false page"],
  ["en", "neighbours", "a word only in an expired alert"],
];

let passed = 0;
let failed = 0;
function check(ok, name, detail = "") {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ""}`);
  }
}

const server = await serve(site);
const browser = await launch();
const page = await browser.context.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));

// The search page answers ?q= from its address.
async function searchPage(language, query) {
  await page.goto(`${server.origin}/${language}/search/?q=${encodeURIComponent(query)}`);
  const form = page.locator("form.search-page");
  await page.waitForFunction(
    () => ["done", "error"].includes(document.querySelector("form.search-page")?.dataset.state),
    null,
    { timeout: 15000 },
  );
  return {
    urls: await form.locator(".search-result").evaluateAll((items) => items.map((i) => i.dataset.url)),
    status: (await form.locator(".search-status").textContent()).trim(),
    input: await form.locator("input").inputValue(),
  };
}

try {
  for (const [language, query, what, expected] of cases) {
    const found = await searchPage(language, query);
    check(
      found.urls[0] === expected,
      `${language}: "${query}" (${what}) finds ${expected} first`,
      JSON.stringify(found.urls),
    );
  }
  for (const [language, query, what] of nothing) {
    const found = await searchPage(language, query);
    check(found.urls.length === 0, `${language}: ${what} finds nothing`, JSON.stringify(found.urls));
    if (what === "a nonsense word") {
      check(found.status.includes(query), `${language}: the status says no results for "${query}"`, found.status);
    }
  }
  const shared = await searchPage("es", "fiebre");
  check(shared.input === "fiebre", "the search page fills its box from ?q=", shared.input);
  check(/1/.test(shared.status) && shared.status.includes("fiebre"), "the status counts the results", shared.status);

  // Title and alias matches come before pages that only mention the word.
  const ranked = await searchPage("en", "high");
  check(
    ranked.urls.length >= 2 &&
      ranked.urls.slice(0, 2).sort().join() === "/en/heart/high-blood-pressure/,/en/infections/fever/",
    'en: "high" lists the title and alias matches first',
    JSON.stringify(ranked.urls),
  );

  // The search box of every page: results as you type, announced, keyboard operable.
  await page.goto(`${server.origin}/ar/`);
  const box = page.locator("form.search-box");
  check((await box.getAttribute("action")) === "/ar/search/", "with JavaScript the box submits to the search page");
  await box.locator("input").fill("الحمى");
  await page.waitForFunction(() => document.querySelector("form.search-box")?.dataset.state === "done");
  const boxUrls = await box.locator(".search-result").evaluateAll((items) => items.map((i) => i.dataset.url));
  check(boxUrls[0] === "/ar/infections/fever/", "ar: the search box shows results as you type", JSON.stringify(boxUrls));
  const announced = (await box.locator("[role=status][aria-live=polite]").textContent()).trim();
  check(announced.includes("الحمى"), "the number of results is announced in a live region", announced);
  await box.locator("input").press("ArrowDown");
  const focused = await page.evaluate(() => document.activeElement?.getAttribute("href"));
  check(focused === "/ar/infections/fever/", "ArrowDown moves to the first result", String(focused));
  await page.keyboard.press("Escape");
  check(await box.locator(".search-results").isHidden(), "Escape closes the results");
  const backInInput = await page.evaluate(() => document.activeElement?.id);
  check(backInInput === "search-box-q", "Escape returns to the search input", String(backInInput));
  await box.locator("input").press("Enter");
  await page.waitForURL(/\/ar\/search\/\?q=/);
  check(true, "Enter opens the search page with the query");
  check(errors.length === 0, "no script errors", errors.join("; "));
} finally {
  await browser.close();
}

// Without JavaScript the search box opens the A–Z index.
const noScript = await launch({ javaScriptEnabled: false });
try {
  const page = await noScript.context.newPage();
  await page.goto(`${server.origin}/en/`);
  await page.locator("form.search-box input").fill("fever");
  await page.locator("form.search-box input").press("Enter");
  await page.waitForURL(/\/en\/a-z\//);
  const heading = (await page.locator("h1").textContent()).trim();
  check(heading === "Health topics A to Z", "without JavaScript the search box opens the A–Z page", heading);
  await page.goto(`${server.origin}/en/search/?q=fever`);
  const link = await page.locator("noscript").count();
  check(link === 1, "without JavaScript the search page points to the A–Z index");
} finally {
  await noScript.close();
  await server.close();
}

console.log(`search: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
