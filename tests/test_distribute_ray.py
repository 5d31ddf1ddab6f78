"""TF 1.x distributed training on a local Ray cluster (`pytest -m ray`; needs the
`distributed` extra). Each test starts its tasks as `flowgrad run` processes, as a user
would, one per task, on this machine."""
import os
import re
import signal
import socket
import subprocess
import sys

import numpy as np
import pytest

pytestmark = pytest.mark.ray
pytest.importorskip("ray")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = os.path.join(ROOT, "tests", "distribute_scripts")
EXAMPLE = os.path.join(ROOT, "examples", "distributed", "ps_train.py")
SYNC_EXAMPLE = os.path.join(ROOT, "examples", "distributed", "sync_train.py")
FAULT = os.path.join(SCRIPTS, "fault_train.py")
HVD_MLP = os.path.join(ROOT, "tests", "horovod_scripts", "hvd_mlp.py")
TIMEOUT = 600


def _ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("localhost", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def _flowgrad(*args, env=None, **kw):
    return subprocess.Popen([sys.executable, "-m", "flowgrad", "run", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **(env or {})}, **kw)


def _stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def ray_head():
    """A Ray head started as `ray start --head` (its address is RAY_ADDRESS for tasks)."""
    port, = _ports(1)
    head = subprocess.Popen([sys.executable, "-m", "ray.scripts.scripts", "start", "--head",
                             f"--port={port}", "--block", "--include-dashboard=false",
                             "--disable-usage-stats"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    yield f"localhost:{port}"
    _stop(head)


def test_ps_workers_train_a_linear_model_under_flowgrad_run(tmp_path):
    """The classic --job_name/--task_index script, unchanged: ps:0 hosts the Ray head, the
    chief initializes and checkpoints, worker 1 waits for it; both converge."""
    p0, w0, w1 = _ports(3)
    args = [f"--ps_hosts=localhost:{p0}", f"--worker_hosts=localhost:{w0},localhost:{w1}",
            "--steps=60", f"--checkpoint_dir={tmp_path}"]
    ps = _flowgrad(EXAMPLE, *args, "--job_name=ps", "--task_index=0")
    try:
        workers = [_flowgrad(EXAMPLE, *args, "--job_name=worker", f"--task_index={i}")
                   for i in (0, 1)]
        outs = [w.communicate(timeout=TIMEOUT)[0] for w in workers]
    finally:
        _stop(ps)
    for i, (w, out) in enumerate(zip(workers, outs)):
        assert w.returncode == 0, out[-3000:]
        m = re.search(r"worker %d done: step (\d+) loss ([0-9.e-]+)" % i, out)
        assert m, out[-3000:]
        assert int(m.group(1)) >= 60
        assert float(m.group(2)) < 1e-3
    # only the chief wrote checkpoints, and the last one restores the trained values
    import flowgrad as tf
    ckpt = tf.train.latest_checkpoint(str(tmp_path))
    assert ckpt is not None
    reader = tf.train.load_checkpoint(ckpt)
    w = reader.get_tensor("w")
    assert abs(w[0, 0] - 2.0) < 1e-2 and abs(w[1, 0] + 3.0) < 1e-2
    assert reader.get_tensor("global_step") >= 60


def test_supervisor_managed_sessions_train_on_the_cluster(tmp_path):
    """tf.train.Supervisor with a master: the chief initializes and checkpoints, worker 1
    waits for it (recovery_wait_secs) and both train the ps variables."""
    p0, w0, w1 = _ports(3)
    script = os.path.join(SCRIPTS, "supervisor_train.py")
    args = [f"--ps_hosts=localhost:{p0}", f"--worker_hosts=localhost:{w0},localhost:{w1}",
            "--steps=150", f"--logdir={tmp_path}"]
    ps = _flowgrad(script, *args, "--job_name=ps", "--task_index=0")
    try:
        workers = [_flowgrad(script, *args, "--job_name=worker", f"--task_index={i}")
                   for i in (0, 1)]
        outs = [w.communicate(timeout=TIMEOUT)[0] for w in workers]
    finally:
        _stop(ps)
    for i, (w, out) in enumerate(zip(workers, outs)):
        assert w.returncode == 0, out[-3000:]
        m = re.search(r"worker %d done: step (\d+) loss ([0-9.e-]+)" % i, out)
        assert m, out[-3000:]
        assert int(m.group(1)) >= 150
        assert float(m.group(2)) < 1e-2
    import flowgrad as tf
    assert os.path.exists(os.path.join(str(tmp_path), "graph.pbtxt"))   # the chief's
    ckpt = tf.train.latest_checkpoint(str(tmp_path))
    assert ckpt is not None and tf.train.load_checkpoint(ckpt).get_tensor("global_step") >= 150


def test_lost_ps_task_is_reported_with_its_variables(ray_head):
    ps_addr, w_addr = (f"localhost:{p}" for p in _ports(2))
    env = {"RAY_ADDRESS": ray_head}
    ps = _flowgrad(os.path.join(SCRIPTS, "ps_task.py"), ps_addr, w_addr, env=env)
    worker = _flowgrad(os.path.join(SCRIPTS, "ps_fault.py"), ps_addr, w_addr, env=env,
                       stdin=subprocess.PIPE)
    try:
        line = ""
        while not line.startswith("ready"):
            line = worker.stdout.readline()
            assert line or worker.poll() is None, "worker ended before training"
        ps.kill()
        ps.wait()
        out = worker.communicate("go\n", timeout=TIMEOUT)[0]
    finally:
        _stop(ps)
        _stop(worker)
    assert "raised UnavailableError Task /job:ps/replica:0/task:0 is unavailable" in out, out
    assert "it held the variables: bias, weights" in out, out


def test_sync_replicas_takes_exactly_the_global_steps_asked():
    """SyncReplicasOptimizer across processes: accumulators and the token queue live on
    the ps task; the chief's queue runner aggregates 2 gradients per global step and
    training stops at global step 20 exactly, for both workers."""
    p0, w0, w1 = _ports(3)
    args = [f"--ps_hosts=localhost:{p0}", f"--worker_hosts=localhost:{w0},localhost:{w1}",
            "--steps=20"]
    ps = _flowgrad(SYNC_EXAMPLE, *args, "--job_name=ps", "--task_index=0")
    try:
        workers = [_flowgrad(SYNC_EXAMPLE, *args, "--job_name=worker", f"--task_index={i}")
                   for i in (0, 1)]
        outs = [w.communicate(timeout=TIMEOUT)[0] for w in workers]
    finally:
        _stop(ps)
    local = 0
    for i, (w, out) in enumerate(zip(workers, outs)):
        assert w.returncode == 0, out[-3000:]
        m = re.search(r"worker %d done: (\d+) local steps, global step (\d+), loss ([0-9.e-]+)"
                      % i, out)
        assert m, out[-3000:]
        assert int(m.group(2)) == 20
        assert float(m.group(3)) < 1e-3
        local += int(m.group(1))
    # each global step took 2 fresh gradients (40); a train op ends by taking a token and
    # there are 2 initial tokens plus 2 per global step (42)
    assert 40 <= local <= 42


def test_in_graph_replication_runs_towers_on_the_worker_tasks(ray_head):
    """One client graph with a tower per `/job:worker/task:k` (worker 1's tower runs in
    worker 1's actor, the update on ps:0) equals the same graph in one process; an error
    raised on the ps task says so, as TF's does."""
    script = os.path.join(SCRIPTS, "ingraph_train.py")
    ps_port, *w_ports = _ports(3)
    args = [f"--ps=localhost:{ps_port}",
            "--workers=" + ",".join(f"localhost:{p}" for p in w_ports)]
    env = {"RAY_ADDRESS": ray_head}
    servers = [_flowgrad(script, *args, "--job=ps", env=env),
               _flowgrad(script, *args, "--job=worker", "--task=1", env=env)]
    try:
        _ready(servers[0], "ps 0 ready")
        _ready(servers[1], "worker 1 ready")
        client = _flowgrad(script, *args, "--job=worker", "--task=0", env=env)
        out = client.communicate(timeout=TIMEOUT)[0]
        single = _flowgrad(script, "--single")
        want = single.communicate(timeout=TIMEOUT)[0]
    finally:
        for proc in servers:
            _stop(proc)
    assert client.returncode == 0 and single.returncode == 0, out[-3000:] + want[-3000:]
    assert "before init: From /job:ps/replica:0/task:0: | Attempting to use uninitialized " \
        "value w" in out, out[-3000:]
    got = re.search(r"step 5 final w (.*)", out)
    ref = re.search(r"step 5 final w (.*)", want)
    assert got and ref, out[-3000:] + want[-3000:]
    np.testing.assert_allclose(np.array(got.group(1).split(), float),
                               np.array(ref.group(1).split(), float), rtol=1e-6, atol=1e-7)


# -- faults in parameter-server mode (fault_train.py: a == b == global step when consistent)
def _cluster_args(n_workers, ps_host="localhost", worker_host="localhost"):
    ports = _ports(1 + n_workers)
    return [f"--ps={ps_host}:{ports[0]}",
            "--workers=" + ",".join(f"{worker_host}:{p}" for p in ports[1:])]


def _steps(out):
    """The (global step, a min, a max, b min, b max) each `step`/`done` line printed."""
    return [tuple(float(v) for v in m.groups()) for m in re.finditer(
        r"^(?:step|done) (\d+) a=([0-9.e+-]+)\.\.([0-9.e+-]+) b=([0-9.e+-]+)\.\.([0-9.e+-]+)$",
        out, re.M)]


def _consistent(row):
    return all(v == row[0] for v in row[1:])


def _ready(proc, prefix, min_step=None):
    """Reads proc's output up to a line starting with prefix (with min_step: a `step N`
    line with N >= min_step); returns the lines read."""
    seen = []
    for line in proc.stdout:
        seen.append(line)
        m = re.match(r"step (\d+) ", line)
        if line.startswith(prefix) if min_step is None else m and int(m.group(1)) >= min_step:
            return seen
    raise AssertionError(f"the process ended (code {proc.wait()}) before {prefix!r}: "
                         + "".join(seen)[-3000:])


def test_worker_killed_mid_step_leaves_each_update_whole_and_late_workers_continue(ray_head):
    """A worker SIGKILLed inside a step (before its update is sent, or while it travels to
    and runs on the ps task) leaves every ps variable consistent: the step's update is
    applied whole or not at all. Workers that join later (non-chief MonitoredTrainingSession)
    find the chief's initialized variables, do not reinitialize them, and train on."""
    args = _cluster_args(3)
    env = {"RAY_ADDRESS": ray_head}
    ps = _flowgrad(FAULT, *args, "--job=ps", env=env)
    try:
        _ready(ps, "ps ready")
        chief = _flowgrad(FAULT, *args, "--job=worker", "--task=0", "--chief", "--steps=50",
                          "--kill-at=4", "--kill-how=now", env=env)
        out0 = chief.communicate(timeout=TIMEOUT)[0]
        assert chief.returncode == -signal.SIGKILL, out0[-3000:]
        late = _flowgrad(FAULT, *args, "--job=worker", "--task=1", "--steps=50", "--kill-at=7",
                         "--kill-how=during", env=env)
        out1 = late.communicate(timeout=TIMEOUT)[0]
        assert late.returncode == -signal.SIGKILL, out1[-3000:]
        last = _flowgrad(FAULT, *args, "--job=worker", "--task=2", "--steps=10", env=env)
        out2 = last.communicate(timeout=TIMEOUT)[0]
        assert last.returncode == 0, out2[-3000:]
    finally:
        _stop(ps)
    rows0, rows1, rows2 = _steps(out0), _steps(out1), _steps(out2)
    assert [r[0] for r in rows0] == [0, 1, 2, 3, 4] and all(map(_consistent, rows0)), out0
    # killed before step 4's update left: the next worker starts at global step 4
    assert rows1[0][0] == 4 and all(map(_consistent, rows1)), out1
    # the kill comes 0.05 s into step 7: on a fast machine step 7 ends first and the kill
    # lands in step 8's update (ci18 printed `step 8`)
    killed_in = rows1[-1][0]
    assert killed_in in (7, 8), out1
    # killed while that step's update was in flight: it was applied whole or not at all
    assert rows2[0][0] in (killed_in, killed_in + 1) and all(map(_consistent, rows2)), out2
    assert rows2[-1] == (10, 10, 10, 10, 10), out2


def test_sync_replicas_continues_without_a_lost_worker_and_times_out_without_the_chief(
        ray_head, tmp_path):
    """SyncReplicasOptimizer(replicas_to_aggregate=2, total_num_replicas=3): worker 2 is
    SIGKILLed inside its first step (the others wait for that), and the chief and worker 1
    train on without it. Then the chief (whose queue runner makes the global steps) is
    SIGKILLed: worker 1 waits for a token until ConfigProto.operation_timeout_in_ms ends
    its step with DeadlineExceededError naming the ps task it waited for."""
    env = {"RAY_ADDRESS": ray_head}
    go = tmp_path / "go"
    args = [*_cluster_args(3), "--model=sync", "--replicas=2", "--steps=1000"]
    ps = _flowgrad(FAULT, *args, "--job=ps", env=env)
    chief = other = None
    try:
        _ready(ps, "ps ready")
        chief = _flowgrad(FAULT, *args, "--job=worker", "--task=0", "--chief",
                          f"--wait-file={go}", env=env)
        other = _flowgrad(FAULT, *args, "--job=worker", "--task=1", "--timeout-ms=8000",
                          f"--wait-file={go}", env=env)
        lost = _flowgrad(FAULT, *args, "--job=worker", "--task=2", "--kill-at=0", env=env)
        out2 = lost.communicate(timeout=TIMEOUT)[0]
        assert lost.returncode == -signal.SIGKILL, out2[-3000:]
        go.write_text("")
        # global steps 1..3 were made of the chief's and worker 1's gradients alone
        _ready(other, "step", min_step=3)   # (a worker may see the global step skip one)
        chief.kill()
        chief.wait()
        out1 = other.communicate(timeout=TIMEOUT)[0]
    finally:
        for proc in (ps, chief, other):
            if proc is not None:
                _stop(proc)
    assert other.returncode == 3, out1[-3000:]
    assert "raised DeadlineExceededError: Timed out after 8 s waiting for " \
           "/job:ps/replica:0/task:0 to run its part of the step" in out1, out1[-3000:]


def test_chief_restarts_from_its_last_checkpoint_and_survives_a_ps_restart(ray_head,
                                                                          tmp_path):
    """MonitoredTrainingSession(master, is_chief, checkpoint_dir): the chief SIGKILLed at
    step 12 leaves restorable checkpoints; started again it restores the last one (the
    variables on ps go back to its step); when the ps task is then killed and restarted
    empty, the chief's session is recreated (UnavailableError is a preemption to
    MonitoredTrainingSession) and restores the last checkpoint again."""
    import flowgrad as tf
    args = [*_cluster_args(1), "--chief", f"--checkpoint-dir={tmp_path}", "--save-steps=5"]
    env = {"RAY_ADDRESS": ray_head}
    ps = _flowgrad(FAULT, *args, "--job=ps", env=env)
    chief = None
    try:
        _ready(ps, "ps ready")
        chief = _flowgrad(FAULT, *args, "--job=worker", "--steps=40", "--kill-at=12",
                          "--kill-how=during", env=env)
        out0 = chief.communicate(timeout=TIMEOUT)[0]
        assert chief.returncode == -signal.SIGKILL, out0[-3000:]
        reader = tf.train.load_checkpoint(tf.train.latest_checkpoint(str(tmp_path)))
        saved = int(reader.get_tensor("global_step"))
        assert saved == 10, out0
        for name in ("a", "b"):
            assert (reader.get_tensor(name) == saved).all()
        chief = _flowgrad(FAULT, *args, "--job=worker", "--steps=30", env=env)
        lines = _ready(chief, "step", min_step=17)
        ps.kill()
        ps.wait()
        ps = _flowgrad(FAULT, *args, "--job=ps", env=env)
        out1 = "".join(lines) + chief.communicate(timeout=TIMEOUT)[0]
    finally:
        _stop(ps)
        if chief is not None:
            _stop(chief)
    assert chief.returncode == 0, out1[-3000:]
    rows = _steps(out1)
    assert all(map(_consistent, rows)), out1
    gs = [int(r[0]) for r in rows]
    assert gs[0] == 10, out1          # restored step 10's checkpoint, not the ps's 12 or 13
    back = [i for i in range(1, len(gs)) if gs[i] <= gs[i - 1]]
    # the ps restart: back to a checkpoint the chief wrote after step 10 (plus the step
    # whose run failed, when it was the training step: _RecoverableSession runs it again)
    saved = {int(f.name[len("model.ckpt-"):-len(".index")])
             for f in tmp_path.glob("model.ckpt-*.index")}
    assert len(back) == 1 and 10 < gs[back[0]] < gs[back[0] - 1], out1
    assert {gs[back[0]], gs[back[0]] - 1} & saved, (saved, out1)
    assert gs[-1] == 30, out1


# -- flowgrad launch -H, and a two-node Ray cluster on this machine ---------------------
@pytest.fixture(scope="module")
def two_nodes():
    """A Ray cluster of two nodes on this machine: the head at this machine's address and
    a second node at 127.0.0.2 (two `ray start` processes). Token authentication is off
    for this cluster (RAY_AUTH_MODE=disabled in every process of it)."""
    port, *agent = _ports(5)
    env = dict(os.environ, RAY_AUTH_MODE="disabled")
    ray = [sys.executable, "-m", "ray.scripts.scripts", "start", "--block",
           "--disable-usage-stats", "--num-cpus=1"]
    head = subprocess.Popen([*ray, "--head", f"--port={port}", "--include-dashboard=false"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=env)
    node = None
    try:
        head_ip = None
        for line in head.stdout:
            m = re.search(r"Local node IP: (\S+)", line)
            if m:
                head_ip = m.group(1)
            if "--block" in line:
                break
        assert head_ip, "ray start --head did not say its node IP"
        node = subprocess.Popen(
            [*ray, f"--address=127.0.0.1:{port}", "--node-ip-address=127.0.0.2",
             f"--dashboard-agent-listen-port={agent[0]}",
             f"--dashboard-agent-grpc-port={agent[1]}",
             f"--runtime-env-agent-port={agent[2]}", f"--metrics-export-port={agent[3]}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        for line in node.stdout:
            if "--block" in line:
                break
        yield {"RAY_ADDRESS": f"127.0.0.1:{port}", "RAY_AUTH_MODE": "disabled"}, head_ip
    finally:
        for proc in (node, head):
            if proc is not None:
                _stop(proc)


def test_two_node_cluster_runs_ps_worker_tasks_and_launch_hosts(two_nodes):
    """The closest one-machine test of several machines: a ps task on the second node
    (127.0.0.2) and a worker on the head train together; `flowgrad launch -np 2 -H
    HEAD:1,127.0.0.2:1` puts one Horovod rank on each node and equals the one-process run;
    a host that is not a node is refused, naming the nodes."""
    env, head_ip = two_nodes
    args = _cluster_args(1, ps_host="127.0.0.2")
    ps = _flowgrad(FAULT, *args, "--job=ps", env=env)
    try:
        assert _ready(ps, "ps ready")[-1].split()[-1] == "127.0.0.2"
        worker = _flowgrad(FAULT, *args, "--job=worker", "--chief", "--steps=5", env=env)
        out = worker.communicate(timeout=TIMEOUT)[0]
    finally:
        _stop(ps)
    assert worker.returncode == 0, out[-3000:]
    assert _steps(out)[-1] == (5, 5, 5, 5, 5), out

    full = {**os.environ, **env, "PYTHONPATH": os.pathsep.join(sys.path)}
    launch = subprocess.run([sys.executable, "-m", "flowgrad", "launch", "-np", "2", "-H",
                             f"{head_ip}:1,127.0.0.2:1", HVD_MLP, "--steps", "4"],
                            capture_output=True, text=True, timeout=TIMEOUT, env=full)
    assert launch.returncode == 0, launch.stdout + launch.stderr
    unknown = subprocess.run([sys.executable, "-m", "flowgrad", "launch", "-np", "2", "-H",
                              "localhost:1,192.0.2.254:1", HVD_MLP], capture_output=True,
                             text=True, timeout=TIMEOUT, env=full)
    assert unknown.returncode == 2
    assert "-H: host '192.0.2.254' is not a node of the Ray cluster; its nodes are " \
        "127.0.0.2 (" in unknown.stderr, unknown.stderr
    assert f"[0] rank 0: local rank 0 of 1, node {head_ip}" in launch.stdout, launch.stdout
    assert "[1] rank 1: local rank 0 of 1, node 127.0.0.2" in launch.stdout, launch.stdout
    single = subprocess.run([sys.executable, "-m", "flowgrad", "run", HVD_MLP, "--steps",
                             "4", "--full-batch"], capture_output=True, text=True,
                            timeout=TIMEOUT, env=full)
    want = [line for line in single.stdout.splitlines() if "final w" in line][0]
    final = [line for line in launch.stdout.splitlines() if "final w" in line]
    assert len(final) == 2, launch.stdout
    for line in final:
        np.testing.assert_allclose(np.array(line.split("final w", 1)[1].split(), float),
                                   np.array(want.split("final w", 1)[1].split(), float),
                                   rtol=1e-5, atol=1e-6)
