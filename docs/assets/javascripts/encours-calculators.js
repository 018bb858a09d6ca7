// Encours calculator pages: binds every <form data-calculator> to the Python calculators running
// in a Web Worker (Pyodide). Loaded on every page but inert on pages without a calculator form, so
// handbook pages never fetch a byte of Pyodide. The worker is created once and kept across
// Material's instant navigation (this script is not re-run when the content is swapped).
(() => {
  "use strict";

  const ASSETS = new URL("../", document.currentScript.src); // .../assets/
  const state = {
    worker: null,
    ready: false,
    failed: null,
    progress: { step: 0, steps: 3, stage: "runtime" },
    pending: new Map(),
    progressListeners: new Map(),
    nextId: 1,
    listeners: new Set(),
  };
  // Tests may shorten the bounded wait; the default leaves room for a slow cold start.
  const WARM_UP_ROUNDS = 200; // measured: what V8 needs to optimise the interpreter after a snapshot
  const bootTimeoutMs = () => window.__encoursBootTimeoutMs || 45000;

  function notify() {
    for (const listener of state.listeners) listener();
  }

  // What the worker needs to start (it resolves the URLs); the calculator page's inline script
  // sends the same message when it starts the worker before this script has loaded.
  function bootMessage(form) {
    const { runtime, bundle, snapshot = null } = form.dataset;
    return { type: "boot", assets: ASSETS.href, runtime, bundle, snapshot };
  }

  // The worker: the one the page's inline script started early (messages it already sent are
  // queued in window.encoursEarly), else a new one.
  function startWorker(form) {
    if (state.worker) return;
    const early = window.encoursEarly;
    const runtimeURL = new URL(`${form.dataset.runtime}/`, ASSETS).href; // may be another language's
    state.startedAt = early ? early.startedAt : performance.now();
    state.worker = early ? early.worker
      : new Worker(new URL("javascripts/encours-worker.mjs", ASSETS), { type: "module" });
    state.worker.onmessage = ({ data }) => {
      if (data.type === "status") {
        state.progress = data;
      } else if (data.type === "ready") {
        state.ready = true;
        state.bootMs = data.ms;
        state.bootFrom = data.from; // "snapshot" or "start"
      } else if (data.type === "failed") {
        state.failed = { reason: "error", detail: data.message };
      } else if (data.type === "progress") {
        state.progressListeners.get(data.id)?.(data.done, data.total);
        return;
      } else {
        const resolve = state.pending.get(data.id);
        state.pending.delete(data.id);
        state.progressListeners.delete(data.id);
        if (resolve) resolve(data.result);
        return;
      }
      notify();
    };
    state.worker.onerror = (event) => {
      state.failed = { reason: "error", detail: event.message || "worker error" };
      notify();
    };
    if (early) early.queue.splice(0).forEach((data) => state.worker.onmessage({ data }));
    else state.worker.postMessage(bootMessage(form));
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
      contentType = "";
    }
    if (state.ready) return;
    state.failed = contentType && contentType !== "application/wasm"
      ? { reason: "mime", detail: contentType }
      : { reason: "timeout", detail: String(Math.round(bootTimeoutMs() / 1000)) };
    notify();
  }

  function compute(calculator, payload) {
    const id = state.nextId++;
    return new Promise((resolve) => {
      state.pending.set(id, resolve);
      state.worker.postMessage({ id, calculator, payload });
    });
  }

  // A file of many lines (CSV): computed in the worker by calculators.batch, with progress.
  function computeFile(file, text, terms, onProgress) {
    const id = state.nextId++;
    return new Promise((resolve) => {
      state.pending.set(id, resolve);
      if (onProgress) state.progressListeners.set(id, onProgress);
      state.worker.postMessage({ id, file, text, terms });
    });
  }
  state.compute = compute;
  state.computeFile = computeFile;

  // --- number formats: the same rules as encours.render.formatting (build-time results) -----
  function locale(lang) {
    return lang === "en" ? "en-GB" : "fr-FR";
  }

  const NUMBER_OPTIONS = {
    money: (currency) => ({ style: "currency", currency, minimumFractionDigits: 2 }),
    percent: () => ({ minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    decimal: () => ({ minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    integer: () => ({ maximumFractionDigits: 0 }),
  };
  // An Intl formatter is slow to make (the first of a locale loads its data) and quick to use:
  // one per format, language and currency, made once.
  const formatters = new Map();
  function formatter(format, lang, currency) {
    const key = `${format} ${lang} ${currency}`;
    let made = formatters.get(key);
    if (!made) {
      made = format === "date"
        ? new Intl.DateTimeFormat(locale(lang), { dateStyle: "short", timeZone: "UTC" })
        : new Intl.NumberFormat(locale(lang), NUMBER_OPTIONS[format](currency));
      formatters.set(key, made);
    }
    return made;
  }

  // Made while the page waits for Python, so that the first result shown does not pay for it.
  function prepareFormats(lang, currency) {
    for (const format of [...Object.keys(NUMBER_OPTIONS), "date"]) {
      formatValue(format === "date" ? "2000-01-01" : "1", format, lang, currency);
    }
  }

  function formatValue(value, format, lang, currency) {
    if (value === null || value === undefined) return "";
    switch (format) {
      case "money":
      case "decimal":
      case "integer":
        return formatter(format, lang, currency).format(value);
      case "percent":
        return formatter(format, lang, currency).format(value) + (lang === "en" ? "%" : "\u00a0%");
      case "yesno":
        return value ? (messageFor("yes", lang)) : (messageFor("no", lang));
      case "date":
        return formatter(format, lang, currency).format(new Date(`${value}T00:00:00Z`));
      case "list":
        return Array.isArray(value) ? value.join(" ") : String(value);
      default:
        return String(value);
    }
  }

  // Each form's messages (data-messages), read once per language by bind().
  const messagesByLang = new Map();
  function messageFor(key, lang) {
    return messagesByLang.get(lang)?.[key] || key;
  }
  state.formatValue = formatValue;

  // --- the reader's last inputs, kept in this browser ------------------------------------------
  // Kept as a shareable link's query string, under a key made of the calculator, the policy's
  // version and content hash (data-policy-version, data-policy-hash), then the language: inputs
  // typed against another policy's defaults are never brought back, and are removed when seen.
  // Storage may be missing or refuse (private browsing, full, disabled): then nothing is kept.
  const STORAGE_PREFIX = "encours:inputs:";
  function inputStore(form) {
    const { calculator, policyVersion = "", policyHash = "", lang = "fr" } = form.dataset;
    const ours = `${STORAGE_PREFIX}${calculator}:`;
    const thisPolicy = `${ours}${policyVersion}:${policyHash}:`;
    const key = `${thisPolicy}${lang}`;
    const attempt = (action, otherwise) => {
      try {
        return action(window.localStorage); // even reading the property may throw
      } catch (_) {
        return otherwise;
      }
    };
    return {
      // The query string kept for this policy ("" if none), once those of others are removed.
      load: () => attempt((storage) => {
        const stale = [];
        for (let index = 0; index < storage.length; index++) {
          const name = storage.key(index);
          if (name?.startsWith(ours) && !name.startsWith(thisPolicy)) stale.push(name);
        }
        stale.forEach((name) => storage.removeItem(name));
        return storage.getItem(key) || "";
      }, ""),
      save: (query) => attempt((storage) => {
        if (query) storage.setItem(key, query);
        else storage.removeItem(key);
      }),
    };
  }

  // Queue work for when the page is idle (it waits for Python for a while).
  const whenIdle = window.requestIdleCallback
    ? (task) => window.requestIdleCallback(task, { timeout: 2000 })
    : (task) => setTimeout(task, 200);

  // --- one calculator form --------------------------------------------------------------------
  function bind(form) {
    if (form.dataset.bound) return;
    form.dataset.bound = "1";
    const name = form.dataset.calculator;
    const lang = form.dataset.lang || "fr";
    const result = document.querySelector(`[data-result-for="${form.id}"]`);
    const messages = JSON.parse(form.dataset.messages || "{}");
    messagesByLang.set(lang, messages);
    const modes = form.dataset.modes ? JSON.parse(form.dataset.modes) : null;
    const statusBox = result.querySelector("[data-status]");
    const restoredNote = result.querySelector("[data-restored]");
    const generalError = form.querySelector("[data-general-error]");
    const store = inputStore(form);
    let computing = false;
    let again = false;
    let touched = false;
    let edited = false; // by the reader since the page opened or was reset: worth keeping
    let warmed = false;
    let lastSent = ""; // the payload of the last computation asked for, as JSON

    function payloadFromForm() {
      const payload = { lang };
      for (const field of form.elements) {
        if (!field.name || field.disabled) continue;
        if (field.type === "checkbox") payload[field.name] = field.checked;
        else if (field.value.trim() !== "") payload[field.name] = field.value.trim();
      }
      return payload;
    }

    function showStatus() {
      if (!statusBox) return;
      statusBox.hidden = false;
      statusBox.classList.remove("encours-status--error");
      if (state.failed) {
        const text = messages[`failed_${state.failed.reason}`] || messages.failed_error || "";
        statusBox.textContent = text.replace("{detail}", state.failed.detail);
        statusBox.classList.add("encours-status--error");
        result.classList.add("encours-result--stale");
      } else if (!state.ready && touched) {
        const { step, steps, stage } = state.progress;
        statusBox.innerHTML = "";
        const label = document.createElement("span");
        label.textContent = (messages[`loading_${stage}`] || messages.loading_runtime || "")
          .replace("{step}", Math.max(step, 1)).replace("{steps}", steps);
        const bar = document.createElement("progress");
        bar.max = steps;
        bar.value = Math.max(step - 1, 0) + 0.5;
        bar.setAttribute("aria-label", label.textContent);
        statusBox.append(label, bar);
        result.classList.add("encours-result--stale");
      } else if (state.ready && touched) {
        statusBox.textContent = messages.computed_now || "";
      }
    }

    function showErrors(errors) {
      const byField = new Map();
      for (const error of errors) {
        const key = error.field.split(/[.[]/)[0];
        byField.set(key, [...(byField.get(key) || []), error.message]);
      }
      for (const box of form.querySelectorAll("[data-error-for]")) {
        const field = form.elements.namedItem(box.dataset.errorFor);
        const text = (byField.get(box.dataset.errorFor) || []).join(" ");
        box.textContent = text;
        box.hidden = !text;
        if (field) field.setAttribute("aria-invalid", text ? "true" : "false");
        byField.delete(box.dataset.errorFor);
      }
      const rest = [...byField.values()].flat().join(" ");
      if (generalError) {
        generalError.textContent = rest;
        generalError.hidden = !rest;
      }
      result.classList.toggle("encours-result--stale", errors.length > 0);
    }

    function showResult(values) {
      const currency = values.currency || form.dataset.currency || "EUR";
      for (const output of result.querySelectorAll("[data-output]")) {
        const value = values[output.dataset.output];
        output.dataset.value = value === undefined ? "" : JSON.stringify(value).replace(/^"|"$/g, "");
        output.textContent = formatValue(value, output.dataset.format, lang, currency);
        const row = output.closest("[data-optional]");
        if (row) row.hidden = value === undefined || value === null;
      }
      for (const wrap of result.querySelectorAll("[data-optional-rows]")) {
        const body = wrap.querySelector("[data-output-rows]");
        wrap.hidden = !(values[body.dataset.outputRows] || []).length;
      }
      for (const body of result.querySelectorAll("[data-output-rows]")) {
        const template = body.querySelector("template");
        body.querySelectorAll("tr:not(template)").forEach((row) => row.remove());
        for (const item of values[body.dataset.outputRows] || []) {
          const row = template.content.firstElementChild.cloneNode(true);
          for (const cell of row.querySelectorAll("[data-field]")) {
            cell.dataset.value = String(item[cell.dataset.field] ?? "");
            cell.textContent = formatValue(item[cell.dataset.field], cell.dataset.format, lang, currency);
          }
          body.append(row);
        }
      }
      for (const list of result.querySelectorAll("[data-output-list]")) {
        list.innerHTML = "";
        for (const text of values[list.dataset.outputList] || []) {
          const item = document.createElement("li");
          item.textContent = text;
          list.append(item);
        }
        list.closest("[data-optional]")?.toggleAttribute("hidden", !list.children.length);
      }
      result.classList.remove("encours-result--stale");
    }

    async function recalculate() {
      touched = true;
      if (!state.ready) { keepInputs(); return showStatus(); }
      if (computing) { again = true; keepInputs(); return; }
      computing = true;
      do {
        again = false;
        const started = performance.now();
        const payload = payloadFromForm();
        lastSent = JSON.stringify(payload);
        const answer = compute(name, payload);
        keepInputs(); // while Python computes
        const values = await answer;
        form.dataset.lastComputeMs = String(Math.round(performance.now() - started));
        if (values.errors) showErrors(values.errors);
        else { showErrors([]); showResult(values); }
      } while (again);
      computing = false;
      showStatus();
      form.dispatchEvent(new CustomEvent("encours:computed", { bubbles: true }));
    }

    // Shareable links: the query string carries the inputs that differ from the defaults, under
    // their JSON field names. The browser keeps the same text when the reader edits the form.
    function keepInputs() {
      const query = new URLSearchParams();
      for (const field of form.elements) {
        if (!field.name || field.disabled) continue;
        const value = field.type === "checkbox" ? String(field.checked) : field.value.trim();
        if (value !== (field.dataset.default ?? "")) query.set(field.name, value);
      }
      const search = query.toString();
      history.replaceState(history.state, "", search ? `?${search}` : location.pathname);
      if (edited) store.save(search);
    }

    // Fill the form from a query string (a shareable link's, or the one kept); true if it held
    // any of the form's inputs.
    function fillForm(search) {
      const query = new URLSearchParams(search);
      let any = false;
      for (const [key, value] of query) {
        const field = form.elements.namedItem(key);
        if (!field || !field.name) continue;
        if (field.type === "checkbox") field.checked = value === "true";
        else field.value = value;
        any = true;
      }
      return any;
    }

    // A calculator's first computations in the worker are several times slower than the next
    // ones (code run for the first time, not yet optimised): the worker runs this page's own
    // computation a few times, unseen, as soon as Python is ready, so that the reader's first
    // change is as quick as the next ones.
    function warmUp() {
      if (warmed || touched || !state.ready || !form.isConnected) return;
      warmed = true;
      state.worker.postMessage({ type: "warm", calculator: name, payload: payloadFromForm(),
                                 rounds: WARM_UP_ROUNDS });
    }

    const listener = () => {
      if (!document.body.contains(form)) return state.listeners.delete(listener);
      showStatus();
      if (state.ready && touched && !computing && form.dataset.waiting) {
        delete form.dataset.waiting;
        recalculate();
      }
      warmUp();
    };
    state.listeners.add(listener);
    // Fields that apply only to some choices (DSO method, France's contractual rate) are
    // disabled, hidden and left out of the payload otherwise; a penalty mode the regime does not
    // allow goes back to the regime's own.
    function applyConditions(changed) {
      for (const box of form.querySelectorAll("[data-only-when]")) {
        const [name, wanted] = box.dataset.onlyWhen.split("=");
        const applies = form.elements.namedItem(name)?.value === wanted;
        box.hidden = !applies;
        box.querySelectorAll("input, select, textarea").forEach((field) => { field.disabled = !applies; });
      }
      const regime = form.elements.namedItem("regime");
      const mode = form.elements.namedItem("mode");
      if (modes && regime && mode) {
        const allowed = modes[regime.value] || [];
        for (const option of mode.options) option.disabled = option.value !== "" && !allowed.includes(option.value);
        if (changed === regime && mode.value && !allowed.includes(mode.value)) mode.value = "";
      }
    }

    function onEdit(event) {
      applyConditions(event.target);
      // A typed value fires "input" then, on leaving the field, "change": same inputs, no need
      // to compute them again.
      if (state.ready && !computing && JSON.stringify(payloadFromForm()) === lastSent) return;
      form.dataset.waiting = "1";
      edited = true;
      recalculate();
    }
    form.addEventListener("input", onEdit);
    form.addEventListener("change", onEdit);
    form.addEventListener("submit", (event) => { event.preventDefault(); edited = true; recalculate(); });
    // Back to the policy's defaults, forgetting the inputs kept in the browser.
    function reset() {
      for (const field of form.elements) {
        if (!field.name) continue;
        if (field.type === "checkbox") field.checked = field.dataset.default === "true";
        else field.value = field.dataset.default ?? "";
      }
      edited = false;
      store.save("");
      if (restoredNote) restoredNote.hidden = true;
      applyConditions(null);
      form.dataset.waiting = "1";
      recalculate();
    }
    form.querySelector("[data-reset]")?.addEventListener("click", reset);
    restoredNote?.querySelector("[data-restored-reset]")?.addEventListener("click", reset);
    bindResultActions(result, messages);
    startWorker(form);
    whenIdle(() => prepareFormats(lang, form.dataset.currency || "EUR"));
    // A shareable link wins; without one, the inputs the reader last typed here come back.
    const kept = store.load(); // also forgets those kept for another policy
    const fromURL = fillForm(location.search);
    const restored = !fromURL && fillForm(kept);
    if (restoredNote) restoredNote.hidden = !restored;
    applyConditions(null);
    if (fromURL || restored) { form.dataset.waiting = "1"; recalculate(); }
    else if (state.ready) {
      whenIdle(warmUp); // after instant navigation: once the new page is on screen
      form.dispatchEvent(new CustomEvent("encours:computed", { bubbles: true }));
    }
  }

  // Copy the result as plain text (label: value, one a line) and print it (print stylesheet).
  function resultText(result) {
    const lines = [document.querySelector("h1")?.textContent.trim() || ""];
    for (const row of result.querySelectorAll(".encours-summary-row:not([hidden])")) {
      lines.push(`${row.querySelector("dt").textContent.trim()} : ${row.querySelector("dd").textContent.trim()}`);
    }
    for (const wrap of result.querySelectorAll(".encours-table-wrap:not([hidden]) table")) {
      lines.push("", wrap.caption?.textContent.trim() || "");
      for (const row of wrap.querySelectorAll("tr")) {
        lines.push([...row.cells].map((cell) => cell.textContent.trim()).join("\t"));
      }
    }
    const legal = result.querySelector(".encours-legal");
    if (legal) lines.push("", legal.textContent.trim());
    lines.push("", location.href);
    return lines.join("\n");
  }

  function bindResultActions(result, messages) {
    const copied = result.querySelector("[data-copied]");
    result.querySelector("[data-copy]")?.addEventListener("click", async () => {
      const text = resultText(result);
      result.dataset.copiedText = text;
      try {
        await navigator.clipboard.writeText(text);
        if (copied) copied.textContent = messages.copied || "";
      } catch (_) {
        if (copied) copied.textContent = messages.copy_failed || "";
      }
    });
    result.querySelector("[data-print]")?.addEventListener("click", () => window.print());
  }

  function init() {
    document.querySelectorAll("form[data-calculator]").forEach(bind);
  }

  // Material's instant navigation emits on document$ for every page; without Material, DOM ready.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();

  window.encoursCalculators = state; // inspected by the tests and the benchmark
})();
