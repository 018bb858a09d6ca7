// The shared page module: form ↔ payload, field conditions, fill(). Run with `node --test`.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  allowedChoices, applyConditions, fill, fillForm, formPayload, formQuery, parseCondition,
  readJSON, resetForm,
} from "../../docs/assets/javascripts/encours-core.js";

// Just enough of a form for the functions under test: named fields, boxes, data attributes.
function field(name, value, { type = "text", checked = false, disabled = false, default: fallback,
                              unset, options } = {}) {
  const dataset = {};
  if (fallback !== undefined) dataset.default = fallback;
  if (unset !== undefined) dataset.unset = unset;
  return { name, value, type, checked, disabled, options, dataset };
}
function fakeForm(fields, { dataset = {}, boxes = [] } = {}) {
  const elements = [...fields];
  elements.namedItem = (name) => fields.find((item) => item.name === name) || null;
  return {
    dataset, elements,
    querySelectorAll: (selector) => (selector === "[data-only-when]" ? boxes : []),
  };
}
function box(onlyWhen, fields) {
  return { dataset: { onlyWhen }, hidden: false, querySelectorAll: () => fields };
}

test("formPayload: the language, then enabled named fields, trimmed, blanks left out", () => {
  const form = fakeForm([
    field("amount", " 10 000 "), field("b2b", "on", { type: "checkbox", checked: false }),
    field("rate", "8", { disabled: true }), field("", "unnamed"), field("payment_date", "  "),
  ], { dataset: { lang: "en" } });
  assert.deepEqual(formPayload(form), { lang: "en", amount: "10 000", b2b: false });
});

test("formPayload: French when the form names no language; skip() leaves fields out", () => {
  const form = fakeForm([field("amount", "5"), field("regime", "FR")]);
  assert.deepEqual(formPayload(form, { skip: (name) => name === "amount" }),
                   { lang: "fr", regime: "FR" });
});

test("formQuery: no query at the defaults; else every input that a link would not leave unset", () => {
  const fields = [
    field("amount", "250", { default: "100" }), field("regime", "FR", { default: "FR", unset: "FR" }),
    field("b2b", "on", { type: "checkbox", checked: false, default: "true", unset: "true" }),
    field("rate", "9", { disabled: true, default: "" }), field("as_of", "", { default: "" }),
  ];
  const form = fakeForm(fields);
  assert.equal(formQuery(form), "amount=250&b2b=false");
  resetForm(form);
  assert.deepEqual([fields[0].value, fields[2].checked, fields[3].value], ["100", true, ""]);
  assert.equal(formQuery(form), "", "the defaults are the page's address alone");
  fields[0].value = "";
  assert.equal(formQuery(form), "amount=", "a link that names no input still names one");
});

test("fillForm: a link is the whole input; the inputs it does not name are not given", () => {
  const fields = [
    field("amount", "100", { default: "100" }), field("regime", "DE", { default: "DE", unset: "FR" }),
    field("b2b", "on", { type: "checkbox", checked: false, default: "false", unset: "true" }),
    field("as_of", "2025-01-01", { default: "2025-01-01" }),
  ];
  const form = fakeForm(fields);
  assert.equal(fillForm(form, "?amount=300&unknown=1"), true);
  assert.deepEqual([fields[0].value, fields[1].value, fields[2].checked, fields[3].value],
                   ["300", "FR", true, ""]);
  assert.equal(fillForm(form, "unknown=1"), false);
  assert.equal(fields[0].value, "300", "a query naming no input is not a link");
});

test("fillForm reads a link's values as the calculators do: a choice in any case, a box's words, French dates", () => {
  const regime = field("regime", "FR", { unset: "FR", options: [{ value: "FR" }, { value: "UK" }] });
  const b2b = field("b2b", "on", { type: "checkbox", checked: true, unset: "true" });
  const due = field("due_date", "", { type: "date" });
  const form = fakeForm([regime, b2b, due]);
  fillForm(form, "regime=%20uk%20&b2b=Non&due_date=3/9/2025");
  assert.deepEqual([regime.value, b2b.checked, due.value], ["UK", false, "2025-09-03"]);
  fillForm(form, "b2b=OUI&due_date=2025-09-30");
  assert.deepEqual([regime.value, b2b.checked, due.value], ["FR", true, "2025-09-30"]);
});

test("field conditions: a box applies only for its value, its fields disabled otherwise", () => {
  const rate = field("rate", "8");
  const sales = field("sales", "100");
  const regime = field("regime", "UK");
  const method = field("method", "simple");
  const boxes = [box("regime=FR", [rate]), box("method=simple", [sales])];
  const form = fakeForm([regime, method, rate, sales], { boxes });
  applyConditions(form);
  assert.deepEqual([boxes[0].hidden, rate.disabled, boxes[1].hidden, sales.disabled],
                   [true, true, false, false]);
  assert.deepEqual(formPayload(form), { lang: "fr", regime: "UK", method: "simple", sales: "100" });
  regime.value = "FR";
  applyConditions(form, regime);
  assert.deepEqual([boxes[0].hidden, rate.disabled], [false, false]);
  assert.deepEqual(parseCondition("method=countback"), ["method", "countback"]);
});

test("allowed choices: another field's value decides, a choice it forbids is cleared", () => {
  const rule = { by: "regime", allowed: { FR: ["split", "fixed"], UK: ["fixed"] } };
  assert.deepEqual(allowedChoices(rule, "UK"), ["fixed"]);
  assert.deepEqual(allowedChoices(rule, "XX"), []);
  const options = [{ value: "" }, { value: "split" }, { value: "fixed" }];
  const regime = field("regime", "UK");
  const mode = field("mode", "split", { options });
  const form = fakeForm([regime, mode], {
    dataset: { allowedChoices: JSON.stringify({ mode: rule }) },
  });
  applyConditions(form);
  assert.deepEqual(options.map((option) => option.disabled), [false, true, false]);
  assert.equal(mode.value, "split", "kept until the regime itself changes");
  applyConditions(form, regime);
  assert.equal(mode.value, "");
});

test("fill: {name} replaced, unknown names left, null as nothing", () => {
  assert.equal(fill("{done} sur {total}", { done: 3, total: 10 }), "3 sur 10");
  assert.equal(fill("{answer} ({missing})", { answer: "b" }), "b ({missing})");
  assert.equal(fill("[{x}]", { x: null }), "[]");
  assert.equal(fill(undefined, {}), "");
});

test("readJSON: a data attribute's JSON, or the fallback", () => {
  assert.deepEqual(readJSON({ dataset: { messages: '{"yes": "Oui"}' } }, "messages", {}), { yes: "Oui" });
  assert.deepEqual(readJSON({ dataset: { messages: "{" } }, "messages", {}), {});
  assert.equal(readJSON({ dataset: {} }, "modes", null), null);
});
