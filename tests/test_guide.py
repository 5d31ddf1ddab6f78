"""The Python examples of docs/guide.md run, each in a fresh graph, and print what the
guide says they print (the `prints ...` sentence after each block)."""
import contextlib
import io
import os
import re

import pytest

import flowgrad as tf

GUIDE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs",
                     "guide.md")


def blocks():
    """(code, [printed lines]) for each ```python block and its `prints ...` sentence."""
    text = open(GUIDE, encoding="utf-8").read()
    out = []
    for m in re.finditer(r"```python\n(.*?)```\n\nprints (.*?)(?:\.\s*$|\.\s+\S)", text,
                         re.S | re.M):
        expected = re.findall(r"`([^`]*)`", m.group(2))
        out.append(pytest.param(m.group(1), expected, id=f"block{len(out) + 1}"))
    return out


def test_every_python_block_is_checked():
    text = open(GUIDE, encoding="utf-8").read()
    assert len(blocks()) == text.count("```python") >= 6


@pytest.mark.parametrize("code, expected", blocks())
def test_guide_example(code, expected):
    tf.reset_default_graph()
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(code, GUIDE, "exec"), {"__name__": "guide_example"})
    assert buf.getvalue().splitlines() == expected
