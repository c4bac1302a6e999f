"""moto_server with a ledger: the CPU time moto's request threads spend on each kind of request.

Run through scripts/moto-accounting.sh, which puts this in front of the real moto_server on PATH for one command
(a benchmark run). Each request is charged to a name (the X-Amz-Target of JSON APIs such as DynamoDB and SQS;
the method of an S3 request, with "versionId" and "If-Match" when present) with its thread's CPU time
(time.thread_time) from the start of dispatch to the end of the response. A /moto-api/reset starts a new phase:
the ledger so far is written to OUT.<phase> and cleared, so every benchmark run on a fresh stack gets its own
file. The current phase is also written every 3 s, since the benchmark kills moto without a signal it can catch.
"""
import collections
import os
import sys
import threading
import time

OUT = os.environ.get("MOTO_ACCOUNTING_OUT", "moto-accounting")
_ledger = collections.defaultdict(lambda: [0, 0.0])
_lock = threading.Lock()
_phase = [0]


def _write():
    with _lock:
        rows = sorted(_ledger.items(), key=lambda row: -row[1][1])
        phase = _phase[0]
    total = sum(cpu for _, (_, cpu) in rows)
    with open(f"{OUT}.{phase}", "w", encoding="utf-8") as out:
        out.write(f"phase {phase}: {total * 1000:.0f} ms of CPU in requests (moto process so far: {sum(os.times()[:2]) * 1000:.0f} ms)\n")
        for name, (count, cpu) in rows:
            out.write(f"{name:45s} {count:6d} requests {cpu * 1000:9.1f} ms  {cpu * 1000 / count:7.2f} ms each\n")


def _name(environ):
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return target
    path = environ.get("PATH_INFO", "")
    if path.startswith("/moto-api"):
        return "moto-api " + path
    parts = ["S3", environ.get("REQUEST_METHOD", "?")]
    if "versionId" in environ.get("QUERY_STRING", ""):
        parts.append("versionId")
    if environ.get("HTTP_IF_MATCH"):
        parts.append("If-Match")
    return " ".join(parts)


def _install():
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    dispatch = DomainDispatcherApplication.__call__

    def accounted(self, environ, start_response):
        name = _name(environ)
        if name == "moto-api /moto-api/reset":
            _write()
            with _lock:
                _phase[0] += 1
                _ledger.clear()
        started = time.thread_time()
        try:
            return list(dispatch(self, environ, start_response))
        finally:
            spent = time.thread_time() - started
            with _lock:
                row = _ledger[name]
                row[0] += 1
                row[1] += spent

    DomainDispatcherApplication.__call__ = accounted

    def every_few_seconds():
        while True:
            time.sleep(3)
            _write()

    threading.Thread(target=every_few_seconds, daemon=True).start()


if __name__ == "__main__":
    _install()
    sys.argv = ["moto_server"] + sys.argv[1:]
    from moto.server import main

    main()
