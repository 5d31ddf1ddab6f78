"""docs/api.md is current: regenerated in memory (tools/api_docs.py) it is the committed
file. When a branch adds TF symbols, `python tools/api_docs.py` rewrites it."""
import importlib.util
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _api_docs():
    spec = importlib.util.spec_from_file_location("api_docs",
                                                  os.path.join(ROOT, "tools", "api_docs.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def docs():
    """tools/api_docs.py and its status map, computed once for the module's tests (it
    resolves every TF 1.14 symbol in flowgrad: the module's cost; the tests only read it)."""
    api_docs = _api_docs()
    return api_docs, api_docs.statuses()


def test_docs_api_md_is_current(docs):
    api_docs, smap = docs
    with open(api_docs.API_MD, encoding="utf-8") as f:
        committed = f.read()
    assert committed == api_docs.render(smap), \
        "docs/api.md is not current: run `python tools/api_docs.py`"


def test_statuses_follow_flowgrads_resolution(docs):
    smap = docs[1]
    assert smap["tf"]["constant"].status == "present"
    assert smap["tf.nn"]["pool"].status == "present"
    assert smap["tf"]["FixedLengthRecordReader"].status == "present"
    assert smap["tf"]["matrix_solve_ls"].status == "partial"
    assert any("l2_regularizer" in n for n in smap["tf"]["matrix_solve_ls"].notes)
    assert smap["tf.contrib.gan"]["gan_model"].status == "present"
    assert smap["tf.contrib.framework"]["zero_initializer"].status == "present"
    assert smap["tf.contrib.framework"]["RecordInput"].status == "absent"
    total = sum(len(r) for r in smap.values())
    assert total > 6000  # every public TF 1.14 symbol, tf.contrib and tf.raw_ops included
