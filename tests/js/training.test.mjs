// The training session's draw and score. Run with `node --test`.
import assert from "node:assert/strict";
import { test } from "node:test";

import { draw, percent, shuffle } from "../../docs/assets/javascripts/encours-training.js";

// A repeatable random source (a small linear congruential generator).
function seeded(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const BANK = [
  ...Array.from({ length: 8 }, (_, i) => ({ id: `t${i}`, chapter: "terms" })),
  ...Array.from({ length: 2 }, (_, i) => ({ id: `r${i}`, chapter: "recovery" })),
  ...Array.from({ length: 3 }, (_, i) => ({ id: `b${i}`, chapter: "blocked_orders" })),
];

test("shuffle keeps every item once", () => {
  const out = shuffle(BANK, seeded(7));
  assert.equal(out.length, BANK.length);
  assert.deepEqual(new Set(out), new Set(BANK));
});

test("a draw takes the chapters in turn, so it mixes them", () => {
  for (const seed of [1, 2, 3, 42]) {
    const drawn = draw(BANK, 6, seeded(seed));
    assert.equal(drawn.length, 6);
    assert.equal(new Set(drawn.map((item) => item.id)).size, 6, "no question twice");
    const chapters = drawn.map((item) => item.chapter);
    assert.equal(new Set(chapters.slice(0, 3)).size, 3, "the first three: one per chapter");
    assert.ok(chapters.filter((c) => c === "terms").length <= 3, "terms does not crowd the rest");
  }
});

test("a draw never asks for more than the bank holds", () => {
  assert.equal(draw(BANK, 99, seeded(5)).length, BANK.length);
  assert.deepEqual(draw([], 4), []);
});

test("percent is the share of right answers to one decimal", () => {
  assert.equal(percent(10, 12), 83.3);
  assert.equal(percent(12, 12), 100);
  assert.equal(percent(0, 0), 0);
});
