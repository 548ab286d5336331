"""The one registry of sources the tool cites: each has a short title, a proper citation and, where there is a
stable public copy, a web address.

The scorer's rules keep their citations as readable strings (their ``source``); :func:`resolve` turns each part of
such a string into a registry entry plus a pinpoint ("para 1.1", "acting as a councillor or giving that
impression"), so the case page, the note, the letters and ``triage assess`` all cite the same way. A test checks
that every rule's citation resolves, so a new rule cannot cite something the registry does not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEGISLATION = "https://www.legislation.gov.uk"
CASELAW = "https://caselaw.nationalarchives.gov.uk"
BAILII = "https://www.bailii.org/ew/cases/EWHC/Admin"


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    citation: str
    url: str = ""
    #: Prefixes by which rules and wording refer to it.
    aliases: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Citation:
    source: Source | None
    pinpoint: str
    text: str  # the part as written, for anything the registry does not know

    @property
    def words(self) -> str:
        """The citation as printed for people: the full citation, then the pinpoint."""
        if self.source is None:
            return self.text
        if not self.pinpoint:
            return self.source.citation
        if self.pinpoint.startswith("("):
            joiner = "" if self.source.citation[-1].isdigit() else " "  # "s.27(2)", but "the wording (a list)"
        else:
            joiner = ", "
        return f"{self.source.citation}{joiner}{self.pinpoint}"


_ALL = (
    Source(
        "lga-model-code",
        "LGA Model Councillor Code of Conduct",
        "Local Government Association, Model Councillor Code of Conduct (2020)",
        "https://www.local.gov.uk/publications/local-government-association-model-councillor-code-conduct-2020",
        ("LGA model Code 2020", "LGA Model Councillor Code of Conduct"),
    ),
    Source(
        "lga-social-media",
        "LGA, Councillors and social media",
        "Local Government Association, 'Councillors and social media' (guidance)",
        "https://www.local.gov.uk/councillors-and-social-media",
        ("LGA 'Councillors and social media'",),
    ),
    Source(
        "lga-disrepute-guidance",
        "LGA guidance on the Model Code",
        "Local Government Association, Guidance on the Model Councillor Code of Conduct: disrepute",
        "https://www.local.gov.uk/publications/guidance-local-government-association-model-councillor-code-conduct",
        ("LGA guidance on disrepute",),
    ),
    Source(
        "seed-guidance",
        "Leicestershire councils, Social media guidance for councillors",
        "Leicestershire councils, Social media guidance for councillors",
        "",
        ("Leicestershire councils, Social media guidance for councillors",),
    ),
    Source(
        "localism-27",
        "Localism Act 2011, section 27",
        "Localism Act 2011, s.27",
        f"{LEGISLATION}/ukpga/2011/20/section/27",
        ("Localism Act 2011 s.27",),
    ),
    Source(
        "localism-28",
        "Localism Act 2011, section 28",
        "Localism Act 2011, s.28",
        f"{LEGISLATION}/ukpga/2011/20/section/28",
        ("Localism Act 2011 s.28",),
    ),
    Source(
        "govt-response-2022",
        "Government response on local government ethical standards (2022)",
        "Department for Levelling Up, Housing and Communities, Government response to the Committee on Standards "
        "in Public Life report 'Local Government Ethical Standards' (March 2022)",
        "https://www.gov.uk/government/publications/local-government-ethical-standards-government-response-to-the-"
        "committee-on-standards-in-public-life-report",
        ("Government response to CSPL", "Government response to the Committee on Standards in Public Life"),
    ),
    Source(
        "hra-article10",
        "Article 10 ECHR",
        "European Convention on Human Rights, Article 10 (Human Rights Act 1998, Schedule 1)",
        f"{LEGISLATION}/ukpga/1998/42/schedule/1",
        ("Article 10 ECHR",),
    ),
    Source(
        "echr-article17",
        "Article 17 ECHR",
        "European Convention on Human Rights, Article 17 (prohibition of abuse of rights)",
        f"{LEGISLATION}/ukpga/1998/42/schedule/1",
        ("Article 17 ECHR",),
    ),
    Source(
        "sanders",
        "Sanders v Kingston",
        "Sanders v Kingston (No 1) [2005] EWHC 1145 (Admin)",
        f"{BAILII}/2005/1145.html",
        ("Sanders v Kingston",),
    ),
    Source(
        "staged-approach",
        "The staged approach of the courts",
        "The staged approach to Code complaints and Article 10: Sanders v Kingston (No 1) [2005] EWHC 1145 (Admin); "
        "R (Calver) v Adjudication Panel for Wales [2012] EWHC 1172 (Admin); Heesom v Public Services Ombudsman for "
        "Wales [2014] EWHC 1504 (Admin)",
        f"{CASELAW}/ewhc/admin/2014/1504",
        ("Sanders / Calver / Heesom staged approach", "Staged approach in published practice"),
    ),
    Source(
        "livingstone",
        "Livingstone v Adjudication Panel for England",
        "Livingstone v Adjudication Panel for England [2006] EWHC 2533 (Admin)",
        f"{BAILII}/2006/2533.html",
        ("Livingstone v Adjudication Panel for England",),
    ),
    Source(
        "calver",
        "Calver v Adjudication Panel for Wales",
        "R (Calver) v Adjudication Panel for Wales [2012] EWHC 1172 (Admin)",
        f"{CASELAW}/ewhc/admin/2012/1172",
        ("R (Calver) v Adjudication Panel for Wales", "Calver v Adjudication Panel for Wales"),
    ),
    Source(
        "heesom",
        "Heesom v Public Services Ombudsman for Wales",
        "Heesom v Public Services Ombudsman for Wales [2014] EWHC 1504 (Admin)",
        f"{CASELAW}/ewhc/admin/2014/1504",
        ("Heesom v Public Services Ombudsman for Wales",),
    ),
    Source(
        "robinson",
        "Robinson v Buckinghamshire Council",
        "R (Robinson) v Buckinghamshire Council [2021] EWHC 2014 (Admin)",
        f"{CASELAW}/ewhc/admin/2021/2014",
        ("R (Robinson) v Buckinghamshire Council",),
    ),
    Source(
        "mack",
        "Mack v Standards Commission for Scotland",
        "Mack v Standards Commission for Scotland, Court of Session (2022)",
        "https://www.standardscommissionscotland.org.uk/about-us/news/outcome-of-appeal-to-court-of-session",
        ("Mack v Standards Commission for Scotland",),
    ),
    Source(
        "lga2000-part3",
        "Local Government Act 2000, Part 3",
        "Local Government Act 2000, Part 3 (conduct of members in Wales)",
        f"{LEGISLATION}/ukpga/2000/22/part/3",
        ("Local Government Act 2000 Part III", "Local Government Act 2000 Part 3"),
    ),
    Source(
        "wales-model-code",
        "Model Code of Conduct (Wales)",
        "Local Authorities (Model Code of Conduct) (Wales) Order 2008, as amended in 2016",
        f"{LEGISLATION}/wsi/2008/788/contents",
        ("Wales Model Code of Conduct", "Model Code of Conduct (Wales)"),
    ),
    Source(
        "psow",
        "Public Services Ombudsman for Wales",
        "Public Services Ombudsman for Wales, Code of Conduct fact sheets (two-stage test and public interest)",
        "https://www.ombudsman.wales/fact-sheets/code-of-conduct-what-we-do-when-we-get-your-complaint/",
        ("PSOW", "Public Services Ombudsman for Wales"),
    ),
    Source(
        "espl-scotland",
        "Ethical Standards in Public Life etc. (Scotland) Act 2000",
        "Ethical Standards in Public Life etc. (Scotland) Act 2000",
        f"{LEGISLATION}/asp/2000/7/contents",
        ("Ethical Standards in Public Life etc. (Scotland) Act 2000",),
    ),
    Source(
        "esc-scotland",
        "Ethical Standards Commissioner",
        "Ethical Standards Commissioner (Scotland): complaints about councillors",
        "https://www.ethicalstandards.org.uk/",
        ("Ethical Standards Commissioner", "ESC"),
    ),
    Source(
        "scotland-code",
        "Councillors' Code of Conduct (Scotland)",
        "Councillors' Code of Conduct (Scotland) 2021",
        "https://www.standardscommissionscotland.org.uk/codes-of-conduct/councillors-code",
        ("Councillors' Code of Conduct (Scotland)",),
    ),
    Source(
        "scs",
        "Standards Commission for Scotland",
        "Standards Commission for Scotland, advice and news for councillors",
        "https://www.standardscommissionscotland.org.uk",
        ("Standards Commission for Scotland",),
    ),
    Source(
        "online-safety-181",
        "Online Safety Act 2023, section 181",
        "Online Safety Act 2023, s.181 (threatening communications)",
        f"{LEGISLATION}/ukpga/2023/50/section/181",
        ("Online Safety Act 2023 s.181",),
    ),
    Source(
        "online-safety-179",
        "Online Safety Act 2023, section 179",
        "Online Safety Act 2023, s.179 (false communications)",
        f"{LEGISLATION}/ukpga/2023/50/section/179",
        ("Online Safety Act 2023 s.179",),
    ),
    Source(
        "communications-127",
        "Communications Act 2003, section 127",
        "Communications Act 2003, s.127 (improper use of a public electronic communications network)",
        f"{LEGISLATION}/ukpga/2003/21/section/127",
        ("Communications Act 2003 s.127",),
    ),
    Source(
        "malicious-communications",
        "Malicious Communications Act 1988, section 1",
        "Malicious Communications Act 1988, s.1",
        f"{LEGISLATION}/ukpga/1988/27/section/1",
        ("Malicious Communications Act 1988 s.1",),
    ),
    Source(
        "cjl-scotland-38",
        "Criminal Justice and Licensing (Scotland) Act 2010, section 38",
        "Criminal Justice and Licensing (Scotland) Act 2010, s.38 (threatening or abusive behaviour)",
        f"{LEGISLATION}/asp/2010/13/section/38",
        ("Criminal Justice and Licensing (Scotland) Act 2010 s.38",),
    ),
    Source(
        "defamation-scotland",
        "Defamation and Malicious Publication (Scotland) Act 2021",
        "The civil law of defamation (in Scotland, the Defamation and Malicious Publication (Scotland) Act 2021)",
        f"{LEGISLATION}/asp/2021/10/contents",
        ("the civil law of defamation",),
    ),
    Source(
        "equality-act",
        "Equality Act 2010",
        "Equality Act 2010",
        f"{LEGISLATION}/ukpga/2010/15/contents",
        ("Equality Act 2010",),
    ),
    Source(
        "assessment-criteria",
        "Councils' published initial-assessment criteria",
        "Councils' published initial-assessment criteria and complaint procedures (for example City of York, "
        "Maidstone, Brent, Hastings, Arun, South Hams, Cornwall)",
        "",
        (
            "Local initial-assessment criteria",
            "Initial test",
            "Brent",
            "Maidstone",
            "Arun and South Hams",
            "Cornwall complaint guidance",
            "e.g. South Hams",
            "Council practice",
            "North Norfolk investigator",
            "Leicestershire assessment panel advice",
            "Code in force date",
        ),
    ),
    Source(
        "published-decisions",
        "Published decisions on councillors' online posts",
        "Published standards committee, hearing panel and ombudsman decisions on councillors' online posts",
        "",
        ("Patterns in published decisions",),
    ),
    Source(
        "this-tool",
        "This tool's reading of the wording",
        "This tool's reading of the wording of the post (see the appendix on the tool's workings)",
        "",
        ("The text classifier", "Wording cue", "the words of the post"),
    ),
)

SOURCES: dict[str, Source] = {s.key: s for s in _ALL}
_BY_ALIAS = sorted(((alias, s) for s in _ALL for alias in s.aliases), key=lambda pair: -len(pair[0]))


def resolve_part(part: str) -> Citation:
    text = part.strip()
    for alias, source in _BY_ALIAS:
        if text.startswith(alias):
            pinpoint = text[len(alias) :].strip(" :,;")
            if pinpoint.startswith("(") and pinpoint.endswith(")") and source.key == "lga-model-code":
                pinpoint = pinpoint[1:-1]
            return Citation(source, pinpoint, text)
    return Citation(None, "", text)


def resolve(source_text: str) -> list[Citation]:
    """Each ``;``-separated part of a rule's citation, resolved against the registry (unknown parts kept as text)."""
    return [resolve_part(part) for part in (source_text or "").split(";") if part.strip()]


def words(source_text: str) -> str:
    """A rule's citation as people read it: proper citations, joined with semicolons."""
    return "; ".join(c.words for c in resolve(source_text))


def cited_in(result: dict) -> list[dict[str, str]]:
    """Every registered source an assessment's reasons cite, once each, in first-cited order: for ``triage assess``
    output, so readers of the JSON can cite the same way as the case page and the note."""
    texts = [r.get("source", "") for r in result.get("reasons") or []]
    texts += [r.get("source", "") for p in result.get("paragraphs") or [] for r in p.get("reasons") or []]
    texts += [r.get("source", "") for r in (result.get("article10") or {}).get("reasons") or []]
    texts += [r.get("source", "") for r in result.get("public_interest") or []]
    texts += [f.get("source", "") for f in result.get("flags") or []]
    seen: dict[str, dict[str, str]] = {}
    for text in texts:
        for citation in resolve(str(text or "")):
            if citation.source is not None and citation.source.key not in seen:
                s = citation.source
                seen[s.key] = {"title": s.title, "citation": s.citation, "url": s.url}
    return list(seen.values())
