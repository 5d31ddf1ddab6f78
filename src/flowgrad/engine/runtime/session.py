"""`tf.Session`: fetch/feed handling around cached, compiled plans.

`run` looks the (fetches, feeds) signature up in a cache; a miss prunes,
lowers, optimizes and compiles a plan once. A hit binds feeds, calls the
plan's generated function and repackages the fetched values.
"""
from __future__ import annotations

import collections
import collections.abc as _abc
import gc as _gc
import os
import threading
import time
from typing import Any, Callable, ContextManager

import numpy as np

from ..framework.branches import DEAD, branch_in, chain, dead_error
from ..framework.engine_view import engine_side
from ..framework import blocking
from ..framework import errors
from ..framework import dtypes
from ..framework import context as _context
from ..framework.config import (
    AllocationDescription,
    ConfigProto,
    DeviceStepStats,
    NodeExecStats,
    NodeOutput,
    RunMetadata,
    RunOptions,
    TensorDescription,
)
from ..framework.graph import (
    Graph,
    Operation,
    Tensor,
    _default_session_stack,
    get_default_graph,
    get_default_session,  # noqa: F401 - re-exported (tf.get_default_session)
)
from ..optimize import FIRST_RUN_PASSES, optimize_program, options_from_config
from ..optimize.constant_folding import fold_cache, fold_cached
from ..optimize.reciprocal_div import (MIN_GRAPH_NODES, grappler_division, grappler_off,
                                       grappler_options,
                                       mark_grappler_off)
from ..ops.control_flow import loops_fail_grappler
from ..optimize.hoist_unary_chains import concat_hoist_cycle
from ..ops.state import Uninitialized
from ..ops import session_handles as _handles
from ..ops.mutex import release_run_locks
from ..ops.state import end_step
from ..ops.control_flow import end_run
from ..framework import fpenv
from ..framework import threads
from ..framework import tf_nodes   # (registers get_operations's TF view in graph.py)
from .backends.numpy import CompiledProgram
from . import heap
from . import interop
from . import placement
from . import races
from . import partial_run as _prun
from . import trace_session
from . import xla
from .ir import lower
from .kernel_errors import Named, decorate

_errstate = np.errstate
try:   # NumPy 2: set the error state's context variable directly (0.2 us, not 0.8 us)
    from numpy._core._ufunc_config import _extobj_contextvar as _ERR_VAR
    from numpy._core.umath import _make_extobj
    _ERR_IGNORE = _make_extobj(all="ignore")
    _err_quiet = _ERR_VAR.set
    _err_restore = _ERR_VAR.reset
except (ImportError, AttributeError, TypeError):   # older NumPy: the public context manager
    _ERR_IGNORE = None

    def _err_quiet(_):
        ctx = np.errstate(all="ignore")
        ctx.__enter__()
        return ctx

    def _err_restore(ctx):
        ctx.__exit__(None, None, None)


def _cancelled(session, err):
    """The error of a run that failed: TF's "Run call was cancelled" where `session` was
    closed while the run was in flight and the failure is not the cancellation itself (a
    kernel reading the state the close released; TF's DirectSession keeps the first error
    of the step, then sets its own Cancelled where the step's cancellation callback ran)."""
    if session._closed and not isinstance(err, (errors.CancelledError,
                                                errors.DeadlineExceededError)):
        return errors.CancelledError(None, None, blocking.RUN_CANCELLED)
    return err


class _Deadline(threading.local):
    """`.at`: when this thread's run times out (time.monotonic()), None without a timeout
    (a class attribute: read before each loop iteration, it raises nothing in a thread that
    never set it)."""

    at = None


class RunContext:
    """Per-session state that stateful kernels bind to: variables, RNGs."""

    def __init__(self, session):
        self.variables = {}
        self.rngs = {}
        self.session = session
        self.lock = threading.RLock()
        self.keep_source = False
        self.deadline = _Deadline()   # RunOptions.timeout_in_ms of this thread's run
        self.xla_resident = None   # the plan's variables kept on the XLA device (xla/resident.py)
        # TF's ResourceMgr holds the default container "localhost" once anything was made
        # in it: a reference variable's kernel ran (its LegacyVar, even uninitialized), a
        # queue, Barrier, mutex or SparseTensorsMap, a resource variable (resource.py's
        # resource_names). A missing resource variable's NotFound message says which.
        self.container = False

    def resource(self, table, key, make):
        """The session's object `key` of `table` (a queue, Barrier, mutex or SparseTensorsMap:
        TF's ResourceMgr by container and name), made by `make()` on its first use; the
        check and the make run under the session's lock, so one object is made."""
        store = self.__dict__.setdefault(table, {})
        obj = store.get(key)
        if obj is None:
            with self.lock:
                obj = store.get(key)
                if obj is None:
                    obj = store[key] = make()
                    self.container = True
        return obj


class _SparsePartMissing:
    """A SparseTensor feed's part its value had no item for."""

    def __init__(self, value):
        self.value = value


def _split_sparse_feeds(values, positions):
    """Feed values with each composite key's value replaced by its parts: a SparseTensor's
    (a SparseTensorValue or an (indices, values, dense_shape) tuple) by its three, a key
    with `_feed_values` (a RaggedTensor) by what that returns. `positions` maps the index
    of each composite key to its `_feed_values` (None for a SparseTensor)."""
    out = []
    for i, v in enumerate(values):
        if i in positions:
            split = positions[i]
            if split is not None:
                out.extend(split(v))
                continue
            # TF zips (indices, values, dense_shape) with the value: an array feeds its
            # rows, checked in order (a dense array's first row is refused as indices)
            try:
                parts = [p for _, p in zip(range(3), v)]
            except TypeError:
                raise TypeError("zip argument #2 must support iteration") from None
            if len(parts) < 3:   # (TF leaves the rest unfed)
                parts += [_SparsePartMissing(v)] * (3 - len(parts))
            out.extend(parts)
        else:
            out.append(v)
    return out


def _utf8(val):
    """A string feed as TF's runtime sees it: str (and NumPy unicode) elements encoded as
    UTF-8 bytes, as TF's conversion of a NumPy array into a DT_STRING tensor does."""
    arr = np.asarray(val)
    if arr.dtype.kind == "U":
        return np.char.encode(arr, "utf-8").astype(object)
    arr = np.asarray(val, dtype=object)
    flat = arr.reshape(-1)
    if any(isinstance(x, str) for x in flat):
        arr = arr.copy()
        flat = arr.reshape(-1)
        for i, x in enumerate(flat):
            if isinstance(x, str):
                flat[i] = x.encode("utf-8")
    return arr


def _convert_feed(t, npdt, val):
    if isinstance(val, Tensor):
        raise TypeError("The value of a feed cannot be a tf.Tensor object. Acceptable "
                        "feed values include Python scalars, strings, lists, numpy "
                        "ndarrays, or TensorHandles. For reference, the tensor object "
                        f"was {val} which was passed to the feed with key {t}.")
    if isinstance(val, int) and not isinstance(val, bool) and npdt is not object:
        try:
            ok = np.array(val).astype(npdt) == val
        except OverflowError:
            ok = False
        if not ok:
            raise TypeError(
                f"Type of feed value {val} with type {type(val)} is not compatible "
                f"with Tensor type {t.dtype.base_dtype!r}. Try explicitly setting "
                "the type of the feed tensor to a larger type (e.g. int64).")
    try:
        if npdt is not object and np.dtype(npdt).kind in "iu":
            raw = np.asarray(val)
            if raw.dtype.kind in "iub":
                return raw.astype(npdt)
        if npdt is object and t.dtype.base_dtype.name == "string":
            return _utf8(val)
        return np.asarray(val, dtype=npdt)
    except (ValueError, TypeError) as e:
        # NumPy's message, first sentence (what TF 1.14's NumPy printed)
        msg = str(e).split(". ")[0]
        raise type(e)(msg if msg.endswith(".") or "'" in msg else msg + ".") from None


# ---------------------------------------------------------------------------------------
# Fetch structure
# ---------------------------------------------------------------------------------------
def _is_namedtuple(x):
    return isinstance(x, tuple) and hasattr(x, "_fields")


def _leaves(x):
    """TF's nest.flatten: lists, tuples (namedtuples) and dicts (sorted keys) walked."""
    if isinstance(x, dict):
        return [leaf for k in sorted(x) for leaf in _leaves(x[k])]
    if isinstance(x, (list, tuple)):
        return [leaf for c in x for leaf in _leaves(c)]
    return [x]


def _flatten_dict_items(feed_dict):
    """TF's nest.flatten_dict_items, as Session.run applies it to a feed_dict: a nested key
    (an RNN's state tuple) feeds its leaves from the value's leaves."""
    flat = {}
    for key, value in feed_dict.items():
        pairs = [(key, value)]
        if isinstance(key, (list, tuple)):
            keys, values = _leaves(key), _leaves(value)
            if len(keys) != len(values):
                raise ValueError("Could not flatten dictionary. Key had %d elements, but value "
                                 "had %d elements. Key: %s, value: %s."
                                 % (len(keys), len(values), keys, values))
            pairs = zip(keys, values)
        for k, v in pairs:
            if k in flat:
                raise ValueError("Could not flatten dictionary: key %s is not unique." % (k,))
            flat[k] = v
    return flat


_PLAIN_KEY_CLASSES = set()   # feed key classes neither nested nor composite (Tensor, str)


def _plain_feed_keys(feed_dict):
    """True when no key of `feed_dict` is a list / tuple of keys or a composite (SparseTensor):
    one set lookup per key of a class seen before (Session.run's common case)."""
    plain = _PLAIN_KEY_CLASSES
    for k in feed_dict:
        cls = k.__class__
        if cls not in plain:
            if issubclass(cls, (list, tuple)) or hasattr(cls, "_feed_components"):
                return False
            plain.add(cls)
    return True


def _short_sparse_feeds(feed_dict):
    """TF's Session.run zips a SparseTensor key's (indices, values, dense_shape) with its
    value: a value of fewer than three items feeds that many parts and leaves the rest
    unfed (a placeholder among them is TF's "You must feed a value" at run, a constant
    dense_shape of a sparse_placeholder given a shape is not). Such keys are replaced by
    the parts they feed, in place; other feeds are left as they are."""
    short = {}
    for k, v in feed_dict.items():
        if getattr(k, "_feed_components", None) is None or hasattr(k, "_feed_values"):
            continue
        try:
            n = len(v)
        except TypeError:   # (not a sequence: the plan zips it, as TF, and fails)
            continue
        if n < 3:
            short[k] = k._feed_components()[:n]
    if not short:
        return feed_dict
    out = {}
    for k, v in feed_dict.items():
        if k in short:
            out.update(zip(short[k], v))
        else:
            out[k] = v
    return out


def _check_branch_feed(t):
    """A tensor of a tf.cond branch that ops of the same branch read: TF 1.14 feeds them
    the value, flowgrad's branch plans would compute it (refused rather than ignored)."""
    conds = chain(t._op)
    if not conds:
        return
    b = branch_in(t._op, conds[0])
    if any(branch_in(c, conds[0]) == b for c in t._consumers):
        raise NotImplementedError(f"flowgrad does not implement feeding {t.name!r}, a tensor "
                                  "of a tf.cond branch that ops of the branch read (TF 1.14 "
                                  "feeds the value to them)")


class _FetchMapper:
    """Flattens a nested fetch structure into graph elements and rebuilds results."""

    def __init__(self, graph, fetches):
        self.graph = graph
        self.elements = []      # unique Tensors to fetch
        self.targets = []       # Operations to run
        self._index = {}
        self.build = self._map(fetches)

    def _element(self, f):
        if f is None:
            raise TypeError(f"Fetch argument None has invalid type {type(None)}")
        conv = getattr(f, "_fetch_components", None)
        if conv is not None:
            comps, rebuild = conv()
            builders = [self._element(c) for c in comps]
            return lambda r: rebuild([b(r) for b in builders])
        try:
            el = self.graph.as_graph_element(f, allow_tensor=True, allow_operation=True)
        except TypeError:
            raise TypeError(f"Fetch argument {f!r} has invalid type {type(f)}, must be a string "
                            "or Tensor. (Can not convert a "
                            f"{type(f).__name__} into a Tensor or Operation.)") from None
        except ValueError as e:
            raise ValueError(f"Fetch argument {f!r} cannot be interpreted as a Tensor. ({e})") \
                from None
        except KeyError as e:
            raise ValueError(f"Fetch argument {f!r} cannot be interpreted as a Tensor. "
                             f"({e})") from None
        op = el if isinstance(el, Operation) else el._op
        if op._id < 0 and type(op) is not Operation:
            raise tf_nodes.unsupported(op, "Fetching")
        if not self.graph.is_fetchable(op):   # (TF's _assert_fetchable: a target too)
            raise ValueError(f"Operation {op.name!r} has been marked as not fetchable.")
        if isinstance(el, Operation):
            if el not in self.targets:
                self.targets.append(el)
            return lambda r: None
        i = self._index.get(id(el))
        if i is None:
            i = self._index[id(el)] = len(self.elements)
            self.elements.append(el)
        return lambda r, i=i: r[i]

    def _map(self, f):
        if isinstance(f, (list, tuple)) and not isinstance(f, Tensor):
            subs = [self._map(x) for x in f]
            if _is_namedtuple(f):
                cls = type(f)
                return lambda r: cls(*[s(r) for s in subs])
            if isinstance(f, tuple):
                return lambda r: tuple(s(r) for s in subs)
            return lambda r: [s(r) for s in subs]
        if isinstance(f, collections.abc.Mapping):
            keys = list(f.keys())
            subs = [self._map(f[k]) for k in keys]
            cls = type(f)
            if cls in (dict, collections.OrderedDict):
                return lambda r: cls(zip(keys, [s(r) for s in subs]))
            return lambda r: cls(zip(keys, [s(r) for s in subs]))
        return self._element(f)


def _fetch_key(f):
    t = type(f)
    if t is Tensor or t is Operation or t is str:
        return f
    if t is list or t is tuple:
        return (t, tuple(_fetch_key(x) for x in f))
    if isinstance(f, collections.abc.Mapping):
        return (type(f), tuple((k, _fetch_key(v)) for k, v in f.items()))
    if _is_namedtuple(f):
        return (type(f), tuple(_fetch_key(x) for x in f))
    return f


# ---------------------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------------------
class _Plan:
    """A compiled (fetches, feeds) signature: feed checks, program, fetch packaging."""

    def __init__(self, session, mapper, feed_tensors, satisfied=frozenset()):
        self._satisfied = satisfied
        # Compiling builds ~10 objects per op and frees none: the cyclic GC would
        # rescan them all, again and again (a third of the time on 100k-op plans).
        gc_was_on = _gc.isenabled()
        _gc.disable()
        try:
            # (constant folding computes as the run's kernels do: TF's folds flush too)
            with fold_cache(), fpenv.flushing():   # each constant subgraph evaluated once
                self._build(session, mapper, feed_tensors)
        finally:
            if gc_was_on:
                _gc.enable()

    @engine_side
    def _build(self, session, mapper, feed_tensors):
        self.mapper = mapper
        self.feed_tensors = feed_tensors
        self._tier_lock = threading.RLock()
        graph = session.graph
        prog = lower(graph, mapper.elements, mapper.targets, feed_tensors, self._satisfied)
        prog = checked = races.check(prog, graph)
        options = session._config_options
        # (none of Grappler's rewrites in a run it refuses: a fed RNN state)
        grappler = grappler_options(options, feed_tensors)
        if grappler is options and options.get("constant_folding", True) and \
                loops_fail_grappler(prog, graph):
            grappler = grappler_off(options)   # (TF's Grappler fails: a loop's cycle)
        elif grappler is options and options.get("arithmetic", True) and \
                len(graph._flowgrad_operations()) >= MIN_GRAPH_NODES and \
                concat_hoist_cycle(prog, None, options.get("constant_folding", True)):
            grappler = grappler_off(options)   # (TF's Grappler fails: a Concat's cycle)
        prog = grappler_division(prog, graph, grappler)   # Div(x, c) -> Mul(x, 1/c)
        if grappler is not options:
            prog = mark_grappler_off(prog)   # (its loops' and conds' sub-plans too)
        if options.get("constant_folding", True):
            # what the Grappler rewrites folded (zero_muls' look at a Mul's constant
            # inputs: a Qr of a constant) is a Const for both tiers, not evaluated again
            prog = fold_cached(prog)
        self._session = session
        self._lowered = prog
        # Tiered like a JIT. First call: only the passes that bound memory
        # (FIRST_RUN_PASSES), then interpret: a one-shot run (initializers, time to
        # first result) pays for nothing else. Second call: every pass, then compile
        # the straight-line function and use it from then on. Passes are exact, so
        # both tiers give the same values.
        first = {name: on and name in FIRST_RUN_PASSES for name, on in options.items()}
        first["inplace"] = options.get("inplace", True)
        self._install(optimize_program(prog, first), tier=1)
        self.fn = self._first_call
        self.feed_specs = [(t, t.dtype.base_dtype.as_numpy_dtype, t.shape.as_tuple())
                           for t in feed_tensors]
        self.build = mapper.build
        self.handle_fetches = any(e.op.type in _handles.HANDLE_OPS for e in mapper.elements)
        self.takes_mutex = any(n.type == "MutexLock" for n in prog.nodes)
        self.simple = len(mapper.elements) == 1 and not mapper.targets
        self._memory = None
        # XLA (engine/runtime/xla): the lowered program, compiled in the background from
        # the second run on (a one-shot plan is never compiled; before the first run with
        # FLOWGRAD_XLA_SYNC=1)
        mode = session._xla_mode
        # (with tf.gradients' AddN order: Grappler's name order would keep a chain's
        # accumulations from rolling into one loop; XLA's sums are not TF's bits anyway)
        self._xla_program = grappler_division(checked, graph, dict(grappler, addn_order=False)) \
            if xla.switch.wants_xla(prog, mode, session._gpu_ops) else None
        self.xla_build = None
        if self._xla_program is not None and xla.sync_compile():
            self._start_xla()

    def _start_xla(self):
        prog, self._xla_program = self._xla_program, None
        if prog is not None:
            self.xla_build = xla.switch.start(self, prog, self._session._xla_mode,
                                              sync=xla.sync_compile())

    def _switch_to_xla(self, compiled, fn):
        """Installs the clustered program (engine/runtime/xla/switch.py, when compiled)."""
        with self._tier_lock:
            prog = compiled.program
            self.program = prog
            self.tier = 3
            self.compiled = compiled
            self.copy_out = [v in prog.persistent for v in prog.fetches]
            feeds = set(prog.feeds)
            self.scalar_out = [v not in feeds for v in prog.fetches]
            self._memory = None
            self._lowered = None
            self.fn = fn

    def _install(self, prog, tier):
        self.program = prog
        self.tier = tier
        self.compiled = CompiledProgram(prog, self._session._ctx,
                                        inplace=self._session._config_options.get("inplace",
                                                                                  True))
        self.copy_out = [v in prog.persistent for v in prog.fetches]
        # A fetched value that is a feed comes back as the converted feed array (a 0-d
        # array stays an array, as in TF); every other 0-d value becomes a NumPy scalar.
        feeds = set(prog.feeds)
        self.scalar_out = [v not in feeds for v in prog.fetches]
        self._memory = None

    def upgrade(self) -> None:
        """Runs every optimizer pass on the lowered program (tier 2), once."""
        with self._tier_lock:   # runs from several threads (queue runners) are safe
            if self.tier >= 2:
                return
            gc_was_on = _gc.isenabled()
            _gc.disable()
            try:
                self._install(optimize_program(self._lowered, self._session._config_options),
                              tier=2)
            finally:
                if gc_was_on:
                    _gc.enable()
            self._lowered = None
            if self.fn == self._first_call:
                self.fn = self._second_call

    def _first_call(self, feeds):
        self.fn = self._second_call
        if threads.uses_blas({n.type for n in self.program.nodes}):
            # the thread budget from the first run, as later runs: a set
            # intra_op_parallelism_threads (OpenBLAS's results depend on its thread count),
            # else the cores other processes leave free (an initializer's QR of 4608x512
            # at load 8: 17 s on OpenBLAS's 2 spinning threads, 0.7 s on one)
            return threads.guard_blas(self.compiled.interpret, self._session._intra_op)(feeds)
        return self.compiled.interpret(feeds)

    def _second_call(self, feeds):
        if self._xla_program is not None:
            self._start_xla()
        with self._tier_lock:
            if self.fn == self._second_call:
                self.upgrade()
                gc_was_on = _gc.isenabled()
                _gc.disable()
                try:
                    fn = self.compiled.compile()
                finally:
                    if gc_was_on:
                        _gc.enable()
                parallel, inter = self._parallel_plan()
                if threads.uses_blas({n.type for n in self.program.nodes}):
                    fn = threads.guard_blas(fn, self._session._intra_op, parallel, inter)
                self.fn = fn
        return self.fn(feeds)

    def _parallel_plan(self):
        """(the inter-op runner of this plan or None, the session's inter-op setting)."""
        inter = self._session._inter_op
        if inter == 1:
            return None, inter
        nodes = interop.async_nodes(self.program, self.compiled.analysis)
        if not nodes:
            return None, inter
        workers = inter - 1 if inter >= 2 else max(1, threads.cpu_count() - 1)
        return interop.ParallelPlan(self.compiled, nodes, workers), inter

    @property
    def memory(self) -> dict:
        """The static peak-memory estimate of this plan (see CompiledProgram.estimate_memory)."""
        if self._memory is None:
            self._memory = self.compiled.estimate_memory()
        return self._memory

    @property
    def estimated_peak_bytes(self) -> int:
        return self.memory["peak_bytes"]

    sparse_feeds = None  # {position: splitter} of composite feed keys (SparseTensor, ...)

    def convert_feeds(self, values, check_shapes: bool = True) -> list[np.ndarray]:
        """Converts feed values to arrays of the fed tensors' dtypes; checks their shapes.

        As in TF 1.14: a Python int that does not fit the dtype is a TypeError,
        integer arrays are cast (wrapping), a value NumPy cannot convert is a
        ValueError, and a shape the tensor does not accept is a ValueError (unless
        `check_shapes` is False: TF checks it in Python's Session.run only).
        """
        if self.sparse_feeds is not None:
            values = _split_sparse_feeds(values, self.sparse_feeds)
        out = []
        for (t, npdt, dims), val in zip(self.feed_specs, values):
            if isinstance(val, _SparsePartMissing):
                raise TypeError(f"The value of a SparseTensor feed must be a "
                                f"SparseTensorValue or a 3-tuple, got {val.value!r}")
            if type(val) is np.ndarray and val.dtype == npdt and npdt is not object:
                arr = val  # (an object array may hold str: _convert_feed encodes them)
            else:
                arr = _convert_feed(t, npdt, val)
            if dims is not None and check_shapes:
                s = arr.shape
                if len(s) != len(dims) or any(d is not None and d != x for d, x in zip(dims, s)):
                    raise ValueError(f"Cannot feed value of shape {s!r} for Tensor {t.name!r}, "
                                     f"which has shape {str(t.shape)!r}")
            out.append(arr)
        return out

    def _fetch_error(self, r, k):
        """An uninitialized variable fetched as it is: TF's executor fails in the fetch's
        `_retval_<op>_<output>_<index>` node (index: its place among the sorted fetch
        names), which is not an op of the graph (no op is named)."""
        err = r.error()
        elems = self.mapper.elements
        if len(elems) == len(self.copy_out):
            t = elems[k]
            if t.op.type not in _VARIABLE_OPS:   # a read (Identity) passed it on: its error
                return decorate(err, Named(t.op))
            idx = sorted({e.name for e in elems}).index(t.name)
            msg = f"{err.message}\n\t [[{{{{node _retval_{t.op.name}_{t.value_index}_{idx}}}}}]]"
            err._message = msg
            err.args = (msg,)
        return err

    def package(self, results):
        copy_out, scalar_out = self.copy_out, self.scalar_out
        vals = []
        for r, c, s in zip(results, copy_out, scalar_out):
            if type(r) is np.ndarray:
                if r.ndim == 0 and s:
                    r = r[()]
                elif not r.flags.c_contiguous:
                    # TF's tensors are row-major: a kernel's strided view (a transpose's,
                    # and what NumPy's ops keep of its layout) is copied, so the value's
                    # own NumPy sums add in the order they do on TF's arrays
                    r = np.ascontiguousarray(r)
                elif c:
                    r = r.copy()
            elif type(r) is Uninitialized:
                raise self._fetch_error(r, len(vals))
            elif r is DEAD:   # read from a tf.cond branch that did not run
                raise dead_error()
            elif hasattr(type(r), "fetched"):   # a handle object: the value TF fetches
                r = r.fetched()
            vals.append(r)
        return self.build(vals)


_VARIABLE_OPS = frozenset(("VariableV2", "Variable", "VarHandleOp"))


class _StageFetches:
    """A partial run stage's fetches (the step's ops, not the user's: no fetch checks)."""

    def __init__(self, elements, targets):
        self.elements, self.targets = list(elements), targets
        self.build = list


class _FeedConverter:
    """The feed checks of a plan (_Plan.convert_feeds) for feeds no plan holds yet."""

    sparse_feeds = None

    def __init__(self, feed_specs):
        self.feed_specs = feed_specs


# ---------------------------------------------------------------------------------------
# Session
# ---------------------------------------------------------------------------------------
def _timeline_labels(program, feed_tensors):
    """TF's timeline labels "name = Type(input, ...)" of a plan's nodes: an input is its
    producer's name ("name:k" for output k > 0), a fed value the fed tensor's op name."""
    source = {}
    for v, t in zip(program.feeds, feed_tensors):
        source[v] = t.op.name if t.value_index == 0 else f"{t.op.name}:{t.value_index}"
    labels = []
    for n in program.nodes:
        for k, v in enumerate(n.outputs):
            source[v] = n.name if k == 0 else f"{n.name}:{k}"
        labels.append(f"{n.name} = {n.type}({', '.join(source.get(v, '?') for v in n.inputs)})")
    return labels


def _node_output(slot, desc):
    dtype, dims, nbytes = desc
    try:
        enum = "DT_" + dtypes.as_dtype(dtype).name.upper()
    except TypeError:
        enum = "DT_STRING"
    td = TensorDescription(dtype=enum.replace("DT_FLOAT32", "DT_FLOAT").replace(
        "DT_FLOAT64", "DT_DOUBLE").replace("DT_FLOAT16", "DT_HALF"), dims=list(dims))
    td.allocation_description = AllocationDescription(requested_bytes=int(nbytes),
                                                      allocator_name="cpu")
    return NodeOutput(slot=slot, tensor_description=td)


# Session targets served outside this module: prefix -> factory(session, target) giving an
# object whose run(fetches, feed_dict, options, run_metadata) runs the session's steps
# (flowgrad.distribute registers "grpc://", the targets of its tf.train.Server)
TARGET_RUNNERS: dict = {}


# TF 1.14's CPU device computes on one Eigen thread pool per process (LocalDevice's
# global_tp_info_), sized by the intra_op_parallelism_threads of the first session's
# config (0: the host's cores); a later session's setting changes nothing, unless
# TF_OVERRIDE_GLOBAL_THREADPOOL is true when the first session starts (read once: each
# session then sizes its own). The kernels whose bits depend on that pool's size (MatMul,
# Conv2D, Sum...) read Session._intra_op.
_DEVICE_POOL: list = []      # [the first session's setting, whether the variable is set]
_DEVICE_POOL_LOCK = threading.Lock()


def _env_bool(name):
    """TF's ReadBoolFromEnvVar: "1" / "true" (any case) true, unset / "0" / "false" false,
    anything else false (TF logs an error)."""
    return os.environ.get(name, "").lower() in ("1", "true")


def device_intra_op(config) -> int:
    """The intra-op pool size (0: not set) TF 1.14's kernels run with in a new session of
    `config`: the first session's in this process (see _DEVICE_POOL)."""
    with _DEVICE_POOL_LOCK:
        if not _DEVICE_POOL:
            _DEVICE_POOL.extend([threads.intra_op_threads(config),
                                 _env_bool("TF_OVERRIDE_GLOBAL_THREADPOOL")])
        first, override = _DEVICE_POOL
    return threads.intra_op_threads(config) if override else first


class BaseSession:
    def __init__(self, target: str = "", graph: Graph | None = None,
                 config: ConfigProto | None = None):
        if graph is None:
            graph = get_default_graph()
        elif not isinstance(graph, Graph):
            raise TypeError(f"graph must be a tf.Graph, but got {type(graph)}")
        self._graph = graph
        heap.tune()   # glibc keeps the steps' arrays for reuse (heap.py)
        if config is None:     # TF 1.14: context.context().config (tf.config's settings)
            config = _context.session_config()
        self._config = config
        self._config_options = options_from_config(config)
        self._intra_op = device_intra_op(config)   # 0: TF's default (flowgrad's budget chooses)
        self._inter_op = threads.inter_op_setting(config)   # 1: serial, N, 0: budget chooses
        self._xla_mode = xla.mode_for(config)   # "auto" / "scope" (engine/runtime/xla)
        self._xla_builds = []
        self._placed = 0        # graph ops placed so far (placement.py); _gpu_ops: op -> GPU
        self._gpu_ops = {}
        if config is not None and config.log_device_placement:
            print(placement.device_mapping(config), flush=True)
        self._ctx = RunContext(self)
        self._dead_handles = []
        self._delete_lock = threading.Lock()
        self._plans = {}
        self._closed = False
        self._compile_lock = threading.Lock()
        self._default_ctx = None
        self.target = target
        self._runner = None
        if target:
            factory = next((f for p, f in TARGET_RUNNERS.items()
                            if isinstance(target, str) and target.startswith(p)), None)
            if factory is not None:
                self._runner = factory(self, target)

    @property
    def graph(self) -> Graph:
        return self._graph

    @property
    def graph_def(self):
        return self._graph.as_graph_def()

    @property
    def sess_str(self) -> str:
        return self.target

    def list_devices(self) -> list:
        """TF 1.14's local devices: ConfigProto.device_count["CPU"] CPUs (at least one),
        the XLA_CPU device TF's wheel registers, then the stand-in GPUs (placement)."""
        gpus = placement.gpu_list(self._config)
        local = "/job:localhost/replica:0/task:0/device:"
        return [_DeviceAttributes(f"{local}CPU:{i}", "CPU")
                for i in range(placement.cpu_count(self._config))] + [
            _DeviceAttributes(f"{local}XLA_CPU:0", "XLA_CPU")] + [
            _DeviceAttributes(f"{local}GPU:{i}", "GPU") for i in range(len(gpus))]

    def as_default(self) -> ContextManager[BaseSession]:
        return _default_session_stack.get_controller(self)

    def close(self) -> None:
        self._closed = True
        for close_resource in self._ctx.__dict__.pop("on_close", ()):
            close_resource()   # e.g. summary writers: flush and close their event files
        self._plans.clear()
        for partial in ("_partial_runs", "_prun_plans"):
            self.__dict__.pop(partial, None)
        self._ctx.xla_resident = None
        self._ctx.variables.clear()
        _handles.store_of(self._ctx).clear()   # the session's persistent tensors
        if self._runner is not None:
            self._runner.close()

    def __del__(self):
        pass

    # -- run --------------------------------------------------------------------------
    def run(self, fetches, feed_dict: dict | None = None, options: RunOptions | None = None,
            run_metadata: RunMetadata | None = None) -> Any:
        """Runs the ops that `fetches` need and returns their values, shaped as `fetches`.

        Args:
          fetches: a graph element, a name, or any nesting of lists, tuples,
            namedtuples and dicts of them. Operations fetch None.
          feed_dict: maps feedable tensors (or their names) to values.
        Returns:
          NumPy values with the structure of `fetches`.
        Raises:
          RuntimeError: the session is closed or its graph is empty.
          TypeError, ValueError: bad fetch or feed (naming it).
          tf.errors.OpError: an op failed while running (naming it).
        """
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        if feed_dict and not isinstance(feed_dict, _abc.Mapping):   # nest.flatten_dict_items
            raise TypeError("input must be a dictionary")
        if feed_dict and not _plain_feed_keys(feed_dict):
            if any(isinstance(k, (list, tuple)) for k in feed_dict):
                feed_dict = _flatten_dict_items(feed_dict)
            feed_dict = _short_sparse_feeds(feed_dict)
        if self._runner is not None:
            return self._runner.run(fetches, feed_dict, options, run_metadata)
        return self._local_run(fetches, feed_dict, options, run_metadata)

    def _run_callable(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """run() as TF 1.14 runs a callable made from CallableOptions (Keras's functions,
        session._make_callable_from_options): the fed values are not checked against the
        tensors' static shapes (TF's Python Session.run checks them; the C++ callable
        feeds the value as it is, and an op reading it fails, or not, at run time)."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        if self._runner is not None:
            return self._runner.run(fetches, feed_dict, options, run_metadata)
        return self._local_run(fetches, feed_dict, options, run_metadata, check_shapes=False)

    def _local_run(self, fetches, feed_dict, options, run_metadata, check_shapes=True):
        keys = tuple(feed_dict) if feed_dict else ()
        plan = self._cached_plan(fetches, keys)
        fed_handles = None
        if keys and any(isinstance(v, _handles.TensorHandle) for v in feed_dict.values()):
            feed_dict, fed_handles = self._handle_feeds(plan, feed_dict)
        feeds = plan.convert_feeds(feed_dict.values(), check_shapes) if keys else ()
        feeders = self._graph.__dict__.get("_handle_feeders") if keys else None
        if feeders:   # TF parses the device of a handle fed to a get_session_tensor holder
            for k, v in feed_dict.items():
                if isinstance(k, (Tensor, str)):
                    t = self._graph.as_graph_element(k, allow_tensor=True,
                                                     allow_operation=False)
                    if t.op.name in feeders:
                        _handles.check_handle_feed(v)
        if trace_session.ACTIVE is not None:   # a profiling session traces every run
            results = self._execute_profiled(plan, feeds, run_metadata, options)
        else:
            results = self._execute(plan, feeds, run_metadata, options)
        if plan.handle_fetches or fed_handles:
            results = self._handle_results(plan, list(results), fed_handles)
        return plan.package(results)

    # -- persistent tensors (engine/ops/session_handles.py) -----------------------------
    def _handle_feeds(self, plan, feed_dict):
        """A TensorHandle fed for a tensor feeds the tensor the session stores for it."""
        out, fed = {}, {}
        # TF runs nothing when every fetch is fed (no _Arg kernel checks the fed type)
        fed_ids = {id(t) for t in plan.feed_tensors}
        runs = bool(plan.mapper.targets) or any(
            id(e) not in fed_ids for e in plan.mapper.elements)
        for k, v in feed_dict.items():
            if isinstance(v, _handles.TensorHandle):
                t = k if isinstance(k, Tensor) else self._graph.as_graph_element(
                    k, allow_tensor=True, allow_operation=False)
                i = next(j for j, f in enumerate(plan.feed_tensors) if f is t)
                value = v._stored_value()
                want = t.dtype.base_dtype
                got = dtypes.string if value.dtype == object else dtypes.as_dtype(value.dtype)
                if got != want and runs:
                    raise errors.InvalidArgumentError(
                        None, None, f"Expects arg[{i}] to be {_handles._type_name(want)} but "
                        f"{_handles._type_name(got)} is provided")
                fed[t] = v
                v = value
            out[k] = v
        return out, fed

    def _handle_results(self, plan, results, fed_handles):
        """TF's fetch handler: a fetched handle as a TensorHandle; a fetched tensor fed
        with a TensorHandle as that handle's value (its eval())."""
        for i, el in enumerate(plan.mapper.elements):
            if fed_handles and el in fed_handles:
                results[i] = fed_handles[el].eval()
            if el.op.type in _handles.HANDLE_OPS:
                r = results[i]
                if type(r) is np.ndarray:
                    r = r[()]
                results[i] = _handles.TensorHandle(r, el.op.inputs[0].dtype.base_dtype, self)
        return results

    _DEAD_HANDLES_THRESHOLD = 10

    def _register_dead_handle(self, handle):
        """TF: a TensorHandle collected registers its tensor; every 10th registration
        deletes the 10 registered tensors in one run."""
        to_delete = None
        with self._delete_lock:
            self._dead_handles.append(handle)
            if len(self._dead_handles) == self._DEAD_HANDLES_THRESHOLD:
                to_delete, self._dead_handles = self._dead_handles, []
        if to_delete:
            feeds, fetches = {}, []
            for key, h in enumerate(to_delete):
                holder, deleter = _handles.deleter_for(self.graph, key, h)
                feeds[holder] = h
                fetches.append(deleter)
            self.run(fetches, feed_dict=feeds)

    def _execute_profiled(self, plan, feeds, run_metadata, options):
        prof = trace_session.ACTIVE
        traced = RunOptions(trace_level=RunOptions.FULL_TRACE,
                            timeout_in_ms=getattr(options, "timeout_in_ms", 0))
        md = run_metadata if run_metadata is not None else RunMetadata()
        start = int(time.time() * 1e6)
        results = self._execute(plan, feeds, md, traced)
        if prof is not None:
            prof.add(start, int(time.time() * 1e6), md)
        return results

    def _cached_plan(self, fetches, keys):
        """The plan for (fetches, feed keys): from the cache, else compiled and cached."""
        key = (_fetch_key(fetches), keys) if keys else _fetch_key(fetches)
        try:
            plan = self._plans.get(key)
        except TypeError:   # unhashable fetch structure: compile, don't cache
            plan, key = None, None
        if plan is None:
            plan = self._compile(fetches, keys)
            if key is not None:
                self._plans[key] = plan
        elif len(self._graph._ops) != self._placed:   # ops added since: TF places them now
            with self._compile_lock:
                self._place_new_ops()
        return plan

    def _place_new_ops(self):
        """TF places the graph's new ops at a run (any run: a failure fails every run)."""
        ops = self._graph._ops
        if len(ops) != self._placed:
            placement.place(ops[min(self._placed, len(ops)):], self._config, self._gpu_ops,
                            local=not self.target and self._runner is None)
            self._placed = len(ops)

    def _execute(self, plan, feeds, run_metadata=None, options=None):
        resident = self._ctx.xla_resident
        if resident is not None and resident.owner is not plan:
            resident.flush()     # another plan may read the variables: host buffers current
        if run_metadata is not None or options is not None:
            return self._execute_with_metadata(plan, feeds, run_metadata, options)
        token = _err_quiet(_ERR_IGNORE)
        env = fpenv.start()   # TF's threads compute with FTZ|DAZ (framework/fpenv.py)
        try:
            out = plan.fn(feeds)
        except Exception as e:  # noqa: BLE001 - every kernel failure becomes an OpError
            # TF still runs the nodes that do not depend on the failed one
            plan.compiled.finish_failed_run(e.__traceback__)
            raise _cancelled(self, plan.compiled.translate_error(e)) from None
        finally:
            _err_restore(token)
            if plan.takes_mutex:   # TF frees a lock no ConsumeMutexLock took with the run
                release_run_locks(self._ctx)
            if "temporary_variables" in self._ctx.__dict__:   # (TF's step resources)
                end_step(self._ctx)
            end_run(self._ctx)   # (the loops' kept iterations are this run's)
            fpenv.restore(env)
        if self._closed:   # closed while the run was in flight (run() checks it before)
            raise errors.CancelledError(None, None, blocking.RUN_CANCELLED)
        return out

    def _execute_with_metadata(self, plan, feeds, run_metadata, options):
        """A run with RunOptions/RunMetadata: FULL_TRACE runs node by node, timing each."""
        timeout = getattr(options, "timeout_in_ms", 0) if options is not None else 0
        if timeout > 0 and getattr(self._ctx.deadline, "at", None) is None:
            # blocking kernels (queues) raise DeadlineExceededError past it
            self._ctx.deadline.at = at = time.monotonic() + timeout / 1000.0
            try:
                out = self._execute_with_metadata(plan, feeds, run_metadata, options)
            except errors.OpError:
                if time.monotonic() <= at:
                    raise
                out = None   # the step's cancellation errors come after the session's
            finally:
                self._ctx.deadline.at = None
            if time.monotonic() > at:   # TF's WaitForNotification timed out: the run's
                # results are dropped (its kernels ran to their end, or a loop's next check)
                raise errors.DeadlineExceededError(None, None, blocking.TIMED_OUT)
            return out
        plan.upgrade()  # metadata describes the fully optimized plan
        comp = plan.compiled
        # TF's DirectSession collects step stats for a trace and for
        # report_tensor_allocations_upon_oom (its StepStatsCollector reports the tensors)
        trace = options is not None and (getattr(options, "trace_level", 0) >= 1 or bool(
            getattr(options, "report_tensor_allocations_upon_oom", False)))
        if not trace:
            out = self._execute(plan, feeds)
        else:
            run = comp.run_traced
            if threads.uses_blas({n.type for n in comp.program.nodes}):
                # the thread budget a plan's runs get (a traced MatMul beside busy
                # processes otherwise waits on descheduled BLAS workers: 45 ms, not 0.1)
                run = threads.guard_blas(run, self._intra_op)
            with _errstate(all="ignore"), fpenv.flushing():
                try:
                    out, records, peak = run(feeds)
                except Exception as e:  # noqa: BLE001
                    raise _cancelled(self, comp.translate_error(e)) from None
                finally:
                    if plan.takes_mutex:
                        release_run_locks(self._ctx)
                    if "temporary_variables" in self._ctx.__dict__:
                        end_step(self._ctx)
                    end_run(self._ctx)
            if self._closed:
                raise errors.CancelledError(None, None, blocking.RUN_CANCELLED)
        if run_metadata is not None and hasattr(run_metadata, "_record"):
            run_metadata._record(plan)
            if trace:
                start = int(time.time() * 1e6)
                dev = DeviceStepStats(device="/job:localhost/replica:0/task:0/device:CPU:0")
                labels = _timeline_labels(comp.program, plan.feed_tensors)
                dev.node_stats = [NodeExecStats(
                    node_name=name, op_type=ty, all_start_micros=start + int(t0),
                    op_start_rel_micros=0, op_end_rel_micros=round(t1 - t0),
                    all_end_rel_micros=round(t1 - t0), output_bytes=b, live_bytes=live,
                    timeline_label=label, output=[_node_output(k, d) for k, d in enumerate(ds)])
                    for (name, ty, t0, t1, b, live, ds), label in zip(records, labels)]
                run_metadata.step_stats.dev_stats = [dev]
                run_metadata.peak_bytes = peak
        return out

    def _resolve_feed_keys(self, keys):
        tensors = []
        for k in keys:
            parts = getattr(k, "_feed_components", None)
            if parts is not None:  # a SparseTensor: its indices, values and dense_shape
                tensors.extend(self._resolve_feed_keys(parts()))
                continue
            try:
                t = self._graph.as_graph_element(k, allow_tensor=True, allow_operation=False)
            except Exception as e:  # noqa: BLE001
                msg = e.args[0] if isinstance(e, KeyError) and e.args else e
                raise TypeError(f"Cannot interpret feed_dict key as Tensor: {msg}") from None
            if not self._graph.is_feedable(t):
                raise ValueError(f"Tensor {t} may not be fed.")
            _check_branch_feed(t)
            tensors.append(t)
        return tensors

    def _compile(self, fetches, feed_keys):
        with self._compile_lock:
            if self._graph._version == 0 and not self._graph._ops:
                raise RuntimeError("The Session graph is empty.  Add operations to the graph "
                                   "before calling run().")
            mapper = _FetchMapper(self._graph, fetches)
            feeds = self._resolve_feed_keys(feed_keys)
            self._place_new_ops()
            plan = _Plan(self, mapper, feeds)
            sparse = {i: getattr(k, "_feed_values", None) for i, k in enumerate(feed_keys)
                      if hasattr(k, "_feed_components")}
            if sparse:
                plan.sparse_feeds = sparse
            return plan

    def partition_callable(self, fetch_tensors, target_ops, feed_tensors, satisfied):
        """A function(feed values) -> fetched arrays running one partition of a distributed
        step in this session (flowgrad.distribute): control edges to `satisfied` ops count
        as met (they ran elsewhere in the step)."""
        with self._compile_lock:
            mapper = _FetchMapper(self._graph, list(fetch_tensors) + list(target_ops))
            plan = _Plan(self, mapper, list(feed_tensors), frozenset(satisfied))
        execute = self._execute

        def run(values):
            return plan.package(execute(plan, plan.convert_feeds(values)))[:len(fetch_tensors)]
        return run

    def make_callable(self, fetches, feed_list=None,
                      accept_options: bool = False) -> Callable[..., Any]:
        """Returns a function running `fetches` with positional feeds for `feed_list`."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        feed_list = list(feed_list or [])
        if self._runner is not None:
            session = self

            def _remote_callable(*args, **kwargs):
                return session.run(fetches, dict(zip(feed_list, args)))
            return _remote_callable
        plan = self._compile(fetches, feed_list)
        plan.upgrade()  # a callable is made to run many times: optimize fully now
        package, convert = plan.package, plan.convert_feeds
        execute = self._execute
        session = self
        if plan.handle_fetches and not isinstance(fetches, Tensor):
            # TF: fetched handles as TensorHandles, except a single Tensor's raw string
            def package(results, _package=plan.package):
                return _package(session._handle_results(plan, list(results), None))

        if not feed_list:
            def _callable(*args, **kwargs):
                if session._closed:
                    raise RuntimeError("Attempted to use a closed Session.")
                return package(execute(plan, (), kwargs.get("run_metadata"), kwargs.get("options")))
        else:
            n = len(feed_list)

            def _callable(*args, **kwargs):
                if session._closed:
                    raise RuntimeError("Attempted to use a closed Session.")
                if len(args) != n:  # as TF: the values are zipped with feed_list
                    return session.run(fetches, dict(zip(feed_list, args)), **kwargs)
                # TF (_generic_run): options and run_metadata go to run, FULL_TRACE included
                return package(execute(plan, convert(args), kwargs.get("run_metadata"),
                                       kwargs.get("options")))
        _callable.plan = plan
        return _callable

    # -- partial runs (partial_run.py) --------------------------------------------------
    @property
    def _place_pruned_graph(self) -> bool:
        opts = getattr(self._config, "graph_options", None)
        return bool(getattr(opts, "place_pruned_graph", False))

    def partial_run_setup(self, fetches, feeds=None) -> str:
        """Sets up a step fed in several partial_run calls; returns its handle.

        As TF 1.14: the ops that need no feed run now, each later call runs the ops its
        feeds make computable, and every op runs at most once per handle.
        """
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        graph = self._graph
        if graph._version == 0 and not graph._ops:
            raise RuntimeError("The Session graph is empty.  Add operations to the graph "
                               "before calling run().")
        feed_list = []
        for feed in (feeds if isinstance(feeds, (list, tuple)) else
                     [] if feeds is None else [feeds]):
            parts = getattr(feed, "_feed_components", None)
            for sub in (parts() if parts is not None else [feed]):
                try:
                    feed_list.append(graph.as_graph_element(sub, allow_tensor=True,
                                                            allow_operation=False))
                except Exception as e:  # noqa: BLE001 - TF 1.14's Python 3 bug: e.message
                    raise AttributeError(f"{type(e).__name__!r} object has no attribute "
                                         "'message'") from None
        mapper = _FetchMapper(graph, fetches)
        counter = self.__dict__.get("_prun_counter", 0)
        self._prun_counter = counter + 1
        names = [t.name for t in feed_list]
        fetched = [t.name for t in mapper.elements]
        targets = [op.name for op in mapper.targets]
        if not fetched and not targets:
            raise errors.InvalidArgumentError(None, None, _prun.SETUP_EMPTY)
        if len(set(names)) != len(names):
            dup = next(n for i, n in enumerate(names) if n in names[:i])
            raise errors.InvalidArgumentError(None, None, f'Endpoint "{dup}" fed more than once.')
        both = next((n for n in fetched if n in names), None)
        if both is not None:
            raise errors.InvalidArgumentError(None, None, f"{both} is both fed and fetched.")
        keys = self.__dict__.setdefault("_prun_keys", set())
        key = f"{','.join(names)}->{','.join(fetched)}/{','.join(targets)}/1/"
        sorted_key = (f"{','.join(sorted(names))}->{','.join(sorted(fetched))}/"
                      f"{','.join(sorted(targets))}/1/")
        handle = f"{key if key in keys else sorted_key};{counter}"
        keys.update((key, sorted_key))
        state = _prun.PartialRun(feed_list, mapper.elements, mapper.targets)
        try:   # TF's executor starts now: what needs no feed runs at setup
            self._partial_stage(state)
        except errors.OpError as e:   # (TF reports it to the next partial_run)
            state.error = e
        self.__dict__.setdefault("_partial_runs", {})[handle] = state
        return handle

    def partial_run(self, handle, fetches, feed_dict=None) -> Any:
        """Feeds more of a partial run's feeds and fetches values it can compute now."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        if feed_dict and not isinstance(feed_dict, _abc.Mapping):
            raise TypeError("input must be a dictionary")
        if feed_dict and any(isinstance(k, (list, tuple)) for k in feed_dict):
            feed_dict = _flatten_dict_items(feed_dict)
        keys = tuple(feed_dict) if feed_dict else ()
        tensors = self._resolve_feed_keys(keys)
        values = []
        if keys:   # TF's Python checks and conversions, before the step sees them
            conv = _FeedConverter([(t, t.dtype.base_dtype.as_numpy_dtype, t.shape.as_tuple())
                                   for t in tensors])
            sparse = {i: getattr(k, "_feed_values", None) for i, k in enumerate(keys)
                      if hasattr(k, "_feed_components")}
            if sparse:
                conv.sparse_feeds = sparse
            values = _Plan.convert_feeds(conv, feed_dict.values())
        mapper = _FetchMapper(self._graph, fetches)
        if mapper.targets:
            raise RuntimeError("partial_run() requires empty target_list.")
        if not mapper.elements and not keys:
            return mapper.build([])
        state = self.__dict__.get("_partial_runs", {}).get(handle)
        if state is None:
            raise errors.InvalidArgumentError(None, None, _prun.NO_SETUP)
        feed_names = [t.name for t in tensors]
        fetch_names = [t.name for t in mapper.elements]
        state.check_call(feed_names, fetch_names)
        state.check_fetch(feed_names, mapper.elements, self._place_pruned_graph)
        try:
            if state.error is not None:
                raise state.error
            for t, v in zip(tensors, values):
                state.values[t] = v
            state.fed.update(feed_names)
            self._partial_stage(state)
            results = [state.results[t] for t in mapper.elements]
        except BaseException:
            del self._partial_runs[handle]   # (TF drops a step that failed)
            raise
        state.fetched.update(fetch_names)
        for t in mapper.elements:   # (a fetch is returned once)
            del state.results[t]
        if state.done():
            del self._partial_runs[handle]
        return mapper.build(results)

    def _partial_stage(self, state) -> None:
        """Runs the ops of a partial run that its feeds so far make computable (one plan
        of the run path, cached by what it reads, runs and keeps, and what ran before)."""
        stage = state.stage()
        if stage is None:
            return
        ready, reads, keep = stage
        cache = self.__dict__.setdefault("_prun_plans", {})
        key = (tuple(keep), tuple(reads), frozenset(op._id for op in ready),
               frozenset(state.ran))
        plan = cache.get(key)
        if plan is None:
            ran = state.ran
            satisfied = frozenset(op for op in state.order if op._id in ran)
            now = {op._id for op in ready}
            read_by = {t._op._id for op in ready for t in op._inputs}
            read_by.update(c._id for op in ready for c in op._control_inputs)
            kept = set(keep)
            targets = [op for op in ready if op._id not in read_by and
                       not any(t in kept for t in op._outputs)]
            with self._compile_lock:
                self._place_new_ops()
                plan = _Plan(self, _StageFetches(keep, targets), list(reads), satisfied)
            plan.prun_now = now
            cache[key] = plan
        results = self._execute(plan, plan.convert_feeds([state.values[t] for t in reads]))
        state.ran |= plan.prun_now
        # (kept as the kernels gave them: a variable's read shares its buffer, so a later
        # call reads the variable as it is then, as TF's Identity of a reference does)
        state.store(keep, results[:len(keep)], self._graph._branch_of)
        fetches = state.setup_fetches
        state.results.update((t, v) for t, v in zip(keep, plan.package(results))
                             if t in fetches)

    def __enter__(self) -> BaseSession:
        # As TF: `with Session(graph=g)` makes g the default graph and self the default session.
        self._graph_enter_ctx = self._graph.as_default()
        self._graph_enter_ctx.__enter__()
        self._default_ctx = self.as_default()
        self._default_ctx.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        if self._default_ctx is not None:
            self._default_ctx.__exit__(exc_type, exc, tb)
            self._default_ctx = None
        ctx = getattr(self, "_graph_enter_ctx", None)
        if ctx is not None:
            ctx.__exit__(exc_type, exc, tb)
            self._graph_enter_ctx = None
        self.close()
        return False


class Session(BaseSession):
    """A TF 1.x session running one graph on the NumPy backend.

    >>> with tf.Session() as sess:
    ...     sess.run(tf.constant(2.0) * 3.0)
    6.0
    """

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)

    @staticmethod
    def reset(target: str, containers=None, config: ConfigProto | None = None) -> None:
        pass


class InteractiveSession(BaseSession):
    """A session that installs itself as the default session on construction."""

    _place_pruned_graph = True   # (TF sets config.graph_options.place_pruned_graph)

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        self._default_ctx = self.as_default()
        self._default_ctx.__enter__()
        self._graph_ctx = self._graph.as_default()
        self._graph_ctx.__enter__()

    def close(self):
        super().close()
        if self._default_ctx is not None:
            self._default_ctx.__exit__(None, None, None)
            self._default_ctx = None
        if getattr(self, "_graph_ctx", None) is not None:
            self._graph_ctx.__exit__(None, None, None)
            self._graph_ctx = None


class _DeviceAttributes:
    def __init__(self, name, device_type):
        self.name = name
        self.device_type = device_type
        self.memory_limit_bytes = 0
        self.incarnation = 0
