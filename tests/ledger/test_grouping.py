"""Grouping: claims of different articles with compatible units and similar keys."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mppclaims.ledger import similarity
from mppclaims.ledger.grouping import Keyed, group

RETURNED = frozenset({"Central American", "Mexico", "migrant", "return"})
PROCESSED = frozenset({"Mexico", "people", "process", "return"})
SENT = frozenset({"Mexico", "migrant", "send"})
JUDGES = frozenset({"concern", "express", "judge"})


def keyed(article: str, key: frozenset[str], compatible: object = ("count", None)) -> Keyed:
    return Keyed(article, compatible, key)


def test_similarity_is_the_dice_coefficient_of_shared_words() -> None:
    assert similarity(RETURNED, PROCESSED) == 0.5
    assert similarity(RETURNED, SENT) == 4 / 7
    assert similarity(RETURNED, RETURNED) == 1.0


def test_one_shared_word_is_never_enough() -> None:
    assert similarity(frozenset({"Mexico", "wait"}), frozenset({"Mexico", "send"})) == 0.0
    assert similarity(PROCESSED, SENT) == 0.0


def test_keys_that_name_different_places_do_not_join() -> None:
    to_mexico = frozenset({"Mexico", "migrant", "return", "family"})
    to_guatemala = frozenset({"Guatemala", "migrant", "return", "family"})
    assert similarity(to_mexico, to_guatemala) == 0.0
    assert similarity(to_mexico, frozenset({"migrant", "return", "family"})) > 0.5


def test_single_link_joins_claims_that_share_words_through_a_third() -> None:
    items = [keyed("000", RETURNED), keyed("001", PROCESSED), keyed("004", SENT)]
    assert group(items) == [[0, 1, 2]]


def test_unrelated_and_incompatible_claims_stay_apart() -> None:
    items = [
        keyed("000", RETURNED),
        keyed("004", JUDGES),
        keyed("001", RETURNED, ("measure", "page")),
        keyed("002", RETURNED),
    ]
    assert group(items) == [[0, 3], [1], [2]]


def test_claims_of_one_article_are_joined_only_through_another() -> None:
    alone = [keyed("a", RETURNED), keyed("a", RETURNED)]
    assert group(alone) == [[0], [1]]
    with_other = [*alone, keyed("b", SENT)]
    assert group(with_other) == [[0, 1, 2]]


def test_the_threshold_decides() -> None:
    items = [keyed("a", RETURNED), keyed("b", PROCESSED)]
    assert group(items, threshold=0.5) == [[0, 1]]
    assert group(items, threshold=0.6) == [[0], [1]]


def test_an_empty_key_joins_nothing() -> None:
    items = [keyed("a", frozenset()), keyed("b", frozenset())]
    assert group(items) == [[0], [1]]


WORDS = st.sampled_from(["Mexico", "Texas", "migrant", "return", "send", "people", "family"])
ITEMS = st.lists(
    st.builds(
        Keyed,
        st.sampled_from(["a", "b", "c"]),
        st.sampled_from(["count", "percent"]),
        st.frozensets(WORDS, max_size=5),
    ),
    max_size=25,
)


def _brute_force(items: list[Keyed], threshold: float) -> list[list[int]]:
    """Single-link groups by comparing every pair: what `group` must equal."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(items):
        for j, b in enumerate(items[:i]):
            joined = a.article != b.article and a.compatible == b.compatible
            if joined and similarity(a.key, b.key) >= threshold:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda members: members[0])


@settings(deadline=None)
@given(ITEMS, st.sampled_from([0.3, 0.5, 0.8]))
def test_grouping_equals_comparing_every_pair(items: list[Keyed], threshold: float) -> None:
    assert group(items, threshold) == _brute_force(items, threshold)
