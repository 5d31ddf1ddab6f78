"""TF's V2 checkpoint format (train/tensor_bundle.py) against files TF 1.14 wrote.

tests/golden/saver/tf_bundle.json (made by gen_tf_bundle.py) holds the `.index` and
`.data-00000-of-00001` bytes TF's SaveV2 wrote for tensors of every dtype, a
partitioned variable, and an empty tensor, with the values TF reads back.
"""
import os
import sys
import threading

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.framework import errors
from flowgrad.train import tensor_bundle as tb
from flowgrad.engine.framework.crc32c import _crc_bytes

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden"))
import goldenio  # noqa: E402

GOLDEN = os.path.join(os.path.dirname(__file__), "golden", "saver", "tf_bundle.json")
DATA = ".data-00000-of-00001"
CKPTS = ["all_dtypes", "one_float", "no_tensors_but_one_empty", "partitioned"]


@pytest.fixture(scope="module")
def golden():
    return goldenio.read(GOLDEN)[1]


def _tf_files(golden, ck, d):
    prefix = os.path.join(str(d), ck)
    with open(prefix + ".index", "wb") as f:
        f.write(golden[ck + "/index"])
    with open(prefix + DATA, "wb") as f:
        f.write(golden[ck + "/data"])
    return prefix


def _want(name, v):
    if name == "bf16":  # TF hands back bfloat16 (2 bytes); flowgrad's bfloat16 is float32
        return (np.frombuffer(v.tobytes(), "<u2").astype(np.uint32) << 16).view(np.float32)
    return v


@pytest.mark.parametrize("ck", CKPTS)
def test_reads_what_tf_wrote(ck, golden, tmp_path):
    prefix = _tf_files(golden, ck, tmp_path)
    got = tb.read_bundle(prefix)
    want = golden[ck + "/values"]
    assert sorted(got) == sorted(want)
    for name, v in want.items():
        w = _want(name, v)
        g = got[name]
        assert g.dtype == (object if w.dtype == object else w.dtype), name
        assert g.size == w.size and np.array_equal(g.reshape(-1), w.reshape(-1)), name
    if ck == "all_dtypes":
        dtypes = golden["all_dtypes/dtypes"]
        r = tb.BundleReader(prefix)
        assert {n: d.name for n, (d, _) in r.entries.items()} == dtypes
        assert r.entries["scalar"][1] == () and r.entries["str_matrix"][1] == (2, 2)
        assert r.entries["empty"][1] == (0, 3)
    if ck == "partitioned":
        np.testing.assert_array_equal(got["part"], np.arange(10, dtype=np.float32).reshape(5, 2))


@pytest.mark.parametrize("ck", ["all_dtypes", "one_float", "no_tensors_but_one_empty"])
def test_writes_the_bytes_tf_writes(ck, golden, tmp_path):
    prefix = _tf_files(golden, ck, tmp_path)
    r = tb.BundleReader(prefix)
    values = tb.read_bundle(prefix)
    # SaveV2's input order is the order of the data file.
    order = sorted(r.entries, key=lambda n: r._raw_entries[n.encode()]["offset"])
    out = tb.write_bundle(str(tmp_path / "mine"), {n: (r.entries[n][0], values[n])
                                                   for n in order})
    assert open(out + ".index", "rb").read() == golden[ck + "/index"]
    assert open(out + DATA, "rb").read() == golden[ck + "/data"]


def test_round_trip_every_dtype(tmp_path):
    rs = np.random.RandomState(1)
    tensors = {}
    for dt in [tf.float32, tf.float64, tf.float16, tf.int8, tf.int16, tf.int32, tf.int64,
               tf.uint8, tf.uint16, tf.uint32, tf.uint64, tf.bool, tf.complex64, tf.complex128]:
        x = rs.randn(3, 2) * 50
        if dt.is_complex:
            x = x + 1j * rs.randn(3, 2)
        tensors[dt.name] = (dt, np.asarray(x).astype(dt.as_numpy_dtype))
    tensors["strings"] = (tf.string, np.array([b"a", b"", b"\x00" * 300], dtype=object))
    tensors["no_strings"] = (tf.string, np.empty((0,), dtype=object))
    tensors["bf16"] = (tf.bfloat16, np.array([1.0, 1.0078125, -3.0], np.float32))
    # More than one data block in the index table.
    for i in range(3000):
        tensors[f"many/{i:05d}"] = (tf.int32, np.array([i], np.int32))
    prefix = tb.write_bundle(str(tmp_path / "m"), tensors)
    got = tb.read_bundle(prefix)
    assert sorted(got) == sorted(tensors)
    for name, (dt, x) in tensors.items():
        assert np.array_equal(got[name], x) and got[name].shape == x.shape, name


def test_slice_keys_sort_as_numbers():
    """OrderedCode's defining property, which TF's slice keys rely on."""
    values = sorted({0, 1, -1, 63, 64, -64, -65, 127, 128, 8191, 8192, 2 ** 20, -2 ** 20,
                     2 ** 40, -2 ** 40, 2 ** 62, -2 ** 63, 2 ** 63 - 1})
    keys = [tb._signed_num_increasing(v) for v in values]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert tb._slice_key(b"part", [(3, 2), (0, 2)]) == b"\x00part\x00\x01\x01\x02\x83\x82\x80\x82"


@pytest.mark.parametrize("impl", ["numpy", "hardware"])
def test_crc32c_and_mask(impl, monkeypatch):
    from flowgrad.engine.framework import crc32c as mod
    if impl == "numpy":
        monkeypatch.setattr(mod, "_HW", [None])  # the NumPy lanes even where the package is
    elif mod._hardware() is None:
        pytest.skip("the optional crc32c package is not installed")
    assert tb.crc32c(b"123456789") == 0xE3069283  # the CRC-32C check value
    assert tb.unmask(tb.mask(0xE3069283)) == 0xE3069283
    data = np.random.RandomState(0).bytes(4096 * 1024 + 12345)  # NumPy lanes, two groups
    for n in (8191, 8192, 100003):  # the lanes against the byte-at-a-time reference
        assert tb.crc32c(data[:n]) == _crc_bytes(0xFFFFFFFF, data[:n]) ^ 0xFFFFFFFF, n
    # Extend, with lanes (and groups of lanes) cut at other places on each side:
    assert tb.crc32c(data[777:], tb.crc32c(data[:777])) == tb.crc32c(data)
    arr = np.frombuffer(data[:40000], np.float32)  # an array's buffer, not copied to bytes
    assert tb.crc32c(arr) == tb.crc32c(data[:40000])


# ---------------------------------------------------------------------------------------
# Damaged and planted files
# ---------------------------------------------------------------------------------------
def test_truncations_and_bit_flips_of_the_index_are_caught(golden, tmp_path):
    prefix = _tf_files(golden, "one_float", tmp_path)
    whole = golden["one_float/index"]
    want = tb.read_bundle(prefix)["w"]
    harmless = []
    for n in range(len(whole)):
        open(prefix + ".index", "wb").write(whole[:n])
        with pytest.raises(errors.DataLossError):
            tb.read_bundle(prefix)
    for bit in range(0, 8 * len(whole), 3):
        b = bytearray(whole)
        b[bit // 8] ^= 1 << (bit % 8)
        open(prefix + ".index", "wb").write(bytes(b))
        try:
            got = tb.read_bundle(prefix)["w"]
        except errors.DataLossError:
            continue
        harmless.append(bit // 8)
        np.testing.assert_array_equal(got, want)
    # TF misses flips in the footer's zero padding and in the continuation bit of a block
    # handle's last varint byte (no checksum covers the footer); flowgrad requires the
    # footer a writer produces, so every flip is caught.
    assert harmless == []


def test_truncations_and_bit_flips_of_the_data_are_caught(golden, tmp_path):
    prefix = _tf_files(golden, "all_dtypes", tmp_path)
    whole = golden["all_dtypes/data"]
    for n in range(0, len(whole), 7):
        open(prefix + DATA, "wb").write(whole[:n])
        with pytest.raises((errors.OutOfRangeError, errors.DataLossError)):
            tb.read_bundle(prefix)
    for pos in range(0, len(whole), 3):
        b = bytearray(whole)
        b[pos] ^= 0x10
        open(prefix + DATA, "wb").write(bytes(b))
        with pytest.raises(errors.DataLossError):
            tb.read_bundle(prefix)


def _within(seconds, fn):
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
        pytest.fail(f"still running after {seconds} s")
    if "error" in box:
        raise box["error"]
    return box.get("value")


@pytest.mark.parametrize("which", [DATA, ".index"])
def test_links_and_fifos_are_refused(which, golden, tmp_path):
    ck = tmp_path / "ck"
    ck.mkdir()
    prefix = _tf_files(golden, "one_float", ck)
    os.replace(prefix + which, tmp_path / "outside")
    os.symlink(tmp_path / "outside", prefix + which)
    with pytest.raises(errors.DataLossError, match="symbolic link, not a regular file"):
        tb.read_bundle(prefix)
    os.unlink(prefix + which)
    if hasattr(os, "mkfifo"):
        os.mkfifo(prefix + which)
        with pytest.raises(errors.DataLossError, match="FIFO, not a regular file"):
            _within(10, lambda: tb.read_bundle(prefix))


def test_missing_files_and_keys(golden, tmp_path):
    with pytest.raises(errors.NotFoundError, match="Failed to find any matching files"):
        tb.BundleReader(str(tmp_path / "none"))
    prefix = _tf_files(golden, "one_float", tmp_path)
    with pytest.raises(errors.NotFoundError, match="Key nope not found in checkpoint"):
        tb.BundleReader(prefix).get_tensor("nope")
    os.unlink(prefix + DATA)
    with pytest.raises(errors.NotFoundError, match="No such file or directory"):
        tb.read_bundle(prefix)


def test_entry_pointing_past_the_data_file_is_refused(golden, tmp_path):
    prefix = _tf_files(golden, "one_float", tmp_path)
    r = tb.BundleReader(prefix)
    e = r._raw_entries[b"w"]
    e["offset"] = 2 ** 60
    with pytest.raises(errors.OutOfRangeError, match="Read less bytes than requested"):
        r.get_tensor("w")
    e["offset"], e["size"] = 0, 2 ** 62
    with pytest.raises(errors.DataLossError, match="Invalid size in bundle entry"):
        r.get_tensor("w")


def test_bfloat16_is_rounded_to_nearest_even(tmp_path):
    x = np.array([1.00390625, 1.01171875, -2.5], np.float32)  # two ties, one exact
    prefix = tb.write_bundle(str(tmp_path / "m"), {"b": (tf.bfloat16, x)})
    np.testing.assert_array_equal(tb.read_bundle(prefix)["b"], [1.0, 1.015625, -2.5])


def test_native_crc32c_takes_every_buffer_the_numpy_one_takes(monkeypatch):
    native = pytest.importorskip("google_crc32c")   # the `fast` extra
    from flowgrad.engine.framework import crc32c as c
    data = np.arange(100_000, dtype=np.uint8).tobytes()
    buffers = [data, bytearray(data), np.frombuffer(data, np.uint8),
               memoryview(bytearray(data))]
    monkeypatch.setattr(c, "_native_extend", native.extend)
    fast = [c.crc32c(b, 7) for b in buffers]
    monkeypatch.setattr(c, "_native_extend", None)
    assert fast == [c.crc32c(data, 7)] * len(buffers)
