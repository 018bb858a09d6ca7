// Encours training session: draws a fixed number of the page's worked cases (mixed chapters),
// shows progress, scores against the policy's pass mark, explains every answer, and on a pass
// fills the printable certificate (name typed by the trainee, date, score, policy version and
// content hash), kept in localStorage per policy version. Storage refused: everything else works.
// Every question is a <fieldset data-question data-answer data-chapter>, as in the chapter quizzes.
import { fill, onPage, readJSON } from "./encours-core.js";

const STORE = "encours.certificate.";

/** `items` in a random order (Fisher–Yates); `random` returns a number in [0, 1). */
export function shuffle(items, random = Math.random) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** `count` of `items` (each with a `chapter`), taking the chapters in turn so a draw mixes them. */
export function draw(items, count, random = Math.random) {
  const byChapter = new Map();
  for (const item of shuffle(items, random)) {
    if (!byChapter.has(item.chapter)) byChapter.set(item.chapter, []);
    byChapter.get(item.chapter).push(item);
  }
  const queues = shuffle([...byChapter.values()], random);
  const drawn = [];
  while (drawn.length < Math.min(count, items.length)) {
    for (const queue of queues) {
      if (queue.length && drawn.length < count) drawn.push(queue.shift());
    }
  }
  return drawn;
}

/** The share of right answers, in percent, to one decimal. */
export function percent(score, total) {
  return total ? Math.round((score / total) * 1000) / 10 : 0;
}

function storage() {
  try {
    const store = window.localStorage;
    const probe = `${STORE}probe`;
    store.setItem(probe, "1");
    store.removeItem(probe);
    return store;
  } catch {
    return null;
  }
}

/** The certificate kept under `key`, or null (none, unreadable, or storage refused). */
function stored(key) {
  const store = storage();
  try {
    return store ? JSON.parse(store.getItem(key) || "null") : null;
  } catch {
    return null;
  }
}

function longDate(iso, lang) {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(new Date(`${iso}T12:00:00`));
  } catch {
    return iso;
  }
}

function answerText(question) {
  const label = question.querySelector(`[data-choice="${question.dataset.answer}"] label`);
  return label ? label.textContent.trim() : question.dataset.answer;
}

function bind(form) {
  const messages = readJSON(form, "messages", {});
  const lang = form.dataset.lang || document.documentElement.lang || "fr";
  const passMark = Number(form.dataset.passMark);
  const passText = form.dataset.passMarkText || String(passMark);
  const certificate = document.querySelector("[data-certificate]");
  const all = [...form.querySelectorAll("[data-question]")];
  const nameInput = form.querySelector("#training-name");
  const status = form.querySelector("[data-storage]");
  let drawn = [];
  let current = null;

  const key = `${STORE}${form.dataset.version}`;

  function progress() {
    const answered = drawn.filter((q) => q.querySelector("input:checked")).length;
    form.querySelector("[data-progress-bar]").value = answered;
    form.querySelector("[data-progress]").textContent = fill(messages.progress, {
      answered,
      total: drawn.length,
    });
  }

  function showCertificate(record) {
    if (!certificate) return;
    certificate.querySelector("[data-certificate-name]").textContent =
      record.name || messages.name_missing;
    certificate.querySelector("[data-certificate-score]").textContent = fill(messages.score, {
      score: record.score,
      total: record.total,
      percent: record.percent,
    });
    certificate.querySelector("[data-certificate-date]").textContent = longDate(record.date, lang);
    certificate.querySelector("[data-certificate-version]").textContent = record.version;
    certificate.querySelector("[data-certificate-hash]").textContent = record.hash;
    certificate.hidden = false;
    document.documentElement.classList.add("encours-print-certificate");
  }

  function hideCertificate() {
    if (certificate) certificate.hidden = true;
    document.documentElement.classList.remove("encours-print-certificate");
  }

  function keep(record) {
    const store = storage();
    if (!store) {
      status.textContent = messages.storage_refused;
      return;
    }
    try {
      store.setItem(key, JSON.stringify(record));
      status.textContent = fill(messages.stored, { version: record.version });
    } catch {
      status.textContent = messages.storage_refused;
    }
  }

  function start() {
    form.reset();
    hideCertificate();
    current = null;
    form.querySelector("[data-result]").hidden = true;
    form.querySelector("[data-name-box]").hidden = true;
    delete form.dataset.score;
    delete form.dataset.passed;
    const items = all.map((question) => ({ question, chapter: question.dataset.chapter }));
    drawn = draw(items, Number(form.dataset.draw)).map((item) => item.question);
    for (const question of all) {
      question.hidden = true;
      question.classList.remove("encours-quiz__question--right", "encours-quiz__question--wrong");
      question.querySelector("[data-feedback]").hidden = true;
      for (const choice of question.querySelectorAll("[data-choice]")) {
        choice.classList.remove("encours-quiz__choice--answer");
      }
    }
    const actions = form.querySelector(".encours-quiz__actions");
    drawn.forEach((question, index) => {
      question.querySelector("[data-number]").textContent = `${index + 1}. `;
      question.hidden = false;
      actions.before(question);
    });
    form.dataset.drawn = drawn.map((question) => question.dataset.question).join(" ");
    progress();
  }

  function score() {
    let right = 0;
    for (const question of drawn) {
      const chosen = question.querySelector("input[type=radio]:checked");
      const correct = chosen !== null && chosen.value === question.dataset.answer;
      if (correct) right += 1;
      const verdict = correct ? "right" : chosen ? "wrong" : "unanswered";
      question.classList.toggle("encours-quiz__question--right", correct);
      question.classList.toggle("encours-quiz__question--wrong", !correct);
      question.querySelector("[data-verdict]").textContent = fill(messages[verdict], {
        answer: answerText(question),
      });
      question.querySelector("[data-feedback]").hidden = false;
      question
        .querySelector(`[data-choice="${question.dataset.answer}"]`)
        ?.classList.add("encours-quiz__choice--answer");
    }
    const total = drawn.length;
    const share = percent(right, total);
    const passed = right * 100 >= passMark * total; // exact: 79.96 % is not 80 %
    form.dataset.score = String(right);
    form.dataset.passed = String(passed);
    const result = form.querySelector("[data-result]");
    result.hidden = false;
    result.querySelector("[data-score]").textContent = fill(messages.score, {
      score: right,
      total,
      percent: share.toLocaleString(lang),
    });
    result.querySelector("[data-verdict-session]").textContent = fill(
      passed ? messages.passed : messages.failed,
      { pass_mark: passText },
    );
    form.querySelector("[data-name-box]").hidden = !passed;
    status.textContent = "";
    if (passed) {
      current = {
        name: nameInput.value.trim(),
        score: right,
        total,
        percent: share.toLocaleString(lang),
        date: new Date().toISOString().slice(0, 10),
        version: form.dataset.version,
        hash: form.dataset.hash,
      };
      showCertificate(current);
      keep(current);
    } else {
      current = null;
      hideCertificate();
    }
    result.scrollIntoView({ block: "start" });
  }

  form.addEventListener("change", progress);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    score();
  });
  form.querySelector("[data-restart]").addEventListener("click", start);
  nameInput.addEventListener("input", () => {
    if (!current) return;
    current.name = nameInput.value.trim();
    showCertificate(current);
    keep(current);
  });
  form.querySelector("[data-print]").addEventListener("click", () => window.print());

  for (const note of document.querySelectorAll("[data-no-script]")) note.hidden = true;
  start();
  const previous = stored(key);
  if (previous && previous.hash === form.dataset.hash) {
    status.textContent = fill(messages.previous, {
      date: longDate(previous.date, lang),
      score: `${previous.score}/${previous.total}`,
    });
    form.querySelector("[data-result]").hidden = false;
    showCertificate(previous);
  }
}

// Bound in the page only (node --test imports the pure functions above).
if (typeof document !== "undefined") onPage("form[data-training]", bind);
