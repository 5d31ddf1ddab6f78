"""TF 1.14's float32 Zeta and Polygamma, bit for bit.

TF's kernels run Eigen's zeta_impl / polygamma_impl (unsupported/Eigen/src/SpecialFunctions,
Cephes' zeta) value by value in float32: up to 9 direct terms (q + k)^-x (libm's powf),
then the Euler-Maclaurin tail with Cephes' 12 coefficients, each loop stopped at the float
tolerance (eps / 2); polygamma(n, x) = (-1)^(n+1) expf(lgammaf(n + 1)) zeta(n + 1, x), and
digamma at n = 0. Digamma's gradient (polygamma(1, x)) goes through these, so the entropy
and KL gradients of Gamma, Beta and Dirichlet do. The loops run on the whole array at once.
"""
import numpy as np

from . import eigen_math as _eigen_math

_F = np.float32
_ZERO, _HALF, _ONE = _F(0), _F(0.5), _F(1)
_MACHEP = _F(np.finfo(np.float32).eps / 2)   # cephes_helper<float>::machep
_A = [_F(c) for c in (12.0, -720.0, 30240.0, -1209600.0, 47900160.0,
                      -1.8924375803183791606e9, 7.47242496e10, -2.950130727918164224e12,
                      1.1646782814350067249e14, -4.5979787224074726105e15,
                      1.8152105401943546773e17, -7.1661652561756670113e18)]


def _zeta_values(x, q):
    """zeta_impl<float>::run on 1-D float32 x, q inside the domain."""
    s = _eigen_math.powf(q, -x)
    a, b = q.copy(), np.zeros_like(q)
    live = np.arange(q.size)
    for _ in range(9):                       # zeta_impl_series<float>
        if live.size == 0:
            return s
        a[live] += _ONE
        b[live] = _eigen_math.powf(a[live], -x[live])
        s[live] += b[live]
        live = live[~(np.abs(b[live] / s[live]) < _MACHEP)]
    if live.size == 0:
        return s
    xl, bl, w = x[live], b[live], a[live]
    sl = s[live] + bl * w / (xl - _ONE)
    sl -= _HALF * bl
    al, k = np.ones_like(xl), np.zeros_like(xl)
    on = np.arange(live.size)
    for coef in _A:
        if on.size == 0:
            break
        al[on] *= xl[on] + k[on]
        bl[on] /= w[on]
        t = al[on] * bl[on] / coef
        sl[on] = sl[on] + t
        on = on[~(np.abs(t / sl[on]) < _MACHEP)]
        k[on] += _ONE
        al[on] *= xl[on] + k[on]
        bl[on] /= w[on]
        k[on] += _ONE
    s[live] = sl
    return s


def zeta(x, q):
    """TF 1.14's float32 Zeta(x, q): inf at x = 1 and at q a non-positive integer, NaN for
    x < 1 and for q <= 0 with x not an integer (inputs read with DAZ, results flushed)."""
    x, q = np.broadcast_arrays(np.asarray(x, _F), np.asarray(q, _F))
    shape = x.shape
    x, q = _eigen_math.flush(x.reshape(-1)), _eigen_math.flush(q.reshape(-1))
    out = np.empty(x.shape, _F)
    with np.errstate(all="ignore"):
        pole = x == _ONE
        nan = ~pole & (x < _ONE)
        low_q = ~pole & ~nan & (q <= _ZERO)
        q_pole = low_q & (q == np.floor(q))
        nan |= low_q & ~q_pole & (x != np.floor(x))
        run = ~pole & ~nan & ~q_pole
        out[pole | q_pole] = np.inf
        out[nan] = np.nan
        if run.any():
            out[run] = _zeta_values(x[run], q[run])
    return _eigen_math.flush(out).reshape(shape)


def polygamma(n, x):
    """TF 1.14's float32 Polygamma(n, x): NaN for a non-integer n, digamma at n = 0, else
    powf(-1, n + 1) expf(lgammaf(n + 1)) zeta(n + 1, x)."""
    n, x = np.broadcast_arrays(np.asarray(n, _F), np.asarray(x, _F))
    shape = n.shape
    n, x = _eigen_math.flush(n.reshape(-1)), _eigen_math.flush(x.reshape(-1))
    out = np.full(n.shape, np.nan, _F)
    with np.errstate(all="ignore"):
        whole = ~(np.floor(n) != n)
        dig = whole & (n == _ZERO)
        if dig.any():
            out[dig] = _eigen_math.digamma(x[dig])
        rest = whole & ~dig
        if rest.any():
            nplus = n[rest] + _ONE
            fact = _eigen_math.libm_exp(_eigen_math.lgammaf(nplus))
            sign = _eigen_math.powf(np.full_like(nplus, -_ONE), nplus)
            out[rest] = sign * fact * zeta(nplus, x[rest])
    return _eigen_math.flush(out).reshape(shape)
