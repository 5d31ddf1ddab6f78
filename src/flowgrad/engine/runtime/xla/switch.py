"""Background compilation of a plan's XLA version, and the switch-over.

`start(plan, program, mode)` is called by the session after a plan's first (NumPy) run,
or before it with FLOWGRAD_XLA_SYNC=1. It optimizes the lowered program with every pass
but fusion, finds and compiles the clusters (cluster.py) and, when all are compiled,
installs the clustered program as the plan's function; runs meanwhile keep using the
NumPy tiers. `wait(session)` blocks until every started build of a session is done.
"""
from __future__ import annotations

import atexit
import threading
import time

from ...optimize import optimize_program
from ...framework import threads
from ..backends.numpy import CompiledProgram
from . import cluster, devices, resident
from ._core import require_jax


class XlaCompiledProgram(CompiledProgram):
    """The clustered plan; errors a cluster's NumPy fallback raised are already TF's."""

    def translate_error(self, exc, node=None, args=None):
        if getattr(exc, "_from_xla_cluster", False):
            return exc
        return super().translate_error(exc, node, args)


class Build:
    """One plan's background build: state ("compiling", "ready", "none", "failed"), the
    clusters' stats, timings."""

    def __init__(self, plan, program, mode):
        self.plan = plan
        self.program = program
        self.mode = mode
        self.state = "compiling"
        self.stats = []
        self.resident = []       # storage names of the variables kept on the device
        self.error = None
        self.started = time.perf_counter()
        self.seconds = None
        self.done = threading.Event()

    def run(self):
        try:
            self._run()
        except Exception as e:  # noqa: BLE001 - the plan keeps running on NumPy
            self.state, self.error = "failed", f"{type(e).__name__}: {e}"
        finally:
            self.seconds = time.perf_counter() - self.started
            self.done.set()

    def _run(self):
        require_jax()
        cluster.enable_disk_cache()
        plan = self.plan
        session = plan._session
        opts = dict(session._config_options)
        opts["fusion"] = False       # XLA fuses; NumPy's generated kernels would cut clusters
        opts["addn_order"] = False   # an AddN's chain sums left to right (accumulate.py)
        prog = optimize_program(self.program, opts)
        gpu_ops = session._gpu_ops
        gpus = devices.gpus() if gpu_ops else []
        new, self.stats = cluster.build_program(prog, self.mode, session._ctx, _stopping,
                                                owner=plan, gpu_ops=gpu_ops, gpus=gpus)
        if new is None:
            self.state = "none"
            return
        compiled = XlaCompiledProgram(new, session._ctx,
                                      inplace=session._config_options.get("inplace", True))
        fn = compiled.compile()
        if threads.uses_blas({n.type for n in new.nodes}):
            fn = threads.guard_blas(fn, session._intra_op)
        self.resident = sorted(new.resident.values())
        if new.resident:
            fn = _holding(fn, resident.LOCK, session._ctx)
        plan._switch_to_xla(compiled, fn)
        self.state = "ready"


def _holding(fn, lock, ctx):
    """`fn` run holding `lock` (a plan with resident variables: resident.py); returns when
    the device has computed the variables' new values, as TF's run returns when its step
    is done (JAX dispatches asynchronously: timing a run must not time the dispatch)."""
    def run(feeds):
        with lock:
            out = fn(feeds)
            state = ctx.xla_resident
            if state is not None and state.dirty:
                arrays = state.arrays
                for name in state.dirty:
                    arrays[name].block_until_ready()
            return out
    return run


_running: set = set()
_stopping = threading.Event()


@atexit.register
def _stop_builds():
    """At exit, builds stop between clusters and are joined: a thread killed inside XLA's
    compiler aborts the process."""
    _stopping.set()
    for t in list(_running):
        t.join(timeout=60)


def start(plan, program, mode, sync=False):
    """Starts (or, with sync, runs) the XLA build of `plan`; returns the Build."""
    build = Build(plan, program, mode)
    session = plan._session
    session._xla_builds.append(build)
    if sync:
        build.run()
    else:
        t = threading.Thread(target=build.run, name="flowgrad-xla-compile", daemon=True)
        _running.add(t)

        def done(build=build, t=t):
            build.done.wait()
            _running.discard(t)
        t.start()
        threading.Thread(target=done, daemon=True).start()
    return build


def wants_xla(program, mode, gpu_ops=None) -> bool:
    """Is there anything for XLA in this plan (in "scope" mode: a marked op, or an op
    placed on a GPU: `gpu_ops`, op -> GPU index, placement.py)?"""
    if mode == "auto":
        return True
    if gpu_ops and any(n.op in gpu_ops for n in program.nodes if n.op is not None):
        return True
    marks = cluster.marks
    return bool(marks) and any(n.op is not None and marks.get(n.op) for n in program.nodes)


def wait(session, timeout=None) -> bool:
    """Waits for every XLA build the session started; True when all are done."""
    end = None if timeout is None else time.monotonic() + timeout
    for b in list(session._xla_builds):
        left = None if end is None else max(0.0, end - time.monotonic())
        if not b.done.wait(left):
            return False
    return True
