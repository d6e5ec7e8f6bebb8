"""Cost benchmark: tokens per email that the Claude extractor sends and receives.

For the labelled set (``tests/data/labelled``) and the demo set
(``creditctl/data/sample_emails``): each email is cleaned by the production cleaner
(``bench.extraction.build_input``) and the exact request ``ClaudeExtractor.request``
builds is rendered. Everything in it that reaches the model is counted as input:

- ``system``: the system blocks (``prompt.system_blocks``, marked ``cache_control``);
- ``schema``: the JSON schema sent as ``output_config.format`` (counted as billed
  input: Claude must read it; conservative if the API bills it otherwise);
- ``user``: the user message (``prompt.render_email``), as sent and with the quoted
  history trimmed away (``quoted_text=""``).

Tokens are counted with ``creditctl.pipeline.cleaning.estimate_tokens`` (offline,
conservative: max of chars/3.5 and word+punctuation pieces, which over-counts JSON
punctuation) — an estimate, not the API's ``count_tokens``. Output tokens: the answer
Claude would return, estimated as the wire JSON of the rules extractor's result for
the same email (``""`` for a value not stated, as the compact schema asks).

Prompt caching: the cacheable prefix is everything up to the ``cache_control``
breakpoint, i.e. the system blocks (where the API places the output schema is not
documented, so the schema is counted as uncached). A prefix shorter than the model's
minimum is silently not cached: every call pays it in full. ``MIN_CACHEABLE`` holds
the minimums; the installed anthropic SDK (2.14) carries no such table, the figures
are Anthropic's prompt-caching docs as quoted in anthropic-sdk-python issue #1194 and
by third-party gateway docs (orq.ai, aihubmix): Haiku 4.5 / Opus 4.5 / Opus 4.6 4,096;
Sonnet 4.5 1,024; Sonnet 4.6 1,024 in the quoted docs but 2,048 by orq.ai and by
reports in that issue (the larger figure is used). The configured model is
``Settings().claude_model`` (CREDITCTL_CLAUDE_MODEL).

Target: mean input tokens per email <= 1,500 (labelled set), all input
counted (system + schema + user).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from bench import common
from bench.common import header, mean, percentile, ratio, verdict

#: Minimum cacheable prefix (tokens) per model; sources in the module docstring.
MIN_CACHEABLE = {
    "claude-haiku-4-5": 4096,
    "claude-sonnet-4-5": 1024,
    "claude-sonnet-4-6": 2048,
    "claude-opus-4-5": 4096,
    "claude-opus-4-6": 4096,
}
#: Price of a cache read relative to an uncached input token (Anthropic pricing: 0.1x).
CACHE_READ_FACTOR = 0.1
TARGET_INPUT_TOKENS = 1500


def _cases() -> dict[str, list[dict[str, Any]]]:
    from bench.extraction import load_cases

    demo = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(common.SAMPLES_DIR.glob("*.json"))]
    labelled = load_cases()
    return {"labelled": labelled[: common.pick(len(labelled), len(labelled), 10)], "demo": demo}


def wire_answer_for_sample(name: str = "01_inkasso_table.json") -> str:
    """The JSON Claude would answer for a shipped sample email (the rules extractor's
    reading in the wire shape): the answer of the worker section's Claude stand-in."""
    from bench.extraction import build_input
    from creditctl.pipeline.extraction.rules import RulesExtractor

    case = json.loads((common.SAMPLES_DIR / name).read_text(encoding="utf-8"))
    return _wire_answer(RulesExtractor().extract(build_input(case)))


def _wire_answer(result: Any) -> str:
    """The JSON Claude would answer for ``result`` (the ``WIRE_SCHEMA`` shape, ``""`` when not stated)."""
    amounts = {
        k: ("" if getattr(result.amounts, k) is None else str(getattr(result.amounts, k)).replace(".", ","))
        for k in ("principal", "interest", "costs", "total")
    }
    doc = {
        "is_creditor_reply": result.is_creditor_reply,
        "reply_kind": result.reply_kind.value,
        "creditor_name": result.creditor_name or "",
        "original_creditor": result.original_creditor or "",
        "client_name": result.client_name or "",
        "client_date_of_birth": result.client_date_of_birth.isoformat() if result.client_date_of_birth else "",
        "client_file_number": result.client_file_number or "",
        "creditor_references": list(result.creditor_references),
        "amounts": amounts,
        "currency": result.currency or "",
        "statement_date": result.statement_date.isoformat() if result.statement_date else "",
        "confidence": result.confidence,
        "evidence": [{"field": e.field, "text": e.text, "source": e.source} for e in result.evidence],
    }
    return json.dumps(doc, ensure_ascii=False)


def configured_model() -> str:
    """CREDITCTL_CLAUDE_MODEL as the product reads it (the settings default when unset or unreadable)."""
    from creditctl.settings import Settings

    try:
        return Settings().claude_model
    except Exception:  # noqa: BLE001 - an unrelated bad setting must not stop the benchmark
        return Settings.model_fields["claude_model"].default


def caching(system_tokens: float, model: str) -> tuple[float, float | None]:
    """``(cached, minimum)``: tokens of the system prefix read from the cache per call after the first.

    ``cached`` is ``system_tokens`` when it reaches the model's minimum, else 0 (not
    cached). ``minimum`` is None for a model not in ``MIN_CACHEABLE`` (then nothing is
    assumed cached).
    """
    minimum = MIN_CACHEABLE.get(model)
    if minimum is None or system_tokens < minimum:
        return 0.0, minimum
    return system_tokens, minimum


def measure(model: str = "claude-haiku-4-5") -> dict[str, dict[str, list[float]]]:
    """Per set: lists of token counts (``system``, ``schema``, ``user``, ``user_trimmed``, ``output``)."""
    from bench.extraction import build_input
    from creditctl.adapters.claude import ClaudeExtractor
    from creditctl.pipeline.cleaning import estimate_tokens
    from creditctl.pipeline.extraction.rules import RulesExtractor

    extractor = ClaudeExtractor(model=model, api_key="unused", base_url="http://127.0.0.1:9")
    rules = RulesExtractor()
    out: dict[str, dict[str, list[float]]] = {}
    for name, cases in _cases().items():
        figures: dict[str, list[float]] = {k: [] for k in ("system", "schema", "user", "user_trimmed", "output")}
        for case in cases:
            email = build_input(case)
            req = extractor.request(email)
            trimmed = extractor.request(dataclasses.replace(email, quoted_text=""))
            figures["system"].append(sum(estimate_tokens(b["text"]) for b in req["system"]))
            figures["schema"].append(estimate_tokens(json.dumps(req["output_config"]["format"]["schema"])))
            figures["user"].append(sum(estimate_tokens(m["content"]) for m in req["messages"]))
            figures["user_trimmed"].append(sum(estimate_tokens(m["content"]) for m in trimmed["messages"]))
            figures["output"].append(estimate_tokens(_wire_answer(rules.extract(email))))
        out[name] = figures
    return out


def main(quick: bool = False) -> None:  # noqa: ARG001 - same signature as the other sections
    """Run the cost section and print it."""
    model = configured_model()
    header(f"5. Cost: input tokens per email sent to Claude ({model}; estimate_tokens on the exact request)")
    data = measure(model)
    print(
        f"  {'set':<9} {'n':>4} | {'system':>6} {'schema':>6} | {'user: mean':>10} {'p95':>5} | "
        f"{'trimmed: mean':>13} {'p95':>5} {'ratio':>6} | {'input: mean':>11} {'p95':>5} {'trimmed':>8} | "
        f"{'output: mean':>12} {'p95':>5}"
    )
    totals: dict[str, list[float]] = {}
    for name, f in data.items():
        # one entry per email in every list of the set
        fixed = [s + c for s, c in zip(f["system"], f["schema"], strict=True)]
        total = [x + u for x, u in zip(fixed, f["user"], strict=True)]
        total_t = [x + u for x, u in zip(fixed, f["user_trimmed"], strict=True)]
        totals[name] = total
        print(
            f"  {name:<9} {len(total):>4} | {f['system'][0]:>6.0f} {f['schema'][0]:>6.0f} | {mean(f['user']):>10.0f} "
            f"{percentile(f['user'], 95):>5.0f} | {mean(f['user_trimmed']):>13.0f} "
            f"{percentile(f['user_trimmed'], 95):>5.0f} {ratio(mean(f['user_trimmed']), mean(f['user'])):>6} | "
            f"{mean(total):>11.0f} {percentile(total, 95):>5.0f} {mean(total_t):>8.0f} | "
            f"{mean(f['output']):>12.0f} {percentile(f['output'], 95):>5.0f}"
        )

    lab = data["labelled"]
    system, total = lab["system"][0], mean(totals["labelled"])
    cached, minimum = caching(system, model)
    uncached = total - cached
    print("  input = system + schema + user message (the schema counted as billed input)")
    if minimum is None:
        print(
            f"  prompt caching: {model} has no known minimum here; the {system:.0f}-token system block is "
            f"marked cache_control but assumed NOT cached"
        )
    elif cached:
        print(
            f"  prompt caching on ({model}, minimum {minimum}): per call after the first, {cached:.0f} tokens read "
            f"from the cache (billed {CACHE_READ_FACTOR}x) + {uncached:.0f} uncached; billed-equivalent input "
            f"{uncached + CACHE_READ_FACTOR * cached:.0f} tokens (labelled mean)"
        )
    else:
        print(
            f"  prompt caching marked but inactive for {model}: the {system:.0f}-token system block is below the "
            f"{minimum}-token minimum -> 0 cached, {uncached:.0f} uncached input tokens per call (labelled mean); "
            f"the marker is harmless and takes effect for a model with a lower minimum"
        )
    others = ", ".join(
        f"{m} {'cached' if system >= n else 'not cached'} (min {n})" for m, n in MIN_CACHEABLE.items() if m != model
    )
    print(f"  the {system:.0f}-token system block on other models: {others}")
    print(
        f"  target: mean input tokens per email <= {TARGET_INPUT_TOKENS:,} (labelled, all input counted, none "
        f"assumed cached): {total:.0f} ({verdict(total <= TARGET_INPUT_TOKENS)}); billed-equivalent with caching "
        f"{uncached + CACHE_READ_FACTOR * cached:.0f}"
    )


if __name__ == "__main__":
    main()
