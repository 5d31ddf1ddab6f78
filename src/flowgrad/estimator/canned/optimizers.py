"""The optimizers a canned estimator takes by name (TF 1.14's canned/optimizers.py)."""
from __future__ import annotations

from ...train import optimizers as opt_lib
from ...train.optimizer import Optimizer

__all__ = ["get_optimizer_instance"]

_OPTIMIZER_CLS_NAMES = {
    "Adagrad": opt_lib.AdagradOptimizer,
    "Adam": opt_lib.AdamOptimizer,
    "Ftrl": opt_lib.FtrlOptimizer,
    "RMSProp": opt_lib.RMSPropOptimizer,
    "SGD": opt_lib.GradientDescentOptimizer,
}


def get_optimizer_instance(opt, learning_rate=None):
    """An Optimizer from a name ('Adagrad', 'Adam', 'Ftrl', 'RMSProp', 'SGD') at
    `learning_rate`, an Optimizer, or a callable returning one."""
    if isinstance(opt, str):
        if opt in _OPTIMIZER_CLS_NAMES:
            if not learning_rate:
                raise ValueError("learning_rate must be specified when opt is string.")
            return _OPTIMIZER_CLS_NAMES[opt](learning_rate=learning_rate)
        raise ValueError("Unsupported optimizer name: {}. Supported names are: {}".format(
            opt, tuple(sorted(_OPTIMIZER_CLS_NAMES))))
    if callable(opt):
        opt = opt()
    if not isinstance(opt, Optimizer):
        raise ValueError("The given object is not an Optimizer instance. Given: {}"
                         .format(opt))
    return opt
