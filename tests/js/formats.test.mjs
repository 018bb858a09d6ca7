// Numbers and dates as the pages show them, against what Python writes into the pages at build
// time (encours.formatting): tests/test_javascript.py passes Python's own outputs in
// ENCOURS_FORMAT_CASES; run alone, `node --test` checks the fixed cases below.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { formatValue, locale } from "../../docs/assets/javascripts/encours-formats.js";

const NNBSP = "\u202f";
const NBSP = "\u00a0";

test("money, percent, decimal, integer and date in French and English", () => {
  const fr = { lang: "fr", currency: "EUR" };
  const en = { lang: "en", currency: "EUR" };
  assert.equal(formatValue("1234.5", "money", fr), `1${NNBSP}234,50${NBSP}€`);
  assert.equal(formatValue("1234.5", "money", en), "€1,234.50");
  assert.equal(formatValue("12.15", "percent", fr), `12,15${NBSP}%`);
  assert.equal(formatValue("12.15", "percent", en), "12.15%");
  assert.equal(formatValue("82.426", "decimal", fr), "82,43");
  assert.equal(formatValue("1000000", "integer", fr), `1${NNBSP}000${NNBSP}000`);
  assert.equal(formatValue("2025-09-30", "date", en), "30/09/2025");
  assert.equal(locale("en"), "en-GB");
  assert.equal(locale("de"), "fr-FR");
});

test("yes/no from the page's words, lists, text, nothing for null", () => {
  const words = { yes: "Oui", no: "Non" };
  assert.equal(formatValue(true, "yesno", { lang: "fr", words }), "Oui");
  assert.equal(formatValue(false, "yesno", { lang: "fr", words }), "Non");
  assert.equal(formatValue(["a", "b"], "list"), "a b");
  assert.equal(formatValue("FR", "text"), "FR");
  assert.equal(formatValue(null, "money"), "");
  assert.equal(formatValue(undefined, "date"), "");
});

const cases = process.env.ENCOURS_FORMAT_CASES;
test("the same text as Python's encours.formatting", { skip: !cases && "no cases from Python" }, () => {
  for (const { value, format, lang, currency, text } of JSON.parse(readFileSync(cases, "utf8"))) {
    assert.equal(formatValue(value, format, { lang, currency }), text,
                 `${value} as ${format} (${lang}, ${currency})`);
  }
});
