"""Comparison semantics per attribute: time zones, start + duration = end, ranges, units, containment, updates."""

from __future__ import annotations

import pytest

import factcheck


def findings(*docs: tuple[str, str]) -> list[factcheck.Finding]:
    """Findings for documents given as (published, text)."""
    report = factcheck.compare([{"id": f"d{i}", "text": t, "published": p} for i, (p, t) in enumerate(docs)])
    return list(report.findings)


def verdicts(attribute: str, published: str, first: str, second: str) -> list[str]:
    """The verdicts on ``attribute`` for two documents published the same day."""
    return [f.verdict for f in findings((published, first), (published, second)) if f.attribute == attribute]


def by_attribute(found: list[factcheck.Finding], attribute: str) -> factcheck.Finding:
    matches = [f for f in found if f.attribute == attribute]
    assert len(matches) == 1, [(f.attribute, f.verdict, f.summary) for f in found]
    return matches[0]


CALL = "Putin and Biden held a phone call on Thursday."


def test_same_instant_in_two_zones_is_reconciled() -> None:
    """23:35 Moscow time and 3:35 PM EST are one instant: reconciled, and the explanation gives UTC."""
    f = by_attribute(findings(("2021-12-30", f"{CALL} The call began at 23:35 Moscow time."),
                              ("2021-12-30", f"{CALL} The call began at 3:35 PM EST.")), "start_time")
    assert f.verdict == "reconciled" and "20:35 UTC" in f.explanation


def test_different_instants_conflict() -> None:
    """Start times that differ after conversion to UTC are a conflict."""
    f = by_attribute(findings(("2021-12-30", f"{CALL} The call began at 23:35 Moscow time."),
                              ("2021-12-30", f"{CALL} The call began at 5:35 PM EST.")), "start_time")
    assert f.verdict == "conflict"


def quake(clock: str) -> str:
    """A report of one earthquake, struck at ``clock``."""
    return f"A magnitude 4.4 earthquake struck near Cobb, California, at {clock} PDT on Thursday."


@pytest.mark.parametrize(("first", "second", "verdict"), [
    ("7:41 a.m.", "7:42 a.m.", "reconciled"),   # read to the minute: one source rounds the seconds, one drops them
    ("7:42 a.m.", "7:41 a.m.", "reconciled"),
    ("11:59 p.m.", "12:00 a.m.", "reconciled"),  # across midnight, on the 24-hour circle
    ("7:41 a.m.", "7:43 a.m.", "conflict"),     # two minutes apart: no reading makes them one instant
    ("7:41 a.m.", "8:41 a.m.", "conflict"),
])
def test_clock_readings_a_minute_apart_are_one_instant(first: str, second: str, verdict: str) -> None:
    """Two exact clock times one minute apart can be one instant read to the minute by two conventions."""
    f = by_attribute(findings(("2013-05-10", quake(first)), ("2013-05-10", quake(second))), "start_time")
    assert f.verdict == verdict, f.explanation
    if verdict == "reconciled":
        assert "a minute apart" in f.explanation and "round" in f.explanation


def napa(clock: str) -> str:
    """A report of one earthquake near Napa at ``clock``."""
    return f"A magnitude 4.6 earthquake struck near Napa, California, at {clock} on Thursday."


@pytest.mark.parametrize(("published", "first", "second", "verdict"), [
    # 14 March 2013: California is on daylight time (PDT) since 10 March; "PST" is the label used loosely
    ("2013-03-14", "2:09 a.m. PST", "2:09 a.m. PDT", "reconciled"),
    ("2013-03-14", "2:09 am PST", "9:09 GMT", "reconciled"),
    ("2013-07-04", "5:30 p.m. EST", "5:30 p.m. EDT", "reconciled"),
    # on a day of standard time the label is right: an hour apart is an hour apart
    ("2013-01-10", "2:09 a.m. PST", "2:09 a.m. PDT", "conflict"),
    # in summer the loose reading is the daylight one only: 2:09 PST is not 1:09 PDT
    ("2013-03-14", "2:09 a.m. PST", "1:09 a.m. PDT", "conflict"),
    ("2013-07-04", "5:30 p.m. EST", "7:30 p.m. EDT", "conflict"),
])
def test_a_standard_time_label_in_summer_may_mean_daylight_time(published: str, first: str, second: str,
                                                                 verdict: str) -> None:
    """Writers use "PST" and "EST" all year: on a day of daylight time they are read both ways before a conflict."""
    f = by_attribute(findings((published, napa(first)), (published, napa(second))), "start_time")
    assert f.verdict == verdict, f.explanation
    if verdict == "reconciled":
        assert "daylight" in f.explanation


HIT = "A 66-year-old woman was killed by a hit-and-run driver"


@pytest.mark.parametrize(("first", "second", "verdict"), [
    # where she was hit, and the hospital where she died: no disagreement
    (f"{HIT} outside a store in Bloomington on Wednesday night.",
     f"{HIT} on Wednesday night. She died at Hennepin County Medical Center in Minneapolis.", None),
    # two hospitals, or two scenes, still disagree
    (f"{HIT} on Wednesday night. She died at a hospital in Saint Paul.",
     f"{HIT} on Wednesday night. She died at Hennepin County Medical Center in Minneapolis.", "conflict"),
    (f"{HIT} outside a store in Bloomington on Wednesday night.",
     f"{HIT} outside a store in Minneapolis on Wednesday night.", "conflict"),
])
def test_the_place_of_a_hospital_is_no_scene(first: str, second: str, verdict: str | None) -> None:
    """A venue that says where a hospital is ("died at … Medical Center in Minneapolis") meets only other hospitals'."""
    assert verdicts("venue", "2008-04-03", first, second) == ([verdict] if verdict else [])


ARREST = "A man was arrested on Saturday over the killing of his mother and sister in Millom."


@pytest.mark.parametrize(("first", "second", "verdict"), [
    # two people of one surname: a brother's age and a sister's are no two versions of one age
    (f"{ARREST} John Jenkin, 23, was arrested near the house.",
     f"{ARREST} Katie Jenkin, 20, was found dead.", None),
    # one person, two ages: a conflict
    (f"{ARREST} John Jenkin, 23, was arrested near the house.",
     f"{ARREST} John Jenkin, 28, was arrested near the house.", "conflict"),
])
def test_ages_of_people_who_share_a_surname_stay_apart(first: str, second: str, verdict: str | None) -> None:
    """Ages are compared per person: "John Jenkin, 23" and "Katie Jenkin, 20" are two people, not a conflict."""
    assert verdicts("age", "2013-06-10", first, second) == ([verdict] if verdict else [])


def test_ages_are_grouped_by_the_given_name_written_with_the_surname() -> None:
    """ECB+ 19_ecbplus: Kimani Gray, 16, and his sister Mahnefah Gray, 19; "Gray, 16" alone could be either."""
    from factcheck.compare import _by_person

    text = ("A vigil for Kimani Gray, 16, ended in riots. Gray, 16, was shot eleven times. "
            "His older sister, Mahnefah Gray, 19, told reporters what witnesses saw.")
    ages = [f for f in factcheck.extract({"id": "d", "text": text}) if f.kind == "quantity" and f.role == "age"]
    assert [(f.text, f.value.qualifier, f.cues) for f in ages] == [
        ("16", "gray", ("kimani",)), ("16", "gray", ()), ("19", "gray", ("mahnefah",))]
    assert [[f.cues for f in group] for group in _by_person(ages)] == [[("kimani",)], [("mahnefah",)]]
    one = [f for f in ages if f.cues != ("mahnefah",)]  # one given name: the surname alone joins that person
    assert [[f.text for f in group] for group in _by_person(one)] == [["16", "16"]]


def test_clock_rounding_is_a_tolerance() -> None:
    """``Tolerances(clock_minutes=0)`` holds clock readings to the minute: 7:41 and 7:42 conflict."""
    docs = [{"id": "a", "text": quake("7:41 a.m."), "published": "2013-05-10"},
            {"id": "b", "text": quake("7:42 a.m."), "published": "2013-05-10"}]
    strict = factcheck.compare(docs, tolerances=factcheck.config.Tolerances(clock_minutes=0))
    assert by_attribute(list(strict.findings), "start_time").verdict == "conflict"


def test_start_plus_duration_is_the_end() -> None:
    """A start, a reported length and an end that add up are reconciled, with the arithmetic."""
    f = by_attribute(findings(("2021-12-30", f"{CALL} The call began at 3:35 p.m. EST and lasted about 50 minutes."),
                              ("2021-12-30", f"{CALL} The phone call ended at 4:25 pm EST.")), "time")
    assert f.verdict == "reconciled" and "+ 50 minutes" in f.explanation


def test_start_and_end_that_no_length_joins_conflict() -> None:
    """An end three hours after the start of a call reported to last 50 minutes is a conflict."""
    f = by_attribute(findings(("2021-12-30", f"{CALL} The call began at 3:35 p.m. EST and lasted about 50 minutes."),
                              ("2021-12-30", f"{CALL} The phone call ended at 6:35 pm EST.")), "time")
    assert f.verdict == "conflict" and "3 hours" in f.explanation


def test_approximate_durations_overlap() -> None:
    """'about 50 minutes' and 'nearly an hour' agree within their approximation."""
    f = by_attribute(findings(("2021-12-30", f"{CALL} The call lasted about 50 minutes."),
                              ("2021-12-30", "Putin and Biden spoke for nearly an hour on Thursday.")), "duration")
    assert f.verdict == "reconciled"


def test_durations_that_cannot_overlap_conflict() -> None:
    """'two hours' and 'about 50 minutes' for one call are a conflict."""
    f = by_attribute(findings(("2021-12-30", f"{CALL} The call lasted about 50 minutes."),
                              ("2021-12-30", f"{CALL} The call lasted two hours.")), "duration")
    assert f.verdict == "conflict"


def test_a_city_within_its_country_is_reconciled() -> None:
    """Geneva is in Switzerland: a venue at different precision, not a conflict."""
    f = by_attribute(findings(("2021-12-29", "The US and Russia will hold talks in Geneva on January 10."),
                              ("2021-12-29", "The US and Russia will hold talks in Switzerland on January 10.")), "venue")
    assert f.verdict == "reconciled" and "Geneva is in Switzerland" in f.explanation


def test_two_cities_conflict() -> None:
    """Brussels and Geneva as the venue of one event is a conflict."""
    f = by_attribute(findings(("2021-12-29", "Russia and NATO will hold talks in Brussels on January 12."),
                              ("2021-12-29", "Russia and NATO will hold talks in Geneva on January 12.")), "venue")
    assert f.verdict == "conflict" and f.summary == "Brussels vs Geneva"


def test_units_are_converted() -> None:
    """120 mph and 193 km/h are the same speed."""
    found = findings(("2013-03-14", "The shooting suspect was chased at speeds up to 120 mph."),
                     ("2013-03-14", "The shooting suspect was chased at speeds up to 193km/h."))
    f = by_attribute(found, "speed")
    assert f.verdict == "reconciled" and "units are converted" in f.explanation


def test_a_larger_toll_in_a_later_report_is_an_update() -> None:
    """A death toll that grows in a later article is reported as an update, naming the later report."""
    f = by_attribute(findings(("2013-03-14T08:00", "The earthquake killed 5 people on Thursday."),
                              ("2013-03-14T20:00", "The earthquake killed 12 people on Thursday.")), "death_toll")
    assert f.verdict == "conflict" and f.update and "d1, published later" in f.explanation


def test_verdicts_do_not_depend_on_document_order() -> None:
    """Swapping the two documents gives the same verdicts and summaries."""
    a = ("2021-12-29", "Russia and NATO will hold talks in Brussels on January 12.")
    b = ("2021-12-29", "Russia and NATO will hold talks in Geneva on January 12.")
    forward = {(f.attribute, f.verdict) for f in findings(a, b)}
    backward = {(f.attribute, f.verdict) for f in findings(b, a)}
    assert forward == backward


def test_one_source_alone_makes_no_finding() -> None:
    """Claims from a single document are never a finding: this is a cross-source checker."""
    assert findings(("2021-12-29", "Talks in Brussels on January 12. Talks in Geneva on January 12.")) == []


def test_a_conflict_says_which_claims_stand_together() -> None:
    """About 200 ft and about 60 m agree and stand on one side against about 200 m."""
    f = by_attribute(findings(("2013-09-14", "Duncan Rait died on Friday after falling about 200ft from a ridge."),
                              ("2013-09-14", "Duncan Rait died on Friday after falling about 60m from a ridge."),
                              ("2013-09-14", "Duncan Rait died on Friday after he fell about 200 metres.")),
                     "fall_height")
    sides = {c.text: c.side for c in f.claims}
    assert f.verdict == "conflict" and sides["about 200ft"] == sides["about 60m"] != sides["about 200 metres"]


def test_depth_is_compared_as_depth() -> None:
    """A quake's depth of 1.2 miles and of 12 miles is a depth conflict, not a distance one."""
    f = by_attribute(findings(("2013-03-14", "A magnitude 4.6 earthquake struck on March 14 and had a depth of 1.2 miles."),
                              ("2013-03-14", "A magnitude 4.6 earthquake struck on March 14 with a depth of 12 miles.")),
                     "depth")
    assert f.verdict == "conflict"


def test_distances_in_different_directions_are_not_compared() -> None:
    """Four miles west of Cobb and 3 miles southwest of Cobb are two points, not a conflict."""
    found = findings(("2013-03-14", "A magnitude 4.6 earthquake struck on Thursday four miles west of Cobb."),
                     ("2013-03-14", "A magnitude 4.6 earthquake struck on Thursday about 3 miles southwest of Cobb."))
    assert not [f for f in found if f.verdict == "conflict"]


def test_how_often_is_not_a_count() -> None:
    """"arrested four times" and "arrested three times" (a record) are not compared."""
    found = findings(("2013-03-14", "Gray was shot on Saturday. He had been arrested four times."),
                     ("2013-03-14", "Gray was shot on Saturday. He had been arrested three times."))
    assert not [f for f in found if f.verdict == "conflict"]


def test_unlinked_reports_make_no_conflict() -> None:
    """Two anonymous, undated reports of a fall with different heights may be two falls: no conflict."""
    found = findings((None, "A climber fell about 200 metres."), (None, "A climber fell about 600 metres."))
    assert not [f for f in found if f.verdict == "conflict"]


def test_a_document_naming_several_places_takes_no_side_on_the_venue() -> None:
    """"felt in Sacramento and in Napa" describes an area: no venue conflict with "in Santa Rosa"."""
    found = findings(("2013-03-14", "The earthquake struck on Thursday and was felt in Sacramento and in Napa."),
                     ("2013-03-14", "The earthquake struck on Thursday in Santa Rosa."))
    assert not [f for f in found if f.attribute == "venue" and f.verdict == "conflict"]


def test_background_dates_are_not_compared() -> None:
    """A date in a sentence without an event word ("In 2008 he moved") is context, never a date conflict."""
    found = findings(("2013-03-14", "A gunman opened fire at a school in Denver on Thursday. In 2008 he moved."),
                     ("2013-03-14", "A gunman opened fire at a school in Denver on Thursday. In 2005 he moved."))
    assert not [f for f in found if f.verdict == "conflict"]


DEATH = "Mark Felt, the FBI official known as Deep Throat, died on Thursday"


@pytest.mark.parametrize(
    ("first", "second", "verdict"),
    [
        (f"{DEATH} at his home in Santa Rosa.", f"{DEATH} at a hospice near his home in Santa Rosa.", "conflict"),
        (f"{DEATH} at his home in Santa Rosa.", f"{DEATH} at a hospital in Santa Rosa.", "conflict"),
        (f"{DEATH} at his home in Santa Rosa.", f"{DEATH} at his residence in Santa Rosa.", "agreement"),
        (f"{DEATH} at home in Santa Rosa.", f"{DEATH} at his Santa Rosa home.", None),
    ],
)
def test_facility_venues_are_compared_with_each_other(first: str, second: str, verdict: str | None) -> None:
    """"at his home" vs "at a hospice" is a conflict of venues; "home" and "residence" are one kind of place."""
    found = [f for f in findings(("2008-12-19", first), ("2008-12-19", second))
             if f.attribute == "venue" and any("facility" in str(c.value.get("id")) for c in f.claims)]
    assert [f.verdict for f in found] == ([verdict] if verdict else [])


def test_a_facility_is_never_set_against_a_city() -> None:
    """"died at his home" and "died in Santa Rosa" do not disagree: a facility is no gazetteer place."""
    found = findings(("2008-12-19", f"{DEATH} at his home."), ("2008-12-19", f"{DEATH} in Santa Rosa."))
    assert not [f for f in found if f.verdict == "conflict"]


def test_facilities_of_different_event_words_are_not_compared() -> None:
    """A victim shot at home may die in hospital: the two facilities follow different event words."""
    found = findings(("2010-09-10", "Dalton was shot at his home on Thursday in Philadelphia."),
                     ("2010-09-10", "Dalton was shot on Thursday in Philadelphia and died at a hospital."))
    assert not [f for f in found if f.verdict == "conflict"]


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        ("Yvonne Hiller opened fire at 8:30pm Thursday in Philadelphia.",
         "Yvonne Hiller opened fire in Philadelphia on Friday, September 10.", True),
        ("Yvonne Hiller opened fire at 8:30pm on September 9 in Philadelphia.",
         "Yvonne Hiller opened fire in Philadelphia on Thursday.", False),
        # negative: a clock time without a day in its text is dated only by the publication day
        ("Yvonne Hiller opened fire at 8:30pm in Philadelphia.",
         "Yvonne Hiller opened fire in Philadelphia on Friday, September 10.", False),
    ],
)
def test_a_clock_time_that_names_its_day_dates_the_event(first: str, second: str, conflict: bool) -> None:
    """"at 8:30pm Thursday" gives a day the comparison of dates takes in, quoting the time."""
    found = findings(("2010-09-10", first), ("2010-09-10", second))
    dates = [f for f in found if f.attribute == "date" and f.verdict == "conflict"]
    assert bool(dates) is conflict
    if conflict:
        assert any("8:30pm" in c.text for c in dates[0].claims)


def test_a_conflict_of_figures_names_the_figures_on_each_side() -> None:
    """The summary lists what stands together: "about 60 metres / 200 feet vs approximately 200 metres"."""
    found = findings(("2013-09-14", "Duncan Rait died on Friday after falling about 60 metres."),
                     ("2013-09-14", "Duncan Rait died on Friday after falling 200 feet."),
                     ("2013-09-14", "Duncan Rait died on Friday after falling approximately 200 metres."))
    f = by_attribute(found, "fall_height")
    assert f.verdict == "conflict"
    assert f.summary == "about 60 metres / 200 feet vs approximately 200 metres"


def test_an_incidents_weekday_is_read_up_to_publication_in_comparison() -> None:
    """"struck … on Thursday morning" and "hit … Thursday" in Thursday's papers are one day, not a week apart."""
    found = findings(("2013-03-14", "A 4.6 earthquake struck Sonoma County on Thursday morning, about 2:09 a.m."),
                     ("2013-03-14", "A 4.6 earthquake hit Sonoma County early Thursday, at 2:09 a.m."))
    assert not [f for f in found if f.verdict == "conflict"]
    dates = [f for f in found if f.attribute == "date"]
    assert all("2013-03-21" not in f.summary for f in dates)


def test_facilities_after_a_quake_are_not_its_venue() -> None:
    """"Residents at home felt the quake" vs "… felt at a hospital": where people were, not a conflict."""
    found = findings(("2013-03-14", "A 4.6 earthquake struck Sonoma County on Thursday, shaking residents at home."),
                     ("2013-03-14", "A 4.6 earthquake struck Sonoma County on Thursday, shaking patients in hospital."))
    assert not [f for f in found if f.verdict == "conflict"]


@pytest.mark.parametrize(("first", "second", "verdict"), [
    # "Springfield" alone names no state: it is the Springfield, Illinois, the other report names
    ("A gunman opened fire at a supermarket in Springfield, Illinois, on Monday.",
     "A gunman opened fire at a grocery store in Springfield on Monday.", "reconciled"),
    # both qualified, and different: two places
    ("A gunman opened fire at a supermarket in Springfield, Illinois, on Monday.",
     "A gunman opened fire at a grocery store in Springfield, Missouri, on Monday.", "conflict"),
    # two different names stay a conflict
    ("A gunman opened fire at a supermarket in Springfield, Illinois, on Monday.",
     "A gunman opened fire at a grocery store in Peoria on Monday.", "conflict"),
])
def test_a_bare_name_of_many_places_is_the_one_another_report_qualifies(first: str, second: str, verdict: str) -> None:
    """A bare city name that the gazetteer knows in several places is no conflict with one of them named in full."""
    assert verdicts("venue", "2024-03-12", first, second) == [verdict]


@pytest.mark.parametrize(("first", "second", "verdict"), [
    ("A wildfire near Chico has burned more than 12,000 acres since Wednesday.",
     "The wildfire near Chico had scorched roughly 4,900 hectares by Friday, since Wednesday.", "reconciled"),
    ("A wildfire near Chico has burned 12,000 acres since Wednesday.",
     "The wildfire near Chico had scorched 9,000 hectares by Friday, since Wednesday.", "conflict"),
])
def test_burned_areas_are_compared_across_units(first: str, second: str, verdict: str) -> None:
    """4,900 hectares is about 12,100 acres: no conflict with "more than 12,000 acres"; 9,000 hectares is one."""
    assert verdicts("area_burned", "2024-08-03", first, second) == [verdict]


def test_wind_speeds_are_compared_across_units() -> None:
    """ "winds of 120 mph" and "winds of about 195 km/h" (121 mph) are one wind speed."""
    first = "Hurricane Milton made landfall near Sarasota on Wednesday with maximum sustained winds of 120 mph."
    second = "Hurricane Milton came ashore near Sarasota on Wednesday with winds of about 195 km/h."
    assert verdicts("wind_speed", "2024-10-10", first, second) == ["reconciled"]
