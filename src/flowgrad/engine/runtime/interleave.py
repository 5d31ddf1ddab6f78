"""Runs of plans whose blocking kernels may wait for one another: a kernel that would
wait yields to the run's other ops.

TF's executor runs every ready op of a run on its inter-op pool, so a queue op that
waits (an enqueue on a full queue, a dequeue from an empty one, a close behind them, an
accumulator's take) does not stop the run's other ops: `s.run([q.dequeue(),
q.enqueue(x)])` on a full queue completes, whichever order the two start in. A plan is
straight-line code, so one that ran the enqueue first would wait forever.

Ops with the `blocking` prop may wait or wake a waiting kernel ("atomic": they wait
before any effect, as a one-element enqueue or dequeue, a close, an accumulator's take).
A blocking node *yields* when a later blocking node does not depend on it (data or
control edge): only then can the plan itself wake it. Plans with no yielding node (every
plan without queues, a queue runner's `enqueue(dequeue(q))`) keep the straight-line
function. The others run here, node by node in the plan's order: an atomic yielding
kernel is tried on the caller's thread with `blocking.local.trying` set (its first wait
raises WouldWait, nothing done), and only one that would wait, or a non-atomic one
(enqueue_many, dequeue_many: partial effects), starts on a thread of its own; the
caller waits until it finishes or first waits (framework/blocking.py's note_wait), then
goes on, waiting for it before a node that depends on it and at the end. So a run that
never waits computes what the straight-line plan computes. An error (a kernel past
RunOptions.timeout_in_ms: DeadlineExceededError, as TF's) cancels the kernels still
waiting (CancelledError in their thread), runs the nodes that do not depend on the
failed one (numpy.py's _finish_step) and is raised as the failed node's OpError.
"""
from __future__ import annotations

import threading

from ..framework import blocking
from ..framework import fpenv

__all__ = ["blocking_plan", "run"]


def blocking_plan(program, upstream):
    """(deps, yields, atomic) of a plan (see _dependents) with a blocking node that may
    yield, else None (the straight-line plan runs). `upstream`: numpy.py's _Upstream."""
    found = [i for i, n in enumerate(program.nodes)
             if n.op_def is not None and n.op_def.props.get("blocking")]
    if len(found) < 2:
        return None
    plan = _dependents(program, found, upstream)
    return plan if plan[1] else None


class _Job:
    def __init__(self, step, args, deadline):
        self.step = step
        self.args = args
        self.deadline = deadline
        self.waiting = threading.Event()     # set when the kernel first waits, or ends
        self.cancelled = False
        self.result = None
        self.error = None
        self.finished = False
        self.thread = threading.Thread(target=self._run, daemon=True,
                                       name="flowgrad-blocking-op")

    def _run(self):
        fpenv.flush_this_thread()   # (the thread runs one kernel: as TF's pool threads)
        blocking.local.job = self
        dl = self.deadline[0]
        if dl is not None:
            dl.at = self.deadline[1]
        k, _, _, _, j, _ = self.step
        try:
            self.result = k(*self.args) if j is None else k(*self.args, out=self.args[j])
        except BaseException as e:  # noqa: BLE001 - raised by the caller as the node's error
            self.error = e
        finally:
            blocking.local.job = None
            if dl is not None:
                dl.at = None
            self.finished = True
            self.waiting.set()


def _dependents(program, blocking_at, _Upstream):
    """({blocking node index: indices of the later nodes that depend on it}, the blocking
    nodes that may yield: those with a later blocking node that does not depend on them
    (only such a node can wake them; the others run on the caller's thread), {blocking
    node index: whether it is atomic (waits before any effect: tried on the caller's
    thread first)})."""
    nodes = program.nodes
    out = {}
    for b in blocking_at:
        tainted = set(nodes[b].outputs)
        upstream = _Upstream({nodes[b].op} - {None})
        deps = set()
        for i in range(b + 1, len(nodes)):
            n = nodes[i]
            if any(v in tainted for v in n.inputs) or \
                    (n.op is not None and upstream.depends(n.op)):
                deps.add(i)
                tainted.update(n.outputs)
        out[b] = deps
    yields = frozenset(b for b in blocking_at
                       if any(c > b and c not in out[b] for c in blocking_at))
    atomic = {b: nodes[b].op_def.props["blocking"] == "atomic" for b in blocking_at}
    return out, yields, atomic


def run(compiled, feeds):
    """Runs `compiled` (a CompiledProgram whose `blocking` is set) on `feeds`."""
    deps, yields, atomic = compiled.blocking
    R = list(compiled._template)
    for v, f in zip(compiled.program.feeds, feeds):
        R[v] = f
    local_dl = getattr(compiled.ctx, "deadline", None)
    deadline = (local_dl, getattr(local_dl, "at", None))
    pending = []
    i = len(compiled.program.nodes)
    try:
        for step in compiled._steps:
            i = step[5]
            if pending:
                for job in [job for job in pending if i in deps[job.step[5]]]:
                    _join(job, R)
                    pending.remove(job)
            args = [R[v] for v in step[1]]
            k, _, outs, drop, j, _ = step
            if i not in yields:
                try:
                    res = k(*args) if j is None else k(*args, out=args[j])
                except Exception as e:  # noqa: BLE001 - the node's OpError
                    raise _Failed(i, i + 1, e, args) from None
                _store(R, outs, drop, res)
                continue
            if atomic[i]:
                blocking.local.trying = True
                try:
                    res = k(*args) if j is None else k(*args, out=args[j])
                except blocking.WouldWait:
                    pass
                except Exception as e:  # noqa: BLE001 - the node's OpError
                    raise _Failed(i, i + 1, e, args) from None
                else:
                    _store(R, outs, drop, res)
                    continue
                finally:
                    blocking.local.trying = False
            job = _Job(step, args, deadline)
            job.thread.start()
            job.waiting.wait()
            if job.finished:
                _join(job, R, i + 1)
            else:
                pending.append(job)
        i = len(compiled.program.nodes)
        while pending:
            _join(pending[0], R)
            pending.pop(0)
    except _Failed as f:
        _cancel(pending)
        # TF runs the nodes that do not depend on the failed one (numpy.py's
        # _finish_step) and reports the first error
        compiled._finish_step(f.node, R, start=f.start if f.start is not None else i)
        raise compiled.translate_error(f.error, node=compiled.program.nodes[f.node],
                                       args=f.args) from None
    except BaseException:
        _cancel(pending)
        raise
    return tuple(R[v] for v in compiled.program.fetches)


class _Failed(Exception):
    """A node's error: its index, where the nodes still to run start (None: at the step
    being reached), its arguments."""

    def __init__(self, node, start, error, args):
        super().__init__(node)
        self.node, self.start, self.error, self.args = node, start, error, args


def _cancel(pending):
    """TF's StartCancel: the kernels still waiting fail (CancelledError)."""
    for job in pending:
        job.cancelled = True
    for job in pending:
        job.thread.join()


def _join(job, R, start=None):
    job.thread.join()
    k, ins, outs, drop, j, i = job.step
    if job.error is not None:
        raise _Failed(i, start, job.error, job.args)
    _store(R, outs, drop, job.result)


def _store(R, outs, drop, res):
    if len(outs) == 1:
        R[outs[0]] = res
    elif outs:
        for v, r in zip(outs, res):
            R[v] = r
    for v in drop:
        R[v] = None
