"""`tf.train.ClusterSpec` and `tf.train.Server` (TF 1.14's server_lib).

A ClusterSpec names each job's tasks and their addresses. A Server is one task of it: its
`target` ("grpc://ADDRESS") is what `tf.Session(target)` and
`MonitoredTrainingSession(master=...)` take. flowgrad runs the cluster on Ray
(flowgrad/distribute/ray_runtime.py, the `distributed` extra): `Server.start()` joins (or,
for the first task of the chief job, else of ps, hosts) the Ray cluster and starts the
task's actor, where the ops other tasks place on this task run. A single-task cluster
(`Server.create_local_server()`) needs no Ray: everything runs in the process.
"""
from __future__ import annotations

import socket
import threading

from ..engine.framework import errors
from ..engine.framework.config import ConfigProto
from ..engine.runtime import session as _session_mod
from .partition import DistributedRunner
from . import protos
from .protos import ServerDef, is_cluster_def

__all__ = ["ClusterSpec", "Server", "ServerDef"]


class ClusterSpec:
    """Represents a cluster as a set of "tasks", organized into "jobs".

    >>> cluster = tf.train.ClusterSpec({"worker": ["w0:2222", "w1:2222"],
    ...                                 "ps": ["ps0:2222"]})
    >>> cluster.task_address("worker", 1)
    'w1:2222'
    """

    def __init__(self, cluster):
        if isinstance(cluster, dict):
            self._cluster_spec = {}
            for job_name, tasks in cluster.items():
                if isinstance(tasks, (list, tuple)):
                    job_tasks = {i: task for i, task in enumerate(tasks)}
                elif isinstance(tasks, dict):
                    job_tasks = dict(tasks.items())
                else:
                    raise TypeError(f"The tasks for job {job_name!r} must be a list or a "
                                    "dictionary from integers to strings.")
                self._cluster_spec[job_name] = job_tasks
            self._make_cluster_def()
        elif is_cluster_def(cluster) or isinstance(cluster, ClusterSpec):
            self._cluster_def = protos.ClusterDef()
            source = cluster.as_cluster_def() if isinstance(cluster, ClusterSpec) else cluster
            self._cluster_def.ParseFromString(source.SerializeToString())
            self._cluster_spec = {job.name: dict(job.tasks.items())
                                  for job in self._cluster_def.job}
        else:
            raise TypeError("`cluster` must be a dictionary mapping one or more job names to "
                            "lists of network addresses, or a `ClusterDef` protocol buffer")

    def __bool__(self):
        return bool(self._cluster_spec)

    def __eq__(self, other):
        return self._cluster_spec == other

    def __ne__(self, other):
        return self._cluster_spec != other

    __hash__ = None

    def __str__(self):
        d = self.as_dict()
        return "ClusterSpec({" + ", ".join(f"{k!r}: {d[k]!r}" for k in sorted(d)) + "})"

    def as_dict(self) -> dict:
        """Each job's tasks: a list when its indices are 0..n-1, else a dict index->address."""
        ret = {}
        for job in self.jobs:
            indices = self.task_indices(job)
            if not indices:
                ret[job] = {}
            elif max(indices) + 1 == len(indices):
                ret[job] = self.job_tasks(job)
            else:
                ret[job] = {i: self.task_address(job, i) for i in indices}
        return ret

    def as_cluster_def(self):
        """The `tf.train.ClusterDef` protocol buffer of this cluster."""
        return self._cluster_def

    @property
    def jobs(self) -> list:
        return list(self._cluster_spec.keys())

    def _job(self, job_name):
        try:
            return self._cluster_spec[job_name]
        except KeyError:
            raise ValueError(f"No such job in cluster: {job_name!r}") from None

    def num_tasks(self, job_name) -> int:
        return len(self._job(job_name))

    def task_indices(self, job_name) -> list:
        return sorted(self._job(job_name).keys())

    def task_address(self, job_name, task_index) -> str:
        job = self._job(job_name)
        try:
            return job[task_index]
        except KeyError:
            raise ValueError(f"No task with index {task_index!r} in job {job_name!r}") \
                from None

    def job_tasks(self, job_name) -> list:
        """The addresses of a job's tasks by index (None where an index has no task)."""
        job = self._job(job_name)
        ret = [None] * (max(job.keys()) + 1)
        for i, task in job.items():
            ret[i] = task
        return ret

    def _make_cluster_def(self):
        self._cluster_def = protos.ClusterDef()
        for job_name, tasks in sorted(self._cluster_spec.items()):
            if not isinstance(job_name, (str, bytes)):
                raise TypeError(f"Job name {job_name!r} must be bytes or unicode")
            job_def = self._cluster_def.job.add()
            job_def.name = job_name if isinstance(job_name, str) else job_name.decode()
            for i, address in sorted(tasks.items(), key=lambda kv: (str(type(kv[0])), kv[0])):
                if not isinstance(address, (str, bytes)):
                    raise TypeError(f"Task address {address!r} must be bytes or unicode")
                job_def.tasks[i] = address if isinstance(address, str) else address.decode()


def _make_server_def(server_or_cluster_def, job_name, task_index, protocol, config):
    if isinstance(server_or_cluster_def, ServerDef):
        server_def = ServerDef()
        server_def.CopyFrom(server_or_cluster_def)
        if job_name is not None:
            server_def.job_name = job_name
        if task_index is not None:
            server_def.task_index = task_index
        if protocol is not None:
            server_def.protocol = protocol
        if config is not None:
            server_def.default_session_config.MergeFrom(config)
        return server_def
    try:
        cluster_spec = ClusterSpec(server_or_cluster_def)
    except TypeError:
        raise TypeError("Could not convert `server_or_cluster_def` to a `tf.train.ServerDef` "
                        "or `tf.train.ClusterSpec`.") from None
    if job_name is None:
        if len(cluster_spec.jobs) == 1:
            job_name = cluster_spec.jobs[0]
        else:
            raise ValueError("Must specify an explicit `job_name`.")
    if task_index is None:
        indices = cluster_spec.task_indices(job_name)
        if len(indices) == 1:
            task_index = indices[0]
        else:
            raise ValueError("Must specify an explicit `task_index`.")
    server_def = ServerDef(cluster=cluster_spec.as_cluster_def(), job_name=job_name,
                           task_index=task_index, protocol=protocol or "grpc")
    if config is not None:
        if not isinstance(config, ConfigProto):
            raise TypeError(f"config must be a tf.ConfigProto, but got {type(config)}")
        server_def.default_session_config.MergeFrom(config)
    return server_def


def _free_port():
    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]


# target ("grpc://host:port") -> the Server of this process with that target
_SERVERS: dict = {}
_SERVERS_LOCK = threading.Lock()


def server_for_target(target):
    """The Server created in this process whose `target` is `target`, or None."""
    with _SERVERS_LOCK:
        return _SERVERS.get(target)


class Server:
    """An in-process server: one task of a cluster (TF 1.14's `tf.train.Server`).

    `start()` makes the task reachable: ops that other tasks' sessions place on it
    (`tf.device("/job:ps/task:0")`, or through `tf.train.replica_device_setter`) run in its
    Ray actor, which lives as long as this process. `tf.Session(server.target)` runs ops
    placed on this task (or on no task) in this process and the others in their tasks.
    """

    def __init__(self, server_or_cluster_def, job_name=None, task_index=None, protocol=None,
                 config=None, start=True):
        self._server_def = _make_server_def(server_or_cluster_def, job_name, task_index,
                                            protocol, config)
        sd = self._server_def
        if sd.protocol != "grpc":
            raise errors.InvalidArgumentError(
                None, None, f"Could not start server: protocol {sd.protocol!r} (flowgrad "
                "serves 'grpc' targets, on Ray)")
        self._cluster = ClusterSpec(sd.cluster)
        try:
            address = self._cluster.task_address(sd.job_name, sd.task_index)
        except ValueError:
            raise errors.InvalidArgumentError(
                None, None, f"Task {sd.task_index} was not defined in job "
                f'"{sd.job_name}"') from None
        host, _, port = address.rpartition(":")
        if port == "0":   # as TF: port 0 means a free port, which `target` then shows
            address = f"{host}:{_free_port()}"
        self._address = address
        self._runtime = None
        self._started = False
        self._lock = threading.Lock()
        with _SERVERS_LOCK:
            _SERVERS[self.target] = self
        if start:
            self.start()

    @property
    def server_def(self) -> ServerDef:
        return self._server_def

    @property
    def target(self) -> str:
        """The session target of this server: "grpc://" and its address."""
        return "grpc://" + self._address

    @property
    def cluster_spec(self) -> ClusterSpec:
        return self._cluster

    @property
    def task(self) -> tuple:
        return self._server_def.job_name, self._server_def.task_index

    @property
    def is_single_task(self) -> bool:
        return sum(self._cluster.num_tasks(j) for j in self._cluster.jobs) == 1

    def start(self) -> None:
        """Starts the server (idempotent): joins the Ray cluster and starts this task's
        actor, unless the cluster has only this task."""
        with self._lock:
            if self._started:
                return
            if not self.is_single_task:
                from . import ray_runtime  # lazy: Ray is the optional `distributed` extra
                self._runtime = ray_runtime.TaskRuntime(self)
                self._runtime.start()
            self._started = True

    def join(self) -> None:
        """Blocks until the server has shut down (for a ps task: until its process ends)."""
        if not self._started:
            self.start()
        if self._runtime is None:
            threading.Event().wait()
        else:
            self._runtime.join()

    def runtime(self):
        """The started task's Ray runtime (None for a single-task cluster)."""
        if not self._started:
            raise errors.FailedPreconditionError(
                None, None, f"The server for {self.target} has not been started")
        return self._runtime

    def __repr__(self):
        return f"<tf.train.Server {self.target}>"

    @staticmethod
    def create_local_server(config=None, start=True) -> "Server":
        """A single-task server ({"local": ["localhost:0"]}) for in-process sessions."""
        return Server({"local": ["localhost:0"]}, protocol="grpc", config=config, start=start)


def _runner(session, target):
    """The step runner of `tf.Session(target)` for a Server target of this process."""
    server = server_for_target(target)
    if server is None:
        raise NotImplementedError(
            f"Session target {target!r}: flowgrad's sessions reach a cluster through a "
            "tf.train.Server started in this process (server.target); no server here has "
            "that target")
    if server.is_single_task:
        return None
    return DistributedRunner(session, server)


_session_mod.TARGET_RUNNERS["grpc://"] = _runner
