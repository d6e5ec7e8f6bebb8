"""The email's state machine (creditctl/services/transitions.py): every declared move
runs as a compare-and-set on a real SQLite database; every undeclared one raises; the
README's arrow diagram and docs/state-machine.md say what the table says; no other
module writes processing_status or match_status."""

from __future__ import annotations

import ast
import itertools
import re
import uuid
from pathlib import Path

import pytest

from creditctl.db import dispose_engines, session_scope
from creditctl.migrate import upgrade
from creditctl.models import Email, ProcessingStatus, utcnow
from creditctl.pipeline.matching_types import MatchStatus
from creditctl.services import transitions
from creditctl.services.transitions import MATCH_TRANSITIONS, TRANSITIONS, Actor, IllegalTransition

REPO = Path(__file__).resolve().parents[2]
STATES = [s.value for s in ProcessingStatus]
MATCHES = [m.value for m in MatchStatus]


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path}/creditctl.db"
    upgrade(url)
    yield url
    dispose_engines()


def _row(url: str, status: str, match: str = "pending") -> int:
    with session_scope(url) as session:
        email = Email(
            ticket_id="1",
            dedupe_key=uuid.uuid4().hex,
            raw_payload=b"{}",
            processing_status=status,
            match_status=match,
            received_at=utcnow(),
            updated_at=utcnow(),
        )
        session.add(email)
        session.flush()
        return email.id


def _state(url: str, email_id: int) -> tuple[str, str]:
    with session_scope(url) as session:
        email = session.get(Email, email_id)
        return email.processing_status, email.match_status


def test_every_declared_move_is_a_compare_and_set(db):
    for t in TRANSITIONS:
        if t.source is None:
            continue
        for actor in t.actors:
            email_id = _row(db, t.source)
            with session_scope(db) as session:
                moved = session.execute(transitions.update_status(t.source, t.target, actor, email_id=email_id))
                assert moved.rowcount == 1, (t, actor)
            assert _state(db, email_id)[0] == t.target
            # the same statement again finds the row no longer in the source state (unless it is a self-loop)
            with session_scope(db) as session:
                again = session.execute(transitions.update_status(t.source, t.target, actor, email_id=email_id))
                assert again.rowcount == (1 if t.source == t.target else 0), (t, actor)


def test_every_declared_match_move_is_a_compare_and_set(db):
    for t in MATCH_TRANSITIONS:
        if t.source is None:
            continue
        for actor in t.actors:
            email_id = _row(db, "completed", t.source)
            with session_scope(db) as session:
                assert (
                    session.execute(transitions.update_match(t.source, t.target, actor, email_id=email_id)).rowcount
                    == 1
                )
            assert _state(db, email_id)[1] == t.target


def test_every_undeclared_move_raises():
    declared = {(t.source, t.target, a) for t in TRANSITIONS for a in t.actors}
    for source, target, actor in itertools.product(STATES, STATES, list(Actor)):
        if (source, target, actor) in declared:
            continue
        with pytest.raises(IllegalTransition):
            transitions.update_status(source, target, actor, email_id=1)
    declared_match = {(t.source, t.target, a) for t in MATCH_TRANSITIONS for a in t.actors}
    for source, target, actor in itertools.product(MATCHES, MATCHES, list(Actor)):
        if (source, target, actor) not in declared_match:
            with pytest.raises(IllegalTransition):
                transitions.update_match(source, target, actor, email_id=1)


def test_a_finished_email_is_final_for_the_worker_and_the_sweep():
    for source in ("completed", "not_creditor_reply", "failed"):
        for target in STATES:
            for actor in (Actor.WORKER, Actor.SWEEP, Actor.INTAKE):
                with pytest.raises(IllegalTransition):
                    transitions.check(source, target, actor)


def test_a_match_move_is_conditioned_on_the_match_state(db):
    email_id = _row(db, "extracted", "needs_review")  # not pending: the worker may not decide it again
    with session_scope(db) as session:
        stmt = transitions.update_status(
            "extracted", "completed", Actor.WORKER, email_id=email_id, match_target="auto_matched"
        )
        assert session.execute(stmt).rowcount == 0
    assert _state(db, email_id) == ("extracted", "needs_review")


def _arrows(block: str) -> set[tuple[str | None, str, Actor]]:
    """``SOURCES ─▶ STATE [─▶ STATE…]  by ACTORS  (comment)`` lines → (from, to, who)."""
    found: set[tuple[str | None, str, Actor]] = set()
    for line in block.splitlines():
        if "─▶" not in line:
            continue
        line = re.sub(r"\([^()]*\)\s*$", "", line.strip()).strip()
        chain, _, who = line.rpartition(" by ")
        actors = [Actor(a.strip()) for a in who.split(",")]
        parts = [p.strip() for p in chain.split("─▶")]
        sources = [None if s.strip() == "(new)" else s.strip() for s in parts[0].split(",")]
        for target in parts[1:]:
            for source in sources:
                for actor in actors:
                    found.add((source, target, actor))
            sources = [target]
    return found


def _readme_blocks() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## What happens to an email") :]
    return re.findall(r"```\n(.*?)```", section, flags=re.S)[:2]


def test_the_readme_diagram_is_the_table():
    processing, match = _readme_blocks()
    assert _arrows(processing) == {(t.source, t.target, a) for t in TRANSITIONS for a in t.actors}
    assert _arrows(match) == {(t.source, t.target, a) for t in MATCH_TRANSITIONS for a in t.actors}


def test_docs_state_machine_is_generated_from_the_table():
    doc = (REPO / "docs" / "state-machine.md").read_text(encoding="utf-8")
    assert transitions.markdown_table() in doc, "regenerate docs/state-machine.md from transitions.markdown_table()"


STATE_FIELDS = {"processing_status", "match_status"}
#: calls whose keyword arguments only describe the state (log lines, the outcome a job returns)
DESCRIBING = {
    "debug",
    "info",
    "warning",
    "error",
    "exception",
    "critical",
    "bind",
    "bind_contextvars",
    "ProcessOutcome",
    "record_event",
}


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _writes(tree: ast.AST) -> list[int]:
    """Line numbers where ``processing_status``/``match_status`` is written: an attribute
    assignment, a ``.values(...)``/constructor keyword, or a ``{"processing_status": …}``
    passed to ``.values``/``update``. Reading, comparing and logging are not writes."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                elts = target.elts if isinstance(target, ast.Tuple) else [target]
                lines += [t.lineno for t in elts if isinstance(t, ast.Attribute) and t.attr in STATE_FIELDS]
        elif isinstance(node, ast.Call) and _callee(node) not in DESCRIBING:
            lines += [k.value.lineno for k in node.keywords if k.arg in STATE_FIELDS]
            if _callee(node) in ("values", "update"):
                for arg in node.args:
                    if isinstance(arg, ast.Dict):
                        lines += [k.lineno for k in arg.keys if isinstance(k, ast.Constant) and k.value in STATE_FIELDS]
    return lines


def test_the_write_finder_finds_writes_and_ignores_logs():
    code = (
        "email.processing_status = S.FAILED\n"
        "update(Email).values(match_status='x')\n"
        "Email(processing_status='received')\n"
        "log.debug('job', match_status=outcome.match_status)\n"
        "ok = email.processing_status == S.FAILED\n"
    )
    assert _writes(ast.parse(code)) == [1, 2, 3]


def test_no_other_module_writes_the_state():
    offenders = []
    for path in (REPO / "creditctl").rglob("*.py"):
        rel = path.relative_to(REPO).as_posix()
        if rel in ("creditctl/services/transitions.py", "creditctl/models.py") or "/migrations/" in rel:
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        offenders += [f"{rel}:{n}: {lines[n - 1].strip()}" for n in _writes(ast.parse(text))]
    assert offenders == [], "processing_status/match_status written outside transitions.py:\n" + "\n".join(offenders)
