"""Facts cross process boundaries (``--jobs``, Dask) pickled as a call of their class: equal, and smaller."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any, cast

import attrs
import pytest

from factcheck import extract
from factcheck._pickling import by_init
from factcheck.documents import Document
from factcheck.facts import EventMention, Fact
from factcheck.values import DateValue, Duration, PlaceValue, Quantity, TimeValue

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
VALUE_CLASSES = (DateValue, Duration, EventMention, PlaceValue, Quantity, TimeValue)


def _seed_facts() -> list[Fact]:
    docs = sorted(SEEDS.glob("*.txt"))
    assert docs, "the seed articles are part of the repository"
    return [f for p in docs for f in extract(Document(id=p.stem, text=p.read_text(encoding="utf-8")))]


def test_every_kind_of_value_in_the_seeds_round_trips_equal() -> None:
    facts = _seed_facts()
    kinds = {type(f.value) for f in facts}
    assert kinds == set(VALUE_CLASSES)  # the seeds hold every kind, so each class is checked below
    back = pickle.loads(pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == facts
    assert [type(f.value) for f in back] == [type(f.value) for f in facts]


@pytest.mark.parametrize("cls", [Fact, *VALUE_CLASSES])
def test_values_pickle_as_a_call_of_their_class(cls: type) -> None:
    value = next(f if cls is Fact else f.value for f in _seed_facts() if cls is Fact or type(f.value) is cls)
    rebuild, args = cast(tuple[Any, tuple[Any, ...]], value.__reduce__())
    assert rebuild is cls
    assert args == tuple(getattr(value, a.name) for a in attrs.fields(cls))
    assert rebuild(*args) == value


def test_smaller_than_the_state_dicts_of_attrs_whose_pickles_still_load() -> None:
    facts = _seed_facts()
    ours = pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)
    saved = {cls: cls.__reduce__ for cls in (Fact, *VALUE_CLASSES)}
    try:
        for cls in saved:
            del cls.__reduce__  # back to attrs' own pickling (object.__reduce_ex__ with its state dict)
        theirs = pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        for cls, reduce in saved.items():
            cls.__reduce__ = reduce  # type: ignore[method-assign]
    assert len(ours) < 0.8 * len(theirs)
    assert pickle.loads(theirs) == facts  # written by an earlier version, read by this one


@attrs.frozen
class _KeywordOnly:
    x: int = attrs.field(kw_only=True)


@attrs.frozen
class _Converted:
    x: int = attrs.field(converter=int)


@attrs.frozen
class _Derived:
    x: int
    y: int = attrs.field(init=False, default=0)


@attrs.frozen
class _PostInit:
    x: int

    def __attrs_post_init__(self) -> None:
        pass


@pytest.mark.parametrize("cls", [_KeywordOnly, _Converted, _Derived, _PostInit])
def test_refuses_a_class_that_its_fields_would_not_rebuild(cls: type) -> None:
    with pytest.raises(TypeError, match="do not rebuild it"):
        by_init(cls)
