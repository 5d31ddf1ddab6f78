"""tf.random: the random namespace (re-exports from flowgrad.ops.random_ops)."""
# ruff: noqa: F401
from .ops.random_ops import (
    get_seed,
    log_uniform_candidate_sampler,
    multinomial,
    set_random_seed,
    truncated_normal,
    uniform_candidate_sampler,
)
from .ops.random_ops import random_categorical as categorical
from .ops.random_ops import random_normal as normal
from .ops.random_ops import random_shuffle as shuffle
from .ops.random_ops import random_uniform as uniform
