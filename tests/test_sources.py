"""One registry of sources: every citation a rule makes resolves to a proper citation, and people never see an
internal id in its place."""

from __future__ import annotations

import re

import pytest

from triage import sources
from triage.scoring.rules import LAW, RULES


def _rule_citations():
    for rule in RULES:
        for src in rule.source:
            if src.startswith("code:"):
                continue  # resolved to the case's own Code, cited by its title
            if src.startswith("law:"):
                for nation, text in LAW[src.removeprefix("law:")].items():
                    yield f"{rule.id} ({nation})", text
            else:
                yield rule.id, src


@pytest.mark.parametrize(("rule_id", "citation"), list(_rule_citations()))
def test_every_rule_cites_a_registered_source(rule_id, citation):
    for part in sources.resolve(citation):
        assert part.source is not None, f"{rule_id} cites {part.text!r}, which the registry does not know"


def test_registry_entries_are_proper_citations_with_safe_addresses():
    for source in sources.SOURCES.values():
        assert source.title and source.citation
        assert not source.url or source.url.startswith("https://")
        assert not any(key in source.citation for key in sources.SOURCES), source.citation
        assert not re.search(r"\b[a-z]+-(model|councillors|common)-?\d*", source.citation), source.citation


def test_a_citation_reads_as_the_full_reference_with_its_pinpoint():
    text = (
        "Leicestershire councils, Social media guidance for councillors: an attack on individuals; "
        "Localism Act 2011 s.27(2)"
    )
    assert sources.words(text) == (
        "Leicestershire councils, Social media guidance for councillors, an attack on individuals; "
        "Localism Act 2011, s.27(2)"
    )
    calver = sources.resolve("R (Calver) v Adjudication Panel for Wales [2012] EWHC 1172 (Admin)")[0]
    assert calver.source.url == "https://caselaw.nationalarchives.gov.uk/ewhc/admin/2012/1172"
    assert sources.resolve("Something nobody registered")[0].source is None
