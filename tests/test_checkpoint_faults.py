"""Damaged and planted checkpoints, state files and meta graphs.

Against TF 1.14 where TF has an analogue (tests/golden/saver/faults.json, made by
gen_faults.py): a missing file is NotFoundError, a directory FailedPreconditionError,
a short data file OutOfRangeError, damage DataLossError. Beyond TF: nothing outside the
checkpoint's directory is read or deleted because a file names it, no read blocks
(FIFOs) or runs away (/dev/zero), and a crafted meta graph is a clear error that
names the file. Every case that could hang runs under a timeout, so a regression
fails instead of hanging the suite.
"""
import json
import os
import shutil
import subprocess
import sys
import threading
import zlib

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.framework import errors, file_io, meta_graph
from flowgrad.train import checkpoint_io, checkpoint_management

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden"))
import goldenio  # noqa: E402

GOLDEN = os.path.join(os.path.dirname(__file__), "golden", "saver", "faults.json")
DATA = ".data-00000-of-00001"
A, W = [1., 2., 3.], [4., 5., 6.]
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


@pytest.fixture(scope="module")
def golden():
    return goldenio.read(GOLDEN)[1]


def _within(seconds, fn):
    """fn()'s result; fails (instead of hanging) if it takes longer than `seconds`."""
    box = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as e:  # noqa: BLE001 - re-raised in the test's thread
            box["error"] = e
    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        pytest.fail(f"still running after {seconds} s (blocked on a FIFO or reading forever?)")
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _error(fn):
    try:
        return _within(30, fn)
    except Exception as e:  # noqa: BLE001 - the class and message are the answer
        return e


def _save(tmp_path, a=A, w=W, name="m", fmt="tf"):
    """Saves a=..., w=... as checkpoint tmp_path/name in a fresh graph; returns the prefix.

    `fmt`: "tf" (TF's V2 format, what Saver writes) or "safetensors" (flowgrad's format,
    still restored: the same checkpoint converted).
    """
    with tf.Graph().as_default():
        tf.Variable(np.array(a, np.float32), name="a")
        tf.Variable(np.array(w, np.float32), name="w")
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            prefix = saver.save(sess, str(tmp_path / name), write_meta_graph=False)
    if fmt == "safetensors":
        pytest.importorskip("safetensors")
        tmp = tmp_path / "_sf"
        checkpoint_io.convert_checkpoint(prefix, str(tmp / name), fmt)
        tf.train.remove_checkpoint(prefix)
        for f in os.listdir(tmp):
            os.replace(tmp / f, tmp_path / f)
        os.rmdir(tmp)
        assert tf.train.load_checkpoint(prefix).format == "safetensors"
    return prefix


FORMATS = pytest.mark.parametrize("fmt", ["tf", "safetensors"])


def _restore(prefix):
    """[a, w] restored into fresh variables holding 9s, or the error restore raised."""
    with tf.Graph().as_default():
        a = tf.Variable([9., 9., 9.], name="a")
        w = tf.Variable([9., 9., 9.], name="w")
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            try:
                saver.restore(sess, prefix)
            except Exception:
                # Restore checks everything before it assigns anything.
                assert sess.run(a).tolist() == [9.] * 3 and sess.run(w).tolist() == [9.] * 3
                raise
            return [sess.run(a), sess.run(w)]


def _read(prefix):
    r = tf.train.load_checkpoint(prefix)
    return [r.get_tensor("a"), r.get_tensor("w")]


def _read_all(prefix):
    """What RestoreV2 reads: every tensor, all files checked."""
    return checkpoint_io.read_for_restore(prefix, ["a", "w"], [tf.float32] * 2, [None] * 2)


def _index(prefix):
    with open(prefix + ".index") as f:
        doc = json.load(f)
    doc.pop("index_crc32")
    return doc


def _write_index(prefix, doc):
    """Writes `doc` as the index of `prefix` with a valid checksum: a planted, not a damaged,
    index."""
    with open(prefix + ".index", "wb") as f:
        f.write(checkpoint_io._index_bytes(doc))


def _flip(path, bit):
    b = bytearray(open(path, "rb").read())
    b[bit // 8] ^= 1 << (bit % 8)
    open(path, "wb").write(bytes(b))


def _truncate(path, n):
    b = open(path, "rb").read()
    open(path, "wb").write(b[:n])


def _replace_with_dir(path):
    os.unlink(path)
    os.mkdir(path)


# ---------------------------------------------------------------------------------------
# The damage TF 1.14 has an answer for
# ---------------------------------------------------------------------------------------
_DAMAGE = {
    "missing_data": lambda p: os.unlink(p + DATA),
    "truncated_data": lambda p: _truncate(p + DATA, 10),
    "empty_data": lambda p: _truncate(p + DATA, 0),
    "longer_data": lambda p: open(p + DATA, "ab").write(b"extra"),
    "flipped_data": lambda p: _flip(p + DATA, 8 * 3 + 2),
    "data_is_dir": lambda p: _replace_with_dir(p + DATA),
    "truncated_index": lambda p: _truncate(p + ".index", 20),
    "empty_index": lambda p: _truncate(p + ".index", 0),
    "garbage_index": lambda p: open(p + ".index", "wb").write(b"\x00\x01binary"),
    "flipped_index": lambda p: _flip(p + ".index", 8 * 30 + 2),
    "index_is_dir": lambda p: _replace_with_dir(p + ".index"),
    "missing_index": lambda p: os.unlink(p + ".index"),
    "prefix_garbage_file": lambda p: (os.unlink(p + ".index"), open(p, "wb").write(b"x" * 100)),
    "prefix_short_file": lambda p: (os.unlink(p + ".index"), open(p, "wb").write(b"x")),
    "prefix_is_dir": lambda p: (os.unlink(p + ".index"), os.mkdir(p)),
}
# Cases whose first line is TF's exactly (the others are about TF's own file format, so
# only their class and, where TF's wording applies, its beginning are compared).
_SAME_MESSAGE = {"missing_data", "data_is_dir", "index_is_dir", "missing_index",
                 "prefix_garbage_file", "prefix_short_file", "prefix_is_dir"}
_SAME_START = {"truncated_data": "Read less bytes than requested",
               "empty_data": "Read less bytes than requested",
               "flipped_data": "Checksum does not match: stored",
               "flipped_index": "Unable to read file (<ROOT>/m.index). Perhaps the file is "
                                "corrupt or was produced by a newer version of"}


@pytest.mark.parametrize("how", sorted(_DAMAGE))
@pytest.mark.parametrize("via", ["restore", "reader"])
@FORMATS
def test_damage_is_reported_as_tf_reports_it(how, via, golden, tmp_path, fmt):
    prefix = _save(tmp_path, fmt=fmt)
    _DAMAGE[how](prefix)
    got = _error(lambda: (_restore if via == "restore" else _read)(prefix))
    want = golden[f"{via}/{how}"]
    if not isinstance(want, goldenio.GoldenError):
        assert not isinstance(got, BaseException), got
        np.testing.assert_array_equal(got, want)
        return
    assert type(got).__name__ == want.cls, (got, want)
    line = str(got).split("\n")[0].replace(str(tmp_path), "<ROOT>")
    tf_line = want.message.replace("<ROOT>/ck", "<ROOT>")
    if how in _SAME_MESSAGE:
        assert line == tf_line
    elif how in _SAME_START:
        assert line.startswith(_SAME_START[how]), line
    if isinstance(got, errors.DataLossError):
        assert str(tmp_path) in str(got)  # names the file


@FORMATS
def test_every_truncation_is_detected(tmp_path, fmt):
    prefix = _save(tmp_path, fmt=fmt)
    for suffix, error in [(DATA, errors.OutOfRangeError), (".index", errors.DataLossError)]:
        path = prefix + suffix
        whole = open(path, "rb").read()
        for n in range(len(whole)):
            open(path, "wb").write(whole[:n])
            with pytest.raises(error, match="truncated|Unable to read file"):
                _read_all(prefix)
        open(path, "wb").write(whole)
    assert [x.tolist() for x in _read_all(prefix)] == [A, W]


@FORMATS
def test_a_bit_flip_in_every_byte_is_detected(tmp_path, fmt):
    prefix = _save(tmp_path, fmt=fmt)
    for suffix in (DATA, ".index"):
        path = prefix + suffix
        whole = open(path, "rb").read()
        for pos in range(len(whole)):  # one bit per byte, each bit position in turn
            bit = 8 * pos + pos % 8
            _flip(path, bit)
            with pytest.raises(errors.DataLossError) as e:
                _read_all(prefix)
            assert path in str(e.value) or prefix + ".index" in str(e.value)
            open(path, "wb").write(whole)


@pytest.mark.parametrize("how", ["shape", "name", "dtype"])
def test_flip_in_index_is_data_loss_not_a_graph_mismatch(how, tmp_path):
    prefix = _save(tmp_path, fmt="safetensors")
    text = open(prefix + ".index").read()
    old, new = {"shape": ('"shape": [\n    3', '"shape": [\n    7'),
                "name": ('"a": {', '"c": {'), "dtype": ('"float32"', '"float64"')}[how]
    assert old in text
    open(prefix + ".index", "w").write(text.replace(old, new, 1))
    with pytest.raises(errors.DataLossError, match="index checksum mismatch"):
        _restore(prefix)


# ---------------------------------------------------------------------------------------
# Names inside an index: nothing outside the checkpoint's directory
# ---------------------------------------------------------------------------------------
_BAD_NAMES = ["/ABS/victim", "../victim", "sub/m" + DATA, "..", ".", "", "m" + DATA + "\x00",
              "other" + DATA, 7, None]


@pytest.mark.parametrize("name", _BAD_NAMES, ids=repr)
def test_index_naming_another_file_is_refused_and_never_deleted(name, tmp_path):
    ck = tmp_path / "ck"
    ck.mkdir()
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    (ck / ("other" + DATA)).write_bytes(b"precious")
    prefix = _save(ck, fmt="safetensors")
    doc = _index(prefix)
    doc["data_file"] = name.replace("/ABS", str(tmp_path)) if isinstance(name, str) else name
    _write_index(prefix, doc)
    for read in (_restore, _read):
        with pytest.raises(errors.DataLossError) as e:
            read(prefix)
        assert prefix + ".index" in str(e.value) and "data_file" in str(e.value)
    # Saving over the planted checkpoint replaces it and deletes nothing it names.
    assert _save(ck, a=[7., 7., 7.]) == prefix
    assert victim.read_bytes() == b"precious"
    assert (ck / ("other" + DATA)).read_bytes() == b"precious"
    assert _restore(prefix)[0].tolist() == [7.] * 3
    assert sorted(os.listdir(ck)) == ["checkpoint", "m" + DATA, "m.index", "other" + DATA]


@FORMATS
def test_saving_over_a_checkpoint_deletes_only_its_own_data(tmp_path, fmt):
    prefix = _save(tmp_path, fmt=fmt)
    for i in range(4):
        _save(tmp_path, a=[float(i)] * 3)
        assert _restore(prefix)[0].tolist() == [float(i)] * 3
        assert len([f for f in os.listdir(tmp_path) if ".data-" in f]) == 1


@pytest.mark.parametrize("field,value", [
    ("data_size", -1), ("data_size", "72"), ("data_size", 1.5), ("data_crc32", 2 ** 32),
    ("data_crc32", True), ("tensors", []), ("version", "2"), ("format", "other"),
    ("extra", 1)])
def test_malformed_index_fields_are_data_loss(field, value, tmp_path):
    prefix = _save(tmp_path, fmt="safetensors")
    doc = _index(prefix)
    doc[field] = value
    _write_index(prefix, doc)
    with pytest.raises(errors.DataLossError, match="Unable to read file"):
        _restore(prefix)


@pytest.mark.parametrize("entry", [
    {"dtype": "float32"}, {"dtype": "float32", "shape": [3], "extra": 1},
    {"dtype": "nonsense", "shape": [3]}, {"dtype": "float32_ref", "shape": [3]},
    {"dtype": "resource", "shape": [3]}, {"dtype": 1, "shape": [3]},
    {"dtype": "float32", "shape": "3"}, {"dtype": "float32", "shape": [-3]},
    {"dtype": "float32", "shape": [3.0]}, {"dtype": "float32", "shape": [3], "encoding": "bytes"},
    {"dtype": "string", "shape": [3], "encoding": "raw"}, [], "float32"], ids=repr)
def test_malformed_index_entries_are_data_loss(entry, tmp_path):
    prefix = _save(tmp_path, fmt="safetensors")
    doc = _index(prefix)
    doc["tensors"]["a"] = entry
    _write_index(prefix, doc)
    with pytest.raises(errors.DataLossError, match="Unable to read file"):
        _restore(prefix)


@pytest.mark.parametrize("how", ["shape", "huge_shape", "dtype", "extra_tensor", "lost_tensor"])
def test_index_disagreeing_with_the_data_is_data_loss(how, tmp_path):
    prefix = _save(tmp_path, fmt="safetensors")
    doc = _index(prefix)
    if how == "shape":
        doc["tensors"]["a"]["shape"] = [1, 3]
    elif how == "huge_shape":
        doc["tensors"]["a"]["shape"] = [2 ** 40, 2 ** 40]
    elif how == "dtype":
        doc["tensors"]["a"]["dtype"] = "int32"
    elif how == "extra_tensor":
        doc["tensors"]["b"] = {"dtype": "float32", "shape": [3], "encoding": "raw"}
    else:
        del doc["tensors"]["w"]
    _write_index(prefix, doc)
    with pytest.raises(errors.DataLossError, match="does not match its index"):
        _read_all(prefix)


def test_declared_sizes_larger_than_the_file_are_refused_before_reading(tmp_path):
    prefix = _save(tmp_path, fmt="safetensors")
    for size in (os.path.getsize(prefix + DATA) + 1, 2 ** 62):
        doc = _index(prefix)
        doc["data_size"] = size
        _write_index(prefix, doc)
        with pytest.raises(errors.OutOfRangeError, match=f"says {size} .truncated"):
            _within(10, lambda: _read_all(prefix))


@FORMATS
def test_oversized_index_is_refused_without_reading_it(tmp_path, monkeypatch, fmt):
    prefix = _save(tmp_path, fmt=fmt)
    monkeypatch.setattr(checkpoint_io, "MAX_INDEX_BYTES", 64)
    with pytest.raises(errors.DataLossError, match="more than an index can have"):
        _read(prefix)


# ---------------------------------------------------------------------------------------
# Links, FIFOs, devices
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("which", [DATA, ".index"])
@FORMATS
def test_symlink_to_a_valid_file_outside_the_directory_is_refused(which, tmp_path, fmt):
    ck = tmp_path / "ck"
    ck.mkdir()
    prefix = _save(ck, fmt=fmt)
    outside = tmp_path / ("moved" + which)
    os.replace(prefix + which, outside)
    os.symlink(outside, prefix + which)  # the same bytes, read through a link
    for read in (_restore, _read):
        with pytest.raises(errors.DataLossError, match="symbolic link, not a regular file"):
            read(prefix)


@needs_fifo
@pytest.mark.parametrize("which", [DATA, ".index"])
@FORMATS
def test_fifo_checkpoint_file_is_refused_without_blocking(which, tmp_path, fmt):
    prefix = _save(tmp_path, fmt=fmt)
    os.unlink(prefix + which)
    os.mkfifo(prefix + which)
    for read in (_restore, _read):
        with pytest.raises(errors.DataLossError, match="FIFO, not a regular file"):
            _within(10, lambda: read(prefix))


@needs_fifo
def test_fifo_meta_graph_and_state_file_are_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "g.meta")
    with pytest.raises(OSError, match="Cannot parse file .*FIFO, not a regular file"):
        _within(10, lambda: tf.train.import_meta_graph(str(tmp_path / "g.meta")))
    os.mkfifo(tmp_path / "checkpoint")
    assert _within(10, lambda: tf.train.get_checkpoint_state(str(tmp_path))) is None
    assert _within(10, lambda: tf.train.latest_checkpoint(str(tmp_path))) is None


_DEV_ZERO_SCRIPT = r"""
import os, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # a runaway read fails, fast
import flowgrad as tf
from flowgrad.engine.framework import errors
d = sys.argv[1]
v = tf.Variable([1.0, 2.0], name="v")
saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(v.initializer)
    prefix = saver.save(sess, os.path.join(d, "m"))
    for which in (".data-00000-of-00001", ".index"):
        os.replace(prefix + which, prefix + which + ".real")
        os.symlink("/dev/zero", prefix + which)
        for name, fn in [("restore", lambda: saver.restore(sess, prefix)),
                         ("reader", lambda: tf.train.load_checkpoint(prefix).get_tensor("v"))]:
            try:
                fn()
                print(which, name, "no error")
            except errors.DataLossError as e:
                print(which, name, "DataLossError", "symbolic link" in str(e))
        os.unlink(prefix + which)
        os.replace(prefix + which + ".real", prefix + which)
os.symlink("/dev/zero", os.path.join(d, "z.meta"))
try:
    tf.train.import_meta_graph(os.path.join(d, "z.meta"))
except OSError as e:
    print("meta", type(e).__name__, "character device" in str(e))
os.unlink(os.path.join(d, "checkpoint"))
os.symlink("/dev/zero", os.path.join(d, "checkpoint"))
print("state", tf.train.get_checkpoint_state(d))
"""


@pytest.mark.skipif(not os.path.exists("/dev/zero") or sys.platform != "linux",
                    reason="needs /dev/zero and RLIMIT_AS")
def test_links_to_dev_zero_are_refused_not_read(tmp_path):
    out = subprocess.run([sys.executable, "-c", _DEV_ZERO_SCRIPT, str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.split("\n") == [
        ".data-00000-of-00001 restore DataLossError True",
        ".data-00000-of-00001 reader DataLossError True",
        ".index restore DataLossError True", ".index reader DataLossError True",
        "meta OSError True", "state None", ""]


def test_open_regular_checks_the_opened_descriptor(tmp_path):
    (tmp_path / "f").write_bytes(b"abc")
    os.symlink(tmp_path / "f", tmp_path / "link")
    fd, st = file_io.open_regular(str(tmp_path / "link"))  # followed when allowed
    os.close(fd)
    assert st.st_size == 3
    with pytest.raises(file_io.NotRegularFileError, match="symbolic link"):
        file_io.open_regular(str(tmp_path / "link"), follow_symlinks=False)
    with pytest.raises(file_io.NotRegularFileError, match="directory"):
        file_io.open_regular(str(tmp_path))
    with pytest.raises(FileNotFoundError):
        file_io.open_regular(str(tmp_path / "none"))
    for name in ["", ".", "..", "a/b", "/a", "a\x00", 3]:
        with pytest.raises(ValueError, match="not"):
            file_io.check_basename(name)
    assert file_io.check_basename("m.data-00000-of-00001") == "m.data-00000-of-00001"


# ---------------------------------------------------------------------------------------
# The `checkpoint` state file
# ---------------------------------------------------------------------------------------
_STATE_TEXTS = {
    "garbage": "garbage garbage",
    "empty": "",
    "timestamps": 'model_checkpoint_path: "m-2"\nall_model_checkpoint_paths: "m-1"\n'
                  'all_model_checkpoint_paths: "m-2"\nall_model_checkpoint_timestamps: 1.5\n'
                  'all_model_checkpoint_timestamps: 2.5\nlast_preserved_timestamp: 0.5\n',
    "list_syntax": 'model_checkpoint_path: "m-2" all_model_checkpoint_paths: ["m-1", "m-2"]',
    "concatenated": "model_checkpoint_path: 'm' \"-2\"",
    "missing_colon": 'model_checkpoint_path "m-2"',
    "unknown_field": 'model_checkpoint_path: "m-2"\nnot_a_field: 1\n',
    "unterminated": 'model_checkpoint_path: "m-2',
    "number_for_path": "model_checkpoint_path: 12",
}


@pytest.mark.parametrize("case", sorted(_STATE_TEXTS))
def test_state_file_parses_as_tf(case, golden, tmp_path):
    d = tmp_path / "st"
    d.mkdir()
    (d / "checkpoint").write_text(_STATE_TEXTS[case])

    def state():
        st = tf.train.get_checkpoint_state(str(d))
        if st is None:
            return None
        return [st.model_checkpoint_path.replace(str(tmp_path), "<ROOT>"),
                [p.replace(str(tmp_path), "<ROOT>") for p in st.all_model_checkpoint_paths],
                list(st.all_model_checkpoint_timestamps), st.last_preserved_timestamp]
    got = _error(state)
    want = golden[f"state/{case}"]
    if isinstance(want, goldenio.GoldenError):
        assert type(got).__name__ == want.cls
        assert str(got) == want.message.replace("<ROOT>", str(tmp_path))
    else:
        assert got == want


@pytest.mark.parametrize("text", [
    'model_checkpoint_path: "../elsewhere/m-1"',
    'model_checkpoint_path: "m-1"\nall_model_checkpoint_paths: "../../etc/passwd"',
    'model_checkpoint_path: "sub/m-1"',
    'model_checkpoint_path: "m-1\\000x"',
    '\xff\xfe'])
def test_state_naming_files_outside_its_directory_is_ignored(text, tmp_path, caplog):
    d = tmp_path / "st"
    d.mkdir()
    (d / "checkpoint").write_bytes(text.replace("/ABS", str(tmp_path)).encode("latin-1"))
    assert tf.train.get_checkpoint_state(str(d)) is None
    assert tf.train.latest_checkpoint(str(d)) is None
    assert "Checkpoint ignored" in caplog.text


def test_absolute_paths_elsewhere_are_looked_up_in_the_state_files_directory(tmp_path):
    """A run directory TF 1.14 wrote (absolute paths), moved: its checkpoints are found in
    the new place; nothing at the old absolute paths is read, even if it exists."""
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    prefix = _save(old, a=[1., 1., 1.])
    _save(old, name="m-2")
    shutil.copytree(old, new)
    _save(old, a=[5., 5., 5.])  # the old place still exists, with other values
    st = tf.train.get_checkpoint_state(str(new))
    assert st.model_checkpoint_path == str(new / "m-2")
    assert open(new / "checkpoint").read().count(str(old)) == 2  # as written
    assert tf.train.latest_checkpoint(str(new)) == str(new / "m-2")
    (new / "checkpoint").write_text(f'model_checkpoint_path: "{prefix}"\n'
                                    f'all_model_checkpoint_paths: "/elsewhere/entirely/m"\n')
    st = tf.train.get_checkpoint_state(str(new))
    assert st.all_model_checkpoint_paths == [str(new / "m")]
    assert _read(tf.train.latest_checkpoint(str(new)))[0].tolist() == [1., 1., 1.]


def test_state_written_by_saver_with_absolute_and_relative_paths_is_accepted(tmp_path,
                                                                             monkeypatch):
    prefix = _save(tmp_path)
    assert tf.train.latest_checkpoint(str(tmp_path)) == prefix
    monkeypatch.chdir(tmp_path)
    assert tf.train.latest_checkpoint(".") == prefix  # the state holds absolute paths
    assert tf.train.latest_checkpoint(str(tmp_path) + "/") == str(tmp_path) + "/m"
    os.symlink(tmp_path, tmp_path.parent / (tmp_path.name + "_link"))
    linked = str(tmp_path.parent / (tmp_path.name + "_link"))
    assert tf.train.get_checkpoint_state(linked).model_checkpoint_path == prefix


def test_state_file_limits(tmp_path, monkeypatch, caplog):
    prefix = _save(tmp_path)
    state = tmp_path / "checkpoint"
    monkeypatch.setattr(checkpoint_management, "MAX_STATE_BYTES", 16)
    assert tf.train.get_checkpoint_state(str(tmp_path)) is None
    assert "more than a checkpoint state file can have" in caplog.text
    monkeypatch.undo()
    os.replace(state, tmp_path / "real_state")
    os.symlink(tmp_path / "real_state", state)
    assert tf.train.get_checkpoint_state(str(tmp_path)) is None
    assert "symbolic link, not a regular file" in caplog.text
    os.unlink(state)
    state.mkdir()
    assert tf.train.get_checkpoint_state(str(tmp_path)) is None
    _ = prefix


def test_state_round_trips_timestamps(tmp_path):
    tf.train.update_checkpoint_state(str(tmp_path), str(tmp_path / "m-2"),
                                     [str(tmp_path / "m-1"), str(tmp_path / "m-2")],
                                     all_model_checkpoint_timestamps=[1.5, 2.25],
                                     last_preserved_timestamp=0.5)
    st = tf.train.get_checkpoint_state(str(tmp_path))
    assert st.all_model_checkpoint_timestamps == [1.5, 2.25]
    assert st.last_preserved_timestamp == 0.5
    with pytest.raises(ValueError, match="timestamps, if provided, must match"):
        tf.train.update_checkpoint_state(str(tmp_path), "m-3", ["m-3"],
                                         all_model_checkpoint_timestamps=[1.0, 2.0])


# ---------------------------------------------------------------------------------------
# Meta graphs
# ---------------------------------------------------------------------------------------
def _meta_doc():
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0, name="a")
        tf.identity(a, name="b")
        tf.Variable([1.0], name="v")
        tf.add_to_collection("outs", a)
    return json.loads(meta_graph.export_scoped_meta_graph(graph=g).to_json())  # (the JSON one)


def _import_doc(doc, tmp_path, raw=None):
    path = tmp_path / "x.meta"
    path.write_bytes(raw if raw is not None else json.dumps(doc).encode())
    g = tf.Graph()
    with g.as_default():
        try:
            tf.train.import_meta_graph(str(path))
        finally:
            ops = g.get_operations()
    return sorted(op.name for op in ops)


def _node(doc, name):
    return next(n for n in doc["graph_def"]["node"] if n["name"] == name)


_TF_META = {  # case -> edit of the document of a = const, b = identity(a)
    "unknown_op": lambda d: _node(d, "b").update(op="NoSuchOp"),
    "dangling_input": lambda d: _node(d, "b").update(input=["zz"]),
    "bad_output_index": lambda d: _node(d, "b").update(input=["a:5"]),
    "bad_index_text": lambda d: _node(d, "b").update(input=["a:x"]),
    "dangling_control": lambda d: _node(d, "b")["input"].append("^zz"),
    "duplicate_name": lambda d: _node(d, "b").update(name="a"),
    "self_cycle": lambda d: _node(d, "b").update(input=["b"]),
    "intact": lambda d: None,
}


@pytest.mark.parametrize("case", sorted(_TF_META))
def test_meta_graph_import_errors_match_tf(case, golden, tmp_path):
    doc = _meta_doc()
    _TF_META[case](doc)
    got = _error(lambda: _import_doc(doc, tmp_path))
    want = golden[f"meta/{case}"]
    if not isinstance(want, goldenio.GoldenError):
        assert set(want) <= set(got)
        return
    assert type(got).__name__ == want.cls, got
    if case == "unknown_op":
        assert str(got).startswith("Op type not registered 'NoSuchOp' in binary running on")
    else:
        assert str(got).startswith(want.message), (str(got), want.message)
    assert str(tmp_path / "x.meta") in str(got)  # names the file
    # Nothing was added to the graph.
    g = tf.Graph()
    with g.as_default():
        with pytest.raises(type(got)):
            tf.train.import_meta_graph(str(tmp_path / "x.meta"))
        assert g.get_operations() == []


@pytest.mark.parametrize("case", ["garbage_file", "missing_file", "directory"])
def test_meta_graph_file_errors_match_tf(case, golden, tmp_path):
    path = {"garbage_file": tmp_path / "garbage.meta", "missing_file": tmp_path / "nothing.meta",
            "directory": tmp_path / "dir.meta"}[case]
    if case == "garbage_file":
        path.write_bytes(b"\x08\x01garbage")
    elif case == "directory":
        path.mkdir()
    got = _error(lambda: tf.train.import_meta_graph(str(path)))
    want = golden[f"meta/{case}"]
    assert type(got).__name__ == want.cls
    if case == "garbage_file":
        assert str(got).startswith(f"Cannot parse file {path}: ")
    else:
        assert str(got) == want.message.replace("<ROOT>", str(tmp_path))


def _deep(n):
    v = 1
    for _ in range(n):
        v = {"list": [v]}
    return v


_CRAFTED = {
    "json_nesting": (None, b"[" * 100000 + b"]" * 100000),
    "attr_nesting": (lambda d: _node(d, "a")["attr"].update(x=_deep(100)), None),
    "not_utf8": (None, b'{"format": "\xff"}'),
    "not_an_object": (None, b"[1, 2]"),
    "version_type": (lambda d: d.update(version="1"), None),
    "newer_version": (lambda d: d.update(version=99), None),
    "node_list_type": (lambda d: d["graph_def"].update(node={"a": 1}), None),
    "node_type": (lambda d: d["graph_def"]["node"].append(5), None),
    "node_missing_op": (lambda d: _node(d, "b").pop("op"), None),
    "node_extra_field": (lambda d: _node(d, "b").update(evil=1), None),
    "name_type": (lambda d: _node(d, "b").update(name=5), None),
    "name_invalid": (lambda d: _node(d, "b").update(name="b c"), None),
    "name_empty": (lambda d: _node(d, "b").update(name=""), None),
    "op_type": (lambda d: _node(d, "b").update(op=["Identity"]), None),
    "input_type": (lambda d: _node(d, "b").update(input="a"), None),
    "input_item_type": (lambda d: _node(d, "b").update(input=[0]), None),
    "device_type": (lambda d: _node(d, "b").update(device=1), None),
    "attr_type": (lambda d: _node(d, "b").update(attr=[]), None),
    "attr_unknown_tag": (lambda d: _node(d, "b")["attr"].update(T={"pickle": "x"}), None),
    "attr_bad_dtype": (lambda d: _node(d, "b")["attr"].update(T={"dtype": "evil"}), None),
    "attr_object_array": (lambda d: _node(d, "a")["attr"].update(
        value={"ndarray": {"dtype": "O", "shape": [1], "data": "AAAAAAAAAAA="}}), None),
    "attr_record_array": (lambda d: _node(d, "a")["attr"].update(
        value={"ndarray": {"dtype": "V8", "shape": [1], "data": "AAAAAAAAAAA="}}), None),
    "attr_array_size": (lambda d: _node(d, "a")["attr"].update(
        value={"ndarray": {"dtype": "<f4", "shape": [1000000], "data": "AAAAAA=="}}), None),
    "attr_array_shape": (lambda d: _node(d, "a")["attr"].update(
        value={"ndarray": {"dtype": "<f4", "shape": [-1], "data": "AAAAAA=="}}), None),
    "attr_bad_base64": (lambda d: _node(d, "a")["attr"].update(value={"bytes": "!!!"}), None),
    "attr_bad_shape": (lambda d: _node(d, "a")["attr"].update(x={"shape": "abc"}), None),
    "attr_unhashable_key": (lambda d: _node(d, "a")["attr"].update(
        x={"dict": [[{"list": [{"list": [1]}]}, 1]]}), None),
    "saver_def_type": (lambda d: d.update(saver_def={"max_to_keep": "5"}), None),
    "saver_def_field": (lambda d: d.update(saver_def={"evil": 1}), None),
    "collections_type": (lambda d: d.update(collection_def=[]), None),
    "collection_shape": (lambda d: d["collection_def"].update(x={"kind": "str_list"}), None),
}


@pytest.mark.parametrize("case", sorted(_CRAFTED))
def test_crafted_meta_graph_is_a_clear_parse_error(case, tmp_path):
    edit, raw = _CRAFTED[case]
    doc = _meta_doc()
    if edit:
        edit(doc)
    with pytest.raises(OSError, match=f"Cannot parse file {tmp_path / 'x.meta'}: ") as e:
        _within(30, lambda: _import_doc(doc, tmp_path, raw))
    assert type(e.value) is OSError  # not a RecursionError, AttributeError, ...
    if raw is None:
        with pytest.raises(meta_graph.DecodeError):
            meta_graph.MetaGraphDef.FromString(json.dumps(doc).encode())


_BAD_COLLECTIONS = {
    "variable_names_nothing": {"kind": "variables", "value": [
        {"variable_name": "zz:0", "initializer_name": "v/Assign", "snapshot_name": "v/read:0",
         "initial_value_name": "v/initial_value:0", "trainable": True}]},
    "variable_def_type": {"kind": "variables", "value": ["v"]},
    "node_list_dangling": {"kind": "node_list", "value": ["zz:0"]},
    "int_list_type": {"kind": "int64_list", "value": ["1"]},
    "bytes_list_type": {"kind": "bytes_list", "value": ["!!"]},
    "savers_type": {"kind": "savers", "value": [{"max_to_keep": "x"}]},
}


@pytest.mark.parametrize("case", sorted(_BAD_COLLECTIONS))
def test_malformed_collection_is_refused_before_anything_is_imported(case, tmp_path):
    doc = _meta_doc()
    doc["collection_def"]["bad"] = _BAD_COLLECTIONS[case]
    g = tf.Graph()
    with g.as_default():
        (tmp_path / "x.meta").write_text(json.dumps(doc))
        with pytest.raises(ValueError, match=f"Collection 'bad' .*{tmp_path / 'x.meta'}"):
            tf.train.import_meta_graph(str(tmp_path / "x.meta"))
        assert g.get_operations() == []


def test_forward_references_are_sorted_as_tf_does(tmp_path):
    doc = _meta_doc()
    nodes = doc["graph_def"]["node"]
    b = _node(doc, "b")
    nodes.remove(b)
    nodes.insert(0, b)  # b before its input a: TF sorts the nodes, so does flowgrad
    assert set(_import_doc(doc, tmp_path)) >= {"a", "b"}


def test_meta_graph_imports_only_the_engine():
    """framework/meta_graph is engine code: no import (at any depth) leaves flowgrad.engine."""
    import ast
    src = meta_graph.__file__
    tree = ast.parse(open(src).read())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            assert node.level <= 2, f"line {node.lineno} imports from above flowgrad.engine"
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) \
                else [node.module]
            assert not any(n.startswith("flowgrad") and not n.startswith("flowgrad.engine")
                           for n in names), f"line {node.lineno}"


def test_registered_collection_kind_round_trips(tmp_path, caplog):
    class Tag:
        def __init__(self, label):
            self.label = label

    class Mark(Tag):
        pass
    # A kind with the bytes of its proto in TF's MetaGraphDef (TF's register_proto_function
    # for the collection of that name) goes through export_meta_graph's proto and files.
    meta_graph.register_collection_kind(
        "test_tags", lambda x: type(x) is Tag, lambda x, scope: {"label": x.label},
        lambda d, scope: Tag(d["label"]), lambda d, has_node: None,
        tf_bytes=(lambda d: d["label"].encode(), lambda b: {"label": b.decode()}))
    # One without (flowgrad's own document only): left out of TF's proto with a warning.
    meta_graph.register_collection_kind(
        "test_marks", lambda x: type(x) is Mark, lambda x, scope: {"label": x.label},
        lambda d, scope: Mark(d["label"]), lambda d, has_node: None)
    try:
        g = tf.Graph()
        with g.as_default():
            tf.add_to_collection("test_tags", Tag("hello"))
            tf.add_to_collection("marks", Mark("m"))
            doc = meta_graph.export_scoped_meta_graph(graph=g)
            assert doc.collection_def["test_tags"] == {"kind": "test_tags",
                                                       "value": [{"label": "hello"}]}
            mg = tf.train.export_meta_graph(str(tmp_path / "t.meta"), graph=g)
        assert list(mg.collection_def["test_tags"].bytes_list.value) == [b"hello"]
        assert "marks" not in mg.collection_def
        assert "Issue encountered when serializing marks." in caplog.text
        assert "collection kind test_marks has no TF proto" in caplog.text
        for source in (mg, str(tmp_path / "t.meta"), doc):
            with tf.Graph().as_default():
                tf.train.import_meta_graph(source)
                assert [t.label for t in tf.get_collection("test_tags")] == ["hello"]
                assert [t.label for t in tf.get_collection("marks")] == \
                    (["m"] if source is doc else [])
    finally:
        del meta_graph._KINDS["test_tags"]
        del meta_graph._KINDS["test_marks"]
    with pytest.raises(ValueError, match="built in"):
        meta_graph.register_collection_kind("node_list", None, None, None, None)


def test_import_returns_global_variables_by_name_as_tf():
    g = tf.Graph()
    with g.as_default():
        with tf.name_scope("net"):
            tf.Variable([1.0], name="v")
        mg = tf.train.export_meta_graph(graph=g)
    with tf.Graph().as_default():
        got = meta_graph.import_scoped_meta_graph(mg, import_scope="s")
        assert list(got) == ["net/v:0"] and got["net/v:0"].name == "s/net/v:0"


def test_crc_helper_matches_the_written_index(tmp_path):
    prefix = _save(tmp_path, fmt="safetensors")
    raw = open(prefix + ".index", "rb").read()
    doc = json.loads(raw)
    crc = doc.pop("index_crc32")
    assert crc == zlib.crc32(json.dumps(doc, indent=1).encode())
    assert checkpoint_io._index_bytes(doc) == raw
