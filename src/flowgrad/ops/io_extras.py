"""TF 1.14's tensor (de)serialization, edit distance, file matching and the scope helpers
(op_scope, init_scope, container): serialize_tensor / parse_tensor (TensorProto bytes as TF
writes them), edit_distance over two SparseTensors, matching_files (sorted glob matches)
and match_filenames_once (a local variable holding them)."""
from __future__ import annotations

import contextlib

from ..engine.framework import dtypes as _dt
from ..engine.framework import tape as _tape
from ..engine.framework.graph import GraphKeys, Tensor, get_default_graph, name_scope
from ..engine.ops import dataset_io as _dataset_io  # noqa: F401 - registers MatchingFiles
from ..engine.ops import tensor_codec as _codec  # noqa: F401 - registers the ops
from ..engine.ops._base import apply, to_tensor
from ..engine.ops.strings import string_input
from .sparse_tensor import SparseTensor, SparseTensorValue
from .variables import Variable

__all__ = ["decode_json_example", "serialize_tensor", "parse_tensor", "edit_distance",
           "matching_files",
           "match_filenames_once", "op_scope", "init_scope", "container"]


def serialize_tensor(tensor, name=None):
    """A tensor as the bytes of a TensorProto (op `SerializeTensor`).

    >>> s = tf.serialize_tensor(tf.constant([1.5, 2.0]))
    >>> tf.Session().run(tf.parse_tensor(s, tf.float32))
    array([1.5, 2. ], dtype=float32)
    """
    with name_scope(name, "SerializeTensor", [tensor]) as scope:
        t = tensor if isinstance(tensor, Tensor) else to_tensor(tensor, name="tensor")
        return apply("SerializeTensor", [t], {"T": t.dtype.base_dtype}, scope)


def decode_json_example(json_examples, name=None):
    """tf.train.Example protos in protobuf's JSON mapping -> their binary serialization
    (op `DecodeJSONExample`)."""
    with name_scope(name, "DecodeJSONExample", [json_examples]) as scope:
        s = string_input(json_examples, "DecodeJSONExample", "json_examples")
        return apply("DecodeJSONExample", [s], {}, scope)


def parse_tensor(serialized, out_type, name=None):
    """The tensor of serialized TensorProto bytes; its dtype must be `out_type` (op
    `ParseTensor`)."""
    out_type = _dt.as_dtype(out_type).base_dtype
    with name_scope(name, "ParseTensor", [serialized]) as scope:
        s = string_input(serialized, "ParseTensor", "serialized")
        return apply("ParseTensor", [s], {"out_type": out_type}, scope)


def edit_distance(hypothesis, truth, normalize=True, name="edit_distance"):
    """Levenshtein distance between the sequences of two SparseTensors, grouped by all
    but their last index (float32); with `normalize`, divided by the truth's length.

    >>> h = tf.SparseTensor([[0, 0], [0, 1]], ["a", "b"], [1, 2])
    >>> t = tf.SparseTensor([[0, 0]], ["a"], [1, 1])
    >>> tf.Session().run(tf.edit_distance(h, t))
    array([1.], dtype=float32)
    """
    if not isinstance(hypothesis, (SparseTensor, SparseTensorValue)):
        raise TypeError("Hypothesis must be a SparseTensor.")
    if not isinstance(truth, (SparseTensor, SparseTensorValue)):
        raise TypeError("Truth must be a SparseTensor.")
    with name_scope(name, "EditDistance") as scope:
        parts = []
        for st, which in ((hypothesis, "hypothesis"), (truth, "truth")):
            for value, part, dt in ((st.indices, "indices", _dt.int64),
                                    (st.values, "values", None),
                                    (st.dense_shape, "shape", _dt.int64)):
                parts.append(value if isinstance(value, Tensor) else
                             to_tensor(value, dtype=dt, name=f"{which}_{part}"))
        hv, tv = parts[1].dtype.base_dtype, parts[4].dtype.base_dtype
        if hv is not tv:
            raise TypeError(f"Input 'truth_values' of 'EditDistance' Op has type {tv.name} "
                            f"that does not match type {hv.name} of argument "
                            "'hypothesis_values'.")
        return apply("EditDistance", parts, {"normalize": bool(normalize), "T": hv}, scope)


def matching_files(pattern, name=None):
    """The files matching a glob pattern (or a list of them), sorted (op `MatchingFiles`)."""
    with name_scope(name, "MatchingFiles", [pattern]) as scope:
        p = string_input(pattern, "MatchingFiles", "pattern")
        return apply("MatchingFiles", [p], {}, scope)


def match_filenames_once(pattern, name=None):
    """A local variable (initialized by local_variables_initializer) holding the files
    matching `pattern` when it is initialized."""
    with name_scope(name, "matching_filenames", [pattern]) as name:
        return Variable(name=name, initial_value=matching_files(pattern), trainable=False,
                        validate_shape=False, collections=[GraphKeys.LOCAL_VARIABLES])


@contextlib.contextmanager
def op_scope(values, name, default_name=None):
    """The deprecated name_scope(name, default_name, values) (TF 1.14's argument order)."""
    with name_scope(name, default_name=default_name, values=values) as scope:
        yield scope


@contextlib.contextmanager
def init_scope():
    """Lifts the ops built inside out of control-flow contexts and control dependencies
    (TF's init_scope in graph mode), keeping the current name scope."""
    g = get_default_graph()
    scope = g.get_name_scope()
    if scope and scope[-1] != "/":
        scope += "/"
    with g.control_dependencies(None), g._cf_outside(), name_scope(scope or None), \
            _tape.stop_recording():
        yield


def container(container_name):
    """The default graph's container(container_name) context manager."""
    return get_default_graph().container(container_name)
