// The calculators' Python, running in a Web Worker (Pyodide, encours-worker.mjs): started once
// per browsing session of the site, for the first calculator form, and kept across Material's
// instant navigation (a module runs once however often pages are swapped). Handbook pages never
// start it, so they never fetch a byte of Pyodide.
//
// A calculator page's inline script starts the worker in the page's head, so that Python
// starts while the rest of the page loads; start(form), called by the calculator
// module, takes it over (after instant navigation, it starts the worker itself).
//
// `window.encoursCalculators` is a read-only view for the tests and benchmarks (ready, failed,
// bootMs, bootFrom, worker, progress); the page's scripts use this module's exports.

const ASSETS = new URL("../", import.meta.url); // .../assets/
const DEFAULT_BOOT_TIMEOUT_MS = 45000; // room for a slow cold start
// Measured: what V8 needs to optimise the interpreter after a snapshot start.
const DEFAULT_WARM_UP_ROUNDS = 200;

const state = {
  worker: null,
  ready: false,
  failed: null,
  progress: { step: 0, steps: 3, stage: "runtime" },
  bootMs: undefined,
  bootFrom: undefined,
  startedAt: undefined,
  settled: false, // ready or failed, and the page told (the "encours:settled" event)
  loaded: [], // the URLs the worker fetched (the offline copy keeps the runtime's)
};
const pending = new Map();
const progressListeners = new Map();
const listeners = new Set();
let nextId = 1;

// Tests may set these before the page loads: a shorter bounded wait, fewer warm-up rounds.
const bootTimeoutMs = () => window.__encoursBootTimeoutMs || DEFAULT_BOOT_TIMEOUT_MS;
const warmUpRounds = () => window.__encoursWarmUpRounds ?? DEFAULT_WARM_UP_ROUNDS;

/** What the worker needs to start (it resolves the URLs), from a calculator form's data: the
 * worker's name, as JSON (the page's head names it with the same fields: overrides/main.html). */
export function bootMessage({ runtime, bundle, snapshot = null, stdlib = null, brotli = null },
  assets = ASSETS.href) {
  return { type: "boot", assets, runtime, bundle, snapshot: snapshot || null, stdlib: stdlib || null,
           brotli: brotli ? JSON.parse(brotli) : null };
}

// Python has started (or failed) and answered what the page asked of it meanwhile: the page's
// start is over. Said once, by "encours:settled" on the document (Material's search index waits
// for it on a calculator page: overrides/partials/encours-search-later.html).
function announceSettled() {
  if (state.settled || !(state.failed || (state.ready && !pending.size))) return;
  state.settled = true;
  document.dispatchEvent(new Event("encours:settled"));
}

function notify() {
  for (const listener of listeners) listener();
  announceSettled();
}

/** Calls `listener()` on every change of the state until it returns `false`. */
export function subscribe(listener) {
  const wrapped = () => { if (listener() === false) listeners.delete(wrapped); };
  listeners.add(wrapped);
}

/** Python's state: `ready`, `failed` ({reason, detail}), `progress` ({stage, step, steps}). */
export const status = () => state;

/** Resolves once Python is ready or has failed. */
export function whenReady() {
  if (state.ready || state.failed) return Promise.resolve();
  return new Promise((resolve) => {
    subscribe(() => {
      if (!state.ready && !state.failed) return true;
      resolve();
      return false;
    });
  });
}

function onMessage({ data }) {
  if (data.type === "status") {
    state.progress = data;
  } else if (data.type === "ready") {
    state.ready = true;
    state.bootMs = data.ms;
    state.bootFrom = data.from; // "snapshot" or "start"
    state.loaded = data.loaded || [];
  } else if (data.type === "loaded") { // fetched after the start (the trimmed standard library)
    state.loaded = [...state.loaded, ...data.urls];
  } else if (data.type === "failed") {
    state.failed = { reason: "error", detail: data.message };
  } else if (data.type === "progress") {
    progressListeners.get(data.id)?.(data.done, data.total);
    return;
  } else {
    const resolve = pending.get(data.id);
    pending.delete(data.id);
    progressListeners.delete(data.id);
    if (resolve) resolve(data.result);
    announceSettled();
    return;
  }
  notify();
}

function onError(event) {
  state.failed = { reason: "error", detail: event.message || "worker error" };
  notify();
}

/**
 * Starts the worker for a calculator form (once: later calls do nothing), or takes over the one
 * the page's head started and booted while the page loaded (overrides/main.html), with what it
 * has said since.
 */
export function start(form) {
  if (state.worker || !window.Worker) return;
  const runtimeURL = new URL(`${form.dataset.runtime}/`, ASSETS).href; // may be another language's
  const started = window.encoursStartedWorker;
  delete window.encoursStartedWorker;
  state.startedAt = started?.startedAt ?? performance.now();
  // Named with its boot message: it starts Python as soon as it has loaded (encours-worker.mjs).
  state.worker = started?.worker ?? new Worker(new URL("javascripts/encours-worker.mjs", ASSETS), {
    type: "module", name: JSON.stringify(bootMessage(form.dataset)),
  });
  state.worker.onmessage = onMessage;
  state.worker.onerror = onError;
  if (started) {
    started.stop();
    for (const event of started.events) (event.type === "error" ? onError : onMessage)(event);
  }
  setTimeout(() => diagnoseSlowStart(runtimeURL), bootTimeoutMs());
}

// Pyodide hangs without an error when the server sends .wasm with the wrong MIME type: after a
// bounded wait, find the likely cause and tell the reader instead of spinning forever.
async function diagnoseSlowStart(runtimeURL) {
  if (state.ready || state.failed) return;
  let contentType = "";
  try {
    const response = await fetch(new URL("pyodide.asm.wasm", runtimeURL), { method: "HEAD" });
    contentType = (response.headers.get("content-type") || "").split(";")[0].trim();
  } catch (_) {
    // Not even a HEAD request answered: reported as a timeout.
  }
  if (state.ready) return;
  state.failed = contentType && contentType !== "application/wasm"
    ? { reason: "mime", detail: contentType }
    : { reason: "timeout", detail: String(Math.round(bootTimeoutMs() / 1000)) };
  notify();
}

/** One calculator's answer for a payload (the worker adds the policy's reference rates). */
export function compute(calculator, payload) {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    state.worker.postMessage({ id, calculator, payload });
  });
}

/** A file of many lines (CSV), computed in the worker by calculators.batch, with progress. */
export function computeFile(file, text, terms, onProgress) {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    if (onProgress) progressListeners.set(id, onProgress);
    state.worker.postMessage({ id, file, text, terms });
  });
}

/**
 * A calculator's first computations in the worker are several times slower than the next ones
 * (code run for the first time, not yet optimised, after a snapshot start): the worker runs
 * this payload a few times, unseen (`window.__encoursWarmUpRounds`, default 200).
 */
export function warmUp(calculator, payload) {
  state.worker.postMessage({ type: "warm", calculator, payload, rounds: warmUpRounds() });
}

if (typeof window !== "undefined" && !window.encoursCalculators) {
  const view = {};
  for (const key of ["worker", "ready", "failed", "progress", "bootMs", "bootFrom", "startedAt", "loaded"]) {
    Object.defineProperty(view, key, { get: () => state[key], enumerable: true });
  }
  window.encoursCalculators = Object.freeze(view); // inspected by the tests and the benchmarks
}
