// Encours calculator pages: binds every <form data-calculator> to the Python calculators running
// in a Web Worker (encours-runtime.js). Loaded on every page but inert on pages without a
// calculator form, so handbook pages never fetch a byte of Pyodide.
import {
  applyConditions, fill, fillForm, formPayload, formQuery, onPage, parseTypedRate, readJSON,
  resetForm, typedRateName, valueAt, whenIdle,
} from "./encours-core.js";
import { formatValue, prepareFormats } from "./encours-formats.js";
import * as runtime from "./encours-runtime.js";

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

// --- one calculator form --------------------------------------------------------------------
// --- rates the reader types, for half-years the tables lack ---------------------------------
// When Python answers that a half-year's reference rate is unknown (`missing_rates`), the page
// adds a field asking for it, naming the half-year and linking the official source; the typed
// rate travels in the payload (`reference_rates`) and in the shareable link, and the result
// then says that it uses a rate the reader typed. No older rate is ever used in its place.
function typedRates(form, messages) {
  const box = form.querySelector("[data-typed-rates]");
  const notice = document.querySelector(`[data-result-for="${form.id}"] [data-typed-notice]`);
  const tables = box ? readJSON(box, "rateTables", {}) : {};
  const halfName = (half) => {
    const [year, which] = half.split("-H");
    return fill(messages[`half_${which}`] || "{year}-H" + which, { year });
  };

  function field(table, half) {
    const name = typedRateName(table, half);
    const found = form.elements.namedItem(name);
    if (found || !box) return found;
    const info = tables[table] || { label: table, source: "", url: "" };
    const id = `${form.id}-rate-${table}-${half}`;
    const wrap = document.createElement("div");
    wrap.className = "encours-field encours-field--typed-rate";
    wrap.dataset.typedRate = name;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = fill(messages.typed_rate_label, { rate: info.label, half: halfName(half) });
    const input = document.createElement("input");
    Object.assign(input, { id, name, type: "text", inputMode: "decimal", autocomplete: "off" });
    input.dataset.default = "";
    input.setAttribute("aria-describedby", `${id}-help ${id}-error`);
    const help = document.createElement("p");
    help.className = "encours-help";
    help.id = `${id}-help`;
    help.textContent = fill(messages.typed_rate_help, { source: info.source }) + " ";
    if (info.url) {
      const link = document.createElement("a");
      Object.assign(link, { href: info.url, target: "_blank", rel: "noopener" });
      link.textContent = messages.typed_rate_link || info.url;
      help.append(link);
    }
    const error = document.createElement("p");
    error.className = "encours-error";
    error.id = `${id}-error`;
    error.dataset.errorFor = name;
    error.setAttribute("role", "alert");
    error.hidden = true;
    wrap.append(label, input, help, error);
    box.append(wrap);
    return input;
  }

  /** Fields for the rates an answer says are missing; blank ones no longer needed removed. */
  function ask(missing) {
    const wanted = new Set((missing || []).map((rate) => typedRateName(rate.table, rate.half)));
    for (const wrap of box ? [...box.querySelectorAll("[data-typed-rate]")] : []) {
      const input = wrap.querySelector("input");
      if (!wanted.has(wrap.dataset.typedRate) && input.value.trim() === "") wrap.remove();
    }
    let first = null;
    for (const rate of missing || []) {
      const input = field(rate.table, rate.half);
      if (input && !first && input.value.trim() === "") first = input;
    }
    return first;
  }

  /** The result's notice: shown when the figure uses rates the reader typed. */
  function tell(payload, computed) {
    if (!notice) return;
    const typed = [];
    const colon = form.dataset.lang === "en" ? ": " : " : ";
    for (const [table, halves] of Object.entries(computed ? payload.reference_rates || {} : {})) {
      for (const [half, rate] of Object.entries(halves)) {
        const number = String(rate).replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
        const shown = Number.isFinite(Number(number))
          ? formatValue(number, "percent", { lang: form.dataset.lang || "fr", words: messages })
          : `${rate} %`;
        typed.push(`${(tables[table] || {}).label || table}, ${halfName(half)}${colon}${shown}`);
      }
    }
    notice.textContent = typed.length ? fill(messages.typed_rate_notice, { rates: typed.join(" ; ") }) : "";
    notice.hidden = !typed.length;
  }

  function clear() {
    box?.querySelectorAll("[data-typed-rate]").forEach((wrap) => wrap.remove());
    tell({}, false);
  }

  return { field, ask, tell, clear, create: (name) => field(...parseTypedRate(name)) };
}

function bind(form) {
  const name = form.dataset.calculator;
  const lang = form.dataset.lang || "fr";
  const result = document.querySelector(`[data-result-for="${form.id}"]`);
  const messages = readJSON(form, "messages", {});
  const statusBox = result.querySelector("[data-status]");
  const restoredNote = result.querySelector("[data-restored]");
  const generalError = form.querySelector("[data-general-error]");
  const store = inputStore(form);
  const rates = typedRates(form, messages);
  let computing = false;
  let again = false;
  let touched = false;
  let edited = false; // by the reader since the page opened or was reset: worth keeping
  let warmed = false;
  let reported = false; // the start-up failure, logged once for the publishing team
  let lastSent = ""; // the payload of the last computation asked for, as JSON
  let unplaced = ""; // the last answer's errors on no field of the form (a failure): said at the result too

  function showStatus() {
    if (!statusBox) return;
    statusBox.hidden = false;
    statusBox.classList.remove("encours-status--error");
    const state = runtime.status();
    if (state.failed) {
      if (!reported) {
        // The reader gets a plain message; the technical detail is for whoever publishes the
        // handbook (its publishing page documents the MIME types a server must send).
        reported = true;
        console.error(state.failed.reason === "mime"
          ? `Encours calculators: the server sends .wasm files as "${state.failed.detail}" `
            + `instead of "application/wasm".`
          : `Encours calculators could not start (${state.failed.reason}): `
            + `${state.failed.detail}`);
      }
      const text = messages[`failed_${state.failed.reason}`] || messages.failed_error || "";
      statusBox.textContent = fill(text, { detail: state.failed.detail });
      statusBox.classList.add("encours-status--error");
      result.classList.add("encours-result--stale");
    } else if (!state.ready && touched) {
      const { step, steps, stage } = state.progress;
      statusBox.innerHTML = "";
      const label = document.createElement("span");
      label.textContent = fill(messages[`loading_${stage}`] || messages.loading_runtime || "",
                               { step: Math.max(step, 1), steps });
      const bar = document.createElement("progress");
      bar.max = steps;
      bar.value = Math.max(step - 1, 0) + 0.5;
      bar.setAttribute("aria-label", label.textContent);
      statusBox.append(label, bar);
      result.classList.add("encours-result--stale");
    } else if (state.ready && touched && unplaced) {
      // The result shown is the last one computed, not the inputs': said where it is read.
      statusBox.textContent = unplaced;
      statusBox.classList.add("encours-status--error");
    } else if (state.ready && touched) {
      statusBox.textContent = messages.computed_now || "";
    }
  }

  function showErrors(errors) {
    const byField = new Map();
    for (const error of errors) {
      // A field of its own (a typed rate, an entry of an object field), else the input named
      // by the path's first part (`invoices[3].amount` → invoices).
      const own = parseTypedRate(error.field)
        || [...form.querySelectorAll("[data-error-for]")].some((box) => box.dataset.errorFor === error.field);
      const key = own ? error.field : error.field.split(/[.[]/)[0];
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
    unplaced = rest;
    if (generalError) {
      generalError.textContent = rest;
      generalError.hidden = !rest;
    }
    result.classList.toggle("encours-result--stale", errors.length > 0);
  }

  function showResult(values) {
    const currency = values.currency || form.dataset.currency || "EUR";
    for (const output of result.querySelectorAll("[data-output]")) {
      const value = valueAt(values, output.dataset.output);
      // A text as it is (a letter's lines), anything else as JSON (a number, a list, a boolean).
      output.dataset.value = value === undefined ? ""
        : typeof value === "string" ? value : JSON.stringify(value);
      if (output.dataset.format === "letter") showLetter(output, value);
      else output.textContent = formatValue(value, output.dataset.format, { lang, currency, words: messages });
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
          cell.textContent = formatValue(item[cell.dataset.field], cell.dataset.format,
                                       { lang, currency, words: messages });
        }
        body.append(row);
      }
    }
    for (const list of result.querySelectorAll("[data-output-list]")) {
      list.innerHTML = "";
      for (const text of valueAt(values, list.dataset.outputList) || []) {
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
    if (!runtime.status().ready) { keepInputs(); return showStatus(); }
    if (computing) { again = true; keepInputs(); return; }
    computing = true;
    do {
      again = false;
      const started = performance.now();
      const payload = formPayload(form);
      lastSent = JSON.stringify(payload);
      const answer = runtime.compute(name, payload);
      keepInputs(); // while Python computes
      const values = await answer;
      form.dataset.lastComputeMs = String(Math.round(performance.now() - started));
      rates.ask(values.missing_rates);
      rates.tell(payload, !values.errors);
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
    const search = formQuery(form);
    history.replaceState(history.state, "", search ? `?${search}` : location.pathname);
    if (edited) store.save(search);
  }

  // A calculator's first computations in the worker are several times slower than the next
  // ones: the worker runs this page's own computation a few times, unseen, as soon as Python is
  // ready, so that the reader's first change is as quick as the next ones.
  function warmUp() {
    if (warmed || touched || !runtime.status().ready || !form.isConnected) return;
    warmed = true;
    runtime.warmUp(name, formPayload(form));
  }

  runtime.subscribe(() => {
    if (!document.body.contains(form)) return false;
    showStatus();
    if (runtime.status().ready && touched && !computing && form.dataset.waiting) {
      delete form.dataset.waiting;
      recalculate();
    }
    warmUp();
    return true;
  });

  function onEdit(event) {
    applyConditions(form, event.target);
    // A typed value fires "input" then, on leaving the field, "change": same inputs, no need
    // to compute them again.
    if (runtime.status().ready && !computing && JSON.stringify(formPayload(form)) === lastSent) return;
    form.dataset.waiting = "1";
    edited = true;
    recalculate();
  }
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  form.addEventListener("submit", (event) => { event.preventDefault(); edited = true; recalculate(); });
  // Back to the policy's defaults, forgetting the inputs kept in the browser.
  function reset() {
    rates.clear();
    resetForm(form);
    edited = false;
    store.save("");
    if (restoredNote) restoredNote.hidden = true;
    applyConditions(form);
    form.dataset.waiting = "1";
    recalculate();
  }
  form.querySelector("[data-reset]")?.addEventListener("click", reset);
  restoredNote?.querySelector("[data-restored-reset]")?.addEventListener("click", reset);
  // The batch import's terms are this form's: a rate it lacks is asked for here too.
  form.addEventListener("encours:missing-rates", (event) => rates.ask(event.detail));
  bindResultActions(result, messages);
  runtime.start(form); // already started by the page's inline script, as a rule
  whenIdle(() => prepareFormats(lang, form.dataset.currency || "EUR"));
  // A shareable link wins; without one, the inputs the reader last typed here come back.
  const kept = store.load(); // also forgets those kept for another policy
  const fromURL = fillForm(form, location.search, { create: rates.create });
  const restored = !fromURL && fillForm(form, kept, { create: rates.create });
  if (restoredNote) restoredNote.hidden = !restored;
  applyConditions(form, fromURL || restored ? true : null);
  if (fromURL || restored) { form.dataset.waiting = "1"; recalculate(); }
  else if (runtime.status().ready) {
    whenIdle(warmUp); // after instant navigation: once the new page is on screen
    form.dispatchEvent(new CustomEvent("encours:computed", { bubbles: true }));
  }
}

// A letter's text, its headings marked **so** (as the build writes it: letter_parts).
function showLetter(element, text) {
  element.replaceChildren();
  String(text ?? "").split(/\*\*([^*]+)\*\*/).forEach((part, index) => {
    if (!part) return;
    if (index % 2) {
      const bold = document.createElement("strong");
      bold.textContent = part;
      element.append(bold);
    } else element.append(part);
  });
}

// Copy the result as plain text (label: value, one a line) and print it (print stylesheet).
function resultText(result, separator) {
  const lines = [document.querySelector("h1")?.textContent.trim() || ""];
  // A figure computed with a rate the reader typed says so wherever it goes.
  const typed = result.querySelector("[data-typed-notice]:not([hidden])");
  if (typed) lines.push(typed.textContent.trim());
  for (const row of result.querySelectorAll(".encours-summary-row:not([hidden])")) {
    lines.push(`${row.querySelector("dt").textContent.trim()}${separator}${row.querySelector("dd").textContent.trim()}`);
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
    const text = resultText(result, messages.label_separator ?? " : ");
    result.dataset.copiedText = text;
    try {
      await navigator.clipboard.writeText(text);
      if (copied) copied.textContent = messages.copied || "";
    } catch (_) {
      if (copied) copied.textContent = messages.copy_failed || "";
    }
  });
  result.querySelector("[data-print]")?.addEventListener("click", () => window.print());
  // The letter filled in (a payment plan's acknowledgement of debt), printed alone.
  result.querySelector("[data-print-letter]")?.addEventListener("click", () => {
    document.body.classList.add("encours-print-letter");
    window.addEventListener("afterprint", () => document.body.classList.remove("encours-print-letter"),
                            { once: true });
    window.print();
  });
}

onPage("form[data-calculator]", bind);
