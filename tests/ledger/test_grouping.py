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


def test_vague_keys_join_nothing() -> None:
    won = frozenset({"delegate", "win"})
    assert similarity(won, won) == 0.0
    assert group([keyed("a", won), keyed("b", won)]) == [[0], [1]]
    named = frozenset({"Crutcher", "kill"})
    assert group([keyed("a", named), keyed("b", named)]) == [[0, 1]]


def test_a_chain_through_a_shared_name_stops_at_a_rival() -> None:
    items = [
        keyed("a", frozenset({"Clinton", "Trump", "lead", "poll"})),
        keyed("b", frozenset({"Trump", "lead", "poll"})),
        keyed("c", frozenset({"Cruz", "Trump", "lead", "poll"})),
        keyed("d", frozenset({"Clinton", "Trump", "lead", "poll"})),
    ]
    assert group(items) == [[0, 1, 3], [2]]


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


def _names(key: frozenset[str]) -> frozenset[str]:
    return frozenset(word for word in key if word[0].isupper())


def _joinable(a: Keyed, b: Keyed, threshold: float) -> bool:
    same_kind = a.article != b.article and a.compatible == b.compatible
    return same_kind and similarity(a.key, b.key) >= threshold


@settings(deadline=None)
@given(ITEMS, st.sampled_from([0.3, 0.5, 0.8]))
def test_groups_are_single_link_closures_without_rival_names(
    items: list[Keyed], threshold: float
) -> None:
    groups = group(items, threshold)
    assert sorted(i for found in groups for i in found) == list(range(len(items)))
    where = {i: n for n, found in enumerate(groups) for i in found}
    for found in groups:
        if len(found) == 1:
            continue
        assert len({items[i].article for i in found}) > 1
        assert len({items[i].compatible for i in found}) == 1
        # connected by joinable pairs
        reached, todo = {found[0]}, [found[0]]
        while todo:
            i = todo.pop()
            for j in found:
                if j not in reached and _joinable(items[i], items[j], threshold):
                    reached.add(j)
                    todo.append(j)
        assert reached == set(found)
        # no rival names: one claim names everyone the group's claims name
        everyone = frozenset().union(*(_names(items[i].key) for i in found))
        assert any(_names(items[i].key) == everyone for i in found)
    # two joinable claims left apart belong to groups with rival names
    for i, a in enumerate(items):
        for j, b in enumerate(items[:i]):
            if where[i] != where[j] and _joinable(a, b, threshold):
                names_i = frozenset().union(*(_names(items[k].key) for k in groups[where[i]]))
                names_j = frozenset().union(*(_names(items[k].key) for k in groups[where[j]]))
                assert names_i and names_j
                assert not (names_i <= names_j or names_j <= names_i)
