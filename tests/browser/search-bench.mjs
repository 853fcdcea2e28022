// Measures site search on a built site in headless chromium: the bytes a
// browser downloads to answer its first query, and how long queries take.
//
//   node search-bench.mjs SITE_DIR [LANGUAGE] [FIRST_QUERY]
//
// Bytes are counted by the local server (every response); files are served
// as they are written, uncompressed.
// Prints one line per figure, then a JSON summary.
import { launch, serve } from "./search-support.mjs";

const [site, language = "en", firstQuery = "cholesterol"] = process.argv.slice(2);
if (!site) {
  console.error("usage: node search-bench.mjs SITE_DIR [LANGUAGE] [FIRST_QUERY]");
  process.exit(2);
}
const warmQueries = {
  en: ["blood pressure", "diabetes", "sleep", "doctor", "exercise", "vaccine", "asthma", "pregnancy", "medicine", "heart"],
  es: ["presión", "diabetes", "sueño", "médico", "ejercicio", "vacuna", "asma", "embarazo", "medicamento", "corazón"],
  ar: ["ضغط", "السكري", "النوم", "الطبيب", "الرياضة", "اللقاح", "الربو", "الحمل", "الدواء", "القلب"],
}[language];

const sum = (list) => list.reduce((total, r) => total + r.bytes, 0);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const server = await serve(site);
const browser = await launch();
try {
  const page = await browser.context.newPage();
  const started = performance.now();
  await page.goto(`${server.origin}/${language}/search/?q=${encodeURIComponent(firstQuery)}`);
  await page.waitForFunction(
    () => ["done", "error"].includes(document.querySelector("form.search-page")?.dataset.state),
    null,
    { timeout: 60000 },
  );
  const firstWall = performance.now() - started;
  const form = page.locator("form.search-page");
  const state = await form.getAttribute("data-state");
  const firstResults = await form.locator(".search-result").count();
  const firstMs = Number(await form.getAttribute("data-ms"));
  const first = [...server.sent];
  const search = first.filter((r) => r.path.startsWith("/search-index/") || /^\/js\/search(\.[0-9a-f]{10})?\.js$/.test(r.path));
  const index = search.filter((r) => r.path.startsWith("/search-index/"));

  // Submits each query (no typing delay) and reads the time search.js
  // measured from the query to the results on screen.
  async function timeQueries(queries) {
    const times = [];
    for (const query of queries) {
      await page.evaluate(() => { document.querySelector("form.search-page").dataset.state = ""; });
      await form.locator("input").fill(query);
      await form.locator("input").press("Enter");
      await page.waitForFunction(
        () => document.querySelector("form.search-page")?.dataset.state === "done",
        null,
        { timeout: 30000 },
      );
      times.push(Number(await form.getAttribute("data-ms")));
    }
    return times;
  }
  const uiTimes = await timeQueries(warmQueries);
  // The same queries again: their index files are cached by the page now,
  // so this is the ranking alone plus drawing the results.
  const rawTimes = await timeQueries(warmQueries);

  const summary = {
    site,
    language,
    first_query: firstQuery,
    first_query_state: state,
    first_query_results: firstResults,
    first_query_bytes_total: sum(first),
    first_query_bytes_search: sum(search),
    first_query_bytes_index: sum(index),
    first_query_requests: first.length,
    first_query_ms_in_page: firstMs,
    first_query_ms_wall_with_page_load: Math.round(firstWall),
    warm_query_ms_ui_median: median(uiTimes),
    warm_query_ms_ui_max: Math.max(...uiTimes),
    warm_query_ms_search_median: Number(median(rawTimes).toFixed(1)),
    warm_query_ms_search_max: Number(Math.max(...rawTimes).toFixed(1)),
  };
  console.log(`first query "${firstQuery}" (${language}): ${firstResults} results shown, state ${state}`);
  console.log(`  downloaded, whole page and search: ${kb(summary.first_query_bytes_total)} in ${first.length} requests`);
  console.log(`  of which search code and index: ${kb(summary.first_query_bytes_search)}`);
  console.log(`  of which index files (meta, terms, page records): ${kb(summary.first_query_bytes_index)}`);
  console.log(`  time in page (query to results, cold): ${firstMs} ms`);
  console.log(`warm queries (${warmQueries.length}): results on screen median ${summary.warm_query_ms_ui_median} ms, max ${summary.warm_query_ms_ui_max} ms`);
  console.log(`  again with their index files cached: median ${summary.warm_query_ms_search_median} ms, max ${summary.warm_query_ms_search_max} ms`);
  for (const r of first) console.log(`  ${String(r.bytes).padStart(8)}  ${r.path}`);
  console.log(JSON.stringify(summary));
} finally {
  await browser.close();
  await server.close();
}
