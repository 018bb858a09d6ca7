// What every Encours page script shares: reading a form as the calculators' payload, the fields
// that apply only to some choices, the page lifecycle under Material's instant navigation, and
// filling "{name}" into the texts of the label catalogue. No state; nothing runs on import.

/** Name prefix of a rate the reader types for a half-year the tables lack. */
export const TYPED_RATE = "reference_rates.";

/** The input name of a typed rate: `reference_rates.<table>.<YYYY-Hn>`. */
export function typedRateName(table, half) {
  return `${TYPED_RATE}${table}.${half}`;
}

/** `[table, half]` of a typed rate's input name, or null for any other name. */
export function parseTypedRate(name) {
  const match = /^reference_rates\.([a-z_]+)\.([0-9]{4}-H[12])$/.exec(name || "");
  return match ? [match[1], match[2]] : null;
}

/**
 * A calculator form's inputs as the calculators receive them: `lang`, then every enabled named
 * field, trimmed, blanks left out (a checkbox as true or false); rates typed by the reader
 * (`reference_rates.<table>.<half>`) as `reference_rates: {table: {half: rate}}`.
 * `skip(name)` leaves fields out. The tests read the page's forms through this very function.
 */
export function formPayload(form, { skip = () => false } = {}) {
  const payload = { lang: form.dataset.lang || "fr" };
  for (const field of form.elements) {
    if (!field.name || field.disabled || skip(field.name)) continue;
    const typed = parseTypedRate(field.name);
    if (typed) {
      if (field.value.trim() === "") continue;
      payload.reference_rates ??= {};
      (payload.reference_rates[typed[0]] ??= {})[typed[1]] = field.value.trim();
    } else if (field.type === "checkbox") payload[field.name] = field.checked;
    else if (field.value.trim() !== "") payload[field.name] = field.value.trim();
  }
  return payload;
}

/** The enabled inputs that differ from their default (`data-default`), as a query string. */
export function formQuery(form) {
  const query = new URLSearchParams();
  for (const field of form.elements) {
    if (!field.name || field.disabled) continue;
    const value = field.type === "checkbox" ? String(field.checked) : field.value.trim();
    if (value !== (field.dataset.default ?? "")) query.set(field.name, value);
  }
  return query.toString();
}

/**
 * Fills a form from a query string; true if it held any of the form's inputs. A typed rate
 * the form has no input for yet is given one by `create(name)`, if passed.
 */
export function fillForm(form, search, { create = null } = {}) {
  let any = false;
  for (const [key, value] of new URLSearchParams(search)) {
    let field = form.elements.namedItem(key);
    if (!field && create && parseTypedRate(key)) field = create(key);
    if (!field || !field.name) continue;
    if (field.type === "checkbox") field.checked = value === "true";
    else field.value = value;
    any = true;
  }
  return any;
}

/** Every named field back to its default (`data-default`). */
export function resetForm(form) {
  for (const field of form.elements) {
    if (!field.name) continue;
    if (field.type === "checkbox") field.checked = field.dataset.default === "true";
    else field.value = field.dataset.default ?? "";
  }
}

/** "name=value" (a box's `data-only-when`) as [name, value]. */
export function parseCondition(text) {
  const at = text.indexOf("=");
  return [text.slice(0, at), text.slice(at + 1)];
}

/**
 * The choices of a field that another field's value allows, from a rule of the form's
 * `data-allowed-choices` (`{field: {by, allowed: {value: [choices]}}}`, rendered from the
 * calculators' own tables): none for a value the rule does not know. The blank choice ("the
 * regime's own") is always allowed.
 */
export function allowedChoices(rule, byValue) {
  return rule.allowed[byValue] || [];
}

/**
 * Fields that apply only to some choices (`data-only-when` on their box: DSO method, France's
 * contractual rate) are hidden and disabled, so left out of the payload; a choice another
 * field does not allow (`data-allowed-choices`: the penalty modes of a regime) is disabled, and
 * cleared when that other field has just `changed` (`true`: every field may have, as when a
 * shareable link filled the form: `?regime=FR-PUBLIC` leaves the policy's "split" mode out).
 */
export function applyConditions(form, changed = null) {
  for (const box of form.querySelectorAll("[data-only-when]")) {
    const [name, wanted] = parseCondition(box.dataset.onlyWhen);
    const applies = form.elements.namedItem(name)?.value === wanted;
    box.hidden = !applies;
    box.querySelectorAll("input, select, textarea").forEach((field) => { field.disabled = !applies; });
  }
  const rules = readJSON(form, "allowedChoices", {});
  for (const [name, rule] of Object.entries(rules)) {
    const field = form.elements.namedItem(name);
    const by = form.elements.namedItem(rule.by);
    if (!field || !by) continue;
    const allowed = allowedChoices(rule, by.value);
    for (const option of field.options) option.disabled = option.value !== "" && !allowed.includes(option.value);
    if ((changed === by || changed === true) && field.value && !allowed.includes(field.value)) {
      field.value = "";
    }
  }
}

/** `{name}` in a text of the catalogue replaced by `values[name]` (left as is if not given). */
export function fill(template, values = {}) {
  return String(template ?? "").replace(/\{(\w+)\}/g, (whole, name) =>
    name in values ? String(values[name] ?? "") : whole);
}

/** A JSON data attribute of an element (`data-messages` as "messages"), or `fallback`. */
export function readJSON(element, name, fallback) {
  const text = element.dataset[name];
  if (!text) return fallback;
  try {
    return JSON.parse(text);
  } catch (_) {
    return fallback;
  }
}

/**
 * Calls `bind(element)` once for each element matching `selector` on every page: Material's
 * instant navigation swaps the content without running the scripts again and announces each new
 * page on `document$`; without Material, once the document is parsed.
 */
export function onPage(selector, bind) {
  const init = () => {
    for (const element of document.querySelectorAll(selector)) {
      if (element.dataset.bound) continue;
      element.dataset.bound = "1";
      bind(element);
    }
  };
  if (typeof window.document$?.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}

/** Queues work for when the page is idle (it waits for Python for a while). */
export const whenIdle = typeof window !== "undefined" && window.requestIdleCallback
  ? (task) => window.requestIdleCallback(task, { timeout: 2000 })
  : (task) => setTimeout(task, 200);
