"""TF 1.14's Keras dtype policies (keras/mixed_precision/experimental/policy.py): 'infer'
(variables and computations in the inputs' dtype; the default) and
'infer_float32_vars' (float32 variables read in the inputs' dtype, AutoCastVariable,
which flowgrad does not implement: a layer under that policy raises)."""
import contextlib

__all__ = ["Policy", "global_policy", "set_policy", "policy_scope", "layer_dtype"]


class Policy:
    """A layer's dtype policy: 'infer' or 'infer_float32_vars'."""

    def __init__(self, name):
        self._name = name
        if name == "infer":
            self._default_variable_dtype = None
        elif name == "infer_float32_vars":
            self._default_variable_dtype = "float32"
        else:
            raise ValueError('"name" argument to Policy constructor must be "infer" or '
                             '"infer_float32_vars", but got: %s' % name)

    @property
    def name(self):
        """'infer' or 'infer_float32_vars'."""
        return self._name

    @property
    def default_variable_dtype(self):
        """The dtype of the layers' variables, or None (the inputs' dtype)."""
        return self._default_variable_dtype

    @property
    def should_cast_variables(self):
        """Whether layers read their variables cast to the computation dtype."""
        return self.default_variable_dtype is not None


_GLOBAL = {"policy": Policy("infer")}


def global_policy():
    """The policy of layers made without a dtype ('infer' until set_policy)."""
    return _GLOBAL["policy"]


def set_policy(policy):
    """Sets the global policy (a Policy or its name)."""
    if not isinstance(policy, Policy):
        policy = Policy(policy)
    _GLOBAL["policy"] = policy


@contextlib.contextmanager
def policy_scope(policy):
    """The global policy set to `policy` inside the block."""
    old = _GLOBAL["policy"]
    try:
        set_policy(policy)
        yield
    finally:
        set_policy(old)


def layer_dtype(dtype, dtype_name):
    """(policy, dtype name or None) of a layer made with `dtype` (TF 1.14's
    _set_dtype_and_policy); `dtype_name` turns a non-policy dtype into its name."""
    if dtype is not None:
        if isinstance(dtype, Policy):
            policy, name = dtype, dtype.default_variable_dtype
        else:   # a plain dtype: no casting ('infer')
            policy, name = Policy("infer"), dtype_name(dtype)
    else:
        policy = global_policy()
        name = policy.default_variable_dtype
    return policy, name
