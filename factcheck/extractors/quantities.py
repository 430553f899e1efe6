"""Counts and measures with what they count: "about 100,000 troops", "dozens of soldiers".

The counted noun is normalised to a class ("soldiers" and "troops" are both
``troops``) and qualified by the verb around it, so that troops massed are not
compared with troops withdrawn, nor deaths with injuries. Units are kept
(``%``, ``mi``, ``km``, ``magnitude``, ``years`` for ages); a number with
nothing after it is still a ``quantity`` fact with ``noun`` ``None`` (a
dangling partitive stays in its span: "a couple of"). Bare "few" ("few
people think so") is a ``number``, never a compared count. A slash fraction
is taken before dates only where it cannot be a day: the whole text ("1/5"),
or before "of" or a unit ("3/4 of the vote", "a 3/4 mile run"); in running
text "9/11" and "on 3/15" are left to the date extractor.

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

from factcheck._numbers import NumberMatch, find_numbers, iter_numbers, parse_number
from factcheck.extractors import Candidate, Context, finditer_at, register
from factcheck.extractors.dates import start_scan
from factcheck.values import Quantity

# counted nouns -> class; the class is what counts are compared by
NOUN_CLASS = {
    "troops": "troops", "troop": "troops", "soldiers": "troops", "soldier": "troops", "servicemen": "troops",
    "forces": "troops", "personnel": "troops", "marines": "troops", "paratroopers": "troops",
    "people": "people", "persons": "people", "person": "people", "individuals": "people", "others": "people",
    "workers": "people", "employees": "people", "victims": "people", "protesters": "people",
    "protestors": "people", "demonstrators": "people",
    "civilians": "civilians", "residents": "residents", "men": "men", "women": "women", "children": "children",
    "students": "students", "passengers": "passengers", "pirates": "pirates",
    "dead": "dead", "deaths": "dead", "fatalities": "dead", "bodies": "dead",
    "injured": "injured", "injuries": "injured", "wounded": "injured", "casualties": "casualties",
    "homes": "homes", "houses": "homes", "buildings": "buildings",
    "bullets": "shots", "shots": "shots", "rounds": "shots", "times": "times",
}
# a subgroup ("two women") is never compared with the whole ("three people"): only the same class is
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
    "evacuate": "evacuated", "evacuating": "evacuated",
    "destroyed": "destroyed", "damaged": "damaged", "rescued": "rescued",
}
_DEFAULT_QUALIFIER = {"troops": "deployed"}
_HIT_VERBS = frozenset("hit hitting struck striking shot shooting stabbed stabbing".split())
_VERBISH = frozenset("hit struck were was are is have has had been be will would could said say says".split())
# what a measure measures, from the words before it
_SUBJECT_BEFORE = {
    "depth": "depth", "deep": "depth", "fell": "fall", "falling": "fall", "fall": "fall", "plunged": "fall",
    "plunging": "fall", "dropped": "fall", "chased": "chase", "chase": "chase", "pursued": "chase",
    "pursuit": "chase", "speed": "speed", "speeds": "speed", "height": "height", "tall": "height", "high": "height",
    "long": "length", "length": "length", "wide": "width", "width": "width",
    # what a fire burned: "burned 12,000 acres", "has grown to 20,000 acres", "300 sq mi burned"
    "burned": "burned", "burnt": "burned", "scorched": "burned", "charred": "burned", "blackened": "burned",
    "consumed": "burned", "grown": "burned", "grew": "burned",
    # a storm's wind: "winds of 120 mph", "120 mph winds", "gusts of up to 150 km/h"
    "winds": "wind", "wind": "wind", "gusts": "wind", "gust": "wind",
}
_FROM_PLACE = re.compile(
    r"\s+(?:(?P<dir>(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west)(?:-(?:north|south)?(?:east|west))?)(?:\s+of)?|away\s+from|from|outside(?:\s+of)?|off)"
    r"\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})"
)
_AGE = re.compile(
    r"(?<![\w-])(?P<n>\d{1,3}|[A-Za-z]+(?:-[a-z]+)?)(?:-year-old\b|\s+years?\s+old\b)|\baged\s+(?P<n2>\d{1,3})\b"
)
# what every match of ``_AGE`` holds; each branch opens with a letter, so ``re`` skips ahead to them
_AGE_CUE = re.compile(r"year-old|years?\s+old\b|aged\s")
_NAME_BEFORE = re.compile(r"(?P<name>[A-Z][a-z]+(?:[-\s][A-Z][a-zA-Z'-]+)*),\s*$")
_ANOTHER = re.compile(
    r"\b(?P<n>another|one other)(?:\s+(?:person|man|woman|worker|employee))?(?=\s+(?:was\s+|were\s+)?"
    r"(?P<verb>wounded|injured|hurt|killed|died|dead|arrested)\b)", re.I
)
_ANOTHER_STARTS = start_scan(_ANOTHER)
# "the death toll rose to", "a death toll of", "the death toll from the quake passing": what a number after it counts
_DEATH_TOLL = re.compile(r"\b[Dd]eath\s+toll\b[^.;:!?\d]{0,80}$")
_AFTER_AGE = re.compile(r"\s*(?:,|\)|\s+(?:who|of|from|and)\b)")
_STOP = frozenset(
    "of the a an and or to in on at from for by with near around about as than that which who were was "
    "are is be been had have has would will could should may might into over under after before during "
    "since while per".split()
)
UNIT = re.compile(
    r"\s*(?:(?P<pct>%|percent\b|per cent\b)|(?P<unit>mph|km/h|kph|kilometres per hour|kilometers per hour|"
    r"miles per hour|square\s+(?:kilometres|kilometers|km|miles)\b|sq\.?\s+(?:km|mi|miles)\b|km2|km²|"
    r"acres?\b|hectares?\b|ha\b|"
    r"miles|mile|mi\b|kilometres|kilometers|km|feet|foot|ft\b|metres|meters|m\b|"
    r"degrees? (?:Fahrenheit|Celsius|F|C)\b|°\s?[FC]\b)|(?P<age>-year-old|\s*years? old\b))",
)
_MAGNITUDE_BEFORE = re.compile(r"magnitude(?:\s+of)?\s*-?\s*$", re.I)
_MAGNITUDE_AFTER = re.compile(r"\s*-?\s*magnitude\b", re.I)
# a decimal before a quake word, or before "on the Richter scale", is its magnitude ("a 7.5 aftershock")
_QUAKE_AFTER = re.compile(r"\s*-?\s*(?:(?:strong|powerful|major|minor|moderate|shallow|massive|deadly)\s+)?"
                          r"(?:earthquake|quake|aftershock|tremor|temblor)s?\b|\s+on\s+the\s+richter\b", re.I)
_AREAS = frozenset({"acre", "ha", "km2", "sq mi"})
_CURRENCY = re.compile(r"(?P<cur>US\$|\$|€|£|¥)\s*$")
_UNIT_NORMAL = {
    "mph": "mph", "miles per hour": "mph", "km/h": "km/h", "kph": "km/h", "kilometres per hour": "km/h",
    "kilometers per hour": "km/h", "acre": "acre", "acres": "acre", "hectare": "ha", "hectares": "ha", "ha": "ha",
    "km2": "km2", "km²": "km2", "square kilometres": "km2", "square kilometers": "km2", "square km": "km2",
    "sq km": "km2", "sq. km": "km2", "square miles": "sq mi", "sq mi": "sq mi", "sq. mi": "sq mi",
    "sq miles": "sq mi", "sq. miles": "sq mi",
    "miles": "mi", "mile": "mi", "mi": "mi", "kilometres": "km",
    "kilometers": "km", "km": "km", "feet": "ft", "foot": "ft", "ft": "ft", "metres": "m", "meters": "m", "m": "m",
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# where a counted noun can start: the first word after a number, past spaces or one dash ("20 - odd")
_WORD_NEXT = re.compile(r"\s*(?:-\s*)?[A-Za-z]")
_MAGNITUDE = re.compile(r"magnitude", re.I)
_CLOSE = re.compile(r"\s*(?:[.,;:!?)\]]|$)")
_PARTITIVE = re.compile(r"\s+of\b")
# a slash fraction with nothing glued on either side: "1/5", not "24/7/365", "1/2h" or "3/15/2021"
_SLASH = re.compile(r"(?<![\w/.,-])\d{1,9}/\d{1,9}(?![\w/]|[.,-]\d)")
_SLASH_STARTS = start_scan(_SLASH)
_MONTH_YEAR = re.compile(r"(?:0?[1-9]|1[0-2])/(?:1[89]|20)\d\d")
# numerals that judge how small an amount is rather than state it ("few people think so"): never a compared count
_EVALUATIVE = frozenset({"few"})


def _counted(ctx: Context, end: int) -> tuple[str | None, str | None, int]:
    """The counted noun after a number: (class or head word, raw noun phrase, end offset)."""
    text = ctx.text
    if not _WORD_NEXT.match(text, end, end + 80):
        return None, None, end  # no word right after the number ("1 1 1 ...", "5, 6"): nothing counted
    limit = min(ctx.sentence_span(end)[1], end + 80)
    pos = end
    words: list[tuple[str, int, int]] = []
    for m in _WORD.finditer(text, end, limit):
        gap = text[pos:m.start()]
        if gap.strip() not in ("", "-"):
            break
        word = m.group().lower()
        if word == "of" and not words:
            pos = m.end()
            continue
        if word in _STOP or (m.group()[0].isupper() and words):
            break
        if words and (word in QUALIFIER or word in _VERBISH or word.endswith(("ed", "ing"))):
            break
        words.append((word, m.start(), m.end()))
        pos = m.end()
        if word in NOUN_CLASS or len(words) == 3:
            break
    if not words:
        if pos > end and _CLOSE.match(text, pos):
            return None, None, pos  # "a couple of." with nothing after: the partitive "of" belongs to the number
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
    """The verb around the count that says what happened to what is counted.

    A verb right before the count wins ("killing two workers"), then one after
    the counted noun up to the next "and" ("two people were killed"), then one
    a little further back ("withdraw about 10,000 troops").
    """
    c_start, c_end = ctx.clause_span(start, end)
    before = ctx.words_before(start, 4, limit=c_start)
    for word in reversed(before[-2:]):
        if word in QUALIFIER:
            return _hit(word, noun) or QUALIFIER[word]
        if word in _COORDINATORS:
            break  # "killed and five others wounded": the verb before "and" is the first count's
    for word in ctx.words_after(end, 5, limit=c_end):  # "4,000 residents were ordered to evacuate"
        if word in ("and", ",", ";", "but") or word in _AGENT_MARKERS:
            break  # "two men charged with killing her": they did it, it was not done to them
        if word in QUALIFIER and QUALIFIER[word] != "deployed":
            return QUALIFIER[word]
        if word in _HIT_VERBS and noun == "shots":
            return "hit"
    for word in reversed(before):
        if word in QUALIFIER:
            return QUALIFIER[word]
        if word in _HIT_VERBS and noun in ("times", "shots"):
            return "hit"
    return _DEFAULT_QUALIFIER.get(noun or "")


_COORDINATORS = frozenset({"and", "or", "but", ",", ";"})
_AGENT_MARKERS = frozenset({"charged", "accused", "suspected", "convicted"})


def _hit(word: str, noun: str | None) -> str | None:
    return "hit" if word in _HIT_VERBS and noun in ("times", "shots") else None


def _subject(ctx: Context, start: int, end: int) -> str | None:
    """What a measure measures: "depth", "fall", "speed", or "distance from Santa Rosa"."""
    after = _FROM_PLACE.match(ctx.text, end)
    if after:
        # "20 miles north of Santa Rosa" and "3 miles southwest of Cobb": a distance is only comparable with one
        # measured from the same place in the same direction (another direction is another point)
        direction = (after.group("dir") or "").lower().replace("-", "")
        place = after.group("place").rstrip(".")
        return f"distance {direction} of {place}" if direction else f"distance from {place}"
    for word in ctx.words_after(end, 1):
        if word in _SUBJECT_BEFORE:
            return _SUBJECT_BEFORE[word]
    for word in reversed(ctx.words_before(start, 5)):
        if word in _SUBJECT_BEFORE:
            return _SUBJECT_BEFORE[word]
    return None


def _ages(ctx: Context) -> Iterator[Candidate]:
    """Ages: "33-year-old", "aged 33", and "Tara Reid, 33, who…" (the age of that person)."""
    text = ctx.text
    if _AGE_CUE.search(text) is None:
        return  # every match of ``_AGE`` holds one of these: no scan of the whole text without them
    for m in _AGE.finditer(text):
        if ctx.ignored(m.start(), m.end()):
            continue
        raw = m.group("n") or m.group("n2")
        number = parse_number(raw) if not raw.isdigit() else None
        if not raw.isdigit() and (number is None or number.value is None or number.ordinal):
            continue
        value = int(raw) if raw.isdigit() else int(number.value)  # type: ignore[union-attr, arg-type]
        yield Candidate("quantity", "age", m.start(), m.end(),
                        Quantity(value=value, min=value, max=value, unit="years", noun="age"), "quantity:age", 0.85)


@register("quantity", priority=25)
def extract_ages(ctx: Context) -> Iterator[Candidate]:
    """Ages, before durations run, so that "39-year-old" is an age and not a length of time."""
    return _ages(ctx)


@register("quantity", priority=15)
def extract_fractions(ctx: Context) -> Iterator[Candidate]:
    """Slash fractions where they cannot be a day, before dates run: "1/5" alone, "3/4 of the vote", "3/4 mile".

    In running text "a/b" is usually a date ("on 3/15", "9/11") or a score, and the date extractor decides;
    it is a fraction only when it is the whole text, or when "of" or a unit of measure follows it.
    """
    text = ctx.text
    if "/" not in text:
        return
    lone = text.strip()
    for m in finditer_at(_SLASH, _SLASH_STARTS, text, ctx.lowered if ctx.is_ascii else None):
        if m.group() != lone and not _PARTITIVE.match(text, m.end()) and not UNIT.match(text, m.end()):
            continue
        if _MONTH_YEAR.fullmatch(m.group()):
            continue  # "2/2013": a month and its year, never two thousandths
        for number in find_numbers(text, m.start(), m.end()):
            if number.start == m.start() and number.end == m.end() and number.value is not None \
                    and 0 <= number.value < 1:
                cand = _quantity(ctx, number)
                if cand is not None:
                    yield cand


@register("quantity", priority=40)
def extract_quantities(ctx: Context) -> Iterator[Candidate]:
    """Numbers in a document, with their unit or counted noun."""
    text = ctx.text
    # "two people were killed and another wounded": one more person
    for m in finditer_at(_ANOTHER, _ANOTHER_STARTS, text, ctx.lowered if ctx.is_ascii else None):
        if not ctx.ignored(m.start(), m.end()) and not ctx.taken(m.start(), m.end()):
            yield Candidate("quantity", "count", m.start(), m.end(),
                            Quantity(value=1, min=1, max=1, noun="people", qualifier=QUALIFIER[m.group("verb").lower()]),
                            "quantity:another", 0.7)
    for number in iter_numbers(text, skip=ctx.value_spans()):  # the digits of a date or time are no count
        cand = _quantity(ctx, number)
        if cand is not None:
            yield cand


def _quantity(ctx: Context, number: NumberMatch) -> Candidate | None:
    """The quantity fact of one number phrase: its unit or counted noun, role and span (None when taken)."""
    text = ctx.text
    start, end = number.start, number.end
    if ctx.ignored(start, end) or ctx.taken(start, end):
        return None
    value = number.value
    unit: str | None = None
    noun: str | None = None
    qualifier: str | None = None
    role = "count"
    rule = "quantity:count"
    cues: tuple[str, ...] = ()
    before = text[max(0, start - 40):start]
    # the patterns that read ``before`` end in ``\s*$``: run them only when its last visible character fits
    last = before.rstrip()[-1:]
    currency = _CURRENCY.search(before) if last and last in "$€£¥" else None
    unit_m = UNIT.match(text, end)
    name = _NAME_BEFORE.search(before) if last == "," else None
    magnitude = ctx.memo("quantities: magnitude", lambda: _MAGNITUDE.search(text) is not None)
    if number.ordinal:
        role, rule = "ordinal", "quantity:ordinal"
    elif currency:
        unit, start, rule, role = currency.group("cur"), start - len(currency.group(0)), "quantity:money", "amount"
    elif (magnitude and (_MAGNITUDE_BEFORE.search(before) or _MAGNITUDE_AFTER.match(text, end))) or (
            "." in number.text and value is not None and 1 <= value < 10 and _QUAKE_AFTER.match(text, end)):
        unit, role, rule = "magnitude", "magnitude", "quantity:magnitude"
    elif (name and value is not None and number.hedge is None and float(value).is_integer()
          and 0 < value < 120 and _AFTER_AGE.match(text, end) and not name.group("name").isupper()):
        unit, role, rule, noun = "years", "age", "quantity:age-apposition", "age"
        words = name.group("name").split()
        qualifier = words[-1].lower()  # the surname, what reports of one person share
        if len(words) > 1:
            cues = (words[-2].lower(),)  # the given name: "John Jenkin, 23" and "Katie Jenkin, 20" are two people
    elif unit_m:
        if unit_m.group("pct"):
            unit, role, rule = "%", "percent", "quantity:percent"
        elif unit_m.group("age"):
            unit, role, rule, noun = "years", "age", "quantity:age", "age"
        else:
            raw = unit_m.group("unit").lower()
            unit = _UNIT_NORMAL.get(raw, raw.replace("degrees ", "°").replace("degree ", "°").replace(" ", ""))
            role, rule = "measure", "quantity:unit"
            qualifier = _subject(ctx, start, unit_m.end())
            if (qualifier == "burned" and unit not in _AREAS) or (qualifier == "wind" and unit not in ("mph", "km/h")):
                qualifier = None  # "the waves grew to 10 metres", "a wind farm 20 km away": not what it says
        end = unit_m.end()
    elif number.text.lower() in _EVALUATIVE:
        role, rule = "number", "quantity:number"  # "few people think so": how small, not how many
    else:
        if number.value is not None and number.hedge is None and 1800 <= number.value <= 2100 and not number.words:
            return None  # a year the date extractor did not take ("in 2014" is a date)
        noun, _, end = _counted(ctx, end)
        # "the death toll from Monday's shooting in Springfield rose to": up to 100 characters back, without a slice
        toll = (_DEATH_TOLL.search(text, max(0, start - 100), start)
                if noun in (None, "people") and text.find("toll", max(0, start - 100), start) >= 0 else None)
        if toll is not None:
            noun, qualifier, rule = "people", "killed", "quantity:death-toll"  # "the death toll rose to 2,300"
        elif noun is None:
            role, rule = "number", "quantity:number"
        else:
            qualifier = _qualifier(ctx, start, number.end, noun)
            if noun == "times" and qualifier == "hit":
                noun = "shots"
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
    return Candidate("quantity", role, start, end, quantity, rule, confidence, cues)
