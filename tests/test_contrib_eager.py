"""tf.contrib.eager in graph mode against TF 1.14 (tests/golden/contrib/gen_eager.py): the
function-gradient helpers' ops and values, Variable, the context constants and queries,
TF's graph-mode errors; the argspecs against TF's; eager-only entry points raise
NotImplementedError naming the symbol."""
import pytest

import flowgrad as tf
from goldens import flowgrad_cases_on, load, same_exact
from test_signatures import differences

GOLD = load("contrib", "eager")


@pytest.fixture(scope="module")
def got():
    return flowgrad_cases_on("contrib", "eager", GOLD["vendor"])


@pytest.mark.parametrize("name", sorted(k for k in GOLD if k != "vendor"))
def test_matches_tf114(got, name):
    same_exact(got[name], GOLD[name], name)


# TF's argspec of these is a decorator's (*args, **kwds): contextlib's wrapper, whose
# signature Python's inspect follows to the generator function's
_WRAPPED = {"restore_variables_on_create": "(save_path, map_func=None)"}


def test_argspecs():
    spec = load("api", "tf114_api")["modules"]["tf.contrib.eager"]
    E = tf.contrib.eager
    for name in E.__all__:
        assert name in spec, name
        entry = spec[name]
        if name in _WRAPPED:
            import inspect
            assert str(inspect.signature(getattr(E, name))) == _WRAPPED[name]
        elif entry.get("argspec"):
            assert differences(getattr(E, name), entry["argspec"]) == [], name


@pytest.mark.parametrize("call", [
    lambda E: E.enable_eager_execution(),
    lambda E: E.enable_remote_eager_execution(),
    lambda E: E.connect_to_remote_host("localhost:2222"),
    lambda E: E.run(),
    lambda E: E.set_server_def(b"server"),
    lambda E: E.make_template("t", lambda: 1, create_graph_function_=True),
])
def test_eager_only_raise(call):
    with pytest.raises(NotImplementedError):
        call(tf.contrib.eager)


def test_make_template_shares_variables():
    with tf.Graph().as_default():
        t = tf.contrib.eager.make_template("t", lambda: tf.get_variable("w", [2]))
        assert t() is t()
        assert [v.name for v in tf.global_variables()] == ["t/w:0"]


def test_absent_names_say_so():
    for name in ("Network", "defun", "Iterator"):
        with pytest.raises(AttributeError, match=name):
            getattr(tf.contrib.eager, name)


def test_tape_watched_variables_in_creation_order():
    """TF 1.14 gives ['w:0', 'u:0']: its tape orders variables by their handles' ids."""
    with tf.Graph().as_default():
        w = tf.contrib.eager.Variable(2.0, name="w")
        u = tf.contrib.eager.Variable(5.0, name="u")
        with tf.GradientTape() as t:
            u * w
        assert [v.name for v in t.watched_variables()] == ["w:0", "u:0"]
