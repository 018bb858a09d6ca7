// Encours self-check quizzes: scores every <form data-quiz> in the page, in plain JavaScript.
// Each question is a <fieldset data-question data-answer="b"> of radio buttons; on "check", each
// question says whether the answer is right (and which one is), shows its explanation, and the
// form shows the score. Messages come from the page (data-messages), in the handbook's language.
// Forms are bound on each new page of Material's instant navigation (onPage).
import { fill, onPage, readJSON } from "./encours-core.js";

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
  const messages = readJSON(form, "messages", {});
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

onPage("form[data-quiz]", bind);
