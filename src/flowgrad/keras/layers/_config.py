"""What the Keras layers' get_config share (TF 1.14 serializes their initializers,
regularizers and constraints in each get_config)."""
from ...ops.init_ops import Initializer
from .. import constraints, regularizers
from .._serialization import serialize_keras_object

_SERIALIZED = (Initializer, regularizers.Regularizer, constraints.Constraint)


def _merge_config(base, config):
    """A layer's config: the base class's keys, then its own (TF's dict(base + config)),
    initializers, regularizers and constraints as TF's get_config gives them
    ({'class_name': ..., 'config': ...}, serialize_keras_object)."""
    return {k: serialize_keras_object(v) if isinstance(v, _SERIALIZED) else v
            for k, v in list(base.items()) + list(config.items())}
