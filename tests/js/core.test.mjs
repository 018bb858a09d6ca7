// The shared page module: form ↔ payload, field conditions, fill(). Run with `node --test`.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  allowedChoices, applyConditions, fill, fillForm, formPayload, formQuery, parseCondition,
  readJSON, resetForm,
} from "../../docs/assets/javascripts/encours-core.js";

// Just enough of a form for the functions under test: named fields, boxes, data attributes.
function field(name, value, { type = "text", checked = false, disabled = false, default: fallback,
                              options } = {}) {
  return { name, value, type, checked, disabled, options, dataset: fallback === undefined ? {} : { default: fallback } };
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

test("formQuery keeps what differs from the defaults; fillForm and resetForm round-trip", () => {
  const fields = [
    field("amount", "250", { default: "100" }), field("regime", "FR", { default: "FR" }),
    field("b2b", "on", { type: "checkbox", checked: false, default: "true" }),
    field("rate", "9", { disabled: true, default: "" }),
  ];
  const form = fakeForm(fields);
  assert.equal(formQuery(form), "amount=250&b2b=false");
  resetForm(form);
  assert.deepEqual([fields[0].value, fields[2].checked, fields[3].value], ["100", true, ""]);
  assert.equal(fillForm(form, "?amount=300&b2b=false&unknown=1"), true);
  assert.deepEqual([fields[0].value, fields[2].checked], ["300", false]);
  assert.equal(fillForm(form, "unknown=1"), false);
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
