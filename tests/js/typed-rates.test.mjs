// Rates the reader types for half-years the tables lack: how they travel in the payload and in
// the shareable link (encours-core.js). Run with `node --test`.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  applyConditions, fillForm, formPayload, formQuery, parseTypedRate, typedRateName,
} from "../../docs/assets/javascripts/encours-core.js";

function field(name, value, { dataset = { default: "" }, options } = {}) {
  return { name, value, type: "text", checked: false, disabled: false, dataset, options };
}
function fakeForm(fields, dataset = {}) {
  const elements = [...fields];
  elements.namedItem = (name) => elements.find((item) => item.name === name) || null;
  return { dataset, elements, querySelectorAll: () => [] };
}

test("a typed rate's name says its table and half-year, and nothing else is one", () => {
  const name = typedRateName("ecb_main_refinancing_rate", "2026-H2");
  assert.equal(name, "reference_rates.ecb_main_refinancing_rate.2026-H2");
  assert.deepEqual(parseTypedRate(name), ["ecb_main_refinancing_rate", "2026-H2"]);
  for (const other of ["amount", "reference_rates", "reference_rates.x.2026", "reference_rates.x.2026-H3"]) {
    assert.equal(parseTypedRate(other), null, other);
  }
});

test("typed rates reach the calculators as reference_rates, blanks left out", () => {
  const form = fakeForm([
    field("amount", "10000"),
    field("reference_rates.ecb_main_refinancing_rate.2026-H2", " 2.15 "),
    field("reference_rates.ecb_main_refinancing_rate.2027-H1", ""),
    field("reference_rates.france_legal_interest_rate.2026-H2", "3.1"),
  ]);
  assert.deepEqual(formPayload(form), {
    lang: "fr", amount: "10000",
    reference_rates: { ecb_main_refinancing_rate: { "2026-H2": "2.15" },
                       france_legal_interest_rate: { "2026-H2": "3.1" } },
  });
});

test("a shareable link carries a typed rate, and gives the form a field for it", () => {
  const typed = field("reference_rates.ecb_main_refinancing_rate.2026-H2", "2.15");
  assert.equal(formQuery(fakeForm([typed])), "reference_rates.ecb_main_refinancing_rate.2026-H2=2.15");
  const form = fakeForm([field("amount", "")]);
  const created = [];
  const create = (name) => {
    const made = field(name, "");
    form.elements.push(made);
    created.push(name);
    return made;
  };
  assert.ok(fillForm(form, "?amount=5&reference_rates.ecb_main_refinancing_rate.2026-H2=2.15&other=1",
                     { create }));
  assert.deepEqual(created, ["reference_rates.ecb_main_refinancing_rate.2026-H2"]);
  assert.deepEqual(formPayload(form).reference_rates, { ecb_main_refinancing_rate: { "2026-H2": "2.15" } });
  assert.ok(!fillForm(fakeForm([]), "?reference_rates.ecb_main_refinancing_rate.2026-H2=2"));
});

test("a link that changes the regime leaves out a mode the regime does not allow", () => {
  const regime = field("regime", "FR-PUBLIC");
  const mode = field("mode", "split", { options: [{ value: "" }, { value: "split" }, { value: "fixed" }] });
  const rules = { mode: { by: "regime", allowed: { FR: ["split", "fixed"], "FR-PUBLIC": ["fixed"] } } };
  const form = fakeForm([regime, mode], { allowedChoices: JSON.stringify(rules) });
  applyConditions(form);
  assert.equal(mode.value, "split"); // nothing changed: kept, its option disabled
  applyConditions(form, true);
  assert.equal(mode.value, "");
});
