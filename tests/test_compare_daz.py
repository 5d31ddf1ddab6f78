"""TF 1.14's comparisons read float32 / float64 / bfloat16 / complex denormals as zero
(its CPU threads run with DAZ; float16's stay): golden math/compare_daz, made on an Intel
host (comparisons do not depend on it)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("math", "compare_daz")
GOLD = goldens.load("math", "compare_daz")


@pytest.fixture(autouse=True)
def _intel_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")


def test_comparisons_of_denormals_are_tf():
    with tf.Session() as sess:
        got = sess.run(GEN.build(tf))
    assert sorted(got) == sorted(k for k in GOLD if k != "vendor")
    for name, value in got.items():
        assert np.array_equal(value, GOLD[name]), name


def test_not_equal_of_a_denormal_and_zero_is_false():
    with tf.Session() as sess:
        assert not sess.run(tf.not_equal(np.float32(1e-45), 0.0))
        assert sess.run(tf.not_equal(np.float16(6e-8), np.float16(0)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_one_element_side_reads_denormals_as_the_elementwise_path(dtype):
    """A comparison against a one-element tensor takes a one-pass path (a threshold at the
    smallest normal for a zero); it answers as the flushing path the golden checks, for
    every value of the golden's set on either side, scalar or shape (1, 1)."""
    from flowgrad.engine.ops import comparison as c
    x = np.unique(GEN.values(dtype)[0])
    x = np.concatenate([x, -x, np.array([np.inf, -np.inf, 2.5], dtype)])
    for kernel in (np.equal, np.not_equal, np.less, np.less_equal, np.greater,
                   np.greater_equal):
        run = c._daz_kernel(kernel)
        for s in x:
            for one in (np.array(s, dtype), np.full((1, 1), s, dtype)):
                for a, b in ((x, one), (one, x)):
                    want = kernel(c._daz(a), c._daz(b))
                    got = run(a, b)
                    assert got.shape == want.shape and np.array_equal(got, want), (kernel, s)


def _specials(dtype):
    """Signed zeros, denormals (the least, the largest, others), the smallest normals, ones,
    the largest finite, infinities and NaN, each with its negation."""
    uint = np.uint32 if dtype == np.float32 else np.uint64
    bits = np.array([0, 1, 3, 12345], uint)
    f = np.finfo(dtype)
    v = np.concatenate([bits.view(dtype),
                        (np.array([f.tiny], dtype).view(uint) - uint(1)).view(dtype),
                        np.array([f.tiny, np.nextafter(f.tiny, dtype(1)), 2 * f.tiny, 1.0,
                                  f.max, np.inf, np.nan], dtype)])
    return np.concatenate([v, -v])


def _random_bits(rng, dtype, n):
    """Random bit patterns, about a quarter with a zero exponent (denormals) and some +-0."""
    uint, mant = (np.uint32, 23) if dtype == np.float32 else (np.uint64, 52)
    b = rng.integers(0, np.iinfo(uint).max, n, dtype=uint, endpoint=True)
    sign = uint(1) << uint(8 * b.itemsize - 1)
    b[rng.random(n) < 0.25] &= sign | uint((1 << mant) - 1)
    b[rng.random(n) < 0.05] &= sign
    return b.view(dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_array_sides_read_denormals_as_the_flushing_reference(dtype, monkeypatch):
    """Two array sides take a path that compares raw when either side holds no value below
    the smallest normal (zero included); it answers as comparing the flushed values, for
    every pair of special values, random bits (chunked, a 64-element chunk), broadcasts, a
    side clear of small values, small values only in the last chunk, and complex parts."""
    from flowgrad.engine.ops import comparison as c
    monkeypatch.setattr(c, "_DAZ_CHUNK", 64)
    tiny = np.finfo(dtype).tiny

    def flush(a):
        return np.where(np.abs(a) < tiny, a.dtype.type(0), a)

    rng = np.random.default_rng(5)
    s = _specials(dtype)
    x, y = _random_bits(rng, dtype, 1000), _random_bits(rng, dtype, 1000)
    clear = np.where(np.abs(x) < tiny, dtype(1.5), x)
    last = np.full(1000, dtype(2), dtype)
    last[-3:] = s[[1, 4, 5]]
    pairs = [(s[:, None], s[None, :]), (s[None, :], s[:, None]),
             (np.repeat(s, s.size), np.tile(s, s.size)), (x, y), (clear, y), (y, clear),
             (last, np.zeros(1000, dtype)), (x.reshape(10, 100), y[:100])]
    for kernel in (np.equal, np.not_equal, np.less, np.less_equal, np.greater,
                   np.greater_equal):
        run = c._daz_kernel(kernel)
        for a, b in pairs:
            want = kernel(flush(a), flush(b))
            got = run(a, b)
            assert got.shape == want.shape and np.array_equal(got, want), (kernel, a, b)
    cdt = np.complex64 if dtype == np.float32 else np.complex128
    cx = _random_bits(rng, dtype, 2000).view(cdt)
    cy = _random_bits(rng, dtype, 2000).view(cdt)
    real_y = cy.copy()
    real_y.imag = 0
    grid = np.repeat(s, s.size) + 0j
    grid.imag = np.tile(s, s.size)
    for kernel in (np.equal, np.not_equal):
        for a, b in ((cx, cy), (cx, real_y), (grid.astype(cdt), grid[::-1].astype(cdt))):
            fa, fb = a.copy(), b.copy()
            fa.real, fa.imag, fb.real, fb.imag = (flush(a.real), flush(a.imag),
                                                  flush(b.real), flush(b.imag))
            with np.errstate(invalid="ignore"):   # (NumPy's complex NaN compare warns)
                assert np.array_equal(c._daz_kernel(kernel)(a, b), kernel(fa, fb)), kernel


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_small_value_checks_are_exact(dtype, monkeypatch):
    """_no_small (no |x| below the smallest normal) and _has_denormal read each value's
    bits exactly, in every chunk (a 64-element chunk here), NaN and inf included."""
    from flowgrad.engine.ops import comparison as c
    monkeypatch.setattr(c, "_DAZ_CHUNK", 64)
    tiny = np.finfo(dtype).tiny
    s = _specials(dtype)
    for v in s:
        for n in (1, 64, 200):
            a = np.full(n, dtype(-3), dtype)
            a[-1] = v
            with np.errstate(invalid="ignore"):
                small = bool(np.abs(v) < tiny)
            assert c._no_small(a) is not small, v
            assert c._has_denormal(a) is bool(small and v != 0), v
    assert c._no_small(np.zeros(0, dtype)) and not c._has_denormal(np.zeros(0, dtype))
