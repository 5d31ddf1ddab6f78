"""The engine's op code reads flowgrad's edges (`Operation._inputs`), never the public
`Operation.inputs`, which shows TF 1.14's view of a tf.cond branch (the CondContext's
Switches: engine/framework/engine_view.py, tests/test_pcond_inputs.py) and may export the
graph to build it: a gradient rule, shape function or lowering that read it would build on
a Switch that flowgrad does not run, or export the graph once per op."""
import os
import re

SRC = os.path.join(os.path.dirname(__file__), os.pardir, "src", "flowgrad", "engine")
PUBLIC_INPUTS = re.compile(r"\b\w*op\.inputs\b")   # op, fop, gop, x.op ...


def _engine_files():
    for part in ("ops", "framework", "autodiff"):
        for root, _, files in os.walk(os.path.join(SRC, part)):
            for name in sorted(files):
                if name.endswith(".py"):
                    yield os.path.join(root, name)


def test_engine_code_reads_flowgrad_edges():
    found = []
    for path in _engine_files():
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                code = line.split("#", 1)[0]
                if PUBLIC_INPUTS.search(code):
                    found.append(f"{os.path.relpath(path, SRC)}:{n}: {line.strip()}")
    assert found == []


def test_the_check_sees_a_public_read():
    # the forms the engine used before, and not flowgrad's own edges
    for line in ("a = op.inputs[0]", "b = grad.op.inputs", "if fop.inputs[k] in flows:"):
        assert PUBLIC_INPUTS.search(line), line
    for line in ("a = op._inputs[0]", "n.inputs", "loop.inputs_of(x)"):
        assert not PUBLIC_INPUTS.search(line), line
