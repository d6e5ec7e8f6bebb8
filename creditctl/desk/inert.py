"""The original HTML of an email, made inert for the review page (pure).

Three layers: (1) here, every remote reference (``http:``, ``https:``, ``//host``,
``ftp:``) in an attribute or a CSS ``url()``/``@import`` is replaced, so the browser
has nothing remote to fetch; (2) a ``Content-Security-Policy`` meta element opens the
document (``default-src 'none'; img-src data:; style-src 'unsafe-inline'``), and the
page's own policy is inherited; (3) the template shows it in ``<iframe sandbox="">``
(no scripts, no forms, no navigation, an opaque origin).
"""

from __future__ import annotations

import re

ORIGINAL_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
_REMOTE = r"(?:(?:https?|ftp):)?//"
_ATTRIBUTE = re.compile(
    r"""(?P<name>\b(?:src|href|srcset|background|action|formaction|poster|data|xlink:href|lowsrc|dynsrc|ping|cite|"""
    r"""longdesc|manifest|icon|profile|usemap|codebase|archive)\s*=\s*)(?P<q>["']?)\s*"""
    + _REMOTE
    + r"""[^"'\s>]*(?P=q)""",
    re.IGNORECASE,
)
_CSS_URL = re.compile(r"""url\(\s*(["']?)\s*""" + _REMOTE + r"""[^)]*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(["'])\s*""" + _REMOTE + r"""[^"']*\1\s*;?""", re.IGNORECASE)
_META_REFRESH = re.compile(r"""<meta[^>]+http-equiv\s*=\s*["']?refresh[^>]*>""", re.IGNORECASE)


def inert_html(html: str) -> str:
    """``html`` with every remote reference removed and the strict policy in front."""
    text = _ATTRIBUTE.sub(lambda m: f'{m.group("name")}"about:blank"', html)
    text = _CSS_URL.sub("none", text)
    text = _CSS_IMPORT.sub("", text)
    text = _META_REFRESH.sub("", text)
    return (
        f'<!doctype html><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{ORIGINAL_CSP}">' + text
    )
