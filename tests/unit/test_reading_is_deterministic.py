"""The reading does not depend on Python's string-hash seed: a reply with two currencies in
equal number gave PLN under one ``PYTHONHASHSEED`` and EUR under another (a ``set`` broke the
tie in ``amounts``). The same case read in processes with different seeds gives the same
``eval --json`` result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CASE = {
    "sender": "Provident Polska <windykacja@provident.example>",
    "subject": "PP-7712044",
    "body_text": (
        "Szanowni Państwo,\n\nzadłużenie Pani Katarzyny Nowak z tytułu umowy PP-7712044 wynosi 6 480,00 PLN. "
        "Saldo rachunku w EUR: 1 395,00 EUR.\n\nZ poważaniem\nProvident Polska S.A.\n"
    ),
    "expected": {"currency": "EUR", "outcome": "hold"},
}


def _read(directory: Path, seed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-m", "creditctl", "eval", str(directory), "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return json.loads(out)["combined"]["fields"]["currency"]


def test_two_currencies_in_equal_number_read_the_same_under_every_hash_seed(tmp_path: Path) -> None:
    (tmp_path / "c001_pl_two_currencies.json").write_text(json.dumps(CASE), encoding="utf-8")
    results = {seed: _read(tmp_path, seed) for seed in ("1", "2", "3", "4")}
    assert len({json.dumps(r, sort_keys=True) for r in results.values()}) == 1, results
