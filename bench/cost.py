"""Cost benchmark: tokens per email that the Claude extractor would send and receive.

For the labelled set (``tests/data/labelled``) and the demo set
(``creditctl/data/sample_emails``): each email is cleaned by the production cleaner
(``bench.extraction.build_input``), and the exact request ``ClaudeExtractor.request``
builds is rendered (system blocks from ``prompt.system_blocks``, user message from
``prompt.render_email``). Tokens are counted with
``creditctl.pipeline.cleaning.estimate_tokens`` (offline, conservative: max of
chars/3.5 and word+punctuation pieces) — an estimate, not the API's count.

Printed per set (mean, p95): input tokens of the system prompt (the cached prefix,
``cache_control: ephemeral``) and of the user message (uncached), with the quoted
history as sent and with it trimmed away (``quoted_text=""``), and output tokens: the
answer Claude would return, estimated as the wire JSON (``ClaudeAnswer``) of the rules
extractor's result for the same email. Also the JSON schema sent as
``output_config.format`` (its tokens, if billed as input, are shown separately).
Target (issue 7): mean input tokens per email <= 1,500.

Prompt caching note (``prompt.py`` docstring, Anthropic's docs): a prefix shorter than
the model's minimum is not cached — 4,096 tokens for Haiku 4.5, the default
CREDITCTL_CLAUDE_MODEL.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from bench import common
from bench.common import header, mean, percentile, ratio, verdict

MIN_CACHEABLE = {"claude-haiku-4-5": 4096, "claude-sonnet-4-5": 1024, "claude-sonnet-4-6": 2048,
                 "claude-opus-4-5": 4096}


def _cases() -> dict[str, list[dict[str, Any]]]:
    from bench.extraction import load_cases

    demo = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(common.SAMPLES_DIR.glob("*.json"))]
    return {"labelled": load_cases(), "demo": demo}


def _wire_answer(result: Any) -> str:
    """The JSON Claude would answer for ``result`` (the ``ClaudeAnswer`` shape)."""
    amounts = {k: (None if getattr(result.amounts, k) is None else str(getattr(result.amounts, k)).replace(".", ","))
               for k in ("principal", "interest", "costs", "total")}
    doc = {
        "is_creditor_reply": result.is_creditor_reply, "reply_kind": result.reply_kind.value,
        "creditor_name": result.creditor_name, "original_creditor": result.original_creditor,
        "client_name": result.client_name, "client_file_number": result.client_file_number,
        "creditor_references": list(result.creditor_references), "amounts": amounts, "currency": result.currency,
        "statement_date": result.statement_date.isoformat() if result.statement_date else None,
        "confidence": result.confidence,
        "evidence": [{"field": e.field, "text": e.text, "source": e.source} for e in result.evidence],
    }
    return json.dumps(doc, ensure_ascii=False)


def measure() -> dict[str, dict[str, list[float]]]:
    """Per set: lists of token counts (``system``, ``user``, ``user_trimmed``, ``output``)."""
    from bench.extraction import build_input
    from creditctl.pipeline.cleaning import estimate_tokens
    from creditctl.pipeline.extraction.claude import ClaudeExtractor
    from creditctl.pipeline.extraction.rules import RulesExtractor

    extractor = ClaudeExtractor(model="claude-haiku-4-5", api_key="unused", base_url="http://127.0.0.1:9")
    rules = RulesExtractor()
    out: dict[str, dict[str, list[float]]] = {}
    for name, cases in _cases().items():
        figures: dict[str, list[float]] = {"system": [], "user": [], "user_trimmed": [], "output": []}
        for case in cases:
            email = build_input(case)
            req = extractor.request(email)
            trimmed = extractor.request(dataclasses.replace(email, quoted_text=""))
            figures["system"].append(sum(estimate_tokens(b["text"]) for b in req["system"]))
            figures["user"].append(sum(estimate_tokens(m["content"]) for m in req["messages"]))
            figures["user_trimmed"].append(sum(estimate_tokens(m["content"]) for m in trimmed["messages"]))
            figures["output"].append(estimate_tokens(_wire_answer(rules.extract(email))))
        out[name] = figures
    return out


def main(quick: bool = False) -> None:  # noqa: ARG001 - same signature as the other sections
    """Run the cost section and print it."""
    from creditctl.pipeline.cleaning import estimate_tokens
    from creditctl.pipeline.extraction.claude import WIRE_SCHEMA
    from creditctl.settings import Settings

    header("5. Cost: tokens per email sent to Claude (estimate_tokens on the exact request)")
    data = measure()
    schema_tokens = estimate_tokens(json.dumps(WIRE_SCHEMA))
    model = Settings.model_fields["claude_model"].default
    print(f"  {'set':<9} {'n':>4} | {'system (cached)':>15} | {'user: mean':>10} {'p95':>6} | "
          f"{'trimmed: mean':>13} {'p95':>6} {'ratio':>6} | {'total in: mean':>14} {'trimmed':>8} | "
          f"{'output: mean':>12} {'p95':>5}")
    means = {}
    for name, f in data.items():
        system = f["system"][0]
        total = [s + u for s, u in zip(f["system"], f["user"])]
        total_t = [s + u for s, u in zip(f["system"], f["user_trimmed"])]
        means[name] = (mean(total), mean(f["user"]), mean(total_t))
        print(f"  {name:<9} {len(f['user']):>4} | {system:>15.0f} | {mean(f['user']):>10.0f} "
              f"{percentile(f['user'], 95):>6.0f} | {mean(f['user_trimmed']):>13.0f} "
              f"{percentile(f['user_trimmed'], 95):>6.0f} {ratio(mean(f['user_trimmed']), mean(f['user'])):>6} | "
              f"{mean(total):>14.0f} {mean(total_t):>8.0f} | {mean(f['output']):>12.0f} "
              f"{percentile(f['output'], 95):>5.0f}")
    system = data["labelled"]["system"][0]
    minimum = MIN_CACHEABLE.get(model)
    print(f"  structured-output schema (output_config.format): {schema_tokens} tokens more if billed as input")
    print(f"  prompt caching on: per email after the first, {system:.0f} cached input tokens (billed at 0.1x) + "
          f"the user message uncached; cached share of input (labelled): "
          f"{system / means['labelled'][0]:.0%}")
    if minimum:
        cached = system >= minimum
        print(f"  default model {model}: minimum cacheable prefix {minimum} tokens -> the {system:.0f}-token system "
              f"prompt is {'cached' if cached else 'NOT cached (every call pays it in full)'}")
    total, user, total_t = means["labelled"]
    print(f"  target: mean input tokens <= 1,500 (labelled): total {total:.0f} ({verdict(total <= 1500)}), "
          f"uncached part {user:.0f} ({verdict(user <= 1500)})")


if __name__ == "__main__":
    main()
