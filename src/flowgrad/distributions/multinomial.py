"""TF 1.14's Multinomial and DirichletMultinomial distributions: class counts of
`total_count` draws.

DirichletMultinomial is TF's throughout, its seeded samples included. Multinomial's
log_prob, mean, variance and covariance are TF's ops and values; its samples are drawn as TF
draws them, one Multinomial op inside a map_fn over the batch, but their numbers differ from
TF's: TF's while loop runs its iterations in parallel, and the order in which they draw from
the op's stream is its executor's (flowgrad's loop runs them in order)."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import name_scope
from ..engine.ops._base import convert_to_tensor
from ..engine.ops.linalg import matmul
from ..engine.ops.matrix import matrix_set_diag
from ..ops import array_ops, check_ops, math_ops, nn_ops, random_ops
from ..ops.control_flow_ops import with_dependencies
from . import distribution
from ._checks import embed_check_categorical_event_shape, embed_check_nonnegative_integer_form
from ._util import get_logits_and_probs
from .beta_student import gen_new_seed

__all__ = ["Multinomial", "DirichletMultinomial"]


def log_combinations(n, counts, name="log_combinations"):
    """log(n! / prod(counts!)) over the last axis (TF's distribution_util)."""
    with name_scope(name, values=[n, counts]):
        n = convert_to_tensor(n, name="n")
        counts = convert_to_tensor(counts, name="counts")
        total_permutations = math_ops.lgamma(n + 1)
        counts_factorial = math_ops.lgamma(counts + 1)
        redundant_permutations = math_ops.reduce_sum(counts_factorial, axis=[-1])
        return total_permutations - redundant_permutations


class Multinomial(distribution.Distribution):
    """Multinomial(total_count, probs): class counts of total_count independent draws."""

    def __init__(self, total_count, logits=None, probs=None, validate_args=False,
                 allow_nan_stats=True, name="Multinomial"):
        parameters = dict(locals())
        with name_scope(name, values=[total_count, logits, probs]) as name:
            self._total_count = convert_to_tensor(total_count, name="total_count")
            if validate_args:
                self._total_count = embed_check_nonnegative_integer_form(self._total_count)
            self._logits, self._probs = get_logits_and_probs(
                logits=logits, probs=probs, multidimensional=True,
                validate_args=validate_args, name=name)
            self._mean_val = self._total_count[..., None] * self._probs
        super().__init__(dtype=self._probs.dtype,
                         reparameterization_type=distribution.NOT_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters,
                         graph_parents=[self._total_count, self._logits, self._probs],
                         name=name)

    @property
    def total_count(self):
        """Number of draws."""
        return self._total_count

    @property
    def logits(self):
        return self._logits

    @property
    def probs(self):
        return self._probs

    def _batch_shape_tensor(self):
        return array_ops.shape(self._mean_val)[:-1]

    def _batch_shape(self):
        return self._mean_val.shape.with_rank_at_least(1)[:-1]

    def _event_shape_tensor(self):
        return array_ops.shape(self._mean_val)[-1:]

    def _event_shape(self):
        return self._mean_val.shape.with_rank_at_least(1)[-1:]

    def _sample_n(self, n, seed=None):
        from ..ops.functional_ops import map_fn  # lazy: functional_ops imports much
        n_draws = math_ops.cast(self.total_count, dtype=_dt.int32)
        k = self.event_shape_tensor()[0]
        n_draws = array_ops.ones_like(self.logits[..., 0], dtype=n_draws.dtype) * n_draws
        logits = array_ops.ones_like(n_draws[..., None], dtype=self.logits.dtype) * \
            self.logits
        flat_logits = array_ops.reshape(logits, [-1, k])
        flat_ndraws = n * array_ops.reshape(n_draws, [-1])

        def _sample_single(args):
            logits, n_draw = args[0], args[1]
            x = random_ops.multinomial(logits[None, ...], n_draw, seed)
            x = array_ops.reshape(x, shape=[n, -1])
            return math_ops.reduce_sum(array_ops.one_hot(x, depth=k), axis=-2)

        x = map_fn(_sample_single, [flat_logits, flat_ndraws], dtype=self.dtype)
        x = array_ops.transpose(x, perm=[1, 0, 2])
        final_shape = array_ops.concat([[n], self.batch_shape_tensor(), [k]], 0)
        return array_ops.reshape(x, final_shape)

    def _log_prob(self, counts):
        return self._log_unnormalized_prob(counts) - self._log_normalization(counts)

    def _log_unnormalized_prob(self, counts):
        counts = self._maybe_assert_valid_sample(counts)
        return math_ops.reduce_sum(counts * nn_ops.log_softmax(self.logits), -1)

    def _log_normalization(self, counts):
        counts = self._maybe_assert_valid_sample(counts)
        return -log_combinations(self.total_count, counts)

    def _maybe_assert_valid_sample(self, counts):
        return _valid_counts(self, counts, "counts must sum to `self.total_count`")

    def _mean(self):
        return array_ops.identity(self._mean_val)

    def _covariance(self):
        p = self.probs * array_ops.ones_like(self.total_count)[..., None]
        return matrix_set_diag(-matmul(self._mean_val[..., None], p[..., None, :]),
                               self._variance())

    def _variance(self):
        p = self.probs * array_ops.ones_like(self.total_count)[..., None]
        return self._mean_val - self._mean_val * p


class DirichletMultinomial(distribution.Distribution):
    """The Dirichlet-multinomial compound: counts of `total_count` draws whose class
    probabilities are Dirichlet(concentration); sampled as TF does (RandomGamma, then a
    Multinomial op seeded by gen_new_seed(seed, "dirichlet_multinomial"))."""

    def __init__(self, total_count, concentration, validate_args=False,
                 allow_nan_stats=True, name="DirichletMultinomial"):
        parameters = dict(locals())
        with name_scope(name, values=[total_count, concentration]) as name:
            self._total_count = convert_to_tensor(total_count, name="total_count")
            if validate_args:
                self._total_count = embed_check_nonnegative_integer_form(self._total_count)
            self._concentration = convert_to_tensor(concentration, name="concentration")
            if validate_args:
                self._concentration = embed_check_categorical_event_shape(self._concentration)
                self._concentration = with_dependencies([check_ops.assert_positive(
                    self._concentration, message="Concentration parameter must be positive.")],
                    self._concentration)
            self._total_concentration = math_ops.reduce_sum(self._concentration, -1)
        super().__init__(dtype=self._concentration.dtype, validate_args=validate_args,
                         allow_nan_stats=allow_nan_stats,
                         reparameterization_type=distribution.NOT_REPARAMETERIZED,
                         parameters=parameters,
                         graph_parents=[self._total_count, self._concentration], name=name)

    @property
    def total_count(self):
        """Number of draws."""
        return self._total_count

    @property
    def concentration(self):
        """Concentration parameters, [..., k]."""
        return self._concentration

    @property
    def total_concentration(self):
        """Sum of the last axis of concentration."""
        return self._total_concentration

    def _batch_shape_tensor(self):
        return array_ops.shape(self.total_concentration)

    def _batch_shape(self):
        return self.total_concentration.shape

    def _event_shape_tensor(self):
        return array_ops.shape(self.concentration)[-1:]

    def _event_shape(self):
        return self.concentration.shape.with_rank_at_least(1)[-1:]

    def _sample_n(self, n, seed=None):
        n_draws = math_ops.cast(self.total_count, dtype=_dt.int32)
        k = self.event_shape_tensor()[0]
        unnormalized_logits = array_ops.reshape(math_ops.log(random_ops.random_gamma(
            shape=[n], alpha=self.concentration, dtype=self.dtype, seed=seed)), shape=[-1, k])
        draws = random_ops.multinomial(logits=unnormalized_logits, num_samples=n_draws,
                                       seed=gen_new_seed(seed, salt="dirichlet_multinomial"))
        x = math_ops.reduce_sum(array_ops.one_hot(draws, depth=k), -2)
        final_shape = array_ops.concat([[n], self.batch_shape_tensor(), [k]], 0)
        x = array_ops.reshape(x, final_shape)
        return math_ops.cast(x, self.dtype)

    def _log_prob(self, counts):
        counts = _valid_counts(self, counts,
                               "counts last-dimension must sum to `self.total_count`")
        ordered_prob = (math_ops.lbeta(self.concentration + counts) -
                        math_ops.lbeta(self.concentration))
        return ordered_prob + log_combinations(self.total_count, counts)

    def _prob(self, counts):
        return math_ops.exp(self._log_prob(counts))

    def _mean(self):
        return self.total_count * (self.concentration / self.total_concentration[..., None])

    def _covariance(self):
        x = self._variance_scale_term() * self._mean()
        return matrix_set_diag(-matmul(x[..., None], x[..., None, :]), self._variance())

    def _variance(self):
        scale = self._variance_scale_term()
        x = scale * self._mean()
        return x * (self.total_count * scale - x)

    def _variance_scale_term(self):
        c0 = self.total_concentration[..., None]
        return math_ops.sqrt((1. + c0 / self.total_count) / (1. + c0))


def _valid_counts(dist, counts, message):
    """`counts` behind TF's validate_args checks: non-negative integers summing to the
    total count (unchanged without validate_args)."""
    if not dist.validate_args:
        return counts
    counts = embed_check_nonnegative_integer_form(counts)
    return with_dependencies([check_ops.assert_equal(
        dist.total_count, math_ops.reduce_sum(counts, -1), message=message)], counts)
