"""arg_scope: default keyword arguments for decorated functions (TF 1.14
contrib/framework/python/ops/arg_scope.py)."""
import contextlib
import functools

__all__ = ["arg_scope", "add_arg_scope", "current_arg_scope", "has_arg_scope",
           "arg_scoped_arguments", "arg_scope_func_key"]

_ARGSTACK = [{}]
_DECORATED_OPS = {}


def _get_arg_stack():
    if not _ARGSTACK:
        _ARGSTACK.append({})
    return _ARGSTACK


def current_arg_scope():
    """The innermost scope: {function key: {argument: value}}."""
    return _get_arg_stack()[-1]


def arg_scope_func_key(op):
    """The key of a decorated function in an arg scope."""
    return getattr(op, "_key_op", str(op))


def _kwarg_names(func):
    n = len(func.__defaults__) if func.__defaults__ else 0
    return func.__code__.co_varnames[-n:func.__code__.co_argcount]


@contextlib.contextmanager
def arg_scope(list_ops_or_scope, **kwargs):
    """Sets default keyword arguments of the listed @add_arg_scope functions.

    >>> slim = tf.contrib.slim
    >>> with slim.arg_scope([slim.fully_connected], activation_fn=None) as sc:
    ...     sorted(sc[tf.contrib.framework.arg_scope_func_key(slim.fully_connected)])
    ['activation_fn']
    """
    if isinstance(list_ops_or_scope, dict):
        if kwargs:
            raise ValueError("When attempting to re-use a scope by suppling adictionary, "
                             "kwargs must be empty.")
        current_scope = list_ops_or_scope.copy()
    else:
        if not isinstance(list_ops_or_scope, (list, tuple)):
            raise TypeError("list_ops_or_scope must either be a list/tuple or reused scope "
                            "(i.e. dict)")
        current_scope = current_arg_scope().copy()
        for op in list_ops_or_scope:
            key = arg_scope_func_key(op)
            if not has_arg_scope(op):
                raise ValueError("%s is not decorated with @add_arg_scope",
                                 (op.__module__, op.__name__))
            if key in current_scope:
                current_kwargs = current_scope[key].copy()
                current_kwargs.update(kwargs)
                current_scope[key] = current_kwargs
            else:
                current_scope[key] = kwargs.copy()
    _get_arg_stack().append(current_scope)
    try:
        yield current_scope
    finally:
        _get_arg_stack().pop()


def add_arg_scope(func):
    """Decorates `func` so that arg_scope can set its keyword arguments."""
    key_func = arg_scope_func_key(func)

    @functools.wraps(func)
    def func_with_args(*args, **kwargs):
        current_scope = current_arg_scope()
        current_args = kwargs
        if key_func in current_scope:
            current_args = current_scope[key_func].copy()
            current_args.update(kwargs)
        return func(*args, **current_args)
    _DECORATED_OPS[key_func] = _kwarg_names(func)
    func_with_args._key_op = key_func
    return func_with_args


def has_arg_scope(func):
    """Whether `func` is decorated with @add_arg_scope."""
    return arg_scope_func_key(func) in _DECORATED_OPS


def arg_scoped_arguments(func):
    """The keyword arguments arg_scope can set for `func`."""
    assert has_arg_scope(func)
    return _DECORATED_OPS[arg_scope_func_key(func)]
