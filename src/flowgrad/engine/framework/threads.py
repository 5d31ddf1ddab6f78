"""flowgrad's thread budget: how many threads NumPy's BLAS uses for a Session's ops.

It lives in the engine's core so that kernels (MatMul calls `matmul`), the session
and, later, input pipelines and other backends share it.

One module owns the process's threads so that sessions, input pipelines and
other backends draw on one budget. ConfigProto's fields mean what they mean in
TF 1.x:

- `intra_op_parallelism_threads`: threads that one op (a GEMM, a convolution)
  may use. N > 0: NumPy's BLAS pool runs N threads during the session's runs.
  0 (or negative): flowgrad chooses, see below.
- `inter_op_parallelism_threads`: ops run at the same time. 1 (or negative): a
  plan runs its ops one after another in the caller's thread. N >= 2: a plan with
  independent heavy ops (engine/runtime/interop.py) runs them on a pool of N - 1
  threads beside the caller. 0: flowgrad chooses (parallel while the machine is
  loaded, see `guard_blas`). Input pipelines size their pools by `inter_op_threads`.

The automatic choice. OpenBLAS's worker threads spin while they wait for work;
when the machine has fewer free cores than BLAS threads (a data loader, a
notebook, CI neighbours), a GEMM waits for a descheduled worker and the step
time collapses. So flowgrad samples the cores other processes leave free
(`free_cores()`: the CPU time the whole machine used, /proc/stat, minus this
process's own; at most every `SAMPLE_S` seconds, only in plans that run BLAS
ops; elsewhere every core counts as free). Every core free: NumPy's BLAS pool
gets them all and threads each GEMM itself (as before). Otherwise BLAS runs
single-threaded and the plan runs in the fastest of three ways, timed at run time
(`_Chooser`): serially; with independent GEMMs on the inter-op pool; or with each
large GEMM split into blocks on flowgrad's intra-op pool, whose idle threads block
instead of spinning (TF's design). Measured on 2 cores, bench W2 beside busy
processes: 11-16 ms split, 28-54 ms with one BLAS thread, 210-340 ms with two, at
load ~13; on a quieter machine beside two busy processes, 7.8 ms split and 5.5 ms
serial, hence the choice at run time.

NumPy's BLAS pool is set through threadpoolctl; where it is not importable (flowgrad
run from a source tree in an environment without it) through OpenBLAS's own C API,
as without either the spinning pool collapses on a loaded machine (measured, W2 on
the bench's TF venv, load ~8: 33 ms idle and 119 ms beside one busy process without
control, 7.6 and 7.7 ms with it; TF 7.6-12 ms).

The pool is process-wide (NumPy has one): flowgrad sets it when a plan that
runs BLAS ops needs another count than the pool has, and leaves it so (TF's
pools are process-wide too); `set_blas_threads` sets it by hand. Plans
without BLAS ops never touch it, and Session.run's per-call cost for a plan
with them is one clock read and a comparison.

    >>> sess = tf.Session(config=tf.ConfigProto(intra_op_parallelism_threads=1))
"""
from __future__ import annotations

import itertools
import os
import threading
import time

import numpy as np

from . import fpenv

__all__ = ["SAMPLE_S", "SideLane", "blas_threads", "cpu_count", "free_cores", "guard_blas",
           "inter_op_setting", "inter_op_threads", "intra_op_threads", "matmul", "run_blocks",
           "set_blas_threads", "spare_threads", "uses_blas"]

SAMPLE_S = 0.5   # seconds between two load samples in auto mode
# Use a second thread only when this much of a core is free for it: a BLAS thread that
# competes with another process for a core makes the whole GEMM wait (measured, W2).
_SPARE = 0.3

# Op types whose kernels call BLAS/LAPACK through NumPy (matmul, tensordot, einsum, linalg).
_BLAS_WORDS = ("MatMul", "Conv", "Einsum", "Matrix", "Cholesky", "Qr", "Svd", "Eig",
               "Lstsq", "Solve", "Determinant", "Inverse", "Tensordot")


def cpu_count() -> int:
    """Cores this process may run on (its affinity mask, else os.cpu_count())."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def intra_op_threads(config=None) -> int:
    """ConfigProto.intra_op_parallelism_threads, or 0 (choose) when unset or not positive."""
    n = getattr(config, "intra_op_parallelism_threads", 0) if config is not None else 0
    return n if isinstance(n, int) and n > 0 else 0


def inter_op_setting(config=None) -> int:
    """ConfigProto.inter_op_parallelism_threads for a Session's plans: N >= 1 as given (1:
    one op at a time), 0 when unset (flowgrad chooses), negative as 1 (TF: every op in
    the caller's thread)."""
    n = getattr(config, "inter_op_parallelism_threads", 0) if config is not None else 0
    if not isinstance(n, int):
        return 0
    return 1 if n < 0 else n


def inter_op_threads(config=None) -> int:
    """Threads for running independent work concurrently (input pipelines).

    As TF: N > 0 is N; 0 chooses (the free cores, at least 1); negative runs
    everything in the caller's thread, reported as 1.
    """
    n = getattr(config, "inter_op_parallelism_threads", 0) if config is not None else 0
    if n > 0:
        return n
    if n < 0:
        return 1
    return max(1, int(free_cores() + _SPARE))


# -- load sampling ----------------------------------------------------------------------
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _machine_busy_s():
    """Seconds of CPU all processes used since boot (user+nice+system+irq+softirq+steal)."""
    try:
        with open("/proc/stat", "rb") as f:
            fields = f.readline().split()
    except OSError:
        return None
    # cpu user nice system idle iowait irq softirq steal guest guest_nice
    v = [int(x) for x in fields[1:9]]
    return (v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / _TICK


class _Sampler:
    __slots__ = ("busy", "cores", "free", "own", "wall")

    def __init__(self):
        self.cores = cpu_count()
        self.free = float(self.cores)
        self.wall = time.monotonic()
        self.busy = _machine_busy_s()
        self.own = time.process_time()

    def sample(self) -> float:
        """Free cores over the interval since the last sample (others' CPU use subtracted)."""
        wall, busy, own = time.monotonic(), _machine_busy_s(), time.process_time()
        dt = wall - self.wall
        if busy is None or self.busy is None or dt < 0.02:
            return self.free
        others = max(0.0, (busy - self.busy) - (own - self.own)) / dt
        total = os.cpu_count() or self.cores
        # others' load spreads over every core of the machine; we may run on `cores` of them
        self.free = max(0.0, self.cores - others * self.cores / total)
        self.wall, self.busy, self.own = wall, busy, own
        return self.free


_sampler = _Sampler()


def free_cores() -> float:
    """Cores (of this process's) that other processes left free since the last sample."""
    return _sampler.sample()


def _auto_threads() -> int:
    return max(1, min(_sampler.cores, int(free_cores() + _SPARE)))


# -- intra-op parallelism of flowgrad's own -----------------------------------------------
# Under load, OpenBLAS's spinning workers collapse, and one BLAS thread gets only one
# thread's share of an oversubscribed machine. TF's answer is a pool whose idle threads
# block: a GEMM split into row (or column) blocks, one per intra-op thread, each block
# single-threaded BLAS, the caller waiting on a condition (measured, W2 beside busy
# processes on 2 cores: 11-16 ms, against 28-54 ms with 1 BLAS thread and 210-340 ms
# with 2). On a machine with every core free, NumPy's BLAS pool threads the GEMM itself.
_split = 1            # blocks a large GEMM is split into (1: NumPy's BLAS pool threads it)
_pool = None
_MIN_SPLIT = 1 << 21  # m*k*n below which a GEMM is not worth splitting
_SPLIT_KINDS = frozenset("fc")


_pool_pid = None


def _get_pool(n):
    global _pool, _pool_pid
    # a new pool after fork (the child has none of the parent's workers) or for more threads
    if _pool is None or _pool._max_workers < n - 1 or _pool_pid != os.getpid():
        from concurrent.futures import ThreadPoolExecutor  # lazy: only loaded machines
        _pool = ThreadPoolExecutor(max(1, n - 1), thread_name_prefix="flowgrad-intra-op",
                                   initializer=fpenv.flush_this_thread)
        _pool_pid = os.getpid()
    return _pool


def matmul(a, b, rows=None):
    """np.matmul(a, b); when large, split into blocks that the caller and `_split` threads
    of the intra-op pool claim one at a time (dynamic: a thread the scheduler holds
    back leaves its blocks to the others, as Eigen's pool steals work).

    On an idle machine running its GEMMs on one BLAS thread (the idle chooser's serial
    way: `_idle_spare` threads free), a GEMM of at least `_IDLE_MIN_SPLIT` multiply-adds
    is split too, over the free cores, when its blocks were checked once to give the
    whole product's bits (`_split_exact`): the serial way keeps np.matmul's values."""
    n = _split
    floor = _MIN_SPLIT
    if n < 2 and _idle_spare:
        n, floor = _idle_spare + 1, _IDLE_MIN_SPLIT
    if n < 2 or a.ndim != 2 or b.ndim != 2 or a.dtype != b.dtype or \
            a.dtype.kind not in _SPLIT_KINDS:
        return np.matmul(a, b)
    m, k = a.shape
    cols = b.shape[1]
    work = m * k * cols
    if work < floor:
        return np.matmul(a, b)
    if rows is None:   # else the caller's choice (rows=False keeps a column-major `a` whole)
        rows = m >= cols
    dim = m if rows else cols
    blocks = max(2, min(_BLOCKS_PER_THREAD * n, work // (_MIN_SPLIT // 4), dim // 8 or 1))
    cuts = [dim * i // blocks for i in range(blocks + 1)]
    if floor == _IDLE_MIN_SPLIT and not _split_exact(a, b, cuts, rows):
        return np.matmul(a, b)
    out = np.empty((m, cols), a.dtype)
    job = _Job(a, b, out, cuts, rows)
    pool = _get_pool(n + 1)
    for _ in range(min(n, blocks - 1)):
        pool.submit(job.work)
    job.work()
    job.wait()
    return out


_IDLE_MIN_SPLIT = 1 << 25   # multiply-adds from which the idle serial way splits a GEMM
_exact_cuts = {}            # (dtype, a's and b's shapes and layouts, cuts, rows) -> bool


def _split_exact(a, b, cuts, rows):
    """Do the blocks `cuts` give np.matmul(a, b)'s bits? Checked once per shape and layout
    on random operands (BLAS may block the inner dimension otherwise for a block's shape)."""
    if not all(t.flags.c_contiguous or t.flags.f_contiguous for t in (a, b)):
        return False
    key = (a.dtype.char, a.shape, b.shape, a.flags.c_contiguous, b.flags.c_contiguous,
           tuple(cuts), rows)
    ok = _exact_cuts.get(key)
    if ok is None:
        rng = np.random.RandomState(1234)
        x = rng.standard_normal(a.shape).astype(a.dtype)
        y = rng.standard_normal(b.shape).astype(b.dtype)
        if not a.flags.c_contiguous:
            x = np.asfortranarray(x)
        if not b.flags.c_contiguous:
            y = np.asfortranarray(y)
        whole = np.matmul(x, y)
        ok = all(np.array_equal(np.matmul(x[lo:hi], y), whole[lo:hi]) if rows else
                 np.array_equal(np.matmul(x, y[:, lo:hi]), whole[:, lo:hi])
                 for lo, hi in zip(cuts[:-1], cuts[1:]))
        _exact_cuts[key] = ok
    return ok


_BLOCKS_PER_THREAD = 2   # paired runs, load ~2.5: 2 beat 4 (7.2 vs 8.0 ms idle, 11.5 vs 13.0 busy)


class _Job:
    """One split GEMM: blocks claimed from a counter; the caller waits for the last one."""
    __slots__ = ("a", "b", "out", "cuts", "rows", "next", "left", "lock", "done")

    def __init__(self, a, b, out, cuts, rows):
        self.a, self.b, self.out, self.cuts, self.rows = a, b, out, cuts, rows
        self.next = itertools.count().__next__
        self.left = len(cuts) - 1
        self.lock = threading.Lock()
        self.done = threading.Event()

    def work(self):
        cuts, last = self.cuts, len(self.cuts) - 1
        ran = 0
        while True:
            i = self.next()         # atomic under the GIL
            if i >= last:
                break
            lo, hi = cuts[i], cuts[i + 1]
            if self.rows:
                np.matmul(self.a[lo:hi], self.b, out=self.out[lo:hi])
            else:
                np.matmul(self.a, self.b[:, lo:hi], out=self.out[:, lo:hi])
            ran += 1
        if ran:
            with self.lock:
                self.left -= ran
                if self.left == 0:
                    self.done.set()

    def wait(self):
        if self.left:
            self.done.wait()
        # every block is done: a worker that starts later claims nothing, so it must not
        # keep the operands alive while it waits in the pool's queue
        self.a = self.b = self.out = None


def spare_threads() -> int:
    """Threads besides the caller's that the budget gives the running plan now: those of a
    split GEMM (a loaded machine's split mode), else NumPy's BLAS pool's beyond one
    (every core free), else the free cores' beyond one when every core is free and the
    GEMMs run single-threaded (the idle chooser's serial way), else 0. Side lanes and
    block runs draw on it."""
    if _split >= 2:
        return _split - 1
    return max(0, (_blas_now or 1) - 1, _idle_spare)


def run_blocks(fn, count):
    """fn(0), ..., fn(count - 1), claimed one at a time by the caller and, when the budget
    has a spare thread (`spare_threads`), one intra-op pool thread (NumPy releases the GIL
    in large ufunc loops); returns when all have run and raises the first error. The
    worker runs under the caller's np.errstate. Each fn(i) must touch memory no other
    fn(j) touches (row blocks of an elementwise update)."""
    if count < 2 or spare_threads() < 1:
        for i in range(count):
            fn(i)
        return
    job = _Blocks(fn, count, np.geterr())
    _get_pool(2).submit(job.work, True)
    job.work(False)
    job.wait()


class _Blocks:
    """A block run: indices claimed from a counter. The caller, done claiming, closes the
    run and waits only for a worker that is inside it (one that starts later runs nothing)."""
    __slots__ = ("fn", "count", "err", "next", "lock", "idle", "active", "closed", "error")

    def __init__(self, fn, count, err):
        self.fn, self.count, self.err = fn, count, err
        self.next = itertools.count().__next__
        self.lock = threading.Lock()
        self.idle = threading.Event()
        self.active = self.closed = False
        self.error = None

    def _claim(self):
        fn, count, nxt = self.fn, self.count, self.next
        while self.error is None:
            i = nxt()               # atomic under the GIL
            if i >= count:
                return
            try:
                fn(i)
            except BaseException as e:  # noqa: BLE001 - re-raised in the caller
                self.error = e

    def work(self, worker):
        if not worker:
            self._claim()
            return
        with self.lock:
            if self.closed:
                return
            self.active = True
        try:
            with np.errstate(**self.err):
                self._claim()
        finally:
            with self.lock:
                self.active = False
                self.idle.set()

    def wait(self):
        with self.lock:
            self.closed = True
            active = self.active
        if active:
            self.idle.wait()
        self.fn = None
        if self.error is not None:
            raise self.error


_idle_spare = 0     # spare threads of the idle machine's serial way (see spare_threads)


def _apply(n_blas, n_split, idle_spare=0):
    global _split, _idle_spare
    _split, _idle_spare = n_split, idle_spare
    if _blas_now != n_blas:
        set_blas_threads(n_blas)


# -- a side lane: ordered work off a loop's critical path --------------------------------
class SideLane:
    """Runs `put(fn, *args)` calls one after another, in order, on a second thread while
    the caller goes on (a fused loop's weight-gradient sums, which no later step reads);
    a context manager: leaving it waits for every call and raises the first error.

    While it runs, BLAS is single-threaded and GEMMs are not split (each of the two
    threads runs its own GEMMs; the values are the same, BLAS threads and blocks only
    split the output). Use `SideLane.open()`: None where there is one core.
    """

    __slots__ = ("_q", "_fut", "_prev")

    @classmethod
    def open(cls):
        return cls() if _sampler.cores >= 2 else None

    def __init__(self):
        import queue  # lazy: only fused loops on more than one core
        self._q = queue.SimpleQueue()
        self._fut = None
        self._prev = None

    def put(self, fn, *args):
        self._q.put((fn, args))

    def _drain(self):
        get = self._q.get
        while True:
            item = get()
            if item is None:
                return
            item[0](*item[1])

    def __enter__(self):
        blas = _blas_now if _blas_now is not None else blas_threads()
        self._prev = (blas, _split, _idle_spare)
        if blas is not None and (blas != 1 or _split != 1 or _idle_spare):
            _apply(1, 1)
        self._fut = _lane_pool().submit(self._drain)
        return self

    def __exit__(self, *exc):
        self._q.put(None)
        try:
            self._fut.result()
        finally:
            blas, split, spare = self._prev
            if blas is not None and (_blas_now != blas or _split != split or
                                     _idle_spare != spare):
                _apply(blas, split, spare)
        return False


_lane = None


def _lane_pool():
    global _lane
    if _lane is None or _lane[1] != os.getpid():
        from concurrent.futures import ThreadPoolExecutor  # lazy: only fused loops
        _lane = (ThreadPoolExecutor(1, thread_name_prefix="flowgrad-side-lane",
                                       initializer=fpenv.flush_this_thread), os.getpid())
    return _lane[0]


# -- NumPy's BLAS pool ------------------------------------------------------------------
_blas = None          # threadpoolctl's controllers of the BLAS libraries NumPy loaded
_blas_now = None      # the count flowgrad last set (None: never)


def _blas_controllers():
    global _blas
    if _blas is None:
        try:
            from threadpoolctl import ThreadpoolController  # lazy: only plans with BLAS ops
            _blas = ThreadpoolController().select(user_api="blas").lib_controllers
        except ImportError:   # flowgrad on a path without its dependency: OpenBLAS directly
            _blas = _openblas_fallback()
        except Exception:  # noqa: BLE001 - an unknown BLAS: leave it alone
            _blas = []
    return _blas


class _OpenBLAS:
    """The thread count of an OpenBLAS NumPy loaded, through its C API (used only when
    threadpoolctl is not importable, e.g. flowgrad run from a source tree in another
    environment: without it OpenBLAS's spinning pool collapses on a loaded machine)."""

    __slots__ = ("_get", "_set", "filepath")

    @property
    def num_threads(self):
        return int(self._get())

    def set_num_threads(self, n):
        self._set(int(n))


def _openblas_fallback():
    import ctypes  # lazy: only without threadpoolctl
    try:
        with open("/proc/self/maps", "rb") as f:
            maps = f.read(1 << 24).decode("utf-8", "replace")
    except OSError:
        return []
    paths = sorted({ln.split()[-1] for ln in maps.splitlines()
                    if "openblas" in ln.lower() and ln.split()[-1].startswith("/")})
    out = []
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for set_name, get_name in (("openblas_set_num_threads", "openblas_get_num_threads"),
                                   ("openblas_set_num_threads64_",
                                    "openblas_get_num_threads64_"),
                                   ("scipy_openblas_set_num_threads64_",
                                    "scipy_openblas_get_num_threads64_"),
                                   ("scipy_openblas_set_num_threads",
                                    "scipy_openblas_get_num_threads")):
            if hasattr(lib, set_name) and hasattr(lib, get_name):
                ctl = _OpenBLAS()
                ctl._set, ctl._get = getattr(lib, set_name), getattr(lib, get_name)
                ctl.filepath = path
                ctl._get.restype = ctypes.c_int
                out.append(ctl)
                break
    return out


def blas_threads() -> int | None:
    """The thread count of NumPy's BLAS pool (None when it cannot be read)."""
    libs = _blas_controllers()
    return libs[0].num_threads if libs else None


def set_blas_threads(n: int) -> None:
    """Sets NumPy's BLAS pool to `n` threads (process-wide)."""
    global _blas_now
    n = max(1, int(n))
    for lib in _blas_controllers():
        lib.set_num_threads(n)
    _blas_now = n


def uses_blas(op_types) -> bool:
    """Whether any of `op_types` runs a BLAS/LAPACK kernel."""
    return any(w in t for t in op_types for w in _BLAS_WORDS)


# How a plan runs while other processes load the machine (BLAS single-threaded in each).
_nesting = threading.local()   # .active: a run_auto run is on this thread's stack
_SERIAL, _INTER, _SPLIT, _BLAS = 0, 1, 2, 3   # _BLAS: NumPy's BLAS pool threads each GEMM
_PROBES = 4      # timed runs of each way before choosing
_KEEP_S = 5.0    # seconds a choice holds before the ways are timed again


class _Chooser:
    """Times the ways a plan can run on a loaded machine and keeps the fastest.

    On a loaded machine no fixed choice wins everywhere (measured, bench W2 on 2 cores,
    ms per step, flowgrad / TF 2.21: beside one busy process, serial 3.5 / 3.1 and
    split GEMMs 4.1 / 3.1; beside two, serial 5.5 / 4.8 and split 7.8 / 4.8): a
    split GEMM hands blocks between threads and costs about 30% more CPU, which pays
    only when a core is really free, and inter-op parallelism pays only when the plan
    has independent heavy ops. So each way (serial; independent GEMMs on the inter-op
    pool; GEMMs split over the intra-op pool, with the inter-op pool when the plan has
    one) runs `_PROBES` times, interleaved, and the one with the smallest median wall
    time is kept for `_KEEP_S` seconds, then the ways are timed again (the load moves).

    With every core free the ways are BLAS's own threads and serial (`modes`): OpenBLAS's
    pool wins on plans of large independent GEMMs (bench W2: 2.7 against 3.4 ms serial),
    but its workers spin after each GEMM for the core that a plan's side lane
    (threads.SideLane) or a chain of small ops wants (bench/lstm.py 32/64/256 on the quiet
    machine: 130 ms a step with two BLAS threads, 107 ms serial with the side lane).
    """
    __slots__ = ("chosen", "modes", "times", "turn", "until")

    def __init__(self, has_parallel, modes=None):
        if modes is None:
            modes = (_SERIAL, _INTER, _SPLIT) if has_parallel else (_SERIAL, _SPLIT)
        self.modes = modes
        self.chosen, self.until = None, 0.0
        self.times = {m: [] for m in self.modes}
        self.turn = 0

    def mode(self, now):
        if self.chosen is not None:
            if now < self.until:
                return self.chosen
            self.chosen = None
            self.times = {m: [] for m in self.modes}
        m = self.modes[self.turn % len(self.modes)]
        self.turn += 1
        return m

    def record(self, mode, seconds):
        self.times[mode].append(seconds)
        if all(len(t) >= _PROBES for t in self.times.values()):
            self.chosen = min(self.modes, key=lambda m: sorted(self.times[m])[_PROBES // 2])
            self.until = time.monotonic() + _KEEP_S


def guard_blas(fn, intra_op: int = 0, parallel=None, inter_op: int = 0):
    """`fn` (a plan's run function) made to run with the BLAS pool the budget gives it.

    intra_op > 0: that many threads. 0: the free cores, re-sampled at most every
    SAMPLE_S seconds. The pool is set only when the count changes.

    `parallel`: the plan's inter-op runner (engine/runtime/interop.py), or None. It runs
    ops on other threads at the same time, so BLAS runs single-threaded during its runs
    and each large GEMM is split over the blocking intra-op pool instead (OpenBLAS's
    spinning workers would oversubscribe the cores). inter_op >= 2 (set by the user): every
    run is parallel. 0 (flowgrad chooses): when every core is free, `_Chooser` times BLAS's
    own pool threading each GEMM against one BLAS thread (runs stay sequential); while the
    machine is loaded, it times the serial, inter-op and split-GEMM ways; either keeps the
    fastest.
    """
    if not _blas_controllers():
        return fn if parallel is None or inter_op < 2 else parallel
    if parallel is not None and inter_op >= 2:
        split = intra_op if intra_op > 0 else _sampler.cores

        def run_parallel(feeds):
            if _blas_now != 1 or _split != split or _idle_spare:
                _apply(1, split)
            return parallel(feeds)
        return run_parallel
    if intra_op > 0:
        def run_fixed(feeds):
            if _blas_now != intra_op or _split != 1 or _idle_spare:
                _apply(intra_op, 1)
            return fn(feeds)
        return run_fixed

    next_sample, blas, split, busy = 0.0, 0, 1, False
    chooser = _Chooser(parallel is not None)
    idle = _Chooser(False, modes=(_BLAS, _SERIAL))
    clock = time.monotonic

    def run_auto(feeds):
        # a plan run inside another's run (a loop body's, a branch's) keeps the outer
        # run's pool: choosing again per part would time each part apart from the spinning
        # that the others' GEMMs leave behind
        if getattr(_nesting, "active", False):
            return fn(feeds)
        _nesting.active = True
        try:
            return choose_and_run(feeds)
        finally:
            _nesting.active = False

    def choose_and_run(feeds):
        nonlocal next_sample, blas, split, busy
        now = clock()
        if now >= next_sample:
            want = _auto_threads()
            cores = _sampler.cores
            # every core free: NumPy's BLAS threads the GEMMs; else the chooser decides
            busy = want < cores and cores > 1
            if not busy:
                blas, split = want, 1
            next_sample = now + SAMPLE_S
        if not busy:
            if blas <= 1:
                if _blas_now != blas or _split != split or _idle_spare:
                    _apply(blas, split)
                return fn(feeds)
            mode = idle.mode(now)   # every core free: BLAS's threads or serial, timed
            n_blas = blas if mode == _BLAS else 1
            # serial: GEMMs on one BLAS thread, the free cores still run block updates
            spare = 0 if mode == _BLAS else blas - 1
            if _blas_now != n_blas or _split != 1 or _idle_spare != spare:
                _apply(n_blas, 1, spare)
            if idle.chosen is not None:
                return fn(feeds)
            out = fn(feeds)
            idle.record(mode, clock() - now)
            return out
        mode = chooser.mode(now)
        n_split = _sampler.cores if mode == _SPLIT else 1
        if _blas_now != 1 or _split != n_split or _idle_spare:
            _apply(1, n_split)
        run = fn if mode == _SERIAL or parallel is None else parallel
        if chooser.chosen is not None:
            return run(feeds)
        out = run(feeds)
        chooser.record(mode, clock() - now)
        return out
    return run_auto
