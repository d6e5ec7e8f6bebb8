"""perf13 measurement only: per-stage wall time and SQL statements of each job (PERF13_TRACE=file)."""
import os
if os.environ.get("PERF13_TRACE"):
    import atexit, functools, json, threading, time, sys
    _out = os.environ["PERF13_TRACE"]
    if os.environ.get("PERF13_SWITCH"):
        sys.setswitchinterval(float(os.environ["PERF13_SWITCH"]))
    _tl = threading.local()
    _jobs = []
    _lock = threading.Lock()

    def _stack():
        s = getattr(_tl, "stack", None)
        if s is None:
            s = _tl.stack = []
        return s

    def wrap(name, fn):
        @functools.wraps(fn)
        def inner(*a, **k):
            job = getattr(_tl, "job", None)
            if job is None:
                return fn(*a, **k)
            st = _stack(); st.append(name)
            t = time.perf_counter(); c = time.thread_time()
            try:
                return fn(*a, **k)
            finally:
                st.pop()
                d = job.setdefault(name, [0.0, 0.0, 0])
                d[0] += time.perf_counter() - t; d[1] += time.thread_time() - c; d[2] += 1
        return inner

    def job_wrap(fn):
        @functools.wraps(fn)
        def inner(*a, **k):
            now = time.perf_counter()
            prev = getattr(_tl, "last_end", None)
            job = {"_start": now, "_gap": (now - prev) if prev else None, "_sql": {}, "_thread": threading.get_ident()}
            _tl.job = job; _tl.stack = []
            c = time.thread_time()
            try:
                return fn(*a, **k)
            finally:
                job["_wall"] = time.perf_counter() - now; job["_cpu"] = time.thread_time() - c
                _tl.job = None
                _tl.last_end = time.perf_counter()
                with _lock:
                    _jobs.append(job)
                    if len(_jobs) % 32 == 0:
                        _dump()
        return inner

    def _dump():
        with open(_out + f".{os.getpid()}", "w") as f:
            json.dump(_jobs, f)
    atexit.register(_dump)

    import importlib.abc, importlib.machinery
    def _install():
        from creditctl.services import processing, decide, claims, notifications, reading
        import creditctl.tasks as tasks
        processing.process_email = job_wrap(processing.process_email)
        for mod, names in [
            (processing, ["claim_email", "advance", "_ahead_readings", "_read_ahead"]),
            (reading, ["clean", "extract", "evidence_problems", "extractor_for"]),
            (decide, ["decide_and_apply", "evaluate", "judge", "pending_handover", "_held_for_sale"]),
            (claims, ["load_candidates_for", "apply_claim_update", "first_arrival", "email_mirror_status", "standing_holder_change"]),
            (notifications, ["queue_auto_match", "queue_zendesk_note", "kick_outbox", "kick_mirror"]),
        ]:
            for n in names:
                setattr(mod, n, wrap(f"{mod.__name__.split('.')[-1]}.{n}", getattr(mod, n)))
        processing.LeaseKeeper.stop = wrap("LeaseKeeper.stop", processing.LeaseKeeper.stop)
        claims.load_candidates = wrap("claims.load_candidates", claims.load_candidates)
        claims.amounts_before = wrap("claims.amounts_before", claims.amounts_before)
        processing.LeaseKeeper.start = wrap("LeaseKeeper.start", processing.LeaseKeeper.start)
        import types, gc as _gc
        processing.gc = types.SimpleNamespace(collect=wrap("gc.collect", _gc.collect))
        from sqlalchemy.orm import Session
        Session.commit = wrap("Session.commit", Session.commit)
        from sqlalchemy.pool import QueuePool
        QueuePool.connect = wrap("pool.connect", QueuePool.connect)
        from sqlalchemy import event
        from sqlalchemy.engine import Engine
        @event.listens_for(Engine, "before_cursor_execute")
        def _count(conn, cursor, statement, parameters, context, executemany):
            job = getattr(_tl, "job", None)
            if job is None:
                return
            st = _stack()
            where = st[-1] if st else "-"
            key = where + " | " + " ".join(statement.split()[:4])[:60]
            job["_sql"][key] = job["_sql"].get(key, 0) + 1

    class _Finder(importlib.abc.MetaPathFinder):
        done = False
        def find_spec(self, name, path, target=None):
            if name == "creditctl.tasks" and not self.done:
                self.done = True
                spec = importlib.machinery.PathFinder.find_spec(name, path)
                orig = spec.loader.exec_module
                def exec_module(module):
                    orig(module)
                    _install()
                spec.loader.exec_module = exec_module
                return spec
            return None
    sys.meta_path.insert(0, _Finder())
