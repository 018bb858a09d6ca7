// Encours batch import: a CSV of invoices (penalty page) or of monthly sales and receivables
// (DSO page), read in the browser and computed by the calculators' Python worker
// (calculators.batch: the same code as the command line). Per-line errors, totals per customer,
// CSV export, progress for large files, and a DSO trend chart (encours-chart.js).
import { dsoTrend } from "./encours-chart.js";
import { fill, formPayload, onPage, readJSON } from "./encours-core.js";
import { formatValue } from "./encours-formats.js";
import * as runtime from "./encours-runtime.js";

const INVOICE_FIELDS = new Set(["amount", "due_date", "payment_date", "as_of"]);

function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

function bind(box) {
  const form = document.getElementById(box.dataset.for);
  if (!form) return;
  const kind = box.dataset.batch;
  const lang = form.dataset.lang || "fr";
  const currency = form.dataset.currency || "EUR";
  const messages = readJSON(form, "messages", {});
  const status = box.querySelector("[data-batch-status]");
  const bar = box.querySelector("[data-batch-progress]");
  const errorsBox = box.querySelector("[data-batch-errors]");
  const resultBox = box.querySelector("[data-batch-result]");
  const asOf = box.querySelector("[data-batch-as-of]");
  if (asOf && !asOf.value) asOf.value = today();
  const format = (value, kind) => formatValue(value, kind, { lang, currency, words: messages });
  let exported = "";

  // The calculator form's terms (not its single invoice), and the date open invoices count to.
  function terms() {
    if (kind !== "penalty") return { lang };
    const payload = formPayload(form, { skip: (name) => INVOICE_FIELDS.has(name) });
    if (asOf && asOf.value) payload.as_of = asOf.value;
    return payload;
  }

  function showErrors(result) {
    const list = box.querySelector("[data-batch-error-list]");
    list.innerHTML = "";
    const lines = result.line_errors || [];
    const general = (result.errors || []).filter((error) => error.field !== "file" || !lines.length);
    for (const error of general) {
      const item = document.createElement("li");
      const label = form.querySelector(`label[for="${form.id}-${error.field}"]`);
      item.textContent = label
        ? `${label.textContent.trim()}${messages.label_separator ?? " : "}${error.message}` : error.message;
      list.append(item);
    }
    for (const error of lines) {
      const item = document.createElement("li");
      item.textContent = error.text;
      item.dataset.line = error.line;
      list.append(item);
    }
    const more = (result.line_error_count || 0) - lines.length;
    if (more > 0) {
      const item = document.createElement("li");
      item.textContent = fill(messages.batch_more_errors, { count: more });
      list.append(item);
    }
    errorsBox.hidden = !list.children.length;
    box.dataset.errorCount = String((result.line_error_count || 0) + general.length);
  }

  function fillRows(name, rows) {
    const body = box.querySelector(`[data-batch-rows="${name}"]`);
    if (!body) return;
    const template = body.querySelector("template");
    body.querySelectorAll("tr").forEach((row) => row.remove());
    const fragment = document.createDocumentFragment();
    for (const item of rows) {
      const row = template.content.firstElementChild.cloneNode(true);
      for (const cell of row.querySelectorAll("[data-field]")) {
        const value = item[cell.dataset.field];
        cell.dataset.value = String(value ?? "");
        cell.textContent = format(value, cell.dataset.format);
      }
      fragment.append(row);
    }
    body.append(fragment);
  }

  function showResult(result) {
    if (kind === "penalty") {
      for (const output of box.querySelectorAll("[data-batch-output]")) {
        const [group, key] = output.dataset.batchOutput.split(".");
        const value = result[group]?.[key];
        output.dataset.value = String(value ?? "");
        output.textContent = format(value, output.dataset.format);
      }
      fillRows("by_customer", result.by_customer || []);
      fillRows("invoices", result.invoices || []);
      const caption = box.querySelector("[data-batch-preview-caption]");
      if (caption) caption.textContent = fill(messages.batch_preview, {
        shown: format((result.invoices || []).length, "integer"), count: format(result.count, "integer"),
      });
      exported = result.csv || "";
    } else {
      fillRows("months", result.months || []);
      const holder = box.querySelector("[data-batch-chart]");
      holder.innerHTML = "";
      const target = box.dataset.target ? Number(box.dataset.target) : null;
      holder.append(dsoTrend(result.months || [], target, {
        title: messages.chart_title, simple: messages.chart_simple,
        countback: messages.chart_countback, target: messages.chart_target,
      }, (value, digits = 2) => digits === 0 ? format(value, "integer") : format(value, "decimal")));
    }
    resultBox.hidden = false;
  }

  async function run(text) {
    errorsBox.hidden = true;
    delete box.dataset.done;
    status.textContent = messages.batch_waiting || "";
    await runtime.whenReady();
    if (runtime.status().failed) { status.textContent = ""; return; }
    status.textContent = messages.batch_reading || "";
    bar.hidden = false;
    bar.value = 0;
    const started = performance.now();
    const result = await runtime.computeFile(kind, text, terms(), (done, total) => {
      bar.max = total;
      bar.value = done;
      status.textContent = fill(messages.batch_progress, { done: format(done, "integer"), total: format(total, "integer") });
    });
    const ms = Math.round(performance.now() - started);
    bar.hidden = true;
    showErrors(result);
    // A rate the tables lack for the date counted to: the form asks the reader for it.
    if (result.missing_rates) {
      form.dispatchEvent(new CustomEvent("encours:missing-rates", { detail: result.missing_rates }));
    }
    if (result.errors) {
      resultBox.hidden = true;
      status.textContent = "";
    } else {
      showResult(result);
      const count = kind === "penalty" ? result.count : (result.months || []).length;
      status.textContent = fill(messages.batch_done, { count: format(count, "integer"), ms: format(ms, "integer") });
    }
    box.dataset.ms = String(ms);
    box.dataset.done = "1";
    box.dispatchEvent(new CustomEvent("encours:batch", { bubbles: true, detail: { ms, result } }));
  }

  box.querySelector("[data-batch-file]")?.addEventListener("change", async (event) => {
    const file = event.target.files && event.target.files[0];
    // Bytes, not file.text() (always UTF-8): ERP exports are often Windows-1252.
    if (file) run(new Uint8Array(await file.arrayBuffer()));
  });
  box.querySelector("[data-batch-run]")?.addEventListener("click", () => {
    run(box.querySelector("[data-batch-text]").value);
  });
  box.querySelector("[data-batch-export]")?.addEventListener("click", () => {
    const blob = new Blob(["\ufeff" + exported], { type: "text/csv;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${messages[`batch_file_${kind}`] || kind}-${today()}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
}

onPage(".encours-batch[data-batch]", bind);
