// Offline reading and repeat visits: registers the site's service worker (encours-sw.js at the
// site's root, written by the build; encours/service-worker.js says what it caches), and shows
// the banner of every page ([data-encours-update]) once a newer build has been published.
//
// The page's <meta name="encours-offline"> names the worker; there is none under `mkdocs serve`
// (live reload must see the files themselves). Registered once the page has loaded, and on a
// calculator page once Python is ready, so that the handbook's files never compete with the
// page's own downloads. Then:
// - the worker is told which handbook this page belongs to ({type: "language"}): it caches that
//   language's pages if it has not yet;
// - a calculator page whose Python started before the worker was in control hands it the
//   runtime files it loaded ({type: "runtime", urls}): the calculators then work offline too;
// - each page (Material's instant navigation included) asks the server, when there is one,
//   whether a newer worker exists; while one is installing or waiting, the banner is shown, and
//   its button activates it ({type: "skip-waiting"}) and reloads the page.
import { onPage, whenIdle } from "./encours-core.js";
import { status, subscribe, whenReady } from "./encours-runtime.js";

const meta = document.querySelector('meta[name="encours-offline"]');
const UPDATE_CHECK_MS = 60000; // at most one check a minute through instant navigation
let registration = null;
let lastCheck = 0;
let reloading = false;
let outdated = false; // a newer worker took over (the reader's choice in another tab)

const newer = () => outdated || Boolean(registration && navigator.serviceWorker.controller
  && (registration.waiting || registration.installing));

function showBanners() {
  if (!newer()) return;
  for (const banner of document.querySelectorAll("[data-encours-update]")) banner.hidden = false;
}

function track(worker) {
  if (!worker) return;
  showBanners();
  worker.addEventListener("statechange", showBanners);
}

async function check() {
  if (!registration || Date.now() - lastCheck < UPDATE_CHECK_MS) return;
  lastCheck = Date.now();
  try {
    await registration.update();
  } catch (_) {
    // Offline, or the server is away: the copy at hand is the newest this reader can have.
  }
  showBanners();
}

/** The reader asked for the new version: activate the waiting worker, then reload. */
async function activateNewer() {
  reloading = true;
  if (!registration) return location.reload();
  let waiting = registration.waiting;
  if (!waiting && registration.installing) {
    const installing = registration.installing;
    waiting = await new Promise((resolve) => {
      installing.addEventListener("statechange", () => {
        if (installing.state === "installed") resolve(installing);
        else if (installing.state === "redundant") resolve(null);
      });
    });
  }
  if (waiting) waiting.postMessage({ type: "skip-waiting" }); // then "controllerchange"
  else location.reload();
}

async function handRuntimeOver(worker) {
  await whenReady();
  let handed = 0;
  const handOver = () => { // what it loaded to start, then what it loads later
    const urls = (status().loaded || []).slice(handed);
    handed += urls.length;
    if (urls.length) worker.postMessage({ type: "runtime", urls });
  };
  handOver();
  subscribe(handOver);
}

async function register() {
  const workerURL = new URL(meta.content, location.href).href;
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading) {
      location.reload();
    } else if (hadController) {
      outdated = true;
      showBanners();
    }
  });
  registration = await navigator.serviceWorker.register(workerURL, {
    scope: new URL("./", workerURL).href, updateViaCache: "none",
  });
  lastCheck = Date.now(); // register() has just checked
  registration.addEventListener("updatefound", () => track(registration.installing));
  track(registration.installing);
  track(registration.waiting);
  const ready = await navigator.serviceWorker.ready;
  ready.active?.postMessage({ type: "language", prefix: meta.dataset.prefix || "" });
  if (status().worker) handRuntimeOver(ready.active);
}

if (meta && "serviceWorker" in navigator) {
  const start = () => whenIdle(() => {
    const afterPython = status().worker ? whenReady() : Promise.resolve();
    afterPython.then(register).catch((error) => console.warn("Encours offline:", error));
  });
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
  onPage("[data-encours-update]", (banner) => {
    banner.querySelector("[data-encours-update-reload]")
      ?.addEventListener("click", () => activateNewer());
    showBanners();
    check();
  });
}
