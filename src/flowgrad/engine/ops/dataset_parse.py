"""ExperimentalParseExampleDataset (tf.data.experimental.parse_example_dataset, TF 1.14):
each input element, a vector of serialized tf.train.Examples, parsed as ParseExample parses
it into the dense features and (boxed) SparseTensors of the dataset's dict, in the flat
order of its sorted keys."""
from __future__ import annotations

import numpy as np

from ..framework import errors
from .dataset_core import DatasetValue, register_dataset_op
from .parsing import _key, parse_batch
from .sparse_serialize import box


def _parse_example_dataset(args, attrs, fns):
    ds, defaults = args[0], list(args[2:])
    sparse_keys = [_key(k) for k in attrs["sparse_keys"]]
    dense_keys = [_key(k) for k in attrs["dense_keys"]]
    var_len = attrs.get("var_len") or [False] * len(dense_keys)
    order = sorted(range(len(dense_keys) + len(sparse_keys)),
                   key=lambda i: (dense_keys + sparse_keys)[i])

    def parsed(src):
        for e in src:
            ser = np.asarray(e[0], dtype=object)
            if ser.ndim != 1:
                raise errors.InvalidArgumentError(
                    None, None, f"Expected serialized to be a vector, got shape: "
                    f"[{','.join(str(d) for d in ser.shape)}]")
            sp_idx, sp_val, sp_shape, dense = parse_batch(
                ser, [], sparse_keys, attrs["sparse_types"], dense_keys, attrs["Tdense"],
                attrs["dense_shapes"], defaults, var_len)
            comps = dense + [box(i, v, s) for i, v, s in zip(sp_idx, sp_val, sp_shape)]
            yield tuple(comps[i] for i in order)
    return DatasetValue(lambda: parsed(ds.iterate()))


register_dataset_op("ExperimentalParseExampleDataset", _parse_example_dataset)
