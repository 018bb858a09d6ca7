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
  const bootTimeoutMs = () => window.__encoursBootTimeoutMs || 45000;

  function notify() {
    for (const listener of state.listeners) listener();
  }

  function startWorker(form) {
    if (state.worker) return;
    const runtimeURL = new URL(`${form.dataset.runtime}/`, ASSETS).href; // may be another language's
    const bundleURL = new URL(`calculators/${form.dataset.bundle}`, ASSETS).href;
    const policyURL = new URL("policy.json", ASSETS).href;
    const snapshotURL = form.dataset.snapshot
      ? new URL(form.dataset.snapshot, runtimeURL).href : null;
    state.startedAt = performance.now();
    state.worker = new Worker(new URL("javascripts/encours-worker.mjs", ASSETS), { type: "module" });
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
    state.worker.postMessage({ type: "boot", runtimeURL, bundleURL, snapshotURL, policyURL });
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

  function formatValue(value, format, lang, currency) {
    if (value === null || value === undefined) return "";
    const loc = locale(lang);
    switch (format) {
      case "money":
        return new Intl.NumberFormat(loc, { style: "currency", currency, minimumFractionDigits: 2 })
          .format(value);
      case "percent":
        return new Intl.NumberFormat(loc, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
          .format(value) + (lang === "en" ? "%" : "\u00a0%");
      case "decimal":
        return new Intl.NumberFormat(loc, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
          .format(value);
      case "integer":
        return new Intl.NumberFormat(loc, { maximumFractionDigits: 0 }).format(value);
      case "yesno":
        return value ? (messageFor("yes", lang)) : (messageFor("no", lang));
      case "date":
        return new Intl.DateTimeFormat(loc, { dateStyle: "short", timeZone: "UTC" })
          .format(new Date(`${value}T00:00:00Z`));
      case "list":
        return Array.isArray(value) ? value.join(" ") : String(value);
      default:
        return String(value);
    }
  }

  function messageFor(key, lang) {
    const form = document.querySelector(`form[data-calculator][data-lang="${lang}"]`);
    const messages = form ? JSON.parse(form.dataset.messages || "{}") : {};
    return messages[key] || key;
  }
  state.formatValue = formatValue;

  // --- one calculator form --------------------------------------------------------------------
  function bind(form) {
    if (form.dataset.bound) return;
    form.dataset.bound = "1";
    const name = form.dataset.calculator;
    const lang = form.dataset.lang || "fr";
    const result = document.querySelector(`[data-result-for="${form.id}"]`);
    const messages = JSON.parse(form.dataset.messages || "{}");
    const statusBox = result.querySelector("[data-status]");
    const generalError = form.querySelector("[data-general-error]");
    let computing = false;
    let again = false;
    let touched = false;

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
      writeURL();
      if (!state.ready) return showStatus();
      if (computing) { again = true; return; }
      computing = true;
      do {
        again = false;
        const started = performance.now();
        const values = await compute(name, payloadFromForm());
        form.dataset.lastComputeMs = String(Math.round(performance.now() - started));
        if (values.errors) showErrors(values.errors);
        else { showErrors([]); showResult(values); }
      } while (again);
      computing = false;
      showStatus();
      form.dispatchEvent(new CustomEvent("encours:computed", { bubbles: true }));
    }

    // Shareable links: the query string carries the inputs under their JSON field names.
    function writeURL() {
      const query = new URLSearchParams();
      for (const field of form.elements) {
        if (!field.name || field.disabled) continue;
        const value = field.type === "checkbox" ? String(field.checked) : field.value.trim();
        if (value !== (field.dataset.default ?? "")) query.set(field.name, value);
      }
      const search = query.toString();
      history.replaceState(history.state, "", search ? `?${search}` : location.pathname);
    }

    function readURL() {
      const query = new URLSearchParams(location.search);
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

    const listener = () => {
      if (!document.body.contains(form)) return state.listeners.delete(listener);
      showStatus();
      if (state.ready && touched && !computing && form.dataset.waiting) {
        delete form.dataset.waiting;
        recalculate();
      }
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
      const modes = form.dataset.modes && JSON.parse(form.dataset.modes);
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
      form.dataset.waiting = "1";
      recalculate();
    }
    form.addEventListener("input", onEdit);
    form.addEventListener("change", onEdit);
    form.addEventListener("submit", (event) => { event.preventDefault(); recalculate(); });
    form.querySelector("[data-reset]")?.addEventListener("click", () => {
      for (const field of form.elements) {
        if (!field.name) continue;
        if (field.type === "checkbox") field.checked = field.dataset.default === "true";
        else field.value = field.dataset.default ?? "";
      }
      applyConditions(null);
      form.dataset.waiting = "1";
      recalculate();
    });
    bindResultActions(result, messages);
    startWorker(form);
    const fromURL = readURL();
    applyConditions(null);
    if (fromURL) { form.dataset.waiting = "1"; recalculate(); }
    else if (state.ready) form.dispatchEvent(new CustomEvent("encours:computed", { bubbles: true }));
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
