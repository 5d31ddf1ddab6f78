"""A Horovod job on Ray (the `distributed` extra): `flowgrad launch` and the ranks'
transport.

`launch(n, script, args)` joins the Ray cluster at $RAY_ADDRESS (else starts a local
one), places one `RankActor` per rank (Ray's SPREAD strategy: across the machines of
a cluster, all on this one otherwise; with horovodrun's `-H host1:slots,host2:slots`,
the ranks fill those nodes' slots in order), numbers the ranks' local ranks per machine and
has each actor start `python -m flowgrad run SCRIPT ARGS` with the rank in its
environment. The launcher prints every rank's output prefixed `[rank]`, and when a rank
exits with an error it stops the others and exits with that rank's code (as
horovodrun does).

A rank's actor is also its mailbox: `RayTransport.send` puts an array (through Ray's
object store when it is larger than INLINE_BYTES, else inline in the call) into the
receiver's actor; `recv` takes it from the rank's own. While it waits it checks every
few seconds that the sender is alive: a rank that has ended is reported as
UnavailableError naming it, and no message for FLOWGRAD_HVD_TIMEOUT seconds (default
600) as DeadlineExceededError.
"""
from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
import uuid

from ..engine.framework import errors
from .collective import RingBackend
from .ray_runtime import _die_with_parent, match_cli_auth

try:
    import ray
except ImportError:  # the extra is missing: said by _require_ray
    ray = None

__all__ = ["launch", "parse_hosts", "connect", "RayTransport", "INLINE_BYTES"]

INLINE_BYTES = 1 << 17
_WAIT_S = 2.0           # how long one take waits before the sender's liveness is checked
_TIMEOUT = ("timeout",)


def _require_ray(what):
    if ray is None:
        raise ImportError(f"{what} runs on Ray, which is not installed: "
                          "pip install 'flowgrad[distributed]'")


class RankActor:
    """One rank: its process (when the launcher started it) and its mailbox."""

    def __init__(self):
        self._msgs, self._waiters = {}, {}
        self._proc, self._lines, self._reader = None, [], None

    # -- mailbox ---------------------------------------------------------------------
    async def put(self, key, payload):
        fut = self._waiters.pop(key, None)
        if fut is not None and not fut.done():
            fut.set_result(payload)
        else:
            self._msgs[key] = payload

    async def take(self, key, timeout):
        if key in self._msgs:
            return self._msgs.pop(key)
        fut = asyncio.get_running_loop().create_future()
        self._waiters[key] = fut
        try:
            return await asyncio.wait_for(asyncio.shield(fut), timeout)
        except asyncio.TimeoutError:
            if fut.done():
                return fut.result()
            self._waiters.pop(key, None)
            return _TIMEOUT

    async def alive(self):
        """None while its process runs (or it has none), else the process's exit code."""
        return None if self._proc is None else self._proc.returncode

    # -- the rank's process (launcher) ---------------------------------------------------
    async def node(self):
        return ray.get_runtime_context().get_node_id()

    async def start(self, args, env, cwd):
        self._proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "flowgrad", "run", *args, env=env, cwd=cwd,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
            preexec_fn=_die_with_parent)
        self._reader = asyncio.get_running_loop().create_task(self._read())

    async def _read(self):
        while True:
            line = await self._proc.stdout.readline()
            if not line:
                break
            self._lines.append(line.decode("utf-8", "replace").rstrip("\n"))
        await self._proc.wait()

    async def poll(self):
        """(output lines since the last poll, exit code or None while running)."""
        lines, self._lines = self._lines, []
        done = self._reader is not None and self._reader.done()
        return lines, (self._proc.returncode if done else None)

    async def kill(self):
        if self._proc is not None and self._proc.returncode is None:
            self._proc.kill()


_REMOTE = {}


def _actor_class():
    if "cls" not in _REMOTE:
        _REMOTE["cls"] = ray.remote(num_cpus=0, max_concurrency=1000)(RankActor)
    return _REMOTE["cls"]


class RayTransport:
    """Sends arrays to other ranks' actors; receives from this rank's own."""

    def __init__(self, rank, actors, timeout):
        self._rank, self._actors, self._timeout = rank, actors, timeout

    def send(self, dst, key, value):
        payload = [ray.put(value)] if value.nbytes > INLINE_BYTES else value
        self._actors[dst].put.remote(key, payload)

    def recv(self, src, key):
        deadline = time.monotonic() + self._timeout
        mine = self._actors[self._rank]
        while True:
            got = ray.get(mine.take.remote(key, _WAIT_S))
            if not (isinstance(got, tuple) and got == _TIMEOUT):
                return ray.get(got[0]) if isinstance(got, list) else got
            try:
                code = ray.get(self._actors[src].alive.remote(), timeout=60)
            except (ray.exceptions.RayActorError, ray.exceptions.GetTimeoutError):
                code = "gone"
            if code is not None:
                raise errors.UnavailableError(
                    None, None, f"Horovod rank {src} has ended ({_ended(code)}) while rank "
                    f"{self._rank} waited for its part of {key.split(':')[1]!r}")
            if time.monotonic() > deadline:
                raise errors.DeadlineExceededError(
                    None, None, f"Rank {self._rank} waited {self._timeout:g} s for rank {src}'s "
                    f"part of {key.split(':')[1]!r} (FLOWGRAD_HVD_TIMEOUT)")

    def close(self):
        pass


def _ended(code):
    return "its actor is gone" if code == "gone" else f"exit code {code}"


def connect(rank, size, local_rank, local_size):
    """This process's RingBackend in the job `flowgrad launch` started (RAY_ADDRESS and
    FLOWGRAD_HVD_NAMESPACE in the environment)."""
    _require_ray("A Horovod job of more than one process")
    namespace = os.environ.get("FLOWGRAD_HVD_NAMESPACE")
    address = os.environ.get("RAY_ADDRESS")
    if not namespace or not address:
        raise errors.FailedPreconditionError(
            None, None, "FLOWGRAD_HVD_SIZE > 1 needs the job's Ray cluster: start the ranks "
            "with `flowgrad launch -np N script.py`")
    if not ray.is_initialized():
        match_cli_auth()
        node_ip = os.environ.get("FLOWGRAD_RAY_NODE_IP") or None
        ray.init(address=address, namespace=namespace, logging_level=logging.WARNING,
                 log_to_driver=False, _node_ip_address=node_ip)
    timeout = float(os.environ.get("FLOWGRAD_HVD_TIMEOUT", "600"))
    actors = []
    deadline = time.monotonic() + timeout
    for r in range(size):
        while True:
            try:
                actors.append(ray.get_actor(f"rank{r}", namespace=namespace))
                break
            except ValueError:
                if r == rank:   # started without the launcher's actor: be our own mailbox
                    actors.append(_actor_class().options(name=f"rank{r}").remote())
                    break
                if time.monotonic() > deadline:
                    raise errors.UnavailableError(
                        None, None, f"Horovod rank {r} did not start within {timeout:g} s"
                    ) from None
                time.sleep(0.2)
    return RingBackend(rank, size, RayTransport(rank, actors, timeout), local_rank,
                       local_size)


def parse_hosts(text, source=None):
    """horovodrun's -H: "host1:2,host2:2" (a host without ":slots" has one slot) as
    [(host, slots)] in order. `source` names where the text came from in errors (-H)."""
    source = source or f"-H {text!r}"
    hosts = []
    for item in text.split(","):
        item = item.strip()
        host, sep, slots = item.rpartition(":") if ":" in item else (item, "", "1")
        if not host or not slots.isdigit() or int(slots) < 1:
            raise ValueError(f"{source}: each host must be HOST or HOST:SLOTS with SLOTS "
                             f"at least 1, not {item!r}")
        if any(h == host for h, _ in hosts):
            raise ValueError(f"{source}: host {host!r} is named twice")
        hosts.append((host, int(slots)))
    return hosts


def read_hostfile(path):
    """horovodrun's --hostfile: a line `HOST slots=N` per host (`HOST` alone: one slot;
    blank lines and `#` comments skipped), as -H's "HOST:N,..." text."""
    items = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            words = line.split("#", 1)[0].split()
            if not words:
                continue
            slots = "1"
            if len(words) == 2 and words[1].startswith("slots="):
                slots = words[1][len("slots="):]
            elif len(words) != 1:
                raise ValueError(f"--hostfile {path}, line {number}: expected "
                                 f"'HOST slots=N', not {line.strip()!r}")
            items.append(f"{words[0]}:{slots}")
    if not items:
        raise ValueError(f"--hostfile {path} names no host")
    return ",".join(items)


def _place_on_hosts(num_proc, hosts):
    """The Ray node id of each rank for -H: ranks fill the hosts' slots in order, as
    horovodrun does. A host is a node's IP address or hostname; localhost (127.0.0.1) is
    the launcher's own node unless a node has that address."""
    nodes = [n for n in ray.nodes() if n.get("Alive")]
    own = ray.get_runtime_context().get_node_id()
    placed = []
    for host, slots in hosts:
        found = [n for n in nodes if host in (n["NodeManagerAddress"], n["NodeManagerHostname"])]
        if not found and host in ("localhost", "127.0.0.1"):
            found = [n for n in nodes if n["NodeID"] == own]
        if not found:
            raise ValueError(f"-H: host {host!r} is not a node of the Ray cluster; its nodes "
                             "are " + ", ".join(sorted(f"{n['NodeManagerAddress']} "
                                                       f"({n['NodeManagerHostname']})"
                                                       for n in nodes)))
        # several nodes at one address (one machine): the launcher's own, else the first
        node = next((n for n in found if n["NodeID"] == own), found[0])
        placed.extend([node["NodeID"]] * slots)
    return placed[:num_proc]


def launch(num_proc, script, args=(), out=None, hosts=None):
    """Runs `script` as `num_proc` ranks; returns the exit code (0 when all succeed).
    `hosts` ([(host, slots)], from -H) places the ranks on those Ray nodes in order;
    without it Ray spreads them (SPREAD). Raises ValueError when -H does not fit."""
    total = sum(slots for _, slots in hosts or ())
    if hosts and num_proc > total:
        raise ValueError(f"-np {num_proc} ranks do not fit the {total} slots of -H "
                         f"({','.join(f'{h}:{s}' for h, s in hosts)})")
    _require_ray("flowgrad launch")
    out = out or sys.stdout
    namespace = f"flowgrad-hvd-{uuid.uuid4().hex[:12]}"
    if os.environ.get("RAY_ADDRESS"):
        match_cli_auth()
    # "local": a new cluster of this machine, never a stale one found in /tmp/ray
    address = os.environ.get("RAY_ADDRESS") or "local"
    ray.init(address=address, namespace=namespace, logging_level=logging.WARNING,
             log_to_driver=False, include_dashboard=False)
    try:
        gcs = ray.get_runtime_context().gcs_address
        cls = _actor_class()
        if hosts:
            from ray.util.scheduling_strategies import (  # lazy: Ray is the optional extra
                NodeAffinitySchedulingStrategy)
            strategies = [NodeAffinitySchedulingStrategy(node, soft=False)
                          for node in _place_on_hosts(num_proc, hosts)]
        else:
            strategies = ["SPREAD"] * num_proc
        actors = [cls.options(name=f"rank{r}", scheduling_strategy=strategies[r]).remote()
                  for r in range(num_proc)]
        nodes = ray.get([a.node.remote() for a in actors])
        ips = {n["NodeID"]: n["NodeManagerAddress"] for n in ray.nodes()}
        order = sorted(range(num_proc), key=lambda r: (nodes.index(nodes[r]), r))
        local = {}
        for r in order:
            local[r] = sum(1 for q in order if nodes[q] == nodes[r] and q < r)
        env0 = dict(os.environ, RAY_ADDRESS=gcs, FLOWGRAD_HVD_NAMESPACE=namespace,
                    FLOWGRAD_HVD_SIZE=str(num_proc), HOROVOD_SIZE=str(num_proc))
        starts = []
        for r, a in enumerate(actors):
            lsize = nodes.count(nodes[r])
            # the rank's process joins Ray through its own node (one machine may have more)
            env = dict(env0, FLOWGRAD_HVD_RANK=str(r), FLOWGRAD_HVD_LOCAL_RANK=str(local[r]),
                       FLOWGRAD_HVD_LOCAL_SIZE=str(lsize), HOROVOD_RANK=str(r),
                       HOROVOD_LOCAL_RANK=str(local[r]), HOROVOD_LOCAL_SIZE=str(lsize),
                       FLOWGRAD_RAY_NODE_IP=ips.get(nodes[r], ""))
            starts.append(a.start.remote([script, *args], env, os.getcwd()))
        ray.get(starts)
        return _watch(actors, out)
    finally:
        ray.shutdown()


def _watch(actors, out):
    codes = [None] * len(actors)
    while True:
        polled = ray.get([a.poll.remote() for a in actors])
        for r, (lines, code) in enumerate(polled):
            for line in lines:
                print(f"[{r}] {line}", file=out, flush=True)
            codes[r] = code
        failed = [r for r, c in enumerate(codes) if c not in (None, 0)]
        if failed:
            r = failed[0]
            ray.get([a.kill.remote() for a in actors])
            for rr, a in enumerate(actors):   # what the others printed before they stopped
                for line in ray.get(a.poll.remote())[0]:
                    print(f"[{rr}] {line}", file=out, flush=True)
            print(f"flowgrad launch: rank {r} exited with code {codes[r]}; the other ranks "
                  "were stopped", file=sys.stderr, flush=True)
            return codes[r] if codes[r] > 0 else 1
        if all(c == 0 for c in codes):
            return 0
        time.sleep(0.05)
