// The handbook's service worker: the procedure readable with no network, and the calculators
// too once one of their pages has been opened. The build (encours/offline.py) writes this file
// to the site's root as `encours-sw.js`, after one line that sets `self.ENCOURS_OFFLINE`:
//   version   this build: the policy's content hash and every cached file's own hash, so that a
//             new build (a policy change above all) changes this file's bytes;
//   languages {prefix ("" or "en/"): [the paths of that handbook's pages and assets]};
//   runtime   {digest, folders}: the Pyodide runtime and calculators bundle, never precached.
//
// - A handbook's pages and assets are cached when a page of that language is first opened
//   (install, or a page's {type: "language"} message), all at once, in this version's cache,
//   and served from it first: what a reader sees offline is one build, never a mix.
// - The runtime is cached by request URL as a calculator page fetches it (whatever its files
//   are: .gz variants, snapshots), or when such a page, opened before this worker was in
//   control, sends the URLs it loaded ({type: "runtime", urls}). Kept across builds while the
//   runtime's digest is the same.
// - A newer build installs beside this one and waits: the pages say so (encours-offline.js)
//   and the reader's "show the new version" sends {type: "skip-waiting"}; then the older
//   version's caches are deleted.
// - Where the browser has static routes (Chromium 123+), it serves what these caches hold
//   itself, without running this script (see staticRoutes); elsewhere the fetch handler does.

const { version, languages, runtime } = self.ENCOURS_OFFLINE;
const PAGES = `encours-sw-pages-${version}`;
const RUNTIME = `encours-sw-runtime-${runtime.digest}`;
const SCOPE = new URL("./", self.location.href).href; // the site's root, where this file is
const PREFIXES = Object.keys(languages);
const MANIFEST = new Set(Object.values(languages).flat());
const PARALLEL = 4;

/** The path of `url` from the site's root (no query), or null outside the site. */
function relative(url) {
  const { origin, pathname } = new URL(url);
  const path = origin + pathname;
  return path.startsWith(SCOPE) ? path.slice(SCOPE.length) : null;
}

/** The handbook a path belongs to: the longest language prefix it starts with ("" the first). */
function languageOf(path) {
  let found = "";
  for (const prefix of PREFIXES) {
    if (prefix && path.startsWith(prefix) && prefix.length > found.length) found = prefix;
  }
  return found;
}

const isRuntime = (path) => runtime.folders.some((folder) => path.startsWith(folder));
const cacheable = (response) => response.status === 200 && response.type === "basic"
  && !response.redirected;

async function inParallel(items, task) {
  const queue = [...items];
  const run = async () => {
    while (queue.length) await task(queue.shift());
  };
  await Promise.all(Array.from({ length: PARALLEL }, run));
}

/** Every page and asset of one language's handbook into this version's cache. */
async function cacheLanguage(prefix) {
  if (!(prefix in languages)) return;
  const cache = await caches.open(PAGES);
  const missing = [];
  for (const path of languages[prefix]) {
    if (!(await cache.match(SCOPE + path))) missing.push(path);
  }
  await inParallel(missing, async (path) => {
    const response = await fetch(SCOPE + path, { cache: "no-cache" });
    if (!cacheable(response)) throw new Error(`${path}: HTTP ${response.status}`);
    await cache.put(SCOPE + path, response);
  });
}

/** The runtime files a page loaded before this worker controlled it (same URLs, from the
 * browser's HTTP cache when it still has them). */
async function keepRuntime(urls) {
  const cache = await caches.open(RUNTIME);
  for (const url of urls) {
    const path = relative(url);
    if (path === null || !isRuntime(path) || await cache.match(url)) continue;
    const response = await fetch(url);
    if (cacheable(response)) await cache.put(url, response);
  }
}

/**
 * The same answers as the fetch handler, given by the browser from this version's caches without
 * starting or running this script (the service worker static routing API): on a page's start,
 * every file the page and the calculators' worker fetch no longer waits its turn in this
 * script's queue. A GET without a query string under the site's root: from the runtime's cache
 * in the runtime's folders, from this version's handbook elsewhere; what the cache does not hold
 * goes to the network, as the fetch handler would send it (the runtime then reaches the cache
 * through the page's {type: "runtime"} message). A URL with a query string (a calculator's
 * shareable link) still reaches the fetch handler, which looks pages up without it.
 */
function staticRoutes() {
  const under = (path) => new URLPattern({
    pathname: `${new URL(path, SCOPE).pathname}*`, search: "",
  });
  const route = (path, cacheName) => ({
    condition: { urlPattern: under(path), requestMethod: "GET" }, source: { cacheName },
  });
  return [...runtime.folders.map((folder) => route(folder, RUNTIME)), route("", PAGES)];
}

self.addEventListener("install", (event) => {
  if (event.addRoutes) {
    event.waitUntil(event.addRoutes(staticRoutes()).catch((error) => {
      console.warn("Encours offline: no static routes, the fetch handler answers:", error);
    }));
  }
  event.waitUntil((async () => {
    // The languages being read now, and those an earlier version had cached (a reader keeps
    // them through updates); the first language when nothing tells.
    const wanted = new Set();
    const clients = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const client of clients) {
      const path = relative(client.url);
      if (path !== null) wanted.add(languageOf(path));
    }
    for (const name of await caches.keys()) {
      if (!name.startsWith("encours-sw-pages-") || name === PAGES) continue;
      const older = await caches.open(name);
      for (const prefix of PREFIXES) {
        if (await older.match(SCOPE + prefix)) wanted.add(prefix); // that handbook's home page
      }
    }
    if (!wanted.size) wanted.add(PREFIXES[0]);
    for (const prefix of wanted) await cacheLanguage(prefix);
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      const older = (name.startsWith("encours-sw-pages-") && name !== PAGES)
        || (name.startsWith("encours-sw-runtime-") && name !== RUNTIME);
      if (older) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "skip-waiting") {
    self.skipWaiting();
  } else if (data.type === "language") {
    event.waitUntil(cacheLanguage(String(data.prefix)).catch(() => {}));
  } else if (data.type === "runtime" && Array.isArray(data.urls)) {
    event.waitUntil(keepRuntime(data.urls.map(String)).catch(() => {}));
  }
});

async function fromRuntime(event) {
  const cache = await caches.open(RUNTIME);
  const cached = await cache.match(event.request);
  if (cached) return cached;
  const response = await fetch(event.request);
  // Stored while the page reads the same bytes (not awaited: the WebAssembly compiles as it
  // streams in).
  if (cacheable(response)) event.waitUntil(cache.put(event.request, response.clone()));
  return response;
}

async function fromPages(event, path) {
  const cache = await caches.open(PAGES);
  const cached = await cache.match(SCOPE + path);
  if (cached) return cached;
  const response = await fetch(event.request);
  if (cacheable(response)) event.waitUntil(cache.put(SCOPE + path, response.clone()));
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const path = relative(request.url);
  if (path === null) return;
  if (isRuntime(path)) event.respondWith(fromRuntime(event));
  else if (MANIFEST.has(path)) event.respondWith(fromPages(event, path));
  // Anything else (a file this build does not list): the network, as without this worker.
});
