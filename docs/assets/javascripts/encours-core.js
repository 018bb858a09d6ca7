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
    } else if (field.dataset.memberOf) {
      // One entry of an object field (the bonus's `results.<criterion>`): blanks left out.
      if (field.value.trim() === "") continue;
      const key = field.name.slice(field.dataset.memberOf.length + 1);
      (payload[field.dataset.memberOf] ??= {})[key] = field.value.trim();
    } else if (field.type === "checkbox") payload[field.name] = field.checked;
    else if (field.value.trim() !== "") payload[field.name] = field.value.trim();
  }
  return payload;
}

// A shareable link names every input the computation receives, under its JSON field name, and
// nothing else: the calculators' JSON input with the same fields gives the same result (the
// command line's). An input a link does not name is not given: blank, or for a box and a
// choice without a blank one, the calculator's own default (`data-unset`, what the calculator
// takes when the field is absent). The page's address without a query string is the policy's
// defaults (`data-default`), which the page shows at first paint.
const TRUE_WORDS = new Set(["true", "oui", "yes", "vrai", "1"]);
const FALSE_WORDS = new Set(["false", "non", "no", "faux", "0"]);
const FRENCH_DATE = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4})$/;

/** What a field holds as a link's value: a box as "true" or "false", any other trimmed. */
function linkValue(field) {
  return field.type === "checkbox" ? String(field.checked) : field.value.trim();
}

/** The value a field takes when a link does not name it. */
function unsetValue(field) {
  return field.dataset.unset ?? "";
}

/**
 * The enabled inputs as a link's query string: those that differ from what a link leaves
 * unnamed (`data-unset`); "" when every input is the policy's default (`data-default`).
 */
export function formQuery(form) {
  const query = new URLSearchParams();
  let atDefaults = true;
  let first = null;
  for (const field of form.elements) {
    if (!field.name || field.disabled) continue;
    const value = linkValue(field);
    first ??= [field.name, value];
    if (value !== (field.dataset.default ?? "")) atDefaults = false;
    if (value !== unsetValue(field)) query.set(field.name, value);
  }
  if (atDefaults) return "";
  // Every input left unset, which is not the defaults: the link still names one.
  if (first && !query.size) query.set(...first);
  return query.toString();
}

/** A box's state from a link's word, as the calculators read a boolean; null if none. */
function linkBoolean(value) {
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  return FALSE_WORDS.has(word) ? false : null;
}

/** Puts a link's value in a field as the calculators would read it: a choice whatever its
 * case, a box from any of their words, a date as DD/MM/YYYY too. */
function setFromLink(field, value) {
  if (field.type === "checkbox") {
    const checked = linkBoolean(value);
    field.checked = checked ?? unsetValue(field) === "true";
    return;
  }
  const trimmed = value.trim();
  if (field.options) {
    const wanted = trimmed.toLowerCase();
    const option = [...field.options].find((item) => item.value.toLowerCase() === wanted);
    field.value = option ? option.value : value;
  } else if (field.type === "date") {
    const french = FRENCH_DATE.exec(trimmed);
    field.value = french
      ? `${french[3]}-${french[2].padStart(2, "0")}-${french[1].padStart(2, "0")}`
      : trimmed;
  } else field.value = value;
}

/**
 * Fills a form from a shareable link (a query string); true if it named any of the form's
 * inputs. Then the inputs it does not name are not given (`data-unset`): the link is the whole
 * input. A typed rate the form has no input for yet is given one by `create(name)`, if passed.
 */
export function fillForm(form, search, { create = null } = {}) {
  const named = [];
  for (const [key, value] of new URLSearchParams(search)) {
    let field = form.elements.namedItem(key);
    if (!field && create && parseTypedRate(key)) field = create(key);
    if (field && field.name) named.push([field, value]);
  }
  if (!named.length) return false;
  for (const field of form.elements) {
    if (!field.name) continue;
    if (field.type === "checkbox") field.checked = unsetValue(field) === "true";
    else field.value = unsetValue(field);
  }
  for (const [field, value] of named) setFromLink(field, value);
  return true;
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

/** The output at `path` of an answer: "decision.owner_title" is `owner_title` inside
 * `decision` (undefined when absent). */
export function valueAt(values, path) {
  let value = values;
  for (const key of path.split(".")) value = value === null || value === undefined ? undefined : value[key];
  return value;
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
