"""Pure helpers: SVG charts, CSV safety, the fast working-day calendar, query parsing and highlighting."""

from __future__ import annotations

import csv
import io
import random
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from triage.analytics import charts
from triage.analytics.calendar import WorkingCalendar
from triage.analytics.csvsafe import rows_to_csv, safe_cell, stream_csv
from triage.cases.working_days import add_working_days, working_days_between
from triage.data.search import highlight_markup, parse_query

HOSTILE = '<script>alert("x")</script> & "quotes"'
SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))


@pytest.mark.parametrize(
    "make",
    [
        lambda: charts.bar_chart([(HOSTILE, 3), ("Other", 1)], title=HOSTILE),
        lambda: charts.column_chart([(HOSTILE, 3), ("Feb", 0)], title=HOSTILE, marker=(1, HOSTILE)),
        lambda: charts.heatmap([HOSTILE, "b"], [HOSTILE, "b"], [[1, 2], [3, 4]], title=HOSTILE, row_title=HOSTILE),
        lambda: charts.reliability_chart([(0.1, 0.2, 5), (0.8, 0.7, 9)], title=HOSTILE),
    ],
)
def test_every_chart_is_well_formed_svg_with_escaped_labels(make):
    svg = str(make())
    root = _parse(svg)  # raises if the markup is not well formed
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == HOSTILE
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "style=" not in svg and "href" not in svg  # nothing for the CSP to refuse, nothing fetched


def test_bar_chart_draws_one_bar_per_item_scaled_to_the_largest():
    root = _parse(charts.bar_chart([("a", 10), ("b", 5), ("c", 0)], title="t"))
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert len(widths) == 3
    assert widths[0] == pytest.approx(2 * widths[1]) and widths[2] == 0


@pytest.mark.parametrize("maximum", [0, 1, 3, 4, 7, 22, 38, 101, 999, 12345])
def test_count_axes_have_whole_number_ticks_covering_the_largest_value(maximum):
    ticks = charts._ticks(maximum)
    assert all(isinstance(t, int) for t in ticks)
    assert ticks[0] == 0 and ticks[-1] >= maximum and len(ticks) <= 6
    steps = {b - a for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1


def test_column_chart_axis_labels_are_whole_numbers():
    root = _parse(charts.column_chart([("Jan", 19), ("Feb", 3)], title="t"))
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert labels == ["0", "5", "10", "15", "20"]


def test_long_labels_wrap_onto_lines_and_are_never_cut_mid_word():
    label = "Withdrawn before a decision was made on the complaint"
    root = _parse(charts.bar_chart([(label, 3), ("Short", 1)], title="t"))
    first = next(t for t in root.iter(f"{SVG}text") if t.find(f"{SVG}title") is not None)
    lines = [span.text for span in first.iter(f"{SVG}tspan")]
    assert len(lines) > 1 and " ".join(lines) == label
    assert all("…" not in line for line in lines)
    rects = list(root.iter(f"{SVG}rect"))
    assert float(rects[1].get("y")) - float(rects[0].get("y")) > 30  # the wrapped row is taller


def test_empty_chart_says_so():
    assert "No cases match" in str(charts.bar_chart([], title="t"))


@pytest.mark.parametrize("value", ["=1+1", "+44 7700", "-2+3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")'])
def test_formula_like_cells_are_neutralised(value):
    assert safe_cell(value) == "'" + value


def test_ordinary_values_are_left_alone():
    assert safe_cell("Cllr Smith") == "Cllr Smith"
    assert safe_cell(-3) == "-3" and safe_cell(0.25) == "0.25"
    assert safe_cell(None) == "" and safe_cell(True) == "yes"
    assert safe_cell(date(2025, 4, 1)) == "2025-04-01"


def test_csv_round_trips_through_a_reader():
    text = rows_to_csv(["a", "b"], [["=cmd", 'say "hi", then go\nhome']])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["a", "b"], ["'=cmd", 'say "hi", then go\nhome']]
    streamed = "".join(stream_csv(["a"], ([str(i)] for i in range(450))))
    assert streamed.startswith("\ufeffa\r\n") and streamed.count("\r\n") == 451


@pytest.mark.parametrize("jurisdiction", ["england", "wales", "scotland"])
def test_fast_calendar_agrees_with_the_working_day_clock(jurisdiction):
    calendar = WorkingCalendar(jurisdiction)
    rng = random.Random(jurisdiction)
    for _ in range(300):
        start = date(2019, 1, 1) + timedelta(days=rng.randint(0, 2500))
        end = start + timedelta(days=rng.randint(-5, 80))
        assert calendar.days_between(start, end) == working_days_between(start, end, jurisdiction)
        n = rng.randint(0, 45)
        assert calendar.add(start, n) == add_working_days(start, n, jurisdiction)


def test_query_parsing_is_safe_for_both_engines():
    parsed = parse_query('bins "parking scheme" OR leak* -budget')
    assert parsed.fts5() == '(("bins" AND "parking scheme") OR ("leak" *)) NOT ("budget")'
    assert parsed.tsquery() == "((('bins') & ('parking' <-> 'scheme')) | (('leak':*))) & !(('budget'))"
    hostile = parse_query("'); DROP TABLE case_record; -- \" NEAR( ^ : * OR OR")
    for word in hostile.groups[0]:
        assert all(w.isalnum() or "_" in w for w in word.words)
    assert not parse_query("   ") and not parse_query("- * OR") and not parse_query('"" "  "')
    assert not parse_query("-only -exclusions")


def test_highlight_escapes_text_then_marks_matches():
    marked = highlight_markup('<b>bad</b> \ue000bins\ue001 & "more" \ue000open')
    assert str(marked) == "&lt;b&gt;bad&lt;/b&gt; <mark>bins</mark> &amp; &#34;more&#34; <mark>open</mark>"
    assert str(highlight_markup("\ue001stray end")) == "stray end"
