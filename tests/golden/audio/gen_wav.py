"""tf.audio.decode_wav / encode_wav under TF 1.14 (wav.json) and flowgrad (tests/test_wav.py):
TF's exact RIFF bytes (float to int16 rounding and clamping included), decoding with and
without desired_channels/desired_samples, files with extra chunks and the 18-byte format
chunk, every malformed-header error, op names/count and static shapes. Valid Python 3.7."""
import struct

import numpy as np

_RNG = np.random.RandomState(3)
MONO = np.concatenate([[0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -3.0, 0.99999, -0.99999],
                       [k / 32768.0 for k in (0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 32766.5,
                                              -32767.5, -32768.5, 32767.49)],
                       _RNG.uniform(-1.2, 1.2, 21)]).astype(np.float32).reshape(-1, 1)
STEREO = _RNG.uniform(-1, 1, (13, 2)).astype(np.float32)


def _fmt(channels=1, rate=8000, bits=16, fmt=1, size=16, bps=None, bpsec=None, extra=b""):
    block = (bits * channels + 7) // 8 if bps is None else bps
    sec = block * rate if bpsec is None else bpsec
    return (b"fmt " + struct.pack("<IHHIIHH", size, fmt, channels, rate, sec, block, bits)
            + extra)


def _wav(fmt, chunks, riff=b"RIFF", wave=b"WAVE", total=None):
    body = fmt + b"".join(chunks)
    return riff + struct.pack("<I", len(body) + 4 if total is None else total) + wave + body


def _chunk(cid, payload, size=None):
    return cid + struct.pack("<I", len(payload) if size is None else size) + payload


_PCM = struct.pack("<6h", 0, 1, -1, 32767, -32768, 12345)
FILES = [
    ("plain", _wav(_fmt(), [_chunk(b"data", _PCM)])),
    ("stereo", _wav(_fmt(channels=2, rate=22050), [_chunk(b"data", _PCM)])),
    ("three", _wav(_fmt(channels=3, rate=16000), [_chunk(b"data", _PCM)])),
    ("fmt18", _wav(_fmt(size=18, extra=b"\0\0"), [_chunk(b"data", _PCM)])),
    ("list_first", _wav(_fmt(), [_chunk(b"LIST", b"abcdefgh"), _chunk(b"data", _PCM)])),
    ("list_after", _wav(_fmt(), [_chunk(b"data", _PCM), _chunk(b"LIST", b"xyz1")])),
    ("stereo_odd_frames", _wav(_fmt(channels=2), [_chunk(b"data", _PCM[:8] + b"\x01\x02"),
                                                  _chunk(b"LIST", b"")])),
    ("empty_data", _wav(_fmt(), [_chunk(b"data", b"")])),
    ("total_ignored", _wav(_fmt(), [_chunk(b"data", _PCM)], total=7)),
    ("rate_big", _wav(_fmt(rate=96000), [_chunk(b"data", _PCM)])),
]
BAD = [
    ("empty", b""),
    ("short", b"RIF"),
    ("riff", _wav(_fmt(), [_chunk(b"data", _PCM)], riff=b"RIFX")),
    ("wave", _wav(_fmt(), [_chunk(b"data", _PCM)], wave=b"WAVF")),
    ("only_riff", b"RIFF\x10\0\0\0"),
    ("no_fmt", b"RIFF\x10\0\0\0WAVEdata"),
    ("fmt_size", _wav(_fmt(size=20), [_chunk(b"data", _PCM)])),
    ("format3", _wav(_fmt(fmt=3), [_chunk(b"data", _PCM)])),
    ("channels0", _wav(_fmt(channels=0, bps=2), [_chunk(b"data", _PCM)])),
    ("bits8", _wav(_fmt(bits=8), [_chunk(b"data", _PCM)])),
    ("bits24", _wav(_fmt(bits=24), [_chunk(b"data", _PCM)])),
    ("block", _wav(_fmt(bps=4), [_chunk(b"data", _PCM)])),
    ("per_second", _wav(_fmt(bpsec=1234), [_chunk(b"data", _PCM)])),
    ("truncated_fmt", _wav(_fmt(), [])[:30]),
    ("no_data", _wav(_fmt(), [])),
    ("no_data_list", _wav(_fmt(), [_chunk(b"LIST", b"abcd")])),
    ("two_data", _wav(_fmt(), [_chunk(b"data", _PCM), _chunk(b"data", _PCM)])),
    ("data_short", _wav(_fmt(), [_chunk(b"data", _PCM, size=40)])),
    ("chunk_huge", _wav(_fmt(), [_chunk(b"LIST", b"ab", size=0x80000000),
                                 _chunk(b"data", _PCM)])),
    ("chunk_past_end", _wav(_fmt(), [_chunk(b"LIST", b"ab", size=100)])),
    ("chunk_header_cut", _wav(_fmt(), [_chunk(b"data", _PCM)]) + b"LI"),
    ("chunk_size_cut", _wav(_fmt(), [_chunk(b"data", _PCM)]) + b"LIST\x01\x00"),
    ("data_huge", _wav(_fmt(), [_chunk(b"data", _PCM, size=0x7FFFFFF0)])),
    ("fmt18_cut", _wav(_fmt(size=18), [])),
    ("chunk_id_huge", _wav(_fmt(), [_chunk(b"ab c", b"", size=0xFFFFFFFF)])),
    ("odd_data", _wav(_fmt(), [_chunk(b"data", _PCM + b"\x07")])),
    ("odd_data_stereo", _wav(_fmt(channels=2), [_chunk(b"data", _PCM + b"\x01\x02")])),
]


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the error is the result
        lines = [ln for ln in str(e).split("\n") if ln.strip()]
        return "%s: %s" % (type(e).__name__, lines[0].split(" for '")[0] if lines else "")
    return "no error"


def encode(tf):
    ts = [tf.audio.encode_wav(MONO, 16000), tf.audio.encode_wav(STEREO, 44100, name="st"),
          tf.audio.encode_wav(tf.constant(MONO[:3]), tf.constant(8000)),
          tf.audio.encode_wav(np.array([[np.nan, np.inf, -np.inf]], np.float32), 1)]
    ops = [op.name + ":" + op.type for op in tf.get_default_graph().get_operations()]
    with tf.Session() as sess:
        vals = sess.run(ts)
    return [ops, [t.name for t in ts], [t.shape.as_list() for t in ts], vals]


def decode(tf):
    out, ts = [], []
    for _, data in FILES:
        for ch, n in ((-1, -1), (1, -1), (2, -1), (3, 2), (-1, 9), (1, 1), (4, 0)):
            ts.append(tf.audio.decode_wav(data, ch, n))
    enc = tf.audio.encode_wav(STEREO, 44100)
    ts.append(tf.audio.decode_wav(enc, name="round"))
    ts.append(tf.audio.decode_wav(tf.audio.encode_wav(MONO, 16000), desired_channels=2))
    ops = [op.name + ":" + op.type for op in tf.get_default_graph().get_operations()]
    with tf.Session() as sess:
        vals = sess.run([list(t) for t in ts])
    for t, v in zip(ts, vals):
        out.append([t.audio.name, t.sample_rate.name, t.audio.shape.as_list(),
                    t.sample_rate.shape.as_list(), v[0], v[1]])
    return [ops, out]


def errors(tf):
    out = []
    with tf.Session() as sess:
        for name, data in BAD:
            out.append([name, _err(lambda: sess.run(list(tf.audio.decode_wav(data))))])
        enc = tf.audio.encode_wav
        p = tf.placeholder(tf.float32)
        r = tf.placeholder(tf.int32)
        s = tf.placeholder(tf.string)
        out += [
            _err(lambda: sess.run(enc(np.zeros((0, 2), np.float32), 100))),
            _err(lambda: sess.run(enc(np.zeros((3, 0), np.float32), 100))),
            _err(lambda: sess.run(enc(np.zeros((3, 1), np.float32), 0))),
            _err(lambda: sess.run(enc(np.zeros((3, 1), np.float32), -5))),
            _err(lambda: sess.run(enc(np.zeros((3, 70000), np.float32), 5))),
            _err(lambda: enc(np.zeros((3,), np.float32), 100)),
            _err(lambda: enc(np.zeros((3, 1), np.float32), [100])),
            _err(lambda: enc(np.zeros((3, 1), np.float64), 100)),
            _err(lambda: enc(np.zeros((3, 1), np.float32), 100.0)),
            _err(lambda: sess.run(enc(p, 100), {p: np.zeros(3, np.float32)})),
            _err(lambda: sess.run(enc(np.ones((2, 1), np.float32), r), {r: [1, 2]})),
            _err(lambda: tf.audio.decode_wav(["a"])),
            _err(lambda: tf.audio.decode_wav(b"abc", desired_channels=1.5)),
            _err(lambda: sess.run(tf.audio.decode_wav(s)[0], {s: [b"a"]})),
            _err(lambda: sess.run(tf.audio.decode_wav(FILES[0][1], desired_samples=-2)[0])),
            _err(lambda: sess.run(tf.audio.decode_wav(FILES[0][1], desired_channels=-3)[0])),
            _err(lambda: tf.audio.decode_wav(tf.constant(1))),
        ]
        d = tf.audio.decode_wav(s, 2)
        out.append([d.audio.shape.as_list(), tf.audio.decode_wav(s).audio.shape.as_list(),
                    tf.audio.decode_wav(s, -1, 5).audio.shape.as_list(),
                    enc(p, r).shape.as_list()])
    return out


def _fuzz_blobs():
    rng = np.random.RandomState(11)
    good = FILES[4][1]
    blobs = [good[:n] for n in range(0, len(good), 3)]
    for _ in range(120):
        b = bytearray(good)
        for i in rng.randint(0, len(b), rng.randint(1, 4)):
            # TF 1.14 crashes (SIGSEGV) raising an error whose text is not UTF-8: text
            # fields (RIFF, WAVE, fmt, chunk ids) get printable bytes
            b[i] = rng.randint(32, 127) if i < 16 or 36 <= i < 40 or 52 <= i < 56 else \
                rng.randint(256)
        blobs.append(bytes(b))
    return blobs


def fuzz(tf):
    """Prefixes and random byte flips of a valid file: TF's values or TF's error."""
    s = tf.placeholder(tf.string)
    d = tf.audio.decode_wav(s, desired_channels=-1)
    out = []
    with tf.Session() as sess:
        for blob in _fuzz_blobs():
            try:
                audio, rate = sess.run(list(d), {s: blob})
                out.append([audio, rate])
            except Exception as e:  # noqa: BLE001 - the error is the result
                out.append("%s: %s" % (type(e).__name__, str(e).split("\n")[0]))
    return out


def cases(tf):
    out = {}
    for fn in (encode, decode, errors, fuzz):
        with tf.Graph().as_default():
            out[fn.__name__] = fn(tf)
    return out
