"""Metadata and boilerplate read from the raw text, with general layouts of news pages."""

from __future__ import annotations

from datetime import date

import pytest

from mppclaims.metadata import read_metadata


@pytest.mark.parametrize(
    ("text", "published", "authors", "dateline"),
    [
        ("date 2020-03-05 Sign up\n\nBody text here.", date(2020, 3, 5), [], None),
        (
            "Headline\n\nMarch 5, 2020, 10:01 AM EST By Jane Doe and Max Roe\n\nBody.",
            date(2020, 3, 5),
            ["Jane Doe", "Max Roe"],
            None,
        ),
        ("Headline\n\nBy Jane Doe\n\nBody text.", None, ["Jane Doe"], None),
        (
            "Title\n\nBOSTON, Sept. 3, 2018 — The city said on Monday that it would act.",
            date(2018, 9, 3),
            [],
            "BOSTON",
        ),
        ("Title\n\nWASHINGTON (AP) — Lawmakers met on Tuesday.\n\nMore.", None, [], "WASHINGTON"),
        ("The mayor said on Monday that taxes would rise by 5 percent.\n\nMore.", None, [], None),
    ],
)
def test_metadata_from_text(
    text: str, published: date | None, authors: list[str], dateline: str | None
) -> None:
    metadata, _ = read_metadata(text)
    assert metadata.published == published
    assert metadata.authors == authors
    assert metadata.dateline == dateline


def test_stated_date_wins_over_input_and_input_is_recorded_when_text_has_none() -> None:
    stated, _ = read_metadata("date 2020-03-05 x\n\nBody.", published=date(2021, 1, 1))
    assert (stated.published, stated.published_from) == (date(2020, 3, 5), "text")
    given, _ = read_metadata("Body only.\n\nMore.", published=date(2021, 1, 1))
    assert (given.published, given.published_from) == (date(2021, 1, 1), "input")
    none, _ = read_metadata("Body only.\n\nMore.")
    assert (none.published, none.published_from) == (None, None)


def test_title_is_a_short_first_line() -> None:
    metadata, _ = read_metadata("Senate Passes Budget Bill\n\nThe Senate voted 51-49 on Friday.")
    assert metadata.title == "Senate Passes Budget Bill"
    long_first, _ = read_metadata(("A long opening sentence " * 12) + ".\n\nMore.")
    assert long_first.title is None


BODY = "\n\n".join(f"Paragraph {i} of the story says something newsworthy." for i in range(8))


@pytest.mark.parametrize(
    ("passage", "reason"),
    [
        ("Sign up for our Morning Briefing newsletter.", "newsletter"),
        ("Breaking News Emails Get breaking news alerts and special reports.", "newsletter"),
        ("GettyImages-123456 Protesters march downtown. Jane Roe/Getty Images", "caption"),
        ("Protesters gather outside the court on Monday. (AP Photo/John Doe)", "caption"),
        ("Join the Discussion", "teaser"),
        ("Editor’s note: This story has been updated with the mayor's response.", "note"),
    ],
)
def test_boilerplate_lines_are_marked_with_a_reason(passage: str, reason: str) -> None:
    text = f"{BODY}\n\n{passage}\n\nClosing paragraph of the story."
    _, boilerplate = read_metadata(text)
    start = text.index(passage)
    assert any(b.start <= start < b.end and b.reason == reason for b in boilerplate)
    assert all(text[b.start : b.end] == b.text for b in boilerplate)


def test_press_release_tail_runs_to_the_end_but_body_is_kept() -> None:
    tail = (
        "For more information, visit the Example Rights Center.\n\n"
        "The Example Rights Center is a nonprofit that works for fairness. Learn more at x.org."
    )
    text = f"{BODY}\n\n{tail}"
    _, boilerplate = read_metadata(text)
    assert [b.reason for b in boilerplate] == ["blurb"]
    assert boilerplate[0].start == text.index("For more information")
    assert boilerplate[0].end == len(text)


def test_caption_above_an_outlet_dateline() -> None:
    text = (
        "A protester holds a sign outside the courthouse in the capital as the judges hear the "
        "case.\nCNN  — \n\nThe court heard arguments on Monday."
    )
    metadata, boilerplate = read_metadata(text)
    assert metadata.dateline == "CNN"
    assert [b.reason for b in boilerplate] == ["caption"]


def test_nothing_is_marked_in_plain_news() -> None:
    _, boilerplate = read_metadata(BODY)
    assert boilerplate == []
