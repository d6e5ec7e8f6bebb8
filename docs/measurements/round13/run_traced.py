"""Run bench.llm_timeline with the worker traced (sitecustomize.py beside this file):
  PERF13_TRACE=/tmp/tr PYTHONPATH=. bash docs/measurements/limits-round11/with_services.sh \
    python docs/measurements/round13/run_traced.py --threads 32 --rounds 8
  python docs/measurements/round13/summ.py /tmp/tr      (per-stage wall/CPU per job, SQL statements per job)
  python docs/measurements/round13/gaps.py TIMELINE     (finish -> next claim, and the phases)
"""
import os, sys
from bench import common
_orig = common.product_env
def product_env(backend, **extra):
    env = _orig(backend, **extra)
    env["PYTHONPATH"] = os.path.dirname(os.path.abspath(__file__)) + ":" + env["PYTHONPATH"]
    env["PERF13_TRACE"] = os.environ["PERF13_TRACE"]
    env["PERF13_SWITCH"] = os.environ.get("PERF13_SWITCH", "")
    return env
common.product_env = product_env
from bench import llm_timeline
llm_timeline.main(sys.argv[1:])
