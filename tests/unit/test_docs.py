"""The design the code relies on lives in the repo (docs/), and nothing cites the
notes a clone does not have."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCS = ("architecture.md", "state-machine.md", "retry-policy.md", "zendesk-contract.md")
OUTSIDE = re.compile(r"DESIGN\.md|HUEY-NOTES\.md|ZENDESK-NOTES\.md|\b[Ii]ssue \d+")


def test_the_docs_exist_and_cite_each_other_correctly():
    for name in DOCS:
        text = (REPO / "docs" / name).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([\w.-]+\.md)\)", text):
            assert (REPO / "docs" / target).exists(), f"{name} links to missing {target}"


def test_no_file_cites_notes_outside_the_repo():
    files = [
        *(REPO / "creditctl").rglob("*.py"),
        *(REPO / "tests").rglob("*.py"),
        *(REPO / "bench").rglob("*.py"),
        *(REPO / "docs").glob("*.md"),
        REPO / "README.md",
        REPO / "huey_config.py",
    ]
    offenders = [
        f"{p.relative_to(REPO)}:{n}"
        for p in files
        if "data" not in p.relative_to(REPO).parts
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line) and p.name != "test_docs.py"
    ]
    assert offenders == [], offenders


def test_the_readme_states_the_demo_time_as_a_measured_range_not_a_single_figure():
    # measured 10 s on an idle machine and 14 s on a loaded one: "about 10 s" promised too little
    text = (REPO / "README.md").read_text(encoding="utf-8")
    intro = text[text.index("Run the main job") : text.index("creditctl demo\n")]
    assert "about 10 s" not in intro
    assert "10–20 s" in intro
