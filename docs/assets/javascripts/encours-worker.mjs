// Encours calculators worker: starts Pyodide once, loads the `calculators` package, then answers
// {id, calculator, payload} messages with {id, result}. Runs as a module Web Worker so that
// Python never blocks the page and survives Material's instant navigation.
//
// Messages to the page: {type: "status", stage, step, steps}, {type: "ready", ms, from, loaded},
// {type: "loaded", urls} (files fetched after the start), {type: "failed", message},
// {id, result}, and for files {id, type: "progress", done, total}.
// A file is {id, file: "penalty" | "dso", text, terms}: its lines are computed by
// calculators.batch (the same code as the command line), with progress between chunks.
// Python is started by encours-pyodide.mjs, which the build's snapshot maker uses too.
// Its bytes are fetched and decompressed by encours-bytes.mjs.
import {
  downloads, fetchBytes, fetchSync, instantiateWasm, keptDerived, keptFile, serveFromMemory,
  unpackSnapshot, wasmIsWhole,
} from "./encours-bytes.mjs";
import { snapshotMarker, startPython } from "./encours-pyodide.mjs";

let runCalculator = null;
let runFile = null;
let failedAnswers = {}; // per language: the answer when Python fails (a bug), read at start-up
let referenceRates = {}; // the policy's own rate values, which take precedence over the shipped tables
let policyText = null; // assets/policy.json as fetched: the policy tools apply its values
let booting = null;

const fileName = (url) => url.slice(url.lastIndexOf("/") + 1);

function status(stage, step, steps) {
  postMessage({ type: "status", stage, step, steps });
}

async function boot({ assets, runtime, bundle, snapshot, stdlib, brotli }) {
  const runtimeURL = new URL(`${runtime}/`, assets).href;
  const bundleURL = new URL(`calculators/${bundle}`, assets).href;
  const snapshotURL = snapshot ? new URL(snapshot, runtimeURL).href : null;
  const stdlibURL = snapshot && stdlib ? new URL(stdlib, runtimeURL).href : null;
  const wasmURL = new URL("pyodide.asm.wasm", runtimeURL).href;
  const policyURL = new URL("policy.json", assets).href;
  const startedAt = performance.now();
  status("runtime", 1, 3);
  const policy = fetch(policyURL).then((response) => response.text());
  // Downloads in parallel with the interpreter's, compressed (encours-bytes.mjs); Pyodide's own
  // requests for them are answered from memory. From the build's memory snapshot when there is
  // one and it was made from this Pyodide and this bundle (its marker says so), on the trimmed
  // standard library it was made on; otherwise, or if it cannot be used, a normal start (the
  // full standard library), then the bundle, fetched only then. A later visit takes the
  // WebAssembly (compiled already) from Cache Storage, the unpacked snapshot and the decompressed
  // standard library from the origin private file system.
  const via = downloads(new URL("brotli/", assets).href, brotli ?? {});
  const wasm = keptFile(wasmURL, "application/wasm", via, wasmIsWhole);
  const files = { [wasmURL]: wasm };
  // The snapshot as Python restores it, and the trimmed standard library decompressed: kept so
  // by the first visit, the next ones read them back.
  const snapshotKept = snapshotURL && keptDerived(
    `${fileName(snapshotURL)}.unpacked`,
    () => Promise.all([via.bytes(snapshotURL), wasm.bytes])
      .then(([packed, module]) => unpackSnapshot(packed, module)),
    (name) => name.startsWith("snapshot-"),
  );
  const snapshotBytes = snapshotKept?.bytes ?? null;
  snapshotBytes?.catch(() => {});
  // The trimmed standard library: a snapshot start reads nothing from it (what the calculators
  // import is in the snapshot already), so on a first visit it is downloaded only once Python
  // has started (`fetchStdlib`), off the line Python's own files share. Meanwhile Python gets an
  // empty file in its place, then a lazy one (deferStdlib), read over the network only if
  // something needs it before the download is done.
  let fetchStdlib = () => {};
  const started = new Promise((resolve) => { fetchStdlib = resolve; });
  const stdlibKept = stdlibURL && keptDerived(
    fileName(stdlibURL), () => started.then(() => via.bytes(stdlibURL, { raw: true })),
    (name) => name.startsWith("stdlib-"),
  );
  if (stdlibKept) {
    files[stdlibURL] = {
      bytes: stdlibKept.bytes,
      type: "application/zip",
      response: async () => (await stdlibKept.stored ? null
        : new Response(new Uint8Array(0), { headers: { "Content-Type": "application/zip" } })),
    };
    stdlibKept.bytes.catch(() => {});
  }
  serveFromMemory(files);
  wasm.compiled(); // a kept WebAssembly compiles while the rest loads
  instantiateWasm(() => wasm.bytes);
  const bundleBytes = snapshotURL ? () => fetchBytes(bundleURL) : fetchBytes(bundleURL);
  // Pyodide's two scripts side by side (it would import the second once the first has run).
  const [{ loadPyodide, version }, { default: createPyodideModule }] = await Promise.all([
    import(new URL("pyodide.mjs", runtimeURL).href),
    import(new URL("pyodide.asm.mjs", runtimeURL).href),
  ]);
  const { pyodide, from } = await startPython(loadPyodide, {
    options: { indexURL: runtimeURL, createPyodideModule },
    snapshotOptions: stdlibURL ? { stdLibURL: stdlibURL } : {},
    bundle: bundleBytes,
    snapshot: snapshotBytes,
    marker: snapshotMarker(version, bundle),
    onStage: (stage) => status(stage, 2, 3),
  });
  if (from === "snapshot" && stdlibURL) {
    // A module the trimmed standard library lacks: the full one, fetched then (pyodide_stdlib.py).
    globalThis.encoursFetchSync = fetchSync;
    pyodide.globals.set("FULL_URL", new URL("python_stdlib.zip", runtimeURL).href);
    pyodide.runPython("__import__('_encours_stdlib').FULL_URL = FULL_URL; del FULL_URL");
    if (!await stdlibKept.stored) deferStdlib(pyodide, stdlibURL, stdlibKept.bytes);
  }
  const api = pyodide.pyimport("calculators.batch");
  // Read now, while Python works: after a failure, Python may not answer any more.
  failedAnswers = JSON.parse(api.failed_answers_json());
  policyText = await policy;
  referenceRates = JSON.parse(policyText).reference_rates || {};
  status("ready", 3, 3);
  // The guarded JSON entry point (calculators.api.read_payload, as the command line), with the
  // policy document as the command line's --policy gives it (the policy tools read it once).
  // `lang` words the message of a failure when the payload cannot tell.
  runCalculator = (name, payloadJSON, lang) => api.run_form_json(name, payloadJSON, lang, policyText);
  // A file's bytes reach Python as bytes (calculators.batch decodes them as the command line
  // does: UTF-8 or Windows-1252); typed text as a string.
  const toBytes = pyodide.runPython("lambda buffer: buffer.to_bytes()");
  runFile = (kind, content, termsJSON, progress, lang) => {
    const text = typeof content === "string" ? content : toBytes(content);
    try {
      return api.file_json(kind, text, termsJSON, progress, lang);
    } finally {
      if (typeof text !== "string") text.destroy();
    }
  };
  // `loaded`: what this worker fetched, for the page's offline copy (encours-offline.js).
  const loaded = performance.getEntriesByType("resource").map((entry) => entry.name);
  postMessage({ type: "ready", ms: Math.round(performance.now() - startedAt), from, loaded });
  if (from === "snapshot" && stdlibKept) {
    fetchStdlib();
    stdlibKept.bytes.then(() => {
      const urls = performance.getEntriesByType("resource").map((entry) => entry.name)
        .filter((url) => !loaded.includes(url));
      if (urls.length) postMessage({ type: "loaded", urls });
    }).catch(() => {});
  }
  // For the next visit: stored right away (the write happens in the browser's storage, off this
  // thread; a visit shorter than the write keeps nothing, and the next one downloads again).
  setTimeout(() => {
    wasm.keep().catch(() => {});
    if (from === "snapshot") {
      snapshotKept.keep().catch(() => {});
      stdlibKept?.keep().catch(() => {});
    } else snapshotKept?.drop().catch(() => {}); // a kept snapshot that failed is not used again
  }, 0);
}

/**
 * The trimmed standard library of a first visit, whose download waits for Python's start:
 * until `bytes` come, the empty file Python was given is replaced by a lazy one, which reads the
 * zip at `url` over the network (synchronously, as Python reads files) if Python needs it
 * first; then by the bytes.
 */
function deferStdlib(pyodide, url, bytes) {
  const path = pyodide.runPython("__import__('_encours_stdlib').stdlib_zip()");
  const folder = path.slice(0, path.lastIndexOf("/"));
  const name = path.slice(path.lastIndexOf("/") + 1);
  pyodide.FS.unlink(path);
  pyodide.FS.createLazyFile(folder, name, url, true, false);
  bytes.then((data) => {
    pyodide.FS.unlink(path);
    pyodide.FS.writeFile(path, data);
  }).catch(() => {}); // left lazy
}

// The policy's rates, overlaid with those the reader typed on the page (same table and
// half-year: the typed one, as the reader asked).
const mergeRates = (typed) => {
  const merged = { ...referenceRates };
  for (const [table, halves] of Object.entries(typed || {})) {
    merged[table] = { ...(merged[table] || {}), ...halves };
  }
  return merged;
};
const withRates = (payload) =>
  JSON.stringify({ ...payload, reference_rates: mergeRates(payload.reference_rates) });

// Computations nobody waits for, one per task so that the reader's own requests pass between
// them. WebAssembly starts in V8's baseline tier and is optimised once it has run enough: after
// a normal start, Python's start-up has done that; after a snapshot, nothing has run yet and the
// first computations are 2 to 4 times slower. A few rounds of the page's own computation, right
// after start-up, bring the reader's first changes to full speed.
function warm(calculator, payloadJSON, rounds) {
  if (rounds <= 0) return;
  runCalculator(calculator, payloadJSON);
  setTimeout(() => warm(calculator, payloadJSON, rounds - 1), 0);
}

function start(data) {
  booting ??= boot(data).catch((error) => {
    postMessage({ type: "failed", message: String(error && error.message ? error.message : error) });
  });
}

// The page names this worker with its boot message (encours-runtime.js bootMessage, as JSON):
// Python starts as soon as this module has run. A message posted to a worker that is still
// starting waits for the page's main thread to pass it on, which is busy while the page loads.
const named = (() => {
  try {
    return JSON.parse(self.name || "null");
  } catch (_) {
    return null;
  }
})();
if (named?.type === "boot") start(named);

onmessage = async ({ data }) => {
  if (data.type === "boot") return start(data);
  await booting;
  if (!runCalculator) return; // boot failed: the page already shows why
  if (data.type === "warm") return warm(data.calculator, withRates(data.payload), data.rounds);
  let result;
  try {
    if (data.file) {
      const terms = withRates(data.terms);
      const progress = (done, total) => postMessage({ id: data.id, type: "progress", done, total });
      result = JSON.parse(runFile(data.file, data.text, terms, progress, data.terms?.lang));
    } else {
      result = JSON.parse(runCalculator(data.calculator, withRates(data.payload), data.payload?.lang));
    }
  } catch (error) {
    // A bug, not a user error (Python's own last resort did not answer): say so plainly, in the
    // reader's language, from the calculators' catalogue; the detail goes to the console.
    console.error("Encours calculators:", error);
    const lang = (data.file ? data.terms : data.payload)?.lang;
    result = failedAnswers[lang] || failedAnswers.fr
      || { errors: [{ field: "", message: "The calculation failed; the result shown does not match the inputs." }] };
  }
  postMessage({ id: data.id, result });
};
