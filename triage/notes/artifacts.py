"""Two fixes WeasyPrint's tagged output needs before a PDF/UA checker passes it (run as its ``finisher``).

Running heads and page numbers become artifacts, so assistive technology does not read them on every page.

WeasyPrint tags the page-margin boxes (the council and reference at the top, "Page 1 of 5" at the foot) as marked
content but leaves their structure elements out of the tree, because PDF 1.7 has no place for them there. A PDF/UA
checker then finds text on every page that is neither real content in the tree nor an artifact (Matterhorn
checkpoint 18). This finisher, run by WeasyPrint just before it writes the file, turns every marked-content
sequence that no structure element in the tree claims into a pagination artifact, and drops it from the parent
tree.

Links are printed: the PDF/UA variant leaves the annotations' Print flag unset (the PDF/A variant sets it), so a
screen and a printout would differ (Matterhorn checkpoint 28).
"""

from __future__ import annotations

from typing import Any

import pydyf


def _number(reference: Any) -> int | None:
    """The object number of a pydyf reference (``b"12 0 R"``), else None."""
    if isinstance(reference, bytes | str):
        text = reference.decode() if isinstance(reference, bytes) else reference
        parts = text.split()
        if len(parts) == 3 and parts[2] == "R" and parts[0].isdigit():
            return int(parts[0])
    return None


def _reachable(pdf: pydyf.PDF, root_number: int) -> set[int]:
    """Object numbers of every structure element reachable from the structure tree root through ``/K``."""
    seen: set[int] = set()
    stack = [root_number]
    while stack:
        number = stack.pop()
        if number in seen:
            continue
        seen.add(number)
        node = pdf.objects[number]
        kids = node.get("K") if isinstance(node, dict) else None
        if kids is None:
            continue
        for kid in kids if isinstance(kids, list) else [kids]:
            child = _number(kid)
            if child is not None and isinstance(pdf.objects[child], dict):
                stack.append(child)
    return seen


def _page_content_streams(pdf: pydyf.PDF) -> list[pydyf.Stream]:
    kids = pdf.pages["Kids"]
    pages = [pdf.objects[number] for number in kids[::3]]
    return [pdf.objects[_number(page["Contents"])] for page in pages]


def _operator_positions(ops: list, operator: bytes) -> list[int]:
    """Where ``operator`` occurs in a content stream's operations (``list.index`` scans in C; a page can hold tens of
    thousands of operations)."""
    positions, start = [], 2
    while True:
        try:
            start = ops.index(operator, start)
        except ValueError:
            return positions
        positions.append(start)
        start += 1


def margin_content_as_artifacts(_document: Any, pdf: pydyf.PDF) -> None:
    """WeasyPrint ``finisher``: rewrite unclaimed marked content (the margin boxes) as ``/Artifact``."""
    root_number = _number(pdf.catalog.get("StructTreeRoot"))
    if root_number is None:  # an untagged PDF has nothing to fix
        return
    root = pdf.objects[root_number]
    reachable = _reachable(pdf, root_number)
    nums = pdf.objects[_number(root["ParentTree"])]["Nums"]
    streams = _page_content_streams(pdf)
    for index in range(0, len(nums), 2):
        page, mapping = nums[index], nums[index + 1]
        if not isinstance(mapping, list) or not 0 <= page < len(streams):
            continue  # annotations map to one element each, not to a page's marked content
        orphans = {mcid for mcid, ref in enumerate(mapping) if _number(ref) not in reachable}
        if not orphans:
            continue
        ops = streams[page].stream
        for i in _operator_positions(ops, b"BDC"):
            marker, properties = ops[i - 2], ops[i - 1]
            if isinstance(properties, dict) and properties.get("MCID") in orphans and isinstance(marker, str):
                ops[i - 2] = "/Artifact"
                ops[i - 1] = pydyf.Dictionary({"Type": "/Pagination"})
        for mcid in orphans:
            mapping[mcid] = "null"


#: Bit 3 of an annotation's flags: print it.
PRINT_FLAG = 1 << 2


def print_annotations(_document: Any, pdf: pydyf.PDF) -> None:
    """Set the Print flag on every annotation (links), as PDF/A already requires."""
    for item in pdf.objects:
        if isinstance(item, dict) and item.get("Type") == "/Annot":
            item["F"] = int(item.get("F") or 0) | PRINT_FLAG


def finish_for_readers(document: Any, pdf: pydyf.PDF) -> None:
    """The WeasyPrint ``finisher`` every note and letter is written with."""
    margin_content_as_artifacts(document, pdf)
    print_annotations(document, pdf)
