"""TF 1.14 goldens for how the op functions convert their inputs: the first input fixes
the dtype (`tf.multiply(2, float_tensor)` raises: 2 is an int32 constant), while
`tf.multiply(float_tensor, 2)`, the Python operators (`2 * x`, `1 - x`: the Python value
takes the tensor's dtype) and the list inputs (tf.concat, tf.stack: the first tensor sets
it) accept them; tf.truediv, tf.div, tf.math.multiply_no_nan, tf.scalar_mul, tf.matmul,
tf.tensordot and tf.nn.bias_add convert as their Python code does. Each case: the
result's dtype, name, the graph's ops and the value, or TF's error. Output:
dtype_strict.json, read by tests/test_dtype_strict.py.
"""
import numpy as np

_C = [True, False]


def _make():
    """name -> fn(tf, f, d, i): f float32, d float64, i int32 constants of shape [2]."""
    return {
        # the generated op wrappers: the first input fixes the dtype
        "multiply_int_first": lambda tf, f, d, i: tf.multiply(2, f),
        "multiply_tensor_first": lambda tf, f, d, i: tf.multiply(f, 2),
        "multiply_int_tensor_float": lambda tf, f, d, i: tf.multiply(i, 1.5),
        "multiply_two_python": lambda tf, f, d, i: tf.multiply(2, 1.5),
        "multiply_float_first_f64": lambda tf, f, d, i: tf.multiply(2.0, d),
        "multiply_float_first_f32": lambda tf, f, d, i: tf.multiply(2.0, f),
        "multiply_list_first": lambda tf, f, d, i: tf.multiply([1.0, 2.0], f),
        "multiply_np_first": lambda tf, f, d, i: tf.multiply(np.float64(2.0), d),
        "multiply_tensors": lambda tf, f, d, i: tf.multiply(f, d),
        "add_int_first": lambda tf, f, d, i: tf.add(1, f),
        "add_int_first_int": lambda tf, f, d, i: tf.add(1, i),
        "subtract_int_first": lambda tf, f, d, i: tf.subtract(1, f),
        "subtract_float_first": lambda tf, f, d, i: tf.subtract(1.0, f),
        "maximum_int_first": lambda tf, f, d, i: tf.maximum(0, f),
        "maximum_tensor_first": lambda tf, f, d, i: tf.maximum(f, 0),
        "minimum_int_first": lambda tf, f, d, i: tf.minimum(0, f),
        "realdiv_int_first": lambda tf, f, d, i: tf.realdiv(1, f),
        "floordiv_int_first": lambda tf, f, d, i: tf.floordiv(1, f),
        "floormod_int_first": lambda tf, f, d, i: tf.mod(1, f),
        "truncatediv_int_first": lambda tf, f, d, i: tf.truncatediv(1, f),
        "pow_int_first": lambda tf, f, d, i: tf.pow(2, f),
        "pow_tensor_first": lambda tf, f, d, i: tf.pow(f, 2),
        "squared_difference_int_first": lambda tf, f, d, i: tf.squared_difference(1, f),
        "xdivy_int_first": lambda tf, f, d, i: tf.math.xdivy(1, f),
        "xlogy_int_first": lambda tf, f, d, i: tf.math.xlogy(1, f),
        "atan2_int_first": lambda tf, f, d, i: tf.atan2(1, f),
        "atan2_tensors": lambda tf, f, d, i: tf.atan2(f, d),
        "equal_int_first": lambda tf, f, d, i: tf.equal(1, f),
        "not_equal_int_first": lambda tf, f, d, i: tf.not_equal(1, f),
        "less_int_first": lambda tf, f, d, i: tf.less(1, f),
        "greater_equal_tensor_first": lambda tf, f, d, i: tf.greater_equal(f, 1),
        "where_int_x": lambda tf, f, d, i: tf.where(_C, [1, 2], f),
        "where_int_y": lambda tf, f, d, i: tf.where(_C, f, [1, 2]),
        "where_v2_int_x": lambda tf, f, d, i: tf.where_v2(_C, 1, f),
        "matmul_list_first": lambda tf, f, d, i: tf.matmul([[1, 2]], tf.reshape(f, [2, 1])),
        "matmul_list_second": lambda tf, f, d, i: tf.matmul(tf.reshape(f, [1, 2]), [[1], [2]]),
        "matmul_list_second_float": lambda tf, f, d, i: tf.matmul(tf.reshape(f, [1, 2]),
                                                                  [[1.0], [2.0]]),
        "tensordot_list_first": lambda tf, f, d, i: tf.tensordot([1, 2], f, 1),
        "tensordot_tensors": lambda tf, f, d, i: tf.tensordot(f, d, 1),
        "bias_add_list_value": lambda tf, f, d, i: tf.nn.bias_add([[1, 2]], f),
        "bias_add_f64_bias": lambda tf, f, d, i: tf.nn.bias_add(tf.ones([1, 2]), d),
        "bias_add_list_bias": lambda tf, f, d, i: tf.nn.bias_add(tf.ones([1, 2]), [1, 2]),
        # Python wrappers with conversions of their own
        "truediv_int_first": lambda tf, f, d, i: tf.truediv(1, f),
        "truediv_tensor_first": lambda tf, f, d, i: tf.truediv(f, 2),
        "divide_int_first": lambda tf, f, d, i: tf.divide(1, f),
        "divide_named": lambda tf, f, d, i: tf.divide(1, f, name="dv"),
        "div_int_first": lambda tf, f, d, i: tf.div(1, f),
        "div_tensors": lambda tf, f, d, i: tf.div(f, i),
        "multiply_no_nan_int_first": lambda tf, f, d, i: tf.math.multiply_no_nan(1, f),
        "div_no_nan_int_first": lambda tf, f, d, i: tf.div_no_nan(1, f),
        "scalar_mul_int": lambda tf, f, d, i: tf.scalar_mul(2, f),
        "scalar_mul_f64": lambda tf, f, d, i: tf.scalar_mul(2, d),
        # the Python operators: the Python value takes the tensor's dtype
        "op_rmul": lambda tf, f, d, i: 2 * f,
        "op_mul": lambda tf, f, d, i: f * 2,
        "op_rsub": lambda tf, f, d, i: 1 - d,
        "op_radd": lambda tf, f, d, i: 1 + f,
        "op_rtruediv": lambda tf, f, d, i: 1 / d,
        "op_rpow": lambda tf, f, d, i: 2 ** f,
        "op_rmul_float_int": lambda tf, f, d, i: 1.5 * i,
        # list inputs: the first tensor sets the dtype
        "concat_python_first": lambda tf, f, d, i: tf.concat([[1], f], 0),
        "stack_python_first": lambda tf, f, d, i: tf.stack([1, f[0]]),
        "add_n_python_first": lambda tf, f, d, i: tf.add_n([[1, 2], f]),
    }


def run_case(tf, fn):
    """The case's result in a graph of its own: {dtype, name, ops, value}, a Python value,
    or the exception."""
    g = tf.Graph()
    with g.as_default():
        f = tf.constant([1.5, -2.0])
        d = tf.constant([0.5, 4.0], tf.float64)
        i = tf.constant([3, -4])
        try:
            t = fn(tf, f, d, i)
        except Exception as e:  # noqa: BLE001 - the golden records TF's error
            return e
        if not isinstance(t, tf.Tensor):
            return t
        with tf.Session() as sess:
            value = sess.run(t)
        return {"dtype": t.dtype.name, "name": t.name, "value": value,
                "ops": [[op.name, op.type] for op in g.get_operations()]}


def cases(tf):
    return {name: run_case(tf, fn) for name, fn in sorted(_make().items())}
