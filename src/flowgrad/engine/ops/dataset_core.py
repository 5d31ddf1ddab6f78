"""tf.data's runtime core: `DatasetValue`, the dataset-op registry and the Philox
sample stream shuffles and random datasets draw from (engine/ops/dataset.py)."""
from __future__ import annotations


import numpy as np

from ..framework import dtypes as _dt
from ..framework.graph_def_functions import DATASET_FUNCTIONS
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from .dataset_fn import FunctionInfo, _FnRunner
from .philox import words as _philox_words
from ..framework import graph_records as _records

__all__ = ["DatasetValue", "END_OF_SEQUENCE", "register_dataset_op", "set_functions",
           "set_one_shot_dataset", "seed_generator"]

END_OF_SEQUENCE = "End of sequence"


class DatasetValue:
    """A dataset's value: `iterate()` returns a fresh Python iterator of element tuples.

    `src` is (make, args, attrs, fns), how the op made it, so `optimize` can remake it.
    """

    __slots__ = ("iterate", "src", "gather", "vmap", "records", "vbatch", "origin", "spans",
                 "span_batches", "mapped")

    def __init__(self, iterate):
        self.iterate = iterate
        self.src = None
        # (components, index dataset): the elements are `c[i]` for the indices the index
        # dataset yields (slices of a tensor, maybe shuffled/repeated), so a batch is one
        # gather per component instead of a stack of element copies
        self.gather = None
        # for a map over such a dataset whose function vectorizes exactly:
        # (input gather, fn(batch components, batch size) -> output components)
        self.vmap = None
        # a file dataset of strings: () -> iterator of lists of records (batch takes them
        # whole); a map that batches as one call: (input dataset, fn(list of input
        # strings) -> batch components or None, per-element call) (engine/ops/_fused.py)
        self.records = None
        self.vbatch = None
        # a TFRecord dataset: () -> iterator of (buf, starts, lens) chunks of its records;
        # a batch of it: () -> iterator of (buf, starts, lens), one per batch, which a
        # map(parse_example) reads in place (engine/ops/_fused.py)
        self.spans = None
        self.span_batches = None
        # (dataset op name, argument values) of the graph op that made it, for iterator
        # state (engine/ops/dataset_state.py): None until its op's kernel returns it
        self.origin = None
        # a map's output: batch() of it runs as TF's fused MapAndBatch, whose element
        # error fails the whole batch (engine/ops/dataset_batch.py)
        self.mapped = False

    def __iter__(self):
        return self.iterate()


def _scalar(a):
    return np.asarray(a).reshape(()).item()


def _elem(x):
    """A component value as an owned array (never a view of the dataset's source)."""
    return np.array(x, copy=True)


class _Samples:
    """`random::SingleSampleAdapter<PhiloxRandom>(seed, seed2)`: one uint32 per call."""

    __slots__ = ("key", "counter", "buf")

    def __init__(self, seed, seed2):
        self.key = int(seed) & (2 ** 64 - 1)
        self.counter = (int(seed2) & (2 ** 64 - 1)) << 64
        self.buf = []

    def __call__(self):
        if not self.buf:
            self.buf = _philox_words(self.key, self.counter, 256).tolist()[::-1]
            self.counter += 64
        return self.buf.pop()


def seed_generator(seed, seed2):
    return _Samples(seed, seed2)


def _without_gather(ds):
    if ds.gather is None:
        return ds
    out = DatasetValue(ds.iterate)
    out.src = ds.src
    return out


def seed_value(seed):
    """A seed as the int64 scalar a dataset op takes (the uint64 bits reinterpreted)."""
    return np.array(int(seed) & (2 ** 64 - 1), dtype=np.uint64).astype(np.int64)


def _fresh_seeds(seed, seed2):
    if seed == 0 and seed2 == 0:
        seed, seed2 = (int.from_bytes(np.random.bytes(8), "little") for _ in range(2))
    return seed, seed2


def _passthrough(args, attrs, fns):
    return args[0]



# -- registration ---------------------------------------------------------------------------
_FUNCTIONS = _records.GraphRecords("_FUNCTIONS")
_ONE_SHOT = _records.GraphRecords("_ONE_SHOT")
_ONE_SHOT_UNFUSED = _records.GraphRecords("_ONE_SHOT_UNFUSED")
# the dataset op TF 1.14's one-shot dataset function applies outermost (OptimizeDataset,
# ModelDataset), in whose scope it names the function's ops
_ONE_SHOT_SCOPE = _records.GraphRecords("_ONE_SHOT_SCOPE")


def set_functions(op, infos):
    """Records the traced functions a dataset op runs (in order); a GraphDef writes them
    as the FunctionDefs of its func attrs (graph_def_functions.py)."""
    _FUNCTIONS[op] = list(infos)
    DATASET_FUNCTIONS.setdefault(op.type, _written_functions)


def _written_functions(op):
    return [i for i in _FUNCTIONS.get(op, ()) if isinstance(i, FunctionInfo)]


def set_one_shot_dataset(op, dataset_tensor, fuse=True, scope=""):
    """The dataset a OneShotIterator op makes; `fuse=False` where the pipeline's options
    turn TF's shuffle_and_repeat_fusion off; `scope`: the name scope of the dataset's ops
    in TF's function ("OptimizeDataset/", "ModelDataset/" or "")."""
    _ONE_SHOT[op] = dataset_tensor
    _ONE_SHOT_SCOPE[op] = scope
    if not fuse:
        _ONE_SHOT_UNFUSED[op] = True


def _variant_infer(inputs, attrs):
    return [(_dt.variant, TensorShape([]))]


MAKERS = {}     # dataset op type -> make


def function_runners(op, ctx):
    """The traced functions of dataset op `op`, ready to run in session context `ctx`."""
    return [_FnRunner(i, ctx) if isinstance(i, FunctionInfo) else i
            for i in _FUNCTIONS.get(op, ())]


class _DatasetState:
    """The session context as one run of a dataset op sees it: its own kernel states (RNG
    streams, candidate samplers' counts), all else the session's. TF instantiates a
    dataset's functions in the function library of the iterator's initialization: a
    random op in a map function starts its stream again when an initializable iterator
    is initialized again, and goes on across a repeat's epochs and across the datasets a
    flat_map's function makes (golden seeded/pprobe_scripts)."""

    def __init__(self, ctx):
        object.__setattr__(self, "_ctx", ctx)
        object.__setattr__(self, "rngs", {})

    def __getattr__(self, name):
        return getattr(self._ctx, name)

    def __setattr__(self, name, value):
        setattr(self._ctx, name, value)


def _stateful_functions(op):
    """Whether a function of dataset op `op` holds a stateful op (a random one)."""
    return any(isinstance(i, FunctionInfo) and
               any(o._def.stateful for o in i.graph._flowgrad_operations())
               for i in _FUNCTIONS.get(op, ()))


def make_dataset(make, name, args, attrs, fns):
    """Runs `make` for the dataset op `name` and records how (`src`, `origin`).

    A make that resolves an argument (an unseeded shuffle's seeds) records the
    resolved values in `src` itself; `origin` takes them, so a restored iterator
    rebuilds the same dataset."""
    dv = make(args, attrs, fns)
    if dv.src is None:
        dv.src = (make, args, attrs, fns)
    if dv.origin is None:
        dv.origin = (name, list(dv.src[1]) if dv.src[0] is make else list(args))
    return dv


def register_dataset_op(op_type, make):
    """A dataset op: `make(input values, attrs, function runners) -> DatasetValue`."""
    MAKERS[op_type] = make

    def bind(node, ctx):
        fns = function_runners(node.op, ctx)
        attrs = node.attrs
        name = node.name
        # a dataset op of the session's graph (not one a function makes: a flat_map's
        # datasets share the kernels of the iterator's initialization, as in TF)
        fresh = not isinstance(ctx, _DatasetState) and _stateful_functions(node.op)

        def run(*args):
            return make_dataset(make, name, args, attrs,
                                function_runners(node.op, _DatasetState(ctx)) if fresh
                                else fns)
        return run
    register_op(op_type, infer=_variant_infer, bind=bind, grad=None, stateful=True)

