"""tf.random: the random namespace (re-exports from flowgrad.ops.random_ops)."""
# ruff: noqa: F401
from .ops.candidate_sampling_ops import (
    all_candidate_sampler,
    fixed_unigram_candidate_sampler,
    learned_unigram_candidate_sampler,
)
from .ops.random_ops import (
    get_seed,
    log_uniform_candidate_sampler,
    multinomial,
    set_random_seed,
    stateless_categorical,
    stateless_multinomial,
    stateless_truncated_normal,
    truncated_normal,
    uniform_candidate_sampler,
)
from .ops.random_ops import random_categorical as categorical
from .ops.random_ops import random_gamma as gamma
from .ops.random_ops import random_normal as normal
from .ops.random_ops import random_poisson as poisson
from .ops.random_ops import random_shuffle as shuffle
from .ops.random_ops import random_uniform as uniform
from .ops.random_ops import stateless_random_normal as stateless_normal
from .ops.random_ops import stateless_random_uniform as stateless_uniform
