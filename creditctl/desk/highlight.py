"""Evidence spans in a text, marked for the review page (pure; escapes everything)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape


def mark_evidence(
    text: str, evidence: list[dict[str, Any]], label: Callable[[str], str] = str
) -> tuple[Markup, list[dict[str, Any]]]:
    """``text`` as HTML with every evidence span found in it wrapped in
    ``<mark data-field=…>`` (its title: ``label(field)``, the field's display name);
    whitespace differences are tolerated. Returns the markup and the evidence items that
    were not found in ``text`` (shown separately)."""
    spans: list[tuple[int, int, str]] = []
    missing: list[dict[str, Any]] = []
    for item in evidence:
        needle = (item.get("text") or "").strip()
        if not needle:
            continue
        pattern = r"\s+".join(re.escape(part) for part in needle.split())
        found = re.search(pattern, text, flags=re.IGNORECASE)
        if found is None:
            missing.append(item)
            continue
        spans.append((found.start(), found.end(), str(item.get("field") or "")))
    # an injection sentence wins over evidence inside it (listed first, kept on overlap)
    spans.sort(key=lambda span: (span[0], span[2] != "injection"))
    out: list[str] = []
    pos = 0
    for start, end, field in spans:
        if start < pos:  # overlapping: extend the previous mark
            continue
        out.append(str(escape(text[pos:start])))
        out.append(
            f'<mark data-field="{escape(field)}" title="{escape(label(field))}">{escape(text[start:end])}</mark>'
        )
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out)), missing
