"""What the Inception nets share: a table of end points built in order (convolutions,
pools and Mixed blocks of parallel branches concatenated on channels), stopping at
`final_endpoint`; the classifier head. TF 1.14 contrib/slim/python/slim/nets/inception_v*.py."""
from ....ops import array_ops, init_ops, variable_scope
from ...layers import layers


def trunc_normal(stddev):
    return init_ops.truncated_normal_initializer(0.0, stddev)


def layer(net, spec, depth=int):
    """One layer: ("conv", scope, depth, kernel, kwargs), ("sep", ...) (separable_conv2d,
    depth multiplier in kwargs), ("max" | "avg", scope, kernel, kwargs) or ("fork", None,
    specs): the specs on `net` concatenated on channels. `depth` maps the table's depths."""
    kind, scope, *args = spec
    kwargs = dict(args[-1]) if args and isinstance(args[-1], dict) else {}
    if kind == "fork":
        return array_ops.concat([layer(net, s, depth) for s in args[0]], 3)
    if kind == "conv":
        return layers.conv2d(net, depth(args[0]), args[1], scope=scope, **kwargs)
    if kind == "sep":
        return layers.separable_conv2d(net, depth(args[0]), args[1], scope=scope, **kwargs)
    pool = layers.max_pool2d if kind == "max" else layers.avg_pool2d
    return pool(net, args[0], scope=scope, **kwargs)


def mixed(net, branches, depth=int):
    """Branch_0.. (each a list of layer specs) on `net`, concatenated on axis 3."""
    outputs = []
    for i, branch in enumerate(branches):
        with variable_scope.variable_scope("Branch_%d" % i):
            out = net
            for spec in branch:
                out = layer(out, spec, depth)
            outputs.append(out)
    return array_ops.concat(outputs, 3)


def build(net, table, final_endpoint, end_points, depth=int):
    """The end points of `table` ((name, spec) with spec a layer or ("mixed", branches))
    in order, each recorded in `end_points`; returns (net, whether `final_endpoint` was
    met, where it stopped)."""
    for end_point, spec in table:
        if spec[0] == "mixed":
            with variable_scope.variable_scope(end_point):
                net = mixed(net, spec[1], depth)
        else:
            net = layer(net, (spec[0], end_point) + tuple(spec[1:]), depth)
        end_points[end_point] = net
        if final_endpoint == end_point:
            return net, True
    return net, False


def unknown(final_endpoint):
    return ValueError("Unknown final endpoint %s" % final_endpoint)


def reduced_kernel_size_for_small_input(input_tensor, kernel_size):
    """`kernel_size` capped by the input's static height and width."""
    shape = input_tensor.get_shape().as_list()
    if shape[1] is None or shape[2] is None:
        return kernel_size
    return [min(shape[1], kernel_size[0]), min(shape[2], kernel_size[1])]


def depth_fn(depth_multiplier, min_depth):
    if depth_multiplier <= 0:
        raise ValueError("depth_multiplier is not greater than zero.")
    return lambda d: max(int(d * depth_multiplier), min_depth)


def batch_norm_params(decay, epsilon, var_collection, **extra):
    return dict({"decay": decay, "epsilon": epsilon,
                 "variables_collections": {"beta": None, "gamma": None,
                                           "moving_mean": [var_collection],
                                           "moving_variance": [var_collection]}}, **extra)
