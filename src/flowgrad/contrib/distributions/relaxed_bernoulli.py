"""tf.contrib.distributions.RelaxedBernoulli (TF 1.14): sigmoid of a Logistic(logits / t,
1 / t), the binary Concrete relaxation of Bernoulli."""
from __future__ import annotations

from ...distributions._util import get_logits_and_probs, identity
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import control_dependencies, name_scope
from ...ops import check_ops
from .bijectors.basic import Sigmoid
from .scalar import Logistic
from .transformed import TransformedDistribution

__all__ = ["RelaxedBernoulli"]


class RelaxedBernoulli(TransformedDistribution):
    """Sigmoid(Logistic(logits / temperature, 1 / temperature))."""

    def __init__(self, temperature, logits=None, probs=None, validate_args=False,
                 allow_nan_stats=True, name="RelaxedBernoulli"):
        parameters = dict(locals())
        values = [v for v in (logits, probs, temperature) if hasattr(v, "graph")]
        with name_scope(name, values=values) as name:
            with control_dependencies([check_ops.assert_positive(temperature)]
                                      if validate_args else []):
                self._temperature = identity(temperature, name="temperature")
            self._logits, self._probs = get_logits_and_probs(logits=logits, probs=probs,
                                                             validate_args=validate_args)
            super().__init__(
                distribution=Logistic(self._logits / self._temperature,
                                      1. / self._temperature, validate_args=validate_args,
                                      allow_nan_stats=allow_nan_stats,
                                      name=name + "/Logistic"),
                bijector=Sigmoid(validate_args=validate_args), validate_args=validate_args,
                name=name)
        self._parameters = parameters

    @staticmethod
    def _param_shapes(sample_shape):
        return {"logits": convert_to_tensor(sample_shape, dtype=_dt.int32)}

    @property
    def temperature(self):
        return self._temperature

    @property
    def logits(self):
        return self._logits

    @property
    def probs(self):
        return self._probs
