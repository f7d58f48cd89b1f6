"""The figures view: groups in time order, filters, conflicts, the ledger document."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from mppclaims.ledger import build_ledger
from mppclaims.records import ArticleRecord, Ledger

from .builders import article, claim, mention

RETURNED = ["Mexico", "migrant", "return"]


def _records() -> list[ArticleRecord]:
    return [
        article(
            "000",
            date(2019, 4, 12),
            claims=[
                claim("1,323", 1323, RETURNED, start=60, time_ref="in late January"),
                claim("three", 3, ["judge", "panel", "rule"], start=90),
            ],
            dates=[mention("late January", "2019-01", start=40, mod="END")],
        ),
        article("001", None, claims=[claim("93", 93, ["Mexico", "people", "return"])]),
        article(
            "004",
            date(2019, 4, 20),
            claims=[
                claim("about 59,000", 59000, ["Mexico", "migrant", "send"], approx=True),
                claim("three", 3, ["judge", "panel", "sit"], start=40),
            ],
        ),
        article("005", date(2019, 4, 20), claims=[claim("1,100", 1100, RETURNED)]),
    ]


def test_a_group_holds_claims_of_several_articles_in_time_order() -> None:
    ledger = build_ledger(_records())
    assert ledger.view == "figures" and ledger.sources is None
    assert (ledger.articles, ledger.numeric_claims) == (4, 6)
    assert ledger.groups is not None
    first = ledger.groups[0]
    assert (first.id, first.kind, first.unit, first.articles) == (1, "count", None, 4)
    assert [(c.article, c.text) for c in first.claims] == [
        ("000", "1,323"),
        ("004", "about 59,000"),
        ("005", "1,100"),
        ("001", "93"),
    ]
    assert first.terms == ["Mexico", "migrant", "return"]
    assert [c.when.basis for c in first.claims] == ["time_ref", "published", "published", None]
    assert first.claims[0].published == date(2019, 4, 12)


def test_claims_for_the_same_day_that_disagree_are_flagged() -> None:
    [first, _] = build_ledger(_records()).groups or []
    [conflict] = first.conflicts
    assert (conflict.first, conflict.second) == (1, 2)
    assert "“about 59,000” (004) allows 53,100 to 64,900" in conflict.reason


def test_min_articles_about_and_only_conflicts_filter_groups() -> None:
    records = _records()
    assert [g.terms for g in build_ledger(records).groups or []] == [RETURNED, ["judge", "panel"]]
    assert len(build_ledger(records, min_articles=3).groups or []) == 1
    assert len(build_ledger(records, min_articles=1).groups or []) == 2
    about = build_ledger(records, about="JUDGE panel").groups or []
    assert [g.terms for g in about] == [["judge", "panel"]]
    assert build_ledger(records, about="judge migrant").groups == []
    conflicts = build_ledger(records, only_conflicts=True).groups or []
    assert [g.terms for g in conflicts] == [RETURNED]


def test_failed_records_are_left_out() -> None:
    failed = ArticleRecord.model_validate(
        {
            "source": {"id": "bad", "sha256": "", "encoding": "unknown", "chars": 0},
            "error": {"type": "DecodeError", "message": "bad: binary"},
        }
    )
    ledger = build_ledger([*_records(), failed])
    assert ledger.articles == 4


def test_the_ledger_round_trips_through_json() -> None:
    ledger = build_ledger(_records())
    assert Ledger.model_validate_json(ledger.model_dump_json()) == ledger


CLAIMS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "d"]),
        st.integers(1, 5000),
        st.lists(st.sampled_from(["Mexico", "migrant", "return", "send", "x"]), max_size=4),
        st.sampled_from([None, date(2019, 4, 1), date(2019, 4, 2)]),
    ),
    max_size=20,
)


@settings(max_examples=60, deadline=None)
@given(CLAIMS, st.integers(1, 3))
def test_groups_keep_their_promises(
    items: list[tuple[str, int, list[str], date | None]], n: int
) -> None:
    records = [
        article(name, day, claims=[claim(str(value), value, sorted(set(key)), start=i)])
        for i, (name, value, key, day) in enumerate(items)
    ]
    groups = build_ledger(records, min_articles=n).groups or []
    seen = [(c.article, c.start) for g in groups for c in g.claims]
    assert len(seen) == len(set(seen))  # a claim is in one group at most
    for number, group in enumerate(groups, 1):
        assert group.id == number
        assert group.articles == len({c.article for c in group.claims}) >= n
        starts = [c.when.start for c in group.claims]
        dated = [s for s in starts if s is not None]
        assert dated == sorted(dated) and starts[: len(dated)] == dated
        for conflict in group.conflicts:
            a, b = group.claims[conflict.first], group.claims[conflict.second]
            assert a.article != b.article and a.when.start == b.when.start is not None
