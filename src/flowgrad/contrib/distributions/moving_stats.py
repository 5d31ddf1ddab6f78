"""tf.contrib.distributions' moving statistics (TF 1.14's contrib moving_stats.py): the
exponentially weighted moving mean and variance of a streaming value (Finch 2009, Eq. 143:
the variance updated with the lag-1 mean) and the log of the moving mean of exp, each an
assign_add/assign_sub of the variables, with TF's ops."""
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import GraphKeys, colocate_with, control_dependencies, name_scope
from ...ops import array_ops, math_ops, state_ops
from ...ops import variable_scope as vs
from ...ops.init_ops import zeros_initializer

__all__ = ["assign_moving_mean_variance", "assign_log_moving_mean_exp",
           "moving_mean_variance"]


def assign_moving_mean_variance(mean_var, variance_var, value, decay, name=None):
    """Updates `mean_var` and `variance_var` by `value`:
    variance_var = decay * (variance_var + (1 - decay) * (value - mean_var)**2) (with the
    lag-1 mean), mean_var = decay * mean_var + (1 - decay) * value; returns both updates."""
    with name_scope(name, "assign_moving_mean_variance",
                    [variance_var, mean_var, value, decay]):
        with colocate_with(variance_var), colocate_with(mean_var):
            base_dtype = mean_var.dtype.base_dtype
            if not base_dtype.is_floating:
                raise TypeError(f"mean_var.base_dtype({base_dtype.name}) does not have float "
                                "type `dtype`.")
            if base_dtype != variance_var.dtype.base_dtype:
                raise TypeError(f"mean_var.base_dtype({base_dtype.name}) != "
                                f"variance_var.base_dtype({variance_var.dtype.base_dtype.name})")
            value = convert_to_tensor(value, dtype=base_dtype, name="value")
            decay = convert_to_tensor(decay, dtype=base_dtype, name="decay")
            delta = value - mean_var
            with control_dependencies([delta]):
                mean_var = state_ops.assign_add(mean_var, (1. - decay) * delta)
                variance_var = state_ops.assign_sub(
                    variance_var, (1. - decay) * (variance_var - decay * math_ops.square(delta)))
            return mean_var, variance_var


def assign_log_moving_mean_exp(log_mean_exp_var, log_value, decay, name=None):
    """Updates `log_mean_exp_var` to log(decay * exp(log_mean_exp_var) + (1 - decay) *
    exp(log_value)) with one assign_add of a logsumexp; returns the update."""
    with name_scope(name, "assign_log_moving_mean_exp", [log_mean_exp_var, log_value, decay]):
        with colocate_with(log_mean_exp_var):
            base_dtype = log_mean_exp_var.dtype.base_dtype
            if not base_dtype.is_floating:
                raise TypeError(f"log_mean_exp_var.base_dtype({base_dtype.name}) does not have "
                                "float type `dtype`.")
            log_value = convert_to_tensor(log_value, dtype=base_dtype, name="log_value")
            decay = convert_to_tensor(decay, dtype=base_dtype, name="decay")
            delta = (log_value - log_mean_exp_var)[None, ...]
            x = array_ops.concat([math_ops.log(decay) * array_ops.ones_like(delta),
                                  delta + math_ops.log1p(-decay)], axis=0)
            x = math_ops.reduce_logsumexp(x, axis=0)
            return log_mean_exp_var.assign_add(x)


def moving_mean_variance(value, decay, collections=None, name=None):
    """assign_moving_mean_variance of new zero-initialized, non-trainable variables
    "moving_mean" and "moving_variance" (in `collections`, default the global variables)
    under the variable scope `name` (default "moving_mean_variance")."""
    if collections is None:
        collections = [GraphKeys.GLOBAL_VARIABLES]
    with vs.variable_scope(name, "moving_mean_variance", [value, decay]):
        value = convert_to_tensor(value, name="value")
        base_dtype = value.dtype.base_dtype
        if not base_dtype.is_floating:
            raise TypeError(f"value.base_dtype({base_dtype.name}) does not have float type "
                            "`dtype`.")
        decay = convert_to_tensor(decay, dtype=base_dtype, name="decay")
        variance_var, mean_var = (
            vs.get_variable(n, shape=value.shape, dtype=value.dtype,
                            initializer=zeros_initializer(), trainable=False,
                            collections=collections)
            for n in ("moving_variance", "moving_mean"))
        return assign_moving_mean_variance(mean_var, variance_var, value, decay)
