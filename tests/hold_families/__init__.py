"""A mutation harness for the hold families of the safety layer (docs/evaluation.md, "Hold families").

Every tuning case whose expected outcome is ``apply`` and which the current code applies
correctly is a base case. Its creditor's own latest text (the reply, not the quoted
history; both renderings of an HTML mail) gets ONE sentence of a family table inserted at
one of several positions, and the case goes through exactly what ``creditctl eval`` runs
(``services.evaluation.judge_case``: clean, extract, match, gate):

* HOLD families (``tables.HOLD``): never applied, and a reason names the family;
* APPLY near-misses (``tables.NEAR``): still applied, with the same total;
* old/other-figure traps (``tables.TRAPS``): a different figure below the signature, after
  a ticket-system history marker or in an earlier message — the applied total stays the
  reply's, or the email is held.

``python -m tests.hold_families`` prints a per-family, per-language table (``--help``).
"""
