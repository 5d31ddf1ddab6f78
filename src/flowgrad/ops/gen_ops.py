"""TF 1.14's generated op modules, `tensorflow.python.ops.gen_nn_ops` and the others, as
scripts import them (`from tensorflow.python.ops import gen_nn_ops` for guided
backpropagation's `gen_nn_ops.relu_grad(grad, op.outputs[0])`).

Each module `flowgrad.ops.gen_ops.<gen_module>` (made here, in sys.modules, when this
module is imported) holds the ops of TF's module that flowgrad runs (gen_op_modules.json,
written by tools/gen_op_modules.py from TF 1.14): the op's function under TF's Python
name (`relu_grad(gradients, features, name=None)`, arguments by position or keyword) and
its raw op under the op type (`ReluGrad`, keyword arguments only), as in TF.
"""
from __future__ import annotations

import json
import os
import sys
import types

from .. import raw_ops

__all__ = ["MODULES"]

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "gen_op_modules.json")) as _f:
    MODULES: dict[str, list[str]] = json.load(_f)


def _module(gen_name, op_types):
    """The stand-in of tensorflow.python.ops.<gen_name>: its functions made on first use."""
    mod = types.ModuleType(f"{__name__}.{gen_name}",
                           f"TF 1.14's tensorflow.python.ops.{gen_name} (the ops flowgrad runs).")
    by_name = {}

    def names():
        if not by_name:
            for op_type in op_types:
                fn = raw_ops._gen_function(op_type)
                if fn is not None:
                    by_name[fn.__name__] = fn
                    by_name[op_type] = getattr(raw_ops, op_type)
        return by_name

    def __getattr__(name):
        try:
            return names()[name]
        except KeyError:
            raise AttributeError(f"module '{mod.__name__}' has no attribute '{name}'") from None

    mod.__getattr__ = __getattr__
    mod.__dir__ = lambda: sorted(names())
    return mod


for _gen_name, _ops in MODULES.items():
    sys.modules[f"{__name__}.{_gen_name}"] = _module(_gen_name, _ops)
del _gen_name, _ops
