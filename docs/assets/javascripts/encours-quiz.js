// Encours self-check quizzes: scores every <form data-quiz> in the page, in plain JavaScript.
// Each question is a <fieldset data-question data-answer="b"> of radio buttons; on "check", each
// question says whether the answer is right (and which one is), shows its explanation, and the
// form shows the score. Messages come from the page (data-messages), in the handbook's language.
// Material's instant navigation swaps pages without reloading scripts: forms are bound on each
// new page through `document$`.
(() => {
  "use strict";

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, (whole, name) =>
      name in values ? String(values[name]) : whole
    );
  }

  function answerText(question) {
    const choice = question.querySelector(`[data-choice="${question.dataset.answer}"] label`);
    return choice ? choice.textContent.trim() : question.dataset.answer;
  }

  function clear(form) {
    for (const question of form.querySelectorAll("[data-question]")) {
      question.classList.remove("encours-quiz__question--right", "encours-quiz__question--wrong");
      question.querySelector("[data-feedback]").hidden = true;
      question.querySelector("[data-verdict]").textContent = "";
      for (const choice of question.querySelectorAll("[data-choice]")) {
        choice.classList.remove("encours-quiz__choice--answer");
      }
    }
    const score = form.querySelector("[data-score]");
    score.textContent = "";
  }

  function check(form, messages) {
    const questions = [...form.querySelectorAll("[data-question]")];
    let right = 0;
    for (const question of questions) {
      const chosen = question.querySelector("input[type=radio]:checked");
      const correct = chosen !== null && chosen.value === question.dataset.answer;
      const answer = answerText(question);
      if (correct) right += 1;
      const key = correct ? "right" : chosen ? "wrong" : "unanswered";
      question.classList.toggle("encours-quiz__question--right", correct);
      question.classList.toggle("encours-quiz__question--wrong", !correct);
      question.querySelector("[data-verdict]").textContent = fill(messages[key], { answer });
      question.querySelector("[data-feedback]").hidden = false;
      const expected = question.querySelector(`[data-choice="${question.dataset.answer}"]`);
      if (expected) expected.classList.add("encours-quiz__choice--answer");
    }
    form.querySelector("[data-score]").textContent = fill(messages.score, {
      score: right,
      total: questions.length,
    });
    form.dataset.score = String(right);
  }

  function bind(form) {
    if (form.dataset.bound) return;
    form.dataset.bound = "true";
    let messages = {};
    try {
      messages = JSON.parse(form.dataset.messages || "{}");
    } catch (error) {
      messages = {};
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      check(form, messages);
    });
    // The browser clears the radio buttons after the reset event: clear our marks with it.
    form.addEventListener("reset", () => {
      clear(form);
      delete form.dataset.score;
    });
  }

  function init() {
    for (const form of document.querySelectorAll("form[data-quiz]")) bind(form);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
