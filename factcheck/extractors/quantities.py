"""Counts and measures with what they count: "about 100,000 troops", "dozens of soldiers".

The counted noun is normalised to a class ("soldiers" and "troops" are both
``troops``) and qualified by the verb around it, so that troops massed are not
compared with troops withdrawn, nor deaths with injuries. Units are kept
(``%``, ``mi``, ``km``, ``magnitude``, ``years`` for ages); a number with
nothing after it is still a ``quantity`` fact with ``noun`` ``None``.

>>> from factcheck.documents import Document
>>> from factcheck import extract
>>> [(f.text, f.value.noun, f.value.qualifier, f.value.low, f.value.high)
...  for f in extract(Document(id="x", text="Russia would withdraw about 10,000 troops."))
...  if f.kind == "quantity"]
[('about 10,000 troops', 'troops', 'withdrawn', 9000, 11000)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck._numbers import find_numbers
from factcheck.extractors import Candidate, Context, register
from factcheck.values import Quantity

# counted nouns -> class; the class is what counts are compared by
NOUN_CLASS = {
    "troops": "troops", "troop": "troops", "soldiers": "troops", "soldier": "troops", "servicemen": "troops",
    "forces": "troops", "personnel": "troops", "marines": "troops", "paratroopers": "troops",
    "people": "people", "persons": "people", "person": "people", "civilians": "people", "residents": "people",
    "victims": "people", "individuals": "people", "men": "people", "women": "people", "children": "people",
    "dead": "dead", "deaths": "dead", "fatalities": "dead", "bodies": "dead",
    "injured": "injured", "injuries": "injured", "wounded": "injured", "casualties": "casualties",
    "homes": "homes", "houses": "homes", "buildings": "buildings",
}
# verbs and participles around a count -> qualifier of what is counted
QUALIFIER = {
    "killed": "killed", "kill": "killed", "killing": "killed", "dead": "killed", "died": "killed",
    "die": "killed", "perished": "killed", "deaths": "killed",
    "injured": "injured", "injuring": "injured", "wounded": "injured", "wounding": "injured", "hurt": "injured",
    "withdraw": "withdrawn", "withdrawing": "withdrawn", "withdrew": "withdrawn", "withdrawn": "withdrawn",
    "pull": "withdrawn", "pulling": "withdrawn", "pulled": "withdrawn", "remove": "withdrawn", "retreat": "withdrawn",
    "gathering": "deployed", "gathered": "deployed", "massed": "deployed", "massing": "deployed",
    "amassed": "deployed", "amassing": "deployed", "deployed": "deployed", "deploying": "deployed",
    "stationed": "deployed",
    "arrested": "arrested", "detained": "arrested", "missing": "missing", "evacuated": "evacuated",
    "destroyed": "destroyed", "damaged": "damaged", "rescued": "rescued",
}
_DEFAULT_QUALIFIER = {"troops": "deployed"}
_STOP = frozenset(
    "of the a an and or to in on at from for by with near around about as than that which who were was "
    "are is be been had have has would will could should may might into over under after before during "
    "since while per".split()
)
UNIT = re.compile(
    r"\s*(?:(?P<pct>%|percent\b|per cent\b)|(?P<unit>mph|km/h|kph|kilometres per hour|kilometers per hour|"
    r"miles per hour|miles|mile|mi\b|kilometres|kilometers|km|feet|foot|ft\b|metres|meters|m\b|"
    r"degrees? (?:Fahrenheit|Celsius|F|C)\b|°\s?[FC]\b)|(?P<age>-year-old|\s*years? old\b))",
)
_MAGNITUDE_BEFORE = re.compile(r"magnitude(?:\s+of)?\s*-?\s*$", re.I)
_MAGNITUDE_AFTER = re.compile(r"\s*-?\s*magnitude\b", re.I)
_CURRENCY = re.compile(r"(?P<cur>US\$|\$|€|£|¥)\s*$")
_UNIT_NORMAL = {
    "mph": "mph", "miles per hour": "mph", "km/h": "km/h", "kph": "km/h", "kilometres per hour": "km/h",
    "kilometers per hour": "km/h", "miles": "mi", "mile": "mi", "mi": "mi", "kilometres": "km",
    "kilometers": "km", "km": "km", "feet": "ft", "foot": "ft", "ft": "ft", "metres": "m", "meters": "m", "m": "m",
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _counted(ctx: Context, end: int) -> tuple[str | None, str | None, int]:
    """The counted noun after a number: (class or head word, raw noun phrase, end offset)."""
    text = ctx.text
    sent_end = ctx.sentence_span(end)[1]
    pos = end
    words: list[tuple[str, int, int]] = []
    for m in _WORD.finditer(text, end, min(sent_end, end + 80)):
        gap = text[pos:m.start()]
        if gap.strip() not in ("", "-"):
            break
        word = m.group().lower()
        if word == "of" and not words:
            pos = m.end()
            continue
        if word in _STOP or m.group()[0].isupper() and words:
            break
        words.append((word, m.start(), m.end()))
        pos = m.end()
        if word in NOUN_CLASS or len(words) == 3:
            break
    if not words:
        return None, None, end
    # the head is the first known counted noun, else the last word
    for i, (word, _, w_end) in enumerate(words):
        if word in NOUN_CLASS:
            return NOUN_CLASS[word], " ".join(w for w, _, _ in words[: i + 1]), w_end
    head = words[-1][0]
    if head.endswith("ly") or head in QUALIFIER:
        return None, None, end
    return head, " ".join(w for w, _, _ in words), words[-1][2]


def _qualifier(ctx: Context, start: int, end: int, noun: str | None) -> str | None:
    """The verb around the count that says what happened to what is counted."""
    c_start, c_end = ctx.clause_span(start, end)
    for word in ctx.words_after(end, 4, limit=c_end):
        if word in QUALIFIER and QUALIFIER[word] not in ("deployed",):
            return QUALIFIER[word]
    for word in reversed(ctx.words_before(start, 4, limit=c_start)):
        if word in QUALIFIER:
            return QUALIFIER[word]
    return _DEFAULT_QUALIFIER.get(noun or "")


@register("quantity", priority=40)
def extract_quantities(ctx: Context) -> Iterator[Candidate]:
    """Numbers in a document, with their unit or counted noun."""
    text = ctx.text
    for number in find_numbers(text):
        start, end = number.start, number.end
        if ctx.ignored(start, end) or ctx.taken(start, end):
            continue
        value = number.value
        unit: str | None = None
        noun: str | None = None
        qualifier: str | None = None
        role = "count"
        rule = "quantity:count"
        before = text[max(0, start - 20):start]
        currency = _CURRENCY.search(before)
        unit_m = UNIT.match(text, end)
        if number.ordinal:
            role, rule = "ordinal", "quantity:ordinal"
        elif currency:
            unit, start, rule, role = currency.group("cur"), start - len(currency.group(0)), "quantity:money", "amount"
        elif _MAGNITUDE_BEFORE.search(before) or _MAGNITUDE_AFTER.match(text, end):
            unit, role, rule = "magnitude", "magnitude", "quantity:magnitude"
        elif unit_m:
            if unit_m.group("pct"):
                unit, role, rule = "%", "percent", "quantity:percent"
            elif unit_m.group("age"):
                unit, role, rule, noun = "years", "age", "quantity:age", "age"
            else:
                raw = unit_m.group("unit").lower()
                unit = _UNIT_NORMAL.get(raw, raw.replace("degrees ", "°").replace("degree ", "°").replace(" ", ""))
                role, rule = "measure", "quantity:unit"
            end = unit_m.end()
        else:
            if number.value is not None and number.hedge is None and 1800 <= number.value <= 2100 and not number.words:
                continue  # a year the date extractor did not take ("in 2014" is a date)
            noun, _, noun_end = _counted(ctx, end)
            if noun is None:
                role, rule = "number", "quantity:number"
            else:
                qualifier = _qualifier(ctx, start, end, noun)
                end = noun_end
        quantity = Quantity(
            value=value,
            min=number.min,
            max=number.max,
            approx=number.approx,
            hedge=number.hedge,
            unit=unit,
            noun=noun,
            qualifier=qualifier,
            ordinal=number.ordinal,
        )
        confidence = 0.85 if noun or unit else 0.6
        yield Candidate("quantity", role, start, end, quantity, rule, confidence)
