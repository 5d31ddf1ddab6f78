"""Every public flowgrad function and class takes TF 1.14's signature.

For each TF 1.14 symbol that flowgrad has (resolved as `flowgrad run` resolves it), the
parameter names, their order, their defaults, and *args / **kwargs / keyword-only
parameters must be TF's (tests/golden/api/tf114_api.json: TF's own argspecs, taken from
the oracle). Differences that are deliberate are listed in KNOWN_DIFFERENCES, each with
its reason; the list may only shrink (an entry that no longer differs fails too).
"""
import inspect
import os
import re
import sys

import pytest

import goldens

from flowgrad import check
from flowgrad.compat import tf_alias

# "tf.path": reason. Keep it small: fix the signature instead where the file is yours.
KNOWN_DIFFERENCES = {
    "tf.DType": "built by flowgrad's dtype table (users call tf.as_dtype); TF's constructor "
                "takes a DataType enum value flowgrad has no proto for",
    "tf.dtypes.DType": "the same class as tf.DType",
    "tf.Operation": "built by Graph.create_op, never by user code; TF's constructor takes a "
                    "NodeDef",
    "tf.Tensor": "built by Operation, never by user code; flowgrad passes the static shape",
    "tf.gradients": "flowgrad's `checkpoints=` extension (memory-saving recomputation, "
                    "docs/gradients.md); everything else is TF's",
    "tf.convert_to_tensor": "keeps the internal `as_ref` before `dtype_hint` (TF's internal "
                            "convert_to_tensor has it; flowgrad's callers pass it by position)",
    "tf.data.Dataset": "built by its sources and transformations from a dataset op's output; "
                       "TF 1.14's is an abstract class that users never construct either",
}

_ADDRESS = re.compile(r" at 0x[0-9a-f]+")
_OBJECT = re.compile(r"<(?:[A-Za-z_][\w]*\.)+([A-Za-z_]\w*) object>")  # TF's module path or ours
_CLASS = re.compile(r"<class '(?:[A-Za-z_][\w]*\.)+([A-Za-z_]\w*)'>")  # a class default


def _norm_default(text):
    """A default's repr, comparable across TF and flowgrad: addresses dropped, numbers by
    value, a tuple like the list TF writes ((1, 1) is [1, 1])."""
    text = _CLASS.sub(r"<class \1>", _OBJECT.sub(r"<\1 object>", _ADDRESS.sub("", text)))
    if text.startswith("(") and text.endswith(")") and "," in text:
        text = "[" + text[1:-1].rstrip(",") + "]"
    try:
        value = float(text)
        return repr(value)
    except ValueError:
        return text


def differences(obj, spec):
    """How `obj`'s signature differs from TF's argspec `spec` (an empty list if not)."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return ["no signature"]
    params = list(sig.parameters.values())
    if isinstance(obj, type) and params and params[0].name in ("cls", "_cls"):
        params = params[1:]
    kinds = inspect.Parameter
    positional = [p for p in params if p.kind in (kinds.POSITIONAL_ONLY,
                                                  kinds.POSITIONAL_OR_KEYWORD)]
    kwonly = {p.name: p for p in params if p.kind == kinds.KEYWORD_ONLY}
    has_var = any(p.kind == kinds.VAR_POSITIONAL for p in params)
    has_kw = any(p.kind == kinds.VAR_KEYWORD for p in params)
    out = []
    names = [p.name for p in positional]
    if names != spec["args"]:
        out.append(f"parameters {names} != TF's {spec['args']}")
    else:
        tf_defaults = spec["defaults"]
        first = len(names) - len(tf_defaults)
        for i, p in enumerate(positional):
            want = tf_defaults[i - first] if i >= first else None
            got = None if p.default is inspect.Parameter.empty else repr(p.default)
            if want is not None and got is None:
                got = "no default"
            elif want is None and got is not None:
                want = "no default"
            if want is not None and _norm_default(want) != _norm_default(got):
                out.append(f"default of {p.name}: {got} != TF's {want}")
    if bool(spec["varargs"]) != has_var:
        out.append(f"*args: {'flowgrad has' if has_var else 'TF has'} it")
    if bool(spec["varkw"]) != has_kw:
        out.append(f"**kwargs: {'flowgrad has' if has_kw else 'TF has'} it")
    if sorted(kwonly) != sorted(spec["kwonlyargs"]):
        out.append(f"keyword-only {sorted(kwonly)} != TF's {sorted(spec['kwonlyargs'])}")
    return out


def _comparable(obj, spec):
    """Whether a signature comparison means something: not for absl's own classes (tf.flags
    is absl.flags, whose version is not TF 1.14's), enums, instances (tf.flags.FLAGS),
    protobuf classes (no Python signature, TF's `(*args, **kwargs)`), or TF callables
    whose argspec is their own `self` (tf.nn.swish, a Defun)."""
    import enum

    if getattr(obj, "__module__", "").startswith("absl."):
        return False
    if isinstance(obj, type):
        if issubclass(obj, enum.Enum):
            return False
    elif not callable(obj) or not (inspect.isroutine(inspect.unwrap(obj))):
        return False
    if spec["args"][:1] == ["self"]:
        return False
    if not spec["args"] and spec["varargs"] and spec["varkw"]:
        return False
    try:
        inspect.signature(obj)
    except (TypeError, ValueError):
        return False
    return True


def _present_symbols():
    modules = goldens.load("api", "tf114_api")["modules"]
    out = {}
    with tf_alias.alias_tensorflow():
        for mod in sorted(modules):
            for name, entry in sorted(modules[mod].items()):
                if entry["kind"] not in ("function", "class") or not entry.get("argspec"):
                    continue
                obj, _ = check.resolve(f"{mod}.{name}")
                if obj is not check.MISSING and _comparable(obj, entry["argspec"]):
                    out[f"{mod}.{name}"] = (obj, entry["argspec"])
    return out


def all_differences():
    """{tf path: [differences]} for every present symbol whose signature is not TF's."""
    out = {}
    for path, (obj, spec) in _present_symbols().items():
        diff = differences(obj, spec)
        if diff:
            out[path] = diff
    return out


def test_every_present_symbol_takes_tf114s_signature():
    found = all_differences()
    unexpected = {p: d for p, d in found.items() if p not in KNOWN_DIFFERENCES}
    assert not unexpected, "signatures that differ from TF 1.14's:\n" + "\n".join(
        f"  {p}: {'; '.join(d)}" for p, d in sorted(unexpected.items()))
    stale = sorted(set(KNOWN_DIFFERENCES) - set(found))
    assert not stale, f"listed as known differences but now TF's: {stale}"


@pytest.mark.parametrize("path", sorted(KNOWN_DIFFERENCES))
def test_known_differences_have_reasons(path):
    assert len(KNOWN_DIFFERENCES[path]) > 20


# -- the signatures this test made TF's: their behaviour, as TF 1.14's -------------------

def test_count_nonzero_takes_tfs_deprecated_input():
    import flowgrad as tf
    with tf.Session() as sess:
        assert sess.run(tf.count_nonzero(input=[1, 0, 2])) == 2
    with pytest.raises(ValueError, match="Cannot specify both 'input_tensor' and 'input'"):
        tf.count_nonzero(input_tensor=[1, 0], input=[1, 0])


def test_softmax_cross_entropy_v2_takes_positional_labels_and_logits():
    import flowgrad as tf
    loss = tf.nn.softmax_cross_entropy_with_logits_v2([[0.0, 1.0]], [[1.0, 1.0]])
    with tf.Session() as sess:
        assert sess.run(loss).tolist() == pytest.approx([0.6931472])


def test_max_pool_with_argmax_takes_data_format():
    import flowgrad as tf
    with pytest.raises(ValueError, match="Data formats other than 'NHWC' are not yet supported"):
        tf.nn.max_pool_with_argmax(tf.zeros([1, 2, 2, 1]), [1, 1, 1, 1], [1, 1, 1, 1], "VALID",
                                   "NCHW")


def test_errors_take_tfs_arguments_and_pickle():
    import pickle

    import flowgrad as tf
    e = pickle.loads(pickle.dumps(tf.errors.NotFoundError(None, None, "gone")))
    assert type(e) is tf.errors.NotFoundError and e.message == "gone" and e.error_code == 5
    u = tf.errors.UnknownError(None, None, "u", error_code=13)
    assert pickle.loads(pickle.dumps(u)).error_code == 13
    assert tf.errors.exception_type_from_error_code(error_code=3) is \
        tf.errors.InvalidArgumentError


if __name__ == "__main__":  # print the differences: python tests/test_signatures.py
    sys.path.insert(0, os.path.dirname(__file__))
    for p, d in sorted(all_differences().items()):
        print(f"{p}: {'; '.join(d)}")
