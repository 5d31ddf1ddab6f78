"""The cluster of tf.train.Server on Ray (the `distributed` extra: pip install
'flowgrad[distributed]').

Every task joins one Ray cluster: the one at $RAY_ADDRESS when it is set, else one whose
head the first task of the `chief` job (else of `ps`, else of the first job) starts at its
own address (`ray start --head --port=PORT`, a child process of that task). Each task's
Server starts a Ray actor named after the task (`ps:0`), owned by the task's process (it
ends with it): the ops other tasks' sessions place on the task run there, on variables
and queues it keeps for all of them (by name, as TF's resource manager). A session
reaches a task through its actor; a task that is gone is reported as UnavailableError
naming the variables the session's graph placed on it.
"""
from __future__ import annotations

import atexit
import ctypes
import hashlib
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import numpy as np

from ..engine.framework import dtypes, errors
from ..engine.framework.graph import Graph
from ..engine.runtime.session import Session
from ..ops.array_ops import placeholder
from .partition import unpack_attr

try:
    import ray
except ImportError:  # the extra is missing: said when a multi-task Server starts
    ray = None

__all__ = ["TaskRuntime"]

_log = logging.getLogger("flowgrad.distribute")
CONNECT_TIMEOUT_S = float(os.environ.get("FLOWGRAD_CLUSTER_TIMEOUT", "120"))
_POLL_S = 0.5   # how often a wait for another task checks that its session is open


def _require_ray():
    if ray is None:
        raise ImportError("tf.train.Server with more than one task runs on Ray, which is not "
                          "installed: pip install 'flowgrad[distributed]'")


def match_cli_auth():
    """Ray >= 2.5x: `ray start --head` turns token authentication on when a token file
    (~/.ray/auth_token) exists and RAY_AUTH_MODE is unset, but `ray.init(address=...)`
    never does, so a client of such a head is refused (InvalidAuthToken). Before
    connecting to an address, take the CLI's rule: token mode when that file exists."""
    if "RAY_AUTH_MODE" not in os.environ and \
            os.path.isfile(os.path.join(os.path.expanduser("~"), ".ray", "auth_token")):
        os.environ["RAY_AUTH_MODE"] = "token"
        try:   # Ray caches its config: refresh it as Ray's own switch to token mode does
            from ray._raylet import Config  # lazy: Ray's private module, when it has one
            Config.initialize("")
        except (ImportError, AttributeError):
            pass


def _die_with_parent():
    """In the `ray start` child: end when the task that started it ends (Linux)."""
    try:
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except OSError:
        pass


class TaskActor:
    """A task's ops for other tasks' sessions: graphs of their parts, one variable store."""

    def __init__(self, job, task, owner=None):
        self._job, self._task = job, task
        self._owner = owner   # (hostname, pid) of the task's process
        self._variables = {}
        self._queues = {}
        self._lock = threading.RLock()
        self._parts = {}

    def ready(self):
        return os.getpid()

    def variables(self):
        return sorted(k for k in self._variables if isinstance(k, str))

    def _owner_ended(self):
        """Whether the task's process has ended (checked where the actor shares its
        machine): Ray ends the actor of an ended owner only some time later, and until
        then no step may use the lost task's variables."""
        if self._owner is None or self._owner[0] != socket.gethostname():
            return False
        pid = self._owner[1]
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        try:   # a zombie (ended, not yet reaped) has ended too
            with open(f"/proc/{pid}/stat", "rb") as f:
                return f.read(512).rsplit(b")", 1)[-1].split()[0] == b"Z"
        except (OSError, IndexError):
            return False

    def run(self, key, spec, values):
        if self._owner_ended():
            return ("gone",)
        part = self._parts.get(key)
        if part is None:
            if spec is None:
                return ("missing",)
            part = self._parts[key] = self._build(spec)
        values = [v if not isinstance(v, np.ndarray) or v.flags.writeable else v.copy()
                  for v in values]
        try:
            out = list(part(values))
        except errors.OpError as e:
            return ("error", type(e).__name__, e.message)
        for (name, index), v in zip(part.fetch_names, out):
            if not isinstance(v, (np.ndarray, np.generic, bytes, str, int, float)):
                return ("error", "InternalError",
                        f"{name}:{index} ({type(v).__name__}) cannot leave its task: a "
                        "resource is used only where it lives")
        return ("ok", out)

    def _build(self, spec):
        g = Graph()
        with g.as_default():
            feeds = [placeholder(dtypes.as_dtype(dt), shape, name=f"fg.recv.{i}")
                     for i, (dt, shape) in enumerate(spec["feeds"])]
            made = {}
            for name, op_type, attrs, ins, ctrl in spec["nodes"]:
                inputs = [feeds[x[1]] if x[0] == "feed" else made[x[1]].outputs[x[2]]
                          for x in ins]
                made[name] = g._create_op(op_type, inputs,
                                          {k: unpack_attr(v) for k, v in attrs.items()},
                                          name + "/", ctrl=[made[c] for c in ctrl])
            fetches = [made[n].outputs[i] for n, i in spec["fetches"]]
            targets = [made[n] for n in spec["targets"]]
        sess = Session(graph=g)
        sess._ctx.variables = self._variables
        sess._ctx.__dict__["queues"] = self._queues
        sess._ctx.lock = self._lock
        fn = sess.partition_callable(fetches, targets, feeds, ())
        fn.fetch_names = list(spec["fetches"])
        return fn


class _Client:
    """A session's link to the other tasks' actors."""

    def __init__(self, runtime, placement, session):
        self._runtime = runtime
        self._placement = placement
        self._session = session

    def submit(self, part, args, resend=False):
        """Starts `part` on its task's actor; the call, for result()."""
        actor = self._runtime.actor(part.task)
        sent = self._runtime.sent
        spec = part.spec() if resend or part.key not in sent else None
        sent.add(part.key)
        return actor.run.remote(part.key, spec, args), args

    def result(self, part, call, timeout):
        """The part's fetched values (waits for them)."""
        ref, args = call
        job, task = part.task
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            while True:   # in slices: a session closed meanwhile cancels the wait, as TF
                wait = _POLL_S if deadline is None else \
                    max(0.0, min(_POLL_S, deadline - time.monotonic()))
                try:
                    out = ray.get(ref, timeout=wait)
                    break
                except ray.exceptions.GetTimeoutError:
                    if self._session._closed:
                        raise errors.CancelledError(
                            None, None, f"The session was closed while /job:{job}/replica:0/"
                            f"task:{task} ran its part of the step") from None
                    if deadline is not None and time.monotonic() >= deadline:
                        raise errors.DeadlineExceededError(
                            None, None, f"Timed out after {timeout:g} s waiting for "
                            f"/job:{job}/replica:0/task:{task} to run its part of the step") \
                            from None
        except ray.exceptions.RayActorError:
            out = ("gone",)
        if out[0] == "gone":
            self._runtime.forget(part.task)
            names = self._placement.variables_on(part.task)
            raise errors.UnavailableError(
                None, None, f"Task /job:{job}/replica:0/task:{task} is unavailable (its "
                f"process ended); it held the variables: {', '.join(names) or '(none)'}")
        if out[0] == "missing":   # another thread's first call is not in yet: send it too
            return self.result(part, self.submit(part, args, resend=True), timeout)
        if out[0] == "error":   # as TF, the message says which task raised it
            raise getattr(errors, out[1], errors.UnknownError)(
                None, None, f"From /job:{job}/replica:0/task:{task}:\n{out[2]}")
        return out[1]


class TaskRuntime:
    """A task's place in the Ray cluster: connection, its own actor, others' actors."""

    def __init__(self, server):
        self._server = server
        self._cluster = server.cluster_spec
        self._head = None
        self._actor = None
        self._actors = {}
        self.sent = set()
        digest = hashlib.sha1(self._cluster.as_cluster_def().SerializeToString()).hexdigest()
        self._namespace = "flowgrad-" + digest[:12]

    def _head_address(self):
        jobs = self._cluster.jobs
        job = "chief" if "chief" in jobs else "ps" if "ps" in jobs else sorted(jobs)[0]
        return (job, self._cluster.task_indices(job)[0]), \
            self._cluster.task_address(job, self._cluster.task_indices(job)[0])

    def start(self):
        _require_ray()
        address = os.environ.get("RAY_ADDRESS")
        if not address:
            head_task, address = self._head_address()
            if head_task == tuple(self._server.task) and not ray.is_initialized():
                self._start_head(address)
        if not ray.is_initialized():
            self._connect(address)
        self._to_own_node()
        job, task = self._server.task
        from ray.util.scheduling_strategies import (  # lazy: Ray is the optional extra
            NodeAffinitySchedulingStrategy)
        # the task's actor (its variables, queues) lives on the machine of its process
        here = NodeAffinitySchedulingStrategy(ray.get_runtime_context().get_node_id(),
                                              soft=False)
        cls = ray.remote(TaskActor)
        deadline = time.monotonic() + CONNECT_TIMEOUT_S
        while True:
            try:
                self._actor = cls.options(name=f"{job}:{task}", namespace=self._namespace,
                                          max_concurrency=64, num_cpus=0,
                                          scheduling_strategy=here).remote(
                                              job, task, (socket.gethostname(), os.getpid()))
                break
            except ValueError as e:   # ActorAlreadyExistsError (a ValueError) in Ray 2.x
                if "already" not in str(e):
                    raise
                # the name is still held by the actor of this task's previous process (a
                # restarted task) until Ray sees that process end
                if time.monotonic() > deadline:
                    raise errors.AlreadyExistsError(
                        None, None, f"/job:{job}/replica:0/task:{task} is already running "
                        f"in the Ray cluster (namespace {self._namespace})") from None
                time.sleep(0.5)
        ray.get(self._actor.ready.remote())

    def _to_own_node(self):
        """One machine may run several Ray nodes (a test of a cluster): join through the
        node whose address is this task's host (or $FLOWGRAD_RAY_NODE_IP), when the
        cluster has such a node and this process was attached to another."""
        want = os.environ.get("FLOWGRAD_RAY_NODE_IP") or \
            self._server_address().rpartition(":")[0]
        here = ray.get_runtime_context().get_node_id()
        nodes = [n for n in ray.nodes() if n.get("Alive") and n["NodeManagerAddress"] == want]
        if not nodes or any(n["NodeID"] == here for n in nodes) or self._head is not None:
            return
        address = ray.get_runtime_context().gcs_address
        ray.shutdown()
        ray.init(address=address, namespace=self._namespace, logging_level=logging.WARNING,
                 log_to_driver=False, _node_ip_address=want)

    def _server_address(self):
        return self._server.target[len("grpc://"):]

    def _start_head(self, address):
        host, _, port = address.rpartition(":")
        cmd = [sys.executable, "-m", "ray.scripts.scripts", "start", "--head",
               f"--port={port}", "--block", "--include-dashboard=false",
               f"--num-cpus={os.cpu_count() or 1}", "--disable-usage-stats"]
        if host not in ("localhost", "127.0.0.1", ""):
            cmd.append(f"--node-ip-address={host}")
        self._head = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      preexec_fn=_die_with_parent)
        atexit.register(self._stop_head)

    def _stop_head(self):
        if self._head is not None and self._head.poll() is None:
            if ray.is_initialized():
                ray.shutdown()
            self._head.terminate()
            try:
                self._head.wait(30)
            except subprocess.TimeoutExpired:
                self._head.kill()

    def _connect(self, address):
        match_cli_auth()
        deadline = time.monotonic() + CONNECT_TIMEOUT_S
        while True:
            try:
                ray.init(address=address, namespace=self._namespace,
                         logging_level=logging.WARNING, log_to_driver=False)
                return
            except (ConnectionError, RuntimeError, ValueError) as e:
                if time.monotonic() > deadline:
                    raise errors.UnavailableError(
                        None, None, f"Could not reach the cluster's Ray head at {address} "
                        f"within {CONNECT_TIMEOUT_S:g} s: {e}") from None
                time.sleep(1.0)

    def actor(self, task):
        a = self._actors.get(task)
        if a is not None:
            return a
        job, index = task
        deadline = time.monotonic() + CONNECT_TIMEOUT_S
        last_log = 0.0
        while True:
            try:
                a = ray.get_actor(f"{job}:{index}", namespace=self._namespace)
                break
            except ValueError:
                now = time.monotonic()
                if now > deadline:
                    raise errors.UnavailableError(
                        None, None, f"/job:{job}/replica:0/task:{index} did not start within "
                        f"{CONNECT_TIMEOUT_S:g} s") from None
                if now - last_log > 10:
                    _log.info("waiting for response from /job:%s/replica:0/task:%d", job,
                              index)
                    last_log = now
                time.sleep(0.5)
        self._actors[task] = a
        return a

    def forget(self, task):
        self._actors.pop(task, None)

    def client(self, placement, session):
        return _Client(self, placement, session)

    def join(self):
        """Blocks while the Ray cluster is up (a ps task's `server.join()`)."""
        while True:
            time.sleep(1.0)
            if self._head is not None and self._head.poll() is not None:
                return
