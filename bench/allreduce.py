"""Scaling of Horovod-style data parallelism: flowgrad (`flowgrad launch`, a ring
all-reduce over Ray) against PyTorch DDP's gloo backend, on this machine, in one run.

    python bench/allreduce.py [--workers 1,2,4] [--sizes-mb 1,16,128] [--steps 30]

needs the `distributed` extra and torch==2.13.0 in the same Python. For each worker
count it reports
- all-reduce of one float32 tensor of 1, 16 and 128 MB: seconds per all-reduce (median
  of the repeats), algorithm bandwidth (MB / s) and bus bandwidth (x 2(N-1)/N, what
  each link carried), flowgrad and gloo;
- a data-parallel MLP step (784-512-512-10, batch 64 per worker, SGD): examples per
  second over all workers, flowgrad and DDP;
and a projection for more machines from the measured compute time per step and the
measured all-reduce bandwidth (the ring moves 2(M-1)/M of the gradients per step, plus
2(M-1) message latencies). All workers share this machine's cores, so beyond its core
count more workers only split them: the projection uses the per-link figures.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LAYERS = (784, 512, 512, 10)
BATCH = 64


# -- flowgrad: this file run as each rank under `flowgrad launch` ----------------------
def flowgrad_rank(args):
    import tensorflow as tf           # flowgrad, through `flowgrad launch`'s alias
    import horovod.tensorflow as hvd
    hvd.init()
    out = {"rank": hvd.rank(), "allreduce": {}}
    for mb in args.sizes_mb:
        tf.reset_default_graph()
        v = tf.Variable(np.ones(int(mb * 2**20) // 4, np.float32))
        op = hvd.allreduce(v, average=False)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(op)
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                sess.run(op)
                times.append(time.perf_counter() - t0)
        out["allreduce"][str(mb)] = statistics.median(times)
    tf.reset_default_graph()
    rng = np.random.RandomState(hvd.rank())
    x = tf.placeholder(tf.float32, [None, LAYERS[0]])
    y = tf.placeholder(tf.int64, [None])
    h = x
    for i, n in enumerate(LAYERS[1:]):
        h = tf.layers.dense(h, n, activation=tf.nn.relu if i < len(LAYERS) - 2 else None)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=h))
    train = hvd.DistributedOptimizer(tf.train.GradientDescentOptimizer(0.01)).minimize(loss)
    xs = rng.rand(BATCH, LAYERS[0]).astype(np.float32)
    ys = rng.randint(0, 10, BATCH)
    with tf.train.MonitoredTrainingSession(hooks=[hvd.BroadcastGlobalVariablesHook(0)]) as s:
        for _ in range(5):
            s.run(train, {x: xs, y: ys})
        t0 = time.perf_counter()
        for _ in range(args.steps):
            s.run(train, {x: xs, y: ys})
        out["step_s"] = (time.perf_counter() - t0) / args.steps
    print("RESULT " + json.dumps(out), flush=True)


def run_flowgrad(n, args):
    cmd = [sys.executable, "-m", "flowgrad", "launch", "-np", str(n), os.path.abspath(__file__),
           "--role", "rank", "--sizes-mb", ",".join(map(str, args.sizes_mb)),
           "--steps", str(args.steps), "--repeat", str(args.repeat)]
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src") + os.pathsep
               + os.environ.get("PYTHONPATH", ""))
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    results = [json.loads(line.split("RESULT ", 1)[1]) for line in p.stdout.splitlines()
               if "RESULT " in line]
    if p.returncode != 0 or len(results) != n:
        raise RuntimeError(f"flowgrad launch -np {n} failed:\n{p.stdout[-3000:]}\n"
                           f"{p.stderr[-3000:]}")
    return results


# -- PyTorch DDP (gloo) -----------------------------------------------------------------
def _torch_rank(rank, n, port, sizes_mb, steps, repeat, queue):
    import torch
    import torch.distributed as dist
    torch.set_num_threads(1)   # one thread per rank (a busy 2-core machine: threads spin)
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank,
                            world_size=n)
    out = {"rank": rank, "allreduce": {}}
    for mb in sizes_mb:
        t = torch.ones(int(mb * 2**20) // 4)
        dist.all_reduce(t)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            dist.all_reduce(t)
            times.append(time.perf_counter() - t0)
        out["allreduce"][str(mb)] = statistics.median(times)
    torch.manual_seed(rank)
    layers = []
    for i in range(len(LAYERS) - 1):
        layers.append(torch.nn.Linear(LAYERS[i], LAYERS[i + 1]))
        if i < len(LAYERS) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.parallel.DistributedDataParallel(torch.nn.Sequential(*layers))
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    rng = np.random.RandomState(rank)
    xs = torch.from_numpy(rng.rand(BATCH, LAYERS[0]).astype(np.float32))
    ys = torch.from_numpy(rng.randint(0, 10, BATCH))
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss_fn(model(xs), ys).backward()
        opt.step()
    for _ in range(5):
        step()
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    out["step_s"] = (time.perf_counter() - t0) / steps
    queue.put(out)
    dist.destroy_process_group()


def run_torch(n, args):
    import socket

    import torch.multiprocessing as mp
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_torch_rank, args=(r, n, port, args.sizes_mb, args.steps,
                                                   args.repeat, queue)) for r in range(n)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=3600) for _ in range(n)]
    for p in procs:
        p.join()
    return results


# -- report -------------------------------------------------------------------------------
def _row(n, results, sizes):
    ar = {mb: max(r["allreduce"][str(mb)] for r in results) for mb in sizes}
    step = max(r["step_s"] for r in results)
    return ar, step, n * BATCH / step


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--role", default="main")
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--sizes-mb", default="1,16,128")
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--peers", default="flowgrad,torch")
    args = ap.parse_args()
    args.sizes_mb = [float(s) if "." in s else int(s) for s in args.sizes_mb.split(",")]
    if args.role == "rank":
        return flowgrad_rank(args)
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, load "
          f"{os.getloadavg()[0]:.1f}; batch {BATCH} per worker, MLP {LAYERS}")
    grad_mb = sum(LAYERS[i] * LAYERS[i + 1] + LAYERS[i + 1] for i in range(len(LAYERS) - 1)) \
        * 4 / 2**20
    table = {}
    for n in [int(w) for w in args.workers.split(",")]:
        for peer in args.peers.split(","):
            res = run_flowgrad(n, args) if peer == "flowgrad" else run_torch(n, args)
            table[peer, n] = _row(n, res, args.sizes_mb)
    print("\n| workers | system | " + " | ".join(
        f"all-reduce {mb} MB: s (algbw / busbw MB/s)" for mb in args.sizes_mb)
        + " | step ms | examples/s |")
    print("|---" * (4 + len(args.sizes_mb)) + "|")
    for (peer, n), (ar, step, eps) in table.items():
        cells = []
        for mb in args.sizes_mb:
            t = ar[mb]
            bus = mb / t * (2 * (n - 1) / n) if n > 1 else float("nan")
            cells.append(f"{t:.4f} ({mb / t:.0f} / {bus:.0f})" if n > 1 else "-")
        print(f"| {n} | {peer} | " + " | ".join(cells) + f" | {step * 1e3:.1f} | {eps:.0f} |")
    for peer in args.peers.split(","):
        ones = table.get((peer, 1))
        multi = [(n, v) for (p, n), v in table.items() if p == peer and n > 1]
        if not ones or not multi:
            continue
        n, (ar, step, _) = max(multi)
        big = max(args.sizes_mb)
        bw = big / ar[big] * (2 * (n - 1) / n)   # per-link MB/s measured at n workers
        small = min(args.sizes_mb)
        lat = max(ar[small] - small * 2 * (n - 1) / n / bw, 0) / (2 * (n - 1))
        t_c = ones[1]
        print(f"\nprojection ({peer}): compute {t_c * 1e3:.1f} ms/step/machine, gradients "
              f"{grad_mb:.2f} MB, link {bw:.0f} MB/s, latency {lat * 1e3:.2f} ms (from "
              f"{n} workers here)")
        for m in (2, 4, 8, 16, 64):
            t_comm = 2 * (m - 1) / m * grad_mb / bw + 2 * (m - 1) * lat
            print(f"  {m:3d} machines: {m * BATCH / (t_c + t_comm):10.0f} examples/s "
                  f"(efficiency {t_c / (t_c + t_comm):.2f})")


if __name__ == "__main__":
    main()
