"""A metamorphic harness for APPLIES: correctly applied tuning cases, transformed in ways a
careful caseworker would say change nothing, must still apply the same total to the same
claim and find the same references (docs/evaluation.md "Apply families").

``transform`` holds the transformations (written from how real creditor mail varies, not
from the reader's tables), ``harness`` judges them through what ``creditctl eval`` runs,
reusing ``tests.hold_families`` for case loading and base judging. Run
``python -m tests.apply_families [--full] [--failures]``.

Never reads ``tests/data/unseen``.
"""
