"""tf.summary ops, FileWriter event files and GraphDef export, against TF 1.14 goldens.

Event files are read back with TensorBoard's own EventAccumulator.
"""
import base64
import glob
import os
import re
import socket
import struct
import sys
import types
import zlib

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.framework import errors

import goldens

pytest.importorskip("tensorboard")
from tensorboard.compat.proto import event_pb2, graph_pb2, summary_pb2

@pytest.fixture(scope="module")
def golden():
    return goldens.load("saver", "summaries")


def _accumulator(logdir):
    # Make TensorBoard use its TF stub: the tests never import TensorFlow.
    sys.modules.setdefault("tensorboard.compat.notf", types.ModuleType("notf"))
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
    ea = EventAccumulator(str(logdir), size_guidance={"scalars": 0, "histograms": 0,
                                                      "images": 0, "tensors": 0, "audio": 0})
    ea.Reload()
    return ea


# ---------------------------------------------------------------------------------------
# Summary protos, byte for byte
# ---------------------------------------------------------------------------------------
def _build_golden_graph(inp):
    s = {}
    s["s1"] = tf.summary.scalar("loss", tf.constant(3.5))
    with tf.name_scope("train"):
        s["s2"] = tf.summary.scalar("acc", tf.constant(0.25, tf.float64))
        s["s2b"] = tf.summary.scalar("acc", tf.constant(2, tf.int32))
    s["s3"] = tf.summary.scalar("lr", tf.constant(1e-3), family="opt")
    for k, v in inp["hist"].items():
        s["h_" + k] = tf.summary.histogram("h_" + k, tf.constant(np.array(v, np.float64)))
    s["hint"] = tf.summary.histogram("h_int32", tf.constant(np.arange(-3, 7, dtype=np.int32)))
    img_bad = np.array([[[[np.nan if c is None else c for c in px] for px in row] for row in im]
                        for im in inp["img_bad"]], np.float32)
    s["si1"] = tf.summary.image("img", tf.constant(np.array(inp["img_f"], np.float32)),
                                max_outputs=3)
    s["si2"] = tf.summary.image("neg", tf.constant(np.array(inp["img_neg"], np.float32)))
    s["si3"] = tf.summary.image("u8", tf.constant(np.array(inp["img_u8"], np.uint8)),
                                max_outputs=2)
    s["si4"] = tf.summary.image("bad", tf.constant(img_bad), max_outputs=1)
    s["st"] = tf.summary.text("notes", tf.constant(["hello", "world"]))
    s["st0"] = tf.summary.text("note0", tf.constant("single"))
    s["ts"] = tf.summary.tensor_summary("tsum", tf.constant([[1., 2.], [3., 4.]]))
    wave = np.sin(np.linspace(0, 20, 2 * 50)).reshape(2, 50).astype(np.float32)
    s["aud"] = tf.summary.audio("snd", tf.constant(wave), 8000, max_outputs=2)
    s["merge"] = tf.summary.merge([s["s1"], s["s2"], s["h_ints"]])
    return s


def test_summary_ops_match_tf_bytes_names_and_types(golden):
    s = _build_golden_graph(golden["inputs"])
    merged_all = tf.summary.merge_all()
    assert {k: v.name for k, v in s.items()} == golden["tensor_names"]
    types_ = {o.name: o.type for o in tf.get_default_graph().get_operations()
              if "Summary" in o.type}
    assert types_ == golden["ops"]
    with tf.Session() as sess:
        res = sess.run(s)
        all_tags = [v.tag for v in summary_pb2.Summary.FromString(sess.run(merged_all)).value]
    assert all_tags == golden["merge_all_tags"]
    for k, v in res.items():
        if k.startswith("si"):
            continue  # PNG bytes depend on the encoder; pixels are compared below
        assert isinstance(v, bytes)
        assert v == base64.b64decode(golden["serialized"][k]), k


def _decode_png(data):
    """Decodes an 8-bit PNG as TF's (libpng's) writer makes it: IDAT chunks, rows filtered
    with any of the five PNG filters."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + n]
        (crc,) = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
        assert crc == zlib.crc32(kind + body)
        chunks[kind] = chunks.get(kind, b"") + body
        pos += 12 + n
    w, h, depth, color, _, _, _ = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    c = {0: 1, 4: 2, 2: 3, 6: 4}[color]
    assert depth == 8
    raw = np.frombuffer(zlib.decompress(chunks[b"IDAT"]), np.uint8).reshape(h, w * c + 1)
    out = np.zeros((h, w * c), np.int64)
    for y in range(h):
        kind, row = raw[y, 0], raw[y, 1:].astype(np.int64)
        up = out[y - 1] if y else np.zeros(w * c, np.int64)
        for i in range(w * c):
            a = out[y, i - c] if i >= c else 0
            b, d = up[i], (up[i - c] if i >= c else 0)
            pa, pb, pc = abs(b - d), abs(a - d), abs(a + b - 2 * d)
            pred = [0, a, b, (a + b) // 2,
                    a if pa <= pb and pa <= pc else (b if pb <= pc else d)][kind]
            out[y, i] = (row[i] + pred) & 0xFF
    return out.astype(np.uint8).reshape(h, w, c)


def test_image_summaries_match_tf_pixels(golden):
    s = _build_golden_graph(golden["inputs"])
    with tf.Session() as sess:
        res = sess.run({k: s[k] for k in ["si1", "si2", "si3", "si4"]})
    for k, exp in golden["images"].items():
        values = summary_pb2.Summary.FromString(res[k]).value
        assert [v.tag for v in values] == [e["tag"] for e in exp]
        for v, e in zip(values, exp):
            assert (v.image.height, v.image.width, v.image.colorspace) == (e["h"], e["w"], e["c"])
            np.testing.assert_array_equal(_decode_png(v.image.encoded_image_string),
                                          np.array(e["pixels"], np.uint8))


def test_runtime_errors_match_tf(golden):
    with tf.Session() as sess:
        h = tf.summary.histogram("nanh", tf.constant([1.0, np.nan]))
        with pytest.raises(errors.InvalidArgumentError) as e:
            sess.run(h)
        assert str(e.value).split("\n")[0] == golden["nan_hist_error"][1].split("\n")[0]
        infnan = tf.summary.histogram("infnan", tf.constant([1.0, np.inf, np.nan]))
        with pytest.raises(errors.InvalidArgumentError) as e:
            sess.run(infnan)  # the first non-finite value names the error
        assert str(e.value).split("\n")[0] == golden["inf_then_nan_hist_error"][1].split("\n")[0]
        inf = tf.summary.histogram("infh", tf.constant([np.inf]))
        with pytest.raises(errors.InvalidArgumentError, match="Infinity in summary histogram"):
            sess.run(inf)
        s1 = tf.summary.scalar("loss", tf.constant(3.5))
        with pytest.raises(errors.InvalidArgumentError, match="Duplicate tag loss found"):
            sess.run(tf.summary.merge([s1, s1]))
        bad_scalar = tf.summary.scalar("bad", tf.constant([1., 2.]))
        with pytest.raises(errors.InvalidArgumentError,
                           match=r"tags and values not the same shape: \[\] != \[2\]"):
            sess.run(bad_scalar)
        bad_image = tf.summary.image("bad", tf.constant(np.zeros((2, 2), np.float32)))
        with pytest.raises(errors.InvalidArgumentError,
                           match=r"Tensor must be 4-D with last dim 1, 3, or 4, not \[2,2\]"):
            sess.run(bad_image)
    with pytest.raises(ValueError, match="to have dtype string"):
        tf.summary.text("t", tf.constant(1.0))


def test_collections_and_merge_all():
    assert tf.summary.merge_all() is None
    a = tf.summary.scalar("a", 1.0)
    tf.summary.scalar("b", 2.0, collections=[])
    c = tf.summary.scalar("c", 3.0, collections=["mine"])
    assert tf.get_collection(tf.GraphKeys.SUMMARIES) == [a]
    assert tf.get_collection("mine") == [c]
    with tf.Session() as sess:
        tags = [v.tag for v in summary_pb2.Summary.FromString(
            sess.run(tf.summary.merge_all("mine"))).value]
    assert tags == ["c"]
    assert tf.summary.merge([a], name="m").name == "m/m:0"
    assert tf.summary.scalar("bad name!", 1.0).op.name == "bad_name_"


# ---------------------------------------------------------------------------------------
# Event files, read back by TensorBoard
# ---------------------------------------------------------------------------------------
def test_file_writer_round_trip_through_tensorboard(tmp_path):
    x = tf.placeholder(tf.float32, [None], name="x")
    with tf.name_scope("stats"):
        m = tf.reduce_mean(x)
        tf.summary.scalar("mean", m)
    tf.summary.histogram("xs", x)
    tf.summary.image("img", tf.reshape(x[:12], [1, 2, 2, 3]), max_outputs=1)
    tf.summary.text("note", tf.constant("hi"))
    tf.summary.audio("snd", tf.reshape(x[:10] / 20.0, [1, 10]), 4000, max_outputs=1)
    merged = tf.summary.merge_all()
    logdir = tmp_path / "logs"
    with tf.Session() as sess:
        writer = tf.summary.FileWriter(str(logdir), sess.graph)
        for step in range(5):
            writer.add_summary(sess.run(merged, {x: np.arange(12, dtype=np.float32) + step}),
                               step)
        writer.add_session_log(event_pb2.SessionLog(status=event_pb2.SessionLog.START), 5)
        writer.close()
    files = glob.glob(str(logdir / "events.out.tfevents.*"))
    assert len(files) == 1
    assert re.fullmatch(r"events\.out\.tfevents\.\d{10}\." + re.escape(socket.gethostname()),
                        os.path.basename(files[0]))
    ea = _accumulator(logdir)
    tags = ea.Tags()
    # Names are unique case-insensitively ("stats/Mean" exists), so TF 1.14 also says mean_1.
    assert tags["scalars"] == ["stats/mean_1"]
    assert [(e.step, e.value) for e in ea.Scalars("stats/mean_1")] == \
        [(s, 5.5 + s) for s in range(5)]
    hist = ea.Histograms("xs")
    assert [h.step for h in hist] == list(range(5))
    assert hist[2].histogram_value.num == 12 and hist[2].histogram_value.min == 2.0
    img = ea.Images("img/image")
    assert [(i.step, i.width, i.height) for i in img] == [(s, 2, 2) for s in range(5)]
    assert ea.Tensors("note")[0].tensor_proto.string_val == [b"hi"]
    clip = ea.Audio("snd/audio")[4]
    assert (clip.step, clip.sample_rate, clip.length_frames, clip.content_type) == \
        (4, 4000, 10, "audio/wav")
    assert tf.summary.Summary is summary_pb2.Summary
    assert tf.summary.SessionLog is event_pb2.SessionLog
    names = {n.name for n in ea.Graph().node}
    assert {"x", "stats/Mean", "stats/mean_1", "xs", "img"} <= names


def test_file_writer_queue_flush_reopen_and_cache(tmp_path):
    logdir = str(tmp_path)
    w = tf.summary.FileWriter(logdir, max_queue=3, flush_secs=1000, filename_suffix=".v1")
    assert w.get_logdir() == logdir
    summ = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag="t", simple_value=1.0)])
    w.add_summary(summ, 1)
    size0 = os.path.getsize(glob.glob(logdir + "/*.v1")[0])
    w.add_summary(summ.SerializeToString(), 2)
    w.add_summary(summ, 3)  # third pending record fills the queue
    assert os.path.getsize(glob.glob(logdir + "/*.v1")[0]) > size0
    w.close()
    w.add_summary(summ, 4)  # dropped after close, as TF 1.14
    w.reopen()
    w.add_summary(summ, 5)
    w.flush()
    w.close()
    files = sorted(glob.glob(logdir + "/*.v1"))
    assert len(files) == 2
    ea = _accumulator(logdir)
    assert [e.step for e in ea.Scalars("t")] == [1, 2, 3, 5]
    c1 = tf.summary.FileWriterCache.get(str(tmp_path / "c"))
    assert tf.summary.FileWriterCache.get(str(tmp_path / "c")) is c1
    tf.summary.FileWriterCache.clear()
    assert tf.summary.FileWriterCache.get(str(tmp_path / "c")) is not c1
    tf.summary.FileWriterCache.clear()


def test_plugin_metadata_kept_only_on_first_value(tmp_path):
    t = tf.summary.text("note", tf.constant("hi"))
    with tf.Session() as sess, tf.summary.FileWriter(str(tmp_path)) as w:
        for step in range(2):
            w.add_summary(sess.run(t), step)
    from flowgrad.summary.writer import crc32c  # noqa: F401 - the reader below checks CRCs
    events = list(_read_records(glob.glob(str(tmp_path) + "/events*")[0]))
    metas = [e.summary.value[0].HasField("metadata") for e in events if e.HasField("summary")]
    assert metas == [True, False]
    assert events[0].file_version == "brain.Event:2"


def _read_records(path):
    from flowgrad.summary.writer import masked_crc32c
    data = open(path, "rb").read()
    pos = 0
    while pos < len(data):
        header = data[pos:pos + 8]
        (n,) = struct.unpack("<Q", header)
        assert struct.unpack("<I", data[pos + 8:pos + 12])[0] == masked_crc32c(header)
        body = data[pos + 12:pos + 12 + n]
        assert struct.unpack("<I", data[pos + 12 + n:pos + 16 + n])[0] == masked_crc32c(body)
        pos += 16 + n
        yield event_pb2.Event.FromString(body)


@pytest.mark.parametrize("n", [0, 1, 9, 2047, 2048, 2049, 70001])
def test_crc32c_matches_reference(n):
    from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import crc32c as ref

    from flowgrad.summary.writer import crc32c
    data = np.random.RandomState(n).bytes(n)
    assert crc32c(data) == ref(data)
    assert crc32c(b"123456789") == 0xE3069283


# ---------------------------------------------------------------------------------------
# GraphDef
# ---------------------------------------------------------------------------------------
def _golden_graph():
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    with tf.name_scope("layer1"):
        w = tf.Variable(tf.ones([3]), name="w")
        h = tf.multiply(x, w, name="h")
    with tf.control_dependencies([h]):
        c = tf.constant([[1., 2., 3.]], name="c")
    return tf.add(h, c, name="y")


def test_graph_def_matches_tf():
    gold = goldens.load("saver", "graph_def")
    _golden_graph()
    gd = tf.get_default_graph().as_graph_def(add_shapes=True)
    assert isinstance(gd, graph_pb2.GraphDef)
    assert [(n.name, n.op, list(n.input)) for n in gd.node] == \
        [(n["name"], n["op"], n["input"]) for n in gold["nodes"]]
    for n, g in zip(gd.node, gold["nodes"]):
        common = {"dtype", "value", "shape", "container", "shared_name", "validate_shape",
                  "use_locking", "_output_shapes"}
        assert sorted(k for k in g["attr_keys"] if k in common) == \
            sorted(k for k in n.attr if k in common), n.name
        shapes = [None if s.unknown_rank else [d.size for d in s.dim]
                  for s in n.attr["_output_shapes"].list.shape]
        assert shapes == gold["output_shapes"][n.name]
        if n.op == "Const":
            from tensorboard.compat.proto import tensor_pb2
            from tensorboard.util import tensor_util
            exp = tensor_pb2.TensorProto.FromString(bytes.fromhex(gold["const_tensors"][n.name]))
            np.testing.assert_array_equal(tensor_util.make_ndarray(n.attr["value"].tensor),
                                          tensor_util.make_ndarray(exp))
        if n.op == "Placeholder":
            assert n.attr["dtype"].type == 1
            assert [d.size for d in n.attr["shape"].shape.dim] == [-1, 3]


def test_write_graph_text_and_binary(tmp_path):
    from google.protobuf import text_format
    _golden_graph()
    p = tf.train.write_graph(tf.get_default_graph(), str(tmp_path), "g.pbtxt")
    gd = text_format.Parse(open(p).read(), graph_pb2.GraphDef())
    assert [n.name for n in gd.node][-1] == "y"
    p2 = tf.train.write_graph(tf.get_default_graph().as_graph_def(), str(tmp_path / "sub"),
                              "g.pb", as_text=False)
    assert graph_pb2.GraphDef.FromString(open(p2, "rb").read()) == gd


_DTYPE_ERRORS = [
    (lambda: tf.summary.scalar("a", tf.constant(True)),
     "Value passed to parameter 'values' has DataType bool not in list of allowed values: "
     "float32, float64, int32, uint8, int16, int8, int64, bfloat16, uint16, float16, uint32, "
     "uint64"),
    (lambda: tf.summary.histogram("h", tf.constant(["a"])),
     "Value passed to parameter 'values' has DataType string not in list of allowed values"),
    (lambda: tf.summary.image("i", tf.zeros([1, 2, 2, 3], tf.int32)),
     "Value passed to parameter 'tensor' has DataType int32 not in list of allowed values: "
     "uint8, float32, float16, float64"),
    (lambda: tf.summary.audio("a", tf.zeros([1, 4], tf.float64), 8000),
     "Input 'tensor' of 'AudioSummaryV2' Op has type float64 that does not match expected "
     "type of float32."),
    (lambda: tf.summary.merge([tf.constant(1.0)]),
     "Tensors in list passed to 'inputs' of 'MergeSummary' Op have types [float32] that do "
     "not match expected type string."),
]


@pytest.mark.parametrize("case", range(len(_DTYPE_ERRORS)))
def test_build_time_dtype_errors_match_tf(case):
    make, msg = _DTYPE_ERRORS[case]
    g = tf.get_default_graph()
    with pytest.raises(TypeError) as e:
        make()
    assert str(e.value).startswith(msg)
    # no summary op; the tag constant stays, as in TF (its op_def_library converts the
    # inputs in order, the tag before the refused values: golden estimator/pe_linear_names)
    assert not [op for op in g.get_operations() if "Summary" in op.type]


def test_image_summary_ops_leave_later_seeds_as_tfs(golden):
    got = goldens.generator("saver", "summaries").seeded_after_image(tf)
    want = golden["seeded_after_image"]
    assert got["ops"] == want["ops"]
    np.testing.assert_array_equal(got["w"], want["w"])


def test_build_errors_match_tf(golden):
    gen = goldens.generator("saver", "summaries")
    assert golden["build_errors"] and None not in golden["build_errors"]
    assert gen.build_errors(tf) == golden["build_errors"]


def test_audio_summary_wav_matches_tf_rounding():
    # TF 1.14 (oracle): AudioSummaryV2 encodes as EncodeWav does, roundf(x * 2^15) with
    # halves away from zero, clamped, NaN 0; the header's rate is the float rate rounded
    # half to even (8000.9 -> 8001; 8000.5 -> 8000, 8001.5 -> 8002)
    v = np.array([2.5, -2.5, 1.5, -1.5, 0.5, -0.5, 32767.5, -32768.5, 40000.0]) / 32768
    x = np.concatenate([v, [np.nan, -0.4517975]]).astype(np.float32)
    ss = [tf.summary.audio("a", tf.constant(x[None, :, None]), 8000.9)]
    ss += [tf.summary.audio("b", tf.zeros([1, 4, 1]), r) for r in (8000.5, 8001.5, 7999.6)]
    with tf.Session() as sess:
        out = [summary_pb2.Summary.FromString(b).value[0].audio for b in sess.run(ss)]
    w = out[0].encoded_audio_string
    assert np.frombuffer(w[44:], "<i2").tolist() == [
        3, -3, 2, -2, 1, -1, 32767, -32768, 32767, 0, -14805]
    assert [struct.unpack("<II", a.encoded_audio_string[24:32]) for a in out] == [
        (8001, 16002), (8000, 16000), (8002, 16004), (8000, 16000)]
    assert out[0].sample_rate == np.float32(8000.9)
