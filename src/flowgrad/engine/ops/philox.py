"""TF 1.14's random number generator, bit for bit, vectorized in NumPy.

Philox-4x32-10 (core/lib/random/philox_random.h): a 128-bit counter and a
64-bit key; one call gives four uint32 words and advances the counter by
one. TF keys it with an op's (seed, seed2): key = seed's two halves, counter
words 2 and 3 = seed2's, words 0 and 1 = 0 (GuardedPhiloxRandom). Every run
of an op reserves a counter range (`Stream.reserve`) and computes its output
from that range only, so results never depend on thread count.

The distributions below are TF's (core/lib/random/random_distributions.h and
the kernels' fill loops), applied to whole arrays of Philox outputs:
uniform floats from 10/23/52 mantissa bits, integers by modulo, normals by
Box-Muller, truncated normals by rejection with a 256-block budget per group
of outputs. `logf` and `sincosf` are glibc's algorithms (TF calls them from
Box-Muller), so float32 normals match TF on Linux exactly.
"""
from __future__ import annotations

import math
import os

import numpy as np

_U64 = np.uint64
_MASK32 = _U64(0xFFFFFFFF)
_SHIFT32 = _U64(32)
_MUL = np.array([[0xD2511F53], [0xCD9E8D57]], dtype=np.uint64)
_BUMP = (0x9E3779B9, 0xBB67AE85)
_M128 = (1 << 128) - 1

# TF's budget of Philox calls per output when an op reserves counters for a run
# (random_op.cc, ReserveRandomOutputs(n, 256)).
RESERVED_PER_OUTPUT = 256


def philox_blocks(key, counter, n):
    """Philox-4x32-10 outputs for the counters counter, counter+1, ..., counter+n-1.

    Args:
      key: a 64-bit int (TF's seed).
      counter: a 128-bit int, the first counter.
      n: how many blocks.
    Returns:
      uint32 array [n, 4]: row i is the block for counter+i.
    """
    return philox_at(key, counter, np.arange(int(n), dtype=np.uint64))


def philox_at(key, counter, offsets):
    """Philox-4x32-10 outputs for the counters counter + offsets (a uint64 array).

    Returns:
      uint32 array [len(offsets), 4].
    """
    lo_start = counter & 0xFFFFFFFFFFFFFFFF
    n = offsets.size
    lo = offsets.astype(np.uint64) + _U64(lo_start)        # wraps modulo 2**64
    hi = np.full(n, (counter >> 64) & 0xFFFFFFFFFFFFFFFF, dtype=np.uint64)
    if n and lo_start + int(offsets.max()) >= 1 << 64:     # carry into the upper 64 bits
        hi += lo < _U64(lo_start)
    # Lanes as pairs: even = (c0, c2) are multiplied, odd = (c1, c3) are xored.
    even = np.empty((2, n), dtype=np.uint64)
    odd = np.empty((2, n), dtype=np.uint64)
    np.bitwise_and(lo, _MASK32, out=even[0])
    np.bitwise_and(hi, _MASK32, out=even[1])
    np.right_shift(lo, _SHIFT32, out=odd[0])
    np.right_shift(hi, _SHIFT32, out=odd[1])
    k0, k1 = key & 0xFFFFFFFF, (key >> 32) & 0xFFFFFFFF
    prod = np.empty((2, n), dtype=np.uint64)
    high = np.empty((2, n), dtype=np.uint64)
    for _ in range(10):
        np.multiply(even, _MUL, out=prod)      # c0 * M0, c2 * M1 (exact in 64 bits)
        np.right_shift(prod, _SHIFT32, out=high)
        # new c0 = hi(c2*M1) ^ c1 ^ k0; new c2 = hi(c0*M0) ^ c3 ^ k1
        np.bitwise_xor(high[::-1], odd, out=even)
        even[0] ^= _U64(k0)
        even[1] ^= _U64(k1)
        # new c1 = lo(c2*M1); new c3 = lo(c0*M0)
        np.bitwise_and(prod[::-1], _MASK32, out=odd)
        k0 = (k0 + _BUMP[0]) & 0xFFFFFFFF
        k1 = (k1 + _BUMP[1]) & 0xFFFFFFFF
    out = np.empty((n, 4), dtype=np.uint32)
    out[:, 0] = even[0]
    out[:, 1] = odd[0]
    out[:, 2] = even[1]
    out[:, 3] = odd[1]
    return out


class Stream:
    """One op's generator in one session (TF's GuardedPhiloxRandom).

    `reserve(n)` returns the counter a run starts from and advances the stream
    by n Philox calls, as TF's ReserveSamples128 does.
    """

    __slots__ = ("key", "counter")

    def __init__(self, seed, seed2):
        seed, seed2 = int(seed) & (2 ** 64 - 1), int(seed2) & (2 ** 64 - 1)
        if seed == 0 and seed2 == 0:          # TF: both unset means fresh random seeds
            seed = int.from_bytes(os.urandom(8), "little")
            seed2 = int.from_bytes(os.urandom(8), "little")
        self.key = seed
        self.counter = seed2 << 64

    def reserve(self, n):
        start = self.counter
        self.counter = (start + int(n)) & _M128
        return start

    def reserve_outputs(self, n, multiplier=RESERVED_PER_OUTPUT):
        """TF's ReserveRandomOutputs: room for n outputs at `multiplier` calls each."""
        return self.reserve(int(n) * multiplier)

    def reserve_32(self, n):
        """TF's ReserveSamples32: room for n uint32 words (rounded up to whole calls)."""
        return self.reserve((int(n) + 3) // 4)


def stateless_key(seed):
    """TF's GenerateKey for the stateless ops: the seed pair (int32 values sign-extended)
    as a counter, one Philox call under a fixed key, its words as key and counter."""
    s0, s1 = (int(v) & 0xFFFFFFFFFFFFFFFF for v in np.asarray(seed).reshape(-1)[:2])
    mix = philox_at(0x02461E29 << 32 | 0x3EC8F720, s0 | s1 << 64,
                    np.zeros(1, dtype=np.uint64))[0]
    return int(mix[0]) | int(mix[1]) << 32, (int(mix[2]) | int(mix[3]) << 32) << 64


def words(key, counter, n):
    """The first n uint32 words of the stream from `counter` (one flat array)."""
    return philox_blocks(key, counter, (n + 3) // 4).reshape(-1)[:n]


# -- uniform --------------------------------------------------------------------------------
def _float_from_bits(bits, dtype):
    """TF's Uint32ToFloat / Uint16ToHalf: random mantissa bits with exponent 0, minus 1."""
    if dtype == np.float16:
        h = ((bits & 0x3FF) | (15 << 10)).astype(np.uint16).view(np.float16)
        return h - np.float16(1)
    f = ((bits & 0x7FFFFF) | (127 << 23)).astype(np.uint32).view(np.float32)
    return f - np.float32(1)


def _double_from_bits(x0, x1):
    """TF's Uint64ToDouble: 20 bits of x0 and 32 of x1 as mantissa, in [0, 1)."""
    man = ((x0.astype(np.uint64) & _U64(0xFFFFF)) << _SHIFT32) | x1.astype(np.uint64)
    return (man | _U64(1023 << 52)).view(np.float64) - 1.0


def to_bfloat16(f):
    """float32 -> the nearest bfloat16 (ties to even), kept in float32 storage."""
    bits = f.astype(np.float32).view(np.uint32)
    bits = (bits + np.uint32(0x7FFF) + ((bits >> np.uint32(16)) & np.uint32(1))) \
        & np.uint32(0xFFFF0000)
    return bits.view(np.float32)


# Large outputs are computed in pieces: every fresh large temporary costs a page fault per
# 4 KiB, while pieces of 32K outputs reuse the same memory (4-6x faster at 1M outputs).
_PIECE = 1 << 15


def _in_pieces(draw, calls_per_output, key, counter, n, *args):
    """draw(key, counter, n, *args) in pieces of _PIECE outputs; the piece starting at
    output s starts at counter + s * calls_per_output (a (num, den) pair)."""
    if n <= _PIECE:
        return draw(key, counter, n, *args)
    num, den = calls_per_output
    first = draw(key, counter, _PIECE, *args)
    out = np.empty(n, dtype=first.dtype)
    out[:_PIECE] = first
    for s in range(_PIECE, n, _PIECE):
        c = min(_PIECE, n - s)
        out[s:s + c] = draw(key, counter + s * num // den, c, *args)
    return out


def _per_call(dtype):
    """Outputs per Philox call of the plain distributions: 2 for 64-bit types, else 4."""
    return (1, 2) if np.dtype(dtype).itemsize == 8 else (1, 4)


def uniform(key, counter, n, dtype):
    """RandomUniform's n values of float16/float32/float64 (or "bfloat16": 7 random
    mantissa bits, stored in float32) in [0, 1)."""
    per = (1, 4) if isinstance(dtype, str) else _per_call(dtype)
    return _in_pieces(_uniform, per, key, counter, n, dtype)


def uniform_int(key, counter, n, lo, hi, dtype):
    """RandomUniformInt: lo + (bits % (hi - lo)) with 32-bit (int32) or 64-bit words."""
    return _in_pieces(_uniform_int, _per_call(dtype), key, counter, n, lo, hi, dtype)


def normal(key, counter, n, dtype):
    """RandomStandardNormal's n values (float16 and bfloat16 are float32 Box-Muller
    rounded to the smaller type)."""
    per = (1, 4) if isinstance(dtype, str) else _per_call(dtype)
    return _in_pieces(_normal, per, key, counter, n, dtype)


def truncated_normal(key, counter, n, dtype):
    """TruncatedNormal's n values: per group of outputs (4 floats or 2 doubles), Box-Muller
    pairs from that group's own counter range (256 calls per group of 4 floats), keeping
    values with |x| < 2 in order until the group is full."""
    return _in_pieces(_truncated_normal, (RESERVED_PER_OUTPUT // 4, 1), key, counter, n,
                      dtype)


def _uniform(key, counter, n, dtype):
    """RandomUniform's n values of float16/float32/float64 (or "bfloat16": 7 random
    mantissa bits, stored in float32) in [0, 1)."""
    if isinstance(dtype, str) and dtype == "bfloat16":
        man = (words(key, counter, n) & np.uint32(0x7F)) << np.uint32(16)
        return (man | np.uint32(127 << 23)).view(np.float32) - np.float32(1)
    dtype = np.dtype(dtype)
    if dtype == np.float64:
        blocks = philox_blocks(key, counter, (n + 1) // 2)
        return _double_from_bits(blocks[:, 0::2], blocks[:, 1::2]).reshape(-1)[:n]
    return _float_from_bits(words(key, counter, n), dtype)


def _uniform_int(key, counter, n, lo, hi, dtype):
    dtype = np.dtype(dtype)
    if dtype == np.int32:
        rng = _U64((int(hi) - int(lo)) & 0xFFFFFFFF)
        bits = words(key, counter, n).astype(np.uint64) % rng
        return ((bits + _U64(int(lo) & 0xFFFFFFFF)) & _MASK32).astype(np.uint32).view(np.int32)
    rng = _U64((int(hi) - int(lo)) & 0xFFFFFFFFFFFFFFFF)
    blocks = philox_blocks(key, counter, (n + 1) // 2).astype(np.uint64)
    bits = (blocks[:, 0::2] | (blocks[:, 1::2] << _SHIFT32)).reshape(-1)[:n] % rng
    return (bits + _U64(int(lo) & 0xFFFFFFFFFFFFFFFF)).view(np.int64)


# -- Box-Muller -------------------------------------------------------------------------------
def box_muller_float(x0, x1):
    """TF's BoxMullerFloat on uint32 arrays: (sin(v) * r, cos(v) * r) in float32."""
    u1 = _float_from_bits(x0, np.float32)
    u1 = np.maximum(u1, np.float32(1e-7))
    # 2.0f * M_PI is a double, so the angle is computed in double, then rounded.
    v1 = ((2.0 * np.pi) * _float_from_bits(x1, np.float32).astype(np.float64)).astype(np.float32)
    u2 = np.sqrt(np.float32(-2.0) * logf(u1))
    s, c = sincosf(v1)
    return s * u2, c * u2


# -- glibc's logf and sincosf (sysdeps/ieee754/flt-32, glibc >= 2.28), which TF's
# Box-Muller calls: float results computed in double, so only the algorithm reproduces
# their last bit (a correctly rounded log or sin differs in about 1.5% of normals).
_LOGF_INVC = np.array([float.fromhex(h) for h in (
    "0x1.661ec79f8f3bep+0", "0x1.571ed4aaf883dp+0", "0x1.49539f0f010bp+0",
    "0x1.3c995b0b80385p+0", "0x1.30d190c8864a5p+0", "0x1.25e227b0b8eap+0",
    "0x1.1bb4a4a1a343fp+0", "0x1.12358f08ae5bap+0", "0x1.0953f419900a7p+0", "0x1p+0",
    "0x1.e608cfd9a47acp-1", "0x1.ca4b31f026aap-1", "0x1.b2036576afce6p-1",
    "0x1.9c2d163a1aa2dp-1", "0x1.886e6037841edp-1", "0x1.767dcf5534862p-1")])
_LOGF_LOGC = np.array([float.fromhex(h) for h in (
    "-0x1.57bf7808caadep-2", "-0x1.2bef0a7c06ddbp-2", "-0x1.01eae7f513a67p-2",
    "-0x1.b31d8a68224e9p-3", "-0x1.6574f0ac07758p-3", "-0x1.1aa2bc79c81p-3",
    "-0x1.a4e76ce8c0e5ep-4", "-0x1.1973c5a611cccp-4", "-0x1.252f438e10c1ep-5", "0x0p+0",
    "0x1.aa5aa5df25984p-5", "0x1.c5e53aa362eb4p-4", "0x1.526e57720db08p-3",
    "0x1.bc2860d22477p-3", "0x1.1058bc8a07ee1p-2", "0x1.4043057b6ee09p-2")])
_LN2 = float.fromhex("0x1.62e42fefa39efp-1")
_LOGF_A = [float.fromhex(h) for h in
           ("-0x1.00ea348b88334p-2", "0x1.5575b0be00b6ap-2", "-0x1.ffffef20a4123p-2")]


def logf(x):
    """glibc's logf for positive normal float32 arrays (TF's u1 lies in [1e-7, 1))."""
    ix = x.view(np.uint32)
    tmp = ix - np.uint32(0x3F330000)
    i = (tmp >> np.uint32(19)) & np.uint32(15)
    k = tmp.view(np.int32) >> np.int32(23)
    z = (ix - (tmp & np.uint32(0xFF800000))).view(np.float32).astype(np.float64)
    r = z * _LOGF_INVC[i] - 1
    y0 = _LOGF_LOGC[i] + k * _LN2
    r2 = r * r
    y = _LOGF_A[1] * r + _LOGF_A[2]
    y = _LOGF_A[0] * r2 + y
    y = y * r2 + (y0 + r)
    out = y.astype(np.float32)
    out[ix == np.uint32(0x3F800000)] = 0
    return out


_HPI_INV = float.fromhex("0x1.45F306DC9C883p+23")     # 2/pi * 2**24
_HPI = float.fromhex("0x1.921FB54442D18p0")
_COS_POLY = [float.fromhex(h) for h in (
    "0x1p0", "-0x1.ffffffd0c621cp-2", "0x1.55553e1068f19p-5", "-0x1.6c087e89a359dp-10",
    "0x1.99343027bf8c3p-16")]
_SIN_POLY = [float.fromhex(h) for h in (
    "-0x1.555545995a603p-3", "0x1.1107605230bc4p-7", "-0x1.994eb3774cf24p-13")]


_SIN_SIGN = np.array([1.0, -1.0, -1.0, 1.0])
_COS_SIGN = np.array([1.0, 1.0, -1.0, -1.0])


def _abstop12(f):
    return (f.view(np.uint32) >> np.uint32(20)) & np.uint32(0x7FF)


def sincosf(y):
    """glibc's sincosf for float32 arrays with |y| < 120 (TF's angles lie in [0, 2pi))."""
    x = y.astype(np.float64)
    top = _abstop12(y)
    # Quadrant n by glibc's scaled truncation; n = 0 below pi/4 (x - 0 * hpi is x).
    n = ((x * _HPI_INV).astype(np.int32) + np.int32(0x800000)) >> np.int32(24)
    n[top < _abstop12(np.array([np.pi / 4], np.float32))[0]] = 0
    x = x - n * _HPI
    q = n & 3
    xs = x * _SIN_SIGN[q]
    x2 = x * x
    neg = _COS_SIGN[q]                    # the second table negates the cosine polynomial
    c0, c1, c2, c3, c4 = (neg * c for c in _COS_POLY)
    s1, s2, s3 = _SIN_POLY
    x4 = x2 * x2
    x3 = x2 * xs
    c2_ = c3 + x2 * c4
    s1_ = s2 + x2 * s3
    c1_ = c0 + x2 * c1
    x5 = x3 * x2
    x6 = x4 * x2
    sin = ((xs + x3 * s1) + x5 * s1_).astype(np.float32)
    cos = ((c1_ + x4 * c2) + x6 * c2_).astype(np.float32)
    odd = (n & 1).astype(bool)
    sin, cos = np.where(odd, cos, sin), np.where(odd, sin, cos)
    tiny = top < _abstop12(np.array([2.0 ** -12], np.float32))[0]
    if tiny.any():
        sin[tiny] = y[tiny]
        cos[tiny] = 1
    return sin, cos


def box_muller_double(x0, x1, x2, x3):
    """TF's BoxMullerDouble on uint32 arrays: two float64 normals from four words."""
    u1 = np.maximum(_double_from_bits(x0, x1), 1e-7)
    v1 = (2 * np.pi) * _double_from_bits(x2, x3)
    u2 = np.sqrt(-2.0 * libm(math.log, u1))
    return np.sin(v1) * u2, np.cos(v1) * u2


def libm(fn, x):
    """The C library's double function `fn` (math.log, ...) over an array.

    TF calls glibc's log/pow/lgamma; NumPy's own SIMD log differs from it in the last
    bit for about 0.3% of inputs, so double results go through the C library itself
    (NumPy's sin and cos agree with glibc's and are used directly).
    """
    x = np.asarray(x, dtype=np.float64)
    return _LIBM_UFUNCS[fn](x).astype(np.float64) if x.size else x.copy()


_LIBM_UFUNCS = {f: np.frompyfunc(f, 1, 1)
                for f in (math.log, math.lgamma, math.exp, math.log1p, math.expm1)}


def _normal(key, counter, n, dtype):
    if isinstance(dtype, str) and dtype == "bfloat16":
        return to_bfloat16(_normal(key, counter, n, np.float32))
    if dtype == np.float64:
        b = philox_blocks(key, counter, (n + 1) // 2)
        d0, d1 = box_muller_double(b[:, 0], b[:, 1], b[:, 2], b[:, 3])
        return np.stack([d0, d1], axis=1).reshape(-1)[:n]
    w = words(key, counter, n + (n & 1)).reshape(-1, 2)
    f0, f1 = box_muller_float(w[:, 0], w[:, 1])
    return np.stack([f0, f1], axis=1).reshape(-1)[:n].astype(dtype, copy=False)


def _truncated_normal(key, counter, n, dtype):
    if isinstance(dtype, str) and dtype == "bfloat16":
        return to_bfloat16(_truncated_normal(key, counter, n, np.float32))
    dtype = np.dtype(dtype)
    need = 2 if dtype == np.float64 else 4
    groups = -(-n // need)
    skip = need * RESERVED_PER_OUTPUT // 4
    out = np.empty((groups, need), dtype=np.float64 if need == 2 else np.float32)
    got = np.zeros(groups, dtype=np.int64)
    pending = np.arange(groups, dtype=np.int64)
    j = 0
    while pending.size:
        # One Philox call per pending group: counters base + group * skip + j.
        b = philox_at(key, counter, (pending * skip + j).astype(np.uint64))
        if need == 2:
            vals = np.stack(box_muller_double(b[:, 0], b[:, 1], b[:, 2], b[:, 3]), axis=1)
        else:
            f0, f1 = box_muller_float(b[:, 0::2], b[:, 1::2])    # pairs (x0,x1), (x2,x3)
            vals = np.stack([f0[:, 0], f1[:, 0], f0[:, 1], f1[:, 1]], axis=1)
        ok = np.abs(vals) < 2
        if j == 0:                            # most groups are done after one call
            full = ok.all(axis=1)
            out[pending[full]] = vals[full]
            got[pending[full]] = need
            keep = ~full
            pending, vals, ok = pending[keep], vals[keep], ok[keep]
        rank = got[pending][:, None] + np.cumsum(ok, axis=1)
        take = ok & (rank <= need)
        r, c = np.nonzero(take)
        out[pending[r], rank[r, c] - 1] = vals[r, c]
        got[pending] = np.minimum(rank[:, -1], need)
        pending = pending[got[pending] < need]
        j += 1
    return out.reshape(-1)[:n].astype(dtype, copy=False)


# -- RandomShuffle, Multinomial -------------------------------------------------------------
def shuffle_permutation(key, counter, n):
    """RandomShuffle's row order: TF's Fisher-Yates, swapping i with i + w_i % (n - i) for
    the stream's words w_0..w_{n-2} (the swaps are sequential; the draws are not)."""
    w = words(key, counter, n - 1).astype(np.int64)
    targets = (np.arange(n - 1) + w % np.arange(n, 1, -1)).tolist()
    perm = list(range(n))
    for i, j in enumerate(targets):
        perm[i], perm[j] = perm[j], perm[i]
    return np.array(perm, dtype=np.int64)


def uniform_doubles(key, counter, n):
    """SimplePhilox::RandDouble's n values: consecutive word pairs as Uint64ToDouble."""
    w = words(key, counter, 2 * n).reshape(n, 2)
    return _double_from_bits(w[:, 0], w[:, 1])


def eigen_shards(n, cost_per_unit, num_threads):
    """How TF's Shard() splits n work units of `cost_per_unit` cycles over a pool of
    num_threads (Eigen's ThreadPoolDevice::parallelFor and its cost model): the start
    of every block. Kernels whose numbers depend on the split use this."""
    total = n * float(cost_per_unit)
    threads = (total - 100000) / 100000 + 0.9                # kStartup/kPerThreadCycles
    if n <= 1 or num_threads <= 1 or min(num_threads, max(1, int(threads))) == 1:
        return [0]
    block_size_f = 1.0 / (cost_per_unit / 40000.0)           # 1 / taskSize(1, cost)
    block = int(min(n, max(-(-n // (4 * num_threads)), block_size_f)))
    max_block = min(n, 2 * block)
    count = -(-n // block)

    def efficiency(c):
        return c / (-(-c // num_threads) * num_threads)
    best = efficiency(count)
    prev = count
    while best < 1.0 and prev > 1:
        coarser = -(-n // (prev - 1))
        if coarser > max_block:
            break
        coarser_count = -(-n // coarser)
        prev = coarser_count
        eff = efficiency(coarser_count)
        if eff + 0.01 >= best:
            block, count = coarser, coarser_count
            best = max(best, eff)
    return list(range(0, n, block))


def multinomial(key, counter, logits, num_samples, num_threads=1):
    """Multinomial's class indices [batch, num_samples] as TF's CPU kernel draws them:
    rows are split into shards as TF's thread pool splits them; a shard starting at row
    r0 skips r0 * (num_samples + 3) // 4 Philox calls, and its rows then use consecutive
    doubles of the stream, each searched in the row's unnormalized CDF of
    exp(logit - max finite logit) over the finite logits."""
    batch, classes = logits.shape
    cost = int(50 * (num_samples * math.log(classes) / math.log(2) + classes))
    starts = eigen_shards(batch, cost, num_threads) + [batch]
    u = np.empty((batch, num_samples))
    for r0, r1 in zip(starts[:-1], starts[1:]):
        u[r0:r1] = uniform_doubles(key, counter + r0 * (num_samples + 3) // 4,
                                   (r1 - r0) * num_samples).reshape(r1 - r0, num_samples)
    lg = logits.astype(np.float64)
    finite = np.isfinite(logits)
    lowest = np.finfo(logits.dtype).min if logits.dtype.kind == "f" else np.iinfo(
        logits.dtype).min
    mx = np.where(finite, logits, lowest).max(axis=1).astype(np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        p = np.exp(lg - mx[:, None])
    cdf = np.cumsum(np.where(finite, p, 0.0), axis=1)
    out = np.empty((batch, num_samples), dtype=np.int64)
    for b in range(batch):
        out[b] = np.searchsorted(cdf[b], u[b] * cdf[b, -1], side="right")
    return out


# -- RandomGamma, RandomPoissonV2 --------------------------------------------------------------
# Both give output o (= param_index * num_samples + sample_index) its own stream from counter
# + 256 * o and run a rejection loop on it. The loops run in lockstep over all outputs still
# pending; each output keeps its next block index and the unused values of its last block,
# as TF's kernels keep `norm_remaining` / `uniform_remaining` (used from the last down).
class _Cursor:
    """Per-output draws from a block distribution: `per_block` values from each Philox
    call, handed out from the last to the first, as TF's UNIFORM macro does."""

    def __init__(self, key, counter, outputs, block, per_block, state):
        self.key, self.counter, self.outputs = key, counter, outputs
        self.block, self.per_block = block, per_block
        self.state = state               # shared {"next": next block index per output}
        self.left = np.zeros(outputs.size, dtype=np.int64)
        self.cache = None

    def draw(self, rows):
        """The next value for each of `rows` (indices into outputs)."""
        empty = rows[self.left[rows] == 0]
        if empty.size:
            nxt = self.state["next"]
            offsets = (self.outputs[empty] * RESERVED_PER_OUTPUT + nxt[empty]).astype(np.uint64)
            vals = self.block(philox_at(self.key, self.counter, offsets))
            if self.cache is None:
                self.cache = np.zeros((self.outputs.size, self.per_block), dtype=vals.dtype)
            self.cache[empty] = vals
            self.left[empty] = self.per_block
            nxt[empty] += 1
        self.left[rows] -= 1
        return self.cache[rows, self.left[rows]]


def _uniform_block(b):
    return _double_from_bits(b[:, 0::2], b[:, 1::2])


def _normal_block(b):
    d0, d1 = box_muller_double(b[:, 0], b[:, 1], b[:, 2], b[:, 3])
    return np.stack([d0, d1], axis=1)


def _libm2(fn, x, y):
    x, y = np.broadcast_arrays(np.asarray(x, np.float64), np.asarray(y, np.float64))
    return np.frompyfunc(fn, 2, 1)(x, y).astype(np.float64) if x.size else x.copy()


def gamma(key, counter, alpha, num_samples):
    """RandomGamma's samples in float64, shape [num_samples, alpha.size]: Marsaglia and
    Tsang's method with TF's draws (double normals and uniforms from one stream per
    output), exponential draws for alpha == 1, and the alpha < 1 boost."""
    alpha = np.asarray(alpha, dtype=np.float64).reshape(-1)
    total = alpha.size * num_samples
    outputs = np.arange(total, dtype=np.int64)
    a = alpha[outputs // num_samples] if total else alpha[:0]
    res = np.zeros(total)
    state = {"next": np.zeros(total, dtype=np.int64)}
    uni = _Cursor(key, counter, outputs, _uniform_block, 2, state)
    norm = _Cursor(key, counter, outputs, _normal_block, 2, state)
    ones = np.nonzero(a == 1.0)[0]
    if ones.size:
        res[ones] = -libm(math.log, 1.0 - uni.draw(ones))
    pending = np.nonzero(a != 1.0)[0]
    small = a < 1
    d = a + np.where(small, 2.0 / 3, -1.0 / 3)
    c = 1.0 / 3 / np.sqrt(d)
    while pending.size:
        x = norm.draw(pending)
        v = 1 + c[pending] * x
        pos = v > 0
        rows, x, v = pending[pos], x[pos], v[pos]
        v = v * v * v
        u = uni.draw(rows)
        accept = u < 1 - 0.0331 * (x * x) * (x * x)
        rest = ~accept
        if rest.any():
            dr = d[rows[rest]]
            accept[rest] = libm(math.log, u[rest]) < \
                0.5 * x[rest] * x[rest] + dr * (1 - v[rest] + libm(math.log, v[rest]))
        done = rows[accept]
        res[done] = d[done] * v[accept]
        boost = done[small[done]]
        if boost.size:
            b = uni.draw(boost)
            res[boost] *= _libm2(math.pow, b, 1 / a[boost])
        pending = np.setdiff1d(pending, done, assume_unique=True)
    return res.reshape(alpha.size, num_samples).T


def poisson(key, counter, rate, num_samples):
    """RandomPoissonV2's samples, shape [num_samples, rate.size], computed in double as
    TF 1.14 does for every rate type (double uniforms, two per Philox call): Knuth's
    product of uniforms below rate 10, Hormann's transformed rejection from 10 up."""
    rate = np.asarray(rate).astype(np.float64).reshape(-1)
    total = rate.size * num_samples
    outputs = np.arange(total, dtype=np.int64)
    r = rate[outputs // num_samples] if total else rate[:0]
    res = np.zeros(total)
    state = {"next": np.zeros(total, dtype=np.int64)}
    uni = _Cursor(key, counter, outputs, _uniform_block, 2, state)

    # Knuth: count uniforms until their product falls to exp(-rate) or below.
    pending = np.nonzero(r < 10)[0]
    exp_neg = libm(math.exp, -r)
    prod = np.ones(total)
    while pending.size:
        prod[pending] = prod[pending] * uni.draw(pending)
        hit = prod[pending] <= exp_neg[pending]
        res[pending[~hit]] += 1
        pending = pending[~hit]
    # Hormann: transformed rejection with his constants.
    pending = np.nonzero(r >= 10)[0]
    while pending.size:
        rr = r[pending]
        log_rate = libm(math.log, rr)
        b = 0.931 + 2.53 * np.sqrt(rr)
        a = -0.059 + 0.02483 * b
        inv_alpha = 1.1239 + 1.1328 / (b - 3.4)
        u = uni.draw(pending) - 0.5
        v = uni.draw(pending)
        us = 0.5 - np.abs(u)
        k = np.floor((2 * a / us + b) * u + rr + 0.43)
        accept = (us >= 0.07) & (v <= 0.9277 - 3.6224 / (b - 2))
        test = np.nonzero(~accept & ~((k < 0) | ((us < 0.013) & (v > us))))[0]
        if test.size:
            s = libm(math.log, v[test] * inv_alpha[test] /
                     (a[test] / (us[test] * us[test]) + b[test]))
            t = -rr[test] + k[test] * log_rate[test] - libm(math.lgamma, k[test] + 1)
            accept[test] = s <= t
        res[pending[accept]] = k[accept]
        pending = pending[~accept]
    return res.reshape(rate.size, num_samples).T


# -- candidate samplers (core/kernels/range_sampler.cc) ----------------------------------------
def words_from(key, counter, first, n):
    """n uint32 words of the stream starting at word index `first`."""
    skip = first % 4
    blocks = philox_blocks(key, counter + first // 4, (skip + n + 3) // 4)
    return blocks.reshape(-1)[skip:skip + n]


def _log_uniform_draws(key, counter, start, k, range_max):
    """LogUniformSampler::Sample for draws start..start+k-1 (two words each): every draw
    gives a value."""
    w = words_from(key, counter, 2 * start, 2 * k).reshape(k, 2)
    d = _double_from_bits(w[:, 0], w[:, 1])
    value = libm(math.exp, d * math.log1p(range_max)).astype(np.int64) - 1
    return value % range_max


def _uniform_draws(key, counter, start, k, range_max):
    """UniformSampler::Sample (ExactUniformInt over 64-bit words) for raw draws
    start..start+k-1; draws below (2**64 - 1) % range + 1 are rejected (dropped)."""
    w = words_from(key, counter, 2 * start, 2 * k).reshape(k, 2).astype(np.uint64)
    bits = w[:, 0] | (w[:, 1] << _SHIFT32)
    n = _U64(range_max)
    if range_max & (range_max - 1) == 0:
        return (bits & (n - _U64(1))).astype(np.int64)
    rem = _U64((2 ** 64 - 1) % range_max + 1)
    return (bits[bits >= rem] % n).astype(np.int64)


def candidate_sample(kind, key, counter, num_sampled, unique, range_max):
    """A RangeSampler batch: (values, num_tries). With `unique`, draws repeat until
    num_sampled distinct values appeared (num_tries counts every draw); without, the
    first num_sampled draws."""
    draw = _log_uniform_draws if kind == "log_uniform" else _uniform_draws
    got = np.empty(0, dtype=np.int64)
    start, chunk = 0, max(2 * num_sampled, 64)
    while True:
        got = np.concatenate([got, draw(key, counter, start, chunk, range_max)])
        start += chunk
        if not unique:
            if got.size >= num_sampled:
                return got[:num_sampled], num_sampled
            continue
        _, first = np.unique(got, return_index=True)
        if first.size >= num_sampled:
            order = np.sort(first)[:num_sampled]
            return got[order], (int(order[-1]) + 1 if num_sampled else 0)


def candidate_probability(kind, values, range_max):
    """RangeSampler::Probability as float32."""
    values = np.asarray(values, dtype=np.float64)
    if kind == "log_uniform":
        p = libm(math.log, (values + 2.0) / (values + 1.0)) / math.log1p(range_max)
    else:
        p = np.full(values.shape, 1.0 / range_max)
    return p.astype(np.float32)


def expected_count(p, batch_size, num_tries):
    """ExpectedCountHelper in float: p * batch_size, or -expm1f(num_tries * log1pf(-p))."""
    if num_tries == batch_size:
        return p * np.float32(batch_size)
    return -expm1f(np.float32(num_tries) * log1pf(-p))


_F = np.float32


def _fbits(x):
    return x.view(np.int32)


def _from_bits(i):
    if isinstance(i, int):
        return np.array(i, dtype=np.uint32).view(np.float32)[()]
    return np.asarray(i).astype(np.int32).view(np.float32)


def log1pf(x):
    """glibc's log1pf (the SunPro float algorithm, glibc < 2.41) for float32 x in (-1, 0]."""
    x = np.asarray(x, dtype=np.float32)
    ax = _fbits(x) & 0x7FFFFFFF
    with np.errstate(all="ignore"):
        # |x| <= 0.2929: k = 0, f = x.
        # Else: u = 1 + x split into 2**k * (1 + f) with a correction term c.
        u = _F(1) + x
        hu = _fbits(u)
        k = (hu >> 23) - 127
        c = np.where(k > 0, _F(1) - (u - x), x - (u - _F(1))) / u
        hu = hu & 0x007FFFFF
        big = hu >= 0x3504F7
        u = np.where(big, _from_bits(hu | 0x3F000000), _from_bits(hu | 0x3F800000))
        k = np.where(big, k + 1, k)
        hu = np.where(big, (0x00800000 - hu) >> 2, hu)
        small = ax <= 0x3E95F61F
        k = np.where(small, 0, k)
        f = np.where(small, x, u - _F(1))
        hu = np.where(small, 1, hu)
        c = np.where(small, _F(0), c).astype(np.float32)
        kf = k.astype(np.float32)
        ln2_hi, ln2_lo = _from_bits(0x3F317180), _from_bits(0x3717F7D1)
        hfsq = _F(0.5) * f * f
        s = f / (_F(2) + f)
        z = s * s
        lp = [_from_bits(b) for b in (0x3F2AAAAB, 0x3ECCCCCD, 0x3E924925, 0x3E638E29,
                                      0x3E3A3325, 0x3E1CD04F, 0x3E178897)]
        r = z * (lp[0] + z * (lp[1] + z * (lp[2] + z * (lp[3] + z * (lp[4] + z * (
            lp[5] + z * lp[6]))))))
        out = np.where(k == 0, f - (hfsq - s * (hfsq + r)),
                       kf * ln2_hi - ((hfsq - (s * (hfsq + r) + (kf * ln2_lo + c))) - f))
        # |f| < 2**-20 after the split (hu == 0): a shorter series.
        r2 = hfsq * (_F(1) - _F(0.66666666666666666) * f)
        tiny_f = np.where(f == 0, np.where(k == 0, _F(0), kf * ln2_hi + (c + kf * ln2_lo)),
                          np.where(k == 0, f - r2,
                                   kf * ln2_hi - ((r2 - (kf * ln2_lo + c)) - f)))
        out = np.where(hu == 0, tiny_f, out)
        # |x| < 2**-29: x - x*x/2, or x itself below 2**-54.
        out = np.where(ax < 0x31000000, np.where(ax < 0x24800000, x, x - x * x * _F(0.5)),
                       out)
    return out.astype(np.float32)


def expm1f(x):
    """glibc's expm1f (the SunPro float algorithm, glibc < 2.41) for float32 x <= 0."""
    x = np.asarray(x, dtype=np.float32)
    hx = _fbits(x) & 0x7FFFFFFF
    ln2_hi, ln2_lo = _from_bits(0x3F317180), _from_bits(0x3717F7D1)
    invln2 = _from_bits(0x3FB8AA3B)
    q = [_from_bits(b) for b in (0xBD088889, 0x3AD00D01, 0xB8A670CD, 0x36867E54,
                                 0xB457EDBB)]
    with np.errstate(all="ignore"):
        # Argument reduction for |x| > ln2 / 2: x = k ln2 + (hi - lo), k <= -1.
        near = hx < 0x3F851592
        k_far = (invln2 * x + _F(-0.5)).astype(np.int32)
        t = k_far.astype(np.float32)
        hi = np.where(near, x + ln2_hi, x - t * ln2_hi)
        lo = np.where(near, -ln2_lo, t * ln2_lo)
        reduced = hx > 0x3EB17218
        k = np.where(reduced, np.where(near, -1, k_far), 0)
        xr = np.where(reduced, hi - lo, x)
        c = np.where(reduced, (hi - xr) - lo, _F(0)).astype(np.float32)
        x = xr
        hfx = _F(0.5) * x
        hxs = x * hfx
        r1 = _F(1) + hxs * (q[0] + hxs * (q[1] + hxs * (q[2] + hxs * (q[3] + hxs * q[4]))))
        t = _F(3) - r1 * hfx
        e = hxs * ((r1 - t) / (_F(6) - x * t))
        out0 = x - (x * e - hxs)
        e = x * (e - c) - c
        e = e - hxs
        out_m1 = _F(0.5) * (x - e) - _F(0.5)
        y = _F(1) - (e - x)
        y = _from_bits(_fbits(y) + (k << 23))
        out_k = y - _F(1)
        out = np.where(k == 0, out0, np.where(k == -1, out_m1, out_k))
        out = np.where(hx < 0x33000000, xr, out)          # |x| < 2**-25: x
        out = np.where(hx >= 0x4195B844, _F(-1), out)     # x < -27 ln2: -1
    return out.astype(np.float32)
