"""TF 1.x distributed training on a local Ray cluster (`pytest -m ray`; needs the
`distributed` extra). Each test starts its tasks as `flowgrad run` processes, as a user
would, one per task, on this machine."""
import os
import re
import signal
import socket
import subprocess
import sys

import pytest

pytestmark = pytest.mark.ray
pytest.importorskip("ray")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = os.path.join(ROOT, "tests", "distribute_scripts")
EXAMPLE = os.path.join(ROOT, "examples", "distributed", "ps_train.py")
SYNC_EXAMPLE = os.path.join(ROOT, "examples", "distributed", "sync_train.py")
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


@pytest.fixture
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
