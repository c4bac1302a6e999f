#!/usr/bin/env python3
"""Cold start of a Lambda custom runtime, measured against an in-process fake Lambda Runtime API.

For each case (a command that starts the processor in Lambda mode) and each run, this starts the command with
AWS_LAMBDA_RUNTIME_API pointing at a loopback HTTP server that plays the Runtime API, and measures:

  start->next   time from just before the process is spawned to its first GET /2018-06-01/runtime/invocation/next
                (what Lambda bills as Init, and what a cold invocation waits for before its handler can run)
  cpu@next      CPU time the process used until then (user + system, all threads): unlike start->next, it
                hardly grows when other processes load the machine, so it is the figure to compare on a busy host
  rss@next      resident memory (VmRSS) when that first request arrives
  first invoke  time from handing out one invocation (an SQS event with no records) to its POSTed response
  cpu invoke    CPU time the process used from its first GET /next to its second one: the whole first invocation
                (receive, handle, respond, flush) in CPU, which, like cpu@next, hardly grows with load
  peak rss      the process's peak resident memory (VmHWM) after that first invocation

Runs of the cases are interleaved (case A run 1, case B run 1, A run 2, ...) so that load from other processes on
the machine falls on every case alike. Medians are compared with the baseline case and with the targets.

Usage:
  python3 Processor/tools/coldstart.py [--runs N] [--baseline NAME] NAME=COMMAND [NAME=COMMAND ...]
  python3 Processor/tools/coldstart.py [--runs N] -- COMMAND [ARGS...]        (one case, named "bootstrap")

Example (the published bootstrap against the same code as a plain JIT app):
  python3 Processor/tools/coldstart.py --runs 10 --baseline jit \\
      aot=artifacts/lambda/bootstrap \\
      "jit=dotnet Processor/bin/Release/net10.0/FilePipeline.Processor.dll"

The child gets the caller's environment plus what Lambda mode needs to start without AWS: the Runtime API address,
AWS__Resources__TableName, AWS_REGION and dummy credentials (each only where not already set), and AWS endpoints on a
closed loopback port (an empty batch makes no AWS call). Add more with --env KEY=VALUE.
Exit status: 0 when every run of every case reached /next and answered its invocation, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

API_PREFIX = "/2018-06-01/runtime"
EMPTY_SQS_EVENT = b'{"Records":[]}'


@dataclass
class Run:
    """The Runtime API's view of one process: when it asked for work, what it answered."""

    number: int
    first_next: float | None = None
    next_seen: threading.Event = field(default_factory=threading.Event)
    next_again: threading.Event = field(default_factory=threading.Event)
    invocations: "queue.Queue[tuple[str, bytes]]" = field(default_factory=queue.Queue)
    outcome: tuple[str, float, bytes] | None = None  # (kind, time, body)
    outcome_seen: threading.Event = field(default_factory=threading.Event)
    closed: threading.Event = field(default_factory=threading.Event)


class FakeRuntimeApi:
    """A loopback HTTP server playing the Lambda Runtime API for one process at a time."""

    def __init__(self) -> None:
        self.current: Run | None = None
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                now = time.monotonic()
                run = api.current
                if run is None or self.path != API_PREFIX + "/invocation/next":
                    self._reply(404, b"{}")
                    return
                if run.first_next is None:
                    run.first_next = now
                    run.next_seen.set()
                else:
                    run.next_again.set()
                while not run.closed.is_set():
                    try:
                        request_id, payload = run.invocations.get(timeout=0.05)
                    except queue.Empty:
                        continue
                    deadline_ms = int((time.time() + 30) * 1000)
                    self._reply(200, payload, {
                        "Lambda-Runtime-Aws-Request-Id": request_id,
                        "Lambda-Runtime-Deadline-Ms": str(deadline_ms),
                        "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-1:123456789012:function:coldstart",
                        "Lambda-Runtime-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
                    })
                    return
                self.close_connection = True  # the process is gone or being stopped: leave /next unanswered

            def do_POST(self) -> None:  # noqa: N802
                now = time.monotonic()
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                run = api.current
                kind = ("init-error" if self.path.endswith("/init/error")
                        else "error" if self.path.endswith("/error")
                        else "response" if self.path.endswith("/response") else None)
                if run is None or kind is None or not self.path.startswith(API_PREFIX):
                    self._reply(404, b"{}")
                    return
                if run.outcome is None:
                    run.outcome = (kind, now, body)
                    run.outcome_seen.set()
                self._reply(202, b'{"status":"OK"}')

            def _reply(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client went away

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.address = f"127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a live process, in KiB."""
    values: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                name, _, rest = line.partition(":")
                if name in ("VmRSS", "VmHWM"):
                    values[name] = int(rest.split()[0])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return values


def cpu_ms(pid: int) -> float:
    """CPU time the process has had so far, in ms: the sum of its threads' on-CPU nanoseconds (schedstat), or the
    process's user+system clock ticks where that is larger (it also counts threads that already ended)."""
    on_cpu_ns = 0
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/schedstat", encoding="ascii") as schedstat:
                    on_cpu_ns += int(schedstat.read().split()[0])
            except (FileNotFoundError, ProcessLookupError):
                pass
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rpartition(")")[2].split()
        ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return max(on_cpu_ns / 1e6, ticks * 1000 / os.sysconf("SC_CLK_TCK"))


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def tail(path: str, limit: int = 1500) -> str:
    with open(path, "rb") as file:
        data = file.read()
    return data[-limit:].decode("utf-8", "replace")


def measure(api: FakeRuntimeApi, command: list[str], env: dict[str, str], number: int, timeout: float) -> dict[str, float]:
    """One cold start; raises RuntimeError with the process's output when it does not get to answer."""
    run = Run(number)
    api.current = run
    with tempfile.NamedTemporaryFile(prefix="coldstart-", suffix=".log", delete=False) as log:
        log_path = log.name
    try:
        with open(log_path, "wb") as output:
            start = time.monotonic()
            process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            give_up = start + timeout
            while not run.next_seen.wait(0.01):
                if process.poll() is not None or run.outcome_seen.is_set() or time.monotonic() > give_up:
                    kind = run.outcome[0] if run.outcome else f"exit code {process.poll()}" if process.poll() is not None else "timeout"
                    raise RuntimeError(f"run {number}: no /invocation/next ({kind}); output:\n{tail(log_path)}")
            at_next = memory_kib(process.pid)
            cpu_at_next = cpu_ms(process.pid)
            handed_out = time.monotonic()
            run.invocations.put((f"coldstart-{number}", EMPTY_SQS_EVENT))
            if not run.outcome_seen.wait(max(0.0, give_up - time.monotonic()) + timeout):
                raise RuntimeError(f"run {number}: the invocation got no answer; output:\n{tail(log_path)}")
            kind, answered, body = run.outcome  # type: ignore[misc]
            if kind != "response":
                raise RuntimeError(f"run {number}: the invocation ended in {kind}: {body[:500]!r}; output:\n{tail(log_path)}")
            # Back at /next: the invocation is over (response read, telemetry flushed).
            run.next_again.wait(timeout)
            cpu_after_invocation = cpu_ms(process.pid)
            after = memory_kib(process.pid)
        finally:
            run.closed.set()
            stop(process)
    finally:
        os.unlink(log_path)
    assert run.first_next is not None
    return {
        "start_to_next_ms": (run.first_next - start) * 1000,
        "cpu_to_next_ms": cpu_at_next,
        "rss_at_next_mib": at_next.get("VmRSS", 0) / 1024,
        "first_invocation_ms": (answered - handed_out) * 1000,
        "cpu_invocation_ms": cpu_after_invocation - cpu_at_next,
        "peak_rss_mib": after.get("VmHWM", at_next.get("VmHWM", 0)) / 1024,
    }


def child_environment(extra: list[str], api: FakeRuntimeApi) -> dict[str, str]:
    env = dict(os.environ)
    defaults = {
        "AWS__Resources__TableName": "coldstart-records",
        "AWS_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "coldstart",
        "AWS_SECRET_ACCESS_KEY": "coldstart",
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
    }
    for name, value in defaults.items():
        env.setdefault(name, value)
    for item in extra:
        name, _, value = item.partition("=")
        env[name] = value
    env["AWS_LAMBDA_RUNTIME_API"] = api.address
    return env


def parse_cases(args: argparse.Namespace) -> list[tuple[str, list[str]]]:
    if args.command:
        return [("bootstrap", args.command)]
    cases = []
    for spec in args.cases:
        name, sep, command = spec.partition("=")
        if not sep or not name or not command.strip():
            sys.exit(f"coldstart: a case is NAME=COMMAND, got {spec!r}")
        cases.append((name, shlex.split(command)))
    if not cases:
        sys.exit("coldstart: give at least one NAME=COMMAND, or -- COMMAND")
    return cases


def main() -> int:
    argv = sys.argv[1:]
    command: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, command = argv[:at], argv[at + 1:]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="See the module docstring (head of this file) for what is measured.")
    parser.add_argument("cases", nargs="*", metavar="NAME=COMMAND", help="a case: its name and the command that starts it")
    parser.add_argument("--runs", type=int, default=10, help="cold starts per case (default 10)")
    parser.add_argument("--baseline", help="case the others are compared with (default: none)")
    parser.add_argument("--target-ms", type=float, default=15.0, help="start->next target for the published bootstrap (default 15)")
    parser.add_argument("--target-mib", type=float, default=23.8, help="peak RSS target in MiB (default 23.8, i.e. 25 MB)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one process may take to reach /next (default 60)")
    parser.add_argument("--env", action="append", default=[], metavar="KEY=VALUE", help="extra environment for the child")
    parser.add_argument("--json", metavar="PATH", help="also write every run's figures to PATH")
    args = parser.parse_args(argv)
    args.command = command
    cases = parse_cases(args)
    if args.baseline and args.baseline not in {name for name, _ in cases}:
        sys.exit(f"coldstart: --baseline {args.baseline} names no case")
    if args.runs < 1:
        sys.exit("coldstart: --runs must be at least 1")

    api = FakeRuntimeApi()
    env = child_environment(args.env, api)
    load_before = os.getloadavg()
    results: dict[str, list[dict[str, float]]] = {name: [] for name, _ in cases}
    failures: list[str] = []
    try:
        for number in range(1, args.runs + 1):
            for name, argv_case in cases:
                try:
                    results[name].append(measure(api, argv_case, env, number, args.timeout))
                except (RuntimeError, OSError) as error:
                    failures.append(f"{name}: {error}")
    finally:
        api.close()
    load_after = os.getloadavg()

    print(f"cold start, {args.runs} runs per case, interleaved; {os.cpu_count()} cores; "
          f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    print(f"{'case':<12} {'runs':>4} {'start->next ms':>26} {'cpu@next ms':>12} {'rss@next MiB':>13} {'1st invoke ms':>14} {'cpu invoke ms':>14} {'peak rss MiB':>13}")
    print(f"{'':<12} {'':>4} {'median (min..max)':>26}")
    medians: dict[str, dict[str, float]] = {}
    for name, _ in cases:
        runs = results[name]
        if not runs:
            print(f"{name:<12} {0:>4}  (every run failed)")
            continue
        med = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        medians[name] = med
        starts = [run["start_to_next_ms"] for run in runs]
        spread = f"{med['start_to_next_ms']:.1f} ({min(starts):.1f}..{max(starts):.1f})"
        print(f"{name:<12} {len(runs):>4} {spread:>26} {med['cpu_to_next_ms']:>12.1f} {med['rss_at_next_mib']:>13.1f} "
              f"{med['first_invocation_ms']:>14.2f} {med['cpu_invocation_ms']:>14.2f} {med['peak_rss_mib']:>13.1f}")

    if args.baseline and args.baseline in medians:
        base = medians[args.baseline]
        for name, med in medians.items():
            if name != args.baseline:
                print(f"{name} / {args.baseline}: start->next {med['start_to_next_ms'] / base['start_to_next_ms']:.3f}, "
                      f"cpu@next {med['cpu_to_next_ms'] / base['cpu_to_next_ms']:.3f}, "
                      f"peak rss {med['peak_rss_mib'] / base['peak_rss_mib']:.3f}, "
                      f"1st invoke {med['first_invocation_ms'] / base['first_invocation_ms']:.3f}, "
                      f"cpu invoke {med['cpu_invocation_ms'] / base['cpu_invocation_ms']:.3f}")
    for name, med in medians.items():
        if name == args.baseline:
            continue
        time_ratio = med["start_to_next_ms"] / args.target_ms
        rss_ratio = med["peak_rss_mib"] / args.target_mib
        verdict = "meets" if time_ratio <= 1 and rss_ratio <= 1 else "misses"
        print(f"{name} against target ({args.target_ms:g} ms, {args.target_mib:g} MiB): "
              f"start->next {time_ratio:.2f}x (cpu@next {med['cpu_to_next_ms'] / args.target_ms:.2f}x), "
              f"peak rss {rss_ratio:.2f}x: {verdict} on wall time")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"runs": results, "medians": medians, "failures": failures,
                       "load_average": [load_before[0], load_after[0]],
                       "cases": {name: argv_case for name, argv_case in cases}}, out, indent=2)
    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
