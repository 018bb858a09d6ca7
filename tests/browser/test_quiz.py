"""The self-check quizzes, answered in Chromium as a reader would: the score, each verdict, the
explanations, reset, and quizzes reached through Material's instant navigation (no reload)."""

from __future__ import annotations

from pathlib import Path

import pytest

from encours.i18n import Catalogue
from encours.policy import load_policy
from encours.render.policy_text import PolicyText

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def policy():
    return load_policy(ROOT / "policy").policy


def questions(policy, chapter: str):
    return [q for q in policy.training.questions if q.chapter == chapter]


def wrong_letter(question) -> str:
    return next(letter for letter in sorted(question.choices) if letter != question.answer)


def choose(page, chapter: str, question, letter: str) -> None:
    page.check(f"#quiz-{chapter}-{question.id}-{letter}")


def feedback(page, chapter: str, question) -> dict:
    fieldset = page.locator(f'form[data-quiz="{chapter}"] [data-question="{question.id}"]')
    return {
        "hidden": fieldset.locator("[data-feedback]").is_hidden(),
        "verdict": fieldset.locator("[data-verdict]").text_content(),
        "explanation": fieldset.locator(".encours-quiz__explanation").text_content(),
        "marked": fieldset.locator(".encours-quiz__choice--answer").get_attribute("data-choice"),
    }


def test_answering_the_terms_quiz(page, recorder, policy) -> None:
    labels, text = Catalogue("fr"), PolicyText(policy, "fr")
    asked = questions(policy, "terms")
    assert len(asked) >= 2
    page.goto("/terms/")
    form = page.locator('form[data-quiz="terms"]')
    assert form.locator("[data-feedback]:visible").count() == 0, "explanations start hidden"

    right, wrong, *rest = asked
    choose(page, "terms", right, right.answer)
    choose(page, "terms", wrong, wrong_letter(wrong))
    form.locator("button[type=submit]").click()

    shown = feedback(page, "terms", right)
    assert not shown["hidden"] and shown["verdict"] == labels("quiz.js.right")
    assert shown["explanation"] == text(right.explanation)
    shown = feedback(page, "terms", wrong)
    answer = text(wrong.choices[wrong.answer])
    assert shown["verdict"] == labels("quiz.js.wrong").replace("{answer}", answer)
    assert shown["marked"] == wrong.answer
    for question in rest:
        shown = feedback(page, "terms", question)
        answer = text(question.choices[question.answer])
        assert shown["verdict"] == labels("quiz.js.unanswered").replace("{answer}", answer)
    expected = labels("quiz.js.score").replace("{score}", "1").replace("{total}", str(len(asked)))
    assert form.locator("[data-score]").text_content() == expected

    form.locator("button[type=reset]").click()
    assert form.locator("[data-feedback]:visible").count() == 0
    assert form.locator("[data-score]").text_content() == ""
    assert form.locator("input:checked").count() == 0
    assert not recorder.errors, recorder.errors


def test_quiz_works_after_instant_navigation(page, recorder, policy) -> None:
    page.goto("/")
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator('.md-content a[href*="terms/"]').first.click()
    page.wait_for_selector('form[data-quiz="terms"][data-bound]')
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    asked = questions(policy, "terms")
    for question in asked:
        choose(page, "terms", question, question.answer)
    page.locator('form[data-quiz="terms"] button[type=submit]').click()
    score = page.locator('form[data-quiz="terms"]').get_attribute("data-score")
    assert score == str(len(asked))
    assert not recorder.errors, recorder.errors


def test_self_check_page_in_english_scores_every_chapter(page, recorder, policy) -> None:
    labels = Catalogue("en")
    page.goto("/en/quiz/")
    chapters = sorted({q.chapter for q in policy.training.questions})
    assert page.locator("form[data-quiz]").count() == len(chapters)
    for chapter in chapters:
        for question in questions(policy, chapter):
            choose(page, chapter, question, question.answer)
        form = page.locator(f'form[data-quiz="{chapter}"]')
        form.locator("button[type=submit]").click()
        total = len(questions(policy, chapter))
        expected = labels("quiz.js.score").replace("{score}", str(total))
        assert form.locator("[data-score]").text_content() == expected.replace("{total}",
                                                                                str(total))
    assert not recorder.errors, recorder.errors
