"""The training session in Chromium, as a trainee takes it: a draw of worked cases, progress,
a score against the pass mark, explanations, and on a pass the certificate with the policy's
version and content hash, kept in localStorage (or not, when the browser refuses) and printed.
The trainer's page lists the whole bank. Screenshots and the printed PDF go to ENCOURS_SHOTS
when that variable names a folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from encours.i18n import Catalogue
from encours.policy import load_policy

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ["ENCOURS_SHOTS"]) if os.environ.get("ENCOURS_SHOTS") else None
PREFIX = {"fr": "", "en": "/en"}
REFUSE_STORAGE = """Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("refused by the test", "SecurityError"); } });"""


@pytest.fixture(scope="module")
def policy():
    return load_policy(ROOT / "policy").policy


def shoot(target, name: str, **options: Any) -> None:
    """A screenshot of a page or of one element, when ENCOURS_SHOTS names a folder."""
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        target.screenshot(path=str(SHOTS / f"{name}.png"), **options)


def pdf_pages(pdf: Path) -> int:
    """The page count of a PDF, as poppler's ``pdfinfo`` reads it."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines()
                    if line.startswith("Pages:")))


def drawn(page) -> list[Any]:
    return page.locator("form[data-training] fieldset[data-question]:visible").all()


def answer(page, *, right: bool) -> int:
    """Answer every drawn question, right or wrong; returns how many were drawn."""
    questions = drawn(page)
    for question in questions:
        expected = question.get_attribute("data-answer")
        letters = [c.get_attribute("data-choice") for c in question.locator("[data-choice]").all()]
        letter = expected if right else next(x for x in letters if x != expected)
        question.locator(f'input[value="{letter}"]').check()
    return len(questions)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_session_all_right_earns_the_certificate(new_context, watch, policy, policy_json,
                                                   lang: str, tmp_path: Path) -> None:
    labels = Catalogue(lang)
    page = new_context().new_page()
    recorder = watch(page)
    page.goto(f"{PREFIX[lang]}/training/")
    form = page.locator("form[data-training]")
    count = len(drawn(page))
    assert count == policy.training.session.questions
    chapters = {q.get_attribute("data-chapter") for q in drawn(page)}
    assert len(chapters) >= 5, "a session mixes the chapters"
    assert page.locator("[data-certificate]").is_hidden()
    progress = form.locator("[data-progress]")
    assert progress.text_content() == labels("training.js.progress").format(answered=0,
                                                                            total=count)
    shoot(drawn(page)[0], f"training-question-{lang}")
    answer(page, right=True)
    assert progress.text_content() == labels("training.js.progress").format(answered=count,
                                                                            total=count)
    form.locator("button[type=submit]").click()
    assert form.get_attribute("data-passed") == "true"
    assert form.get_attribute("data-score") == str(count)
    certificate = page.locator("[data-certificate]")
    assert certificate.is_visible()
    page.fill("#training-name", "Camille Martin")
    assert certificate.locator("[data-certificate-name]").text_content() == "Camille Martin"
    assert certificate.locator("[data-certificate-version]").text_content() == \
        policy_json["version"]
    assert certificate.locator("[data-certificate-hash]").text_content() == \
        policy_json["content_hash"]
    stored = page.evaluate(f"() => JSON.parse(localStorage.getItem("
                           f"'encours.certificate.{policy_json['version']}'))")
    assert stored["name"] == "Camille Martin" and stored["score"] == count
    assert stored["hash"] == policy_json["content_hash"]
    shoot(form.locator("[data-result]"), f"training-result-{lang}")
    shoot(certificate, f"training-certificate-{lang}")
    if lang == "fr":
        pdf = tmp_path / "certificate.pdf"
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), format="A4")
        if SHOTS is not None:
            (SHOTS / "training-certificate.pdf").write_bytes(pdf.read_bytes())
        assert pdf_pages(pdf) == 1, "the certificate prints on one page"

    # The certificate stays for this version: a reload shows it again.
    page.emulate_media(media="screen")
    page.reload()
    assert page.locator("[data-certificate]").is_visible()
    assert page.locator("[data-certificate-name]").text_content() == "Camille Martin"
    assert not recorder.errors, recorder.errors


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_session_with_too_many_wrong_answers_explains_them(new_context, watch, policy,
                                                             lang: str) -> None:
    labels = Catalogue(lang)
    page = new_context().new_page()
    recorder = watch(page)
    page.goto(f"{PREFIX[lang]}/training/")
    count = answer(page, right=False)
    form = page.locator("form[data-training]")
    form.locator("button[type=submit]").click()
    assert form.get_attribute("data-passed") == "false"
    assert form.get_attribute("data-score") == "0"
    assert page.locator("[data-certificate]").is_hidden()
    assert form.locator("[data-name-box]").is_hidden()
    mark = form.get_attribute("data-pass-mark-text")
    assert form.locator("[data-verdict-session]").text_content() == \
        labels("training.js.failed").format(pass_mark=mark)
    explanations = form.locator("fieldset[data-question]:visible [data-feedback]:visible")
    assert explanations.count() == count
    wrong = labels("training.js.wrong").split("{answer}")[0]
    for question in drawn(page):
        assert question.locator("[data-verdict]").text_content().startswith(wrong)
        assert question.locator(".encours-quiz__explanation a").get_attribute("href")
    shoot(page, f"training-failed-{lang}")
    # A new session draws again and clears the marks.
    form.locator("[data-restart]").click()
    assert form.locator("[data-feedback]:visible").count() == 0
    assert form.locator("input:checked").count() == 0
    assert not recorder.errors, recorder.errors


def test_storage_refused_the_session_still_works_and_prints(new_context, watch, policy_json,
                                                            tmp_path: Path) -> None:
    labels = Catalogue("en")
    context = new_context()
    context.add_init_script(REFUSE_STORAGE)
    page = context.new_page()
    page.goto("/en/training/")
    answer(page, right=True)
    form = page.locator("form[data-training]")
    form.locator("button[type=submit]").click()
    assert form.get_attribute("data-passed") == "true"
    assert form.locator("[data-storage]").text_content() == labels("training.js.storage_refused")
    page.fill("#training-name", "Ada Lovelace")
    certificate = page.locator("[data-certificate]")
    assert certificate.locator("[data-certificate-name]").text_content() == "Ada Lovelace"
    page.emulate_media(media="print")
    assert certificate.is_visible()
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).visibility") == "hidden"
    pdf = tmp_path / "certificate.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf_pages(pdf) == 1


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_trainers_page_lists_every_case_with_its_answer(page, recorder, policy, lang) -> None:
    page.goto(f"{PREFIX[lang]}/trainer/")
    headings = page.locator(".md-content h3")
    assert headings.count() == len(policy.training.cases)
    assert page.locator(".md-content li strong").count() == len(policy.training.cases)
    shoot(page, f"trainer-{lang}")
    assert not recorder.errors, recorder.errors
