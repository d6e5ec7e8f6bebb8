"""CPU per Claude call of the product's extractor (``ClaudeExtractor.extract``: render the
request, the SDK's request and response handling, parse the answer) against the local
Messages-API stand-in answering at once (``bench.common.LocalMessagesAPI(delay_s=0)``), in
one thread: ``time.thread_time`` of the calling thread (the stand-in's own thread excluded).

    python docs/measurements/limits-round11/sdk_cost.py [N]
"""

from __future__ import annotations

import os
import sys
import time

from bench import common
from bench.worker import _claim_answer
from creditctl.adapters.claude import ClaudeExtractor
from creditctl.pipeline.extraction.model import ExtractionInput


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    text = "Sehr geehrte Damen und Herren,\nder offene Saldo beträgt 1.234,56 EUR.\n" * 20
    email = ExtractionInput(reply_text=text, subject="Ihr Zeichen 12345", from_email="a@b.example")
    with common.LocalMessagesAPI(_claim_answer(), delay_s=0.0) as srv:
        ex = ClaudeExtractor(model="claude-haiku-4-5", api_key="test", base_url=srv.base_url)
        ex.warm_up()
        for _ in range(20):
            ex.extract(email)
        cpu0, wall0 = time.thread_time(), time.perf_counter()
        for _ in range(n):
            ex.extract(email)
        cpu_ms = (time.thread_time() - cpu0) / n * 1000
        wall_ms = (time.perf_counter() - wall0) / n * 1000
        cpu_r0 = time.thread_time()
        for _ in range(n):
            ex.request(email)
        render_ms = (time.thread_time() - cpu_r0) / n * 1000
    print(
        f"{n} calls after 20 warm-up: {cpu_ms:.2f} ms CPU per call in the calling thread "
        f"(of it rendering the request {render_ms:.2f} ms), {wall_ms:.2f} ms wall; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
