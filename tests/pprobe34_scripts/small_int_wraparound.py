"""A uint8 image pipeline and small-integer arithmetic that wraps: uint8 / int8 / int16 /
uint16 add, subtract and multiply past their ranges, tf.abs and tf.negative of INT_MIN
(int32 / int64), clip_by_value on ints, casts of negative / NaN / inf / large floats to
every integer type and to bool (denormals read as zero), saturate_cast, bitcast between
widths, the tf.bitwise ops and shifts (by negative and too-large counts), and a
uint8-quantised linear layer trained through a float cast; op counts and values."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(341)
rs = np.random.RandomState(341)
s = tf.Session()
u8 = tf.constant(np.array([0, 1, 127, 128, 200, 255], np.uint8))
i8 = tf.constant(np.array([-128, -1, 0, 1, 100, 127], np.int8))
i16 = tf.constant(np.array([-32768, -300, 0, 300, 20000, 32767], np.int16))
u16 = tf.constant(np.array([0, 1, 255, 256, 40000, 65535], np.uint16))
for name, t in [("u8", u8), ("i8", i8), ("i16", i16)]:
    r = s.run(
        [
            t + t,
            t - tf.reverse(t, [0]),
            t * t,
            t * tf.constant(3, t.dtype),
            tf.reduce_sum(t),
            tf.reduce_prod(t[1:4]),
        ]
    )
    print(name, [v.tolist() for v in r])
print(
    "u16",
    [
        v.tolist()
        for v in s.run(
            [
                u16 * u16,
                u16 * tf.constant(3, tf.uint16),
                tf.reduce_sum(u16),
                tf.reduce_prod(u16[3:5]),
            ]
        )
    ],
)
i32 = tf.constant([-2147483648, -5, 2147483647], tf.int32)
i64 = tf.constant([-9223372036854775808, -5, 9223372036854775807], tf.int64)
print(
    [
        v.tolist()
        for v in s.run(
            [
                tf.abs(i32),
                -i32,
                i32 + 1,
                i32 - 1,
                i32 * 2,
                tf.abs(i64),
                -i64,
                i64 * 3,
                tf.clip_by_value(i64, -7, 7),
                tf.clip_by_value(i32, -3, tf.constant([4, -2, 9])),
            ]
        )
    ]
)

f = tf.constant(
    [
        -1.5,
        -0.5,
        -0.0,
        0.5,
        1.5,
        2.5,
        255.7,
        256.0,
        -129.0,
        300.0,
        70000.0,
        3e9,
        -3e9,
        1e20,
        float("nan"),
        float("inf"),
        float("-inf"),
    ],
    tf.float32,
)
for dt in [tf.uint8, tf.int8, tf.int16, tf.uint16, tf.int32, tf.int64, tf.bool]:
    print(dt.name, s.run(tf.cast(f, dt)).tolist())
# denormals to bool: TF's threads read float32 / float64 / bfloat16 ones as zero (DAZ)
tiny = [1e-45, -1e-40, 1e-38, 2e-38, 0.0]
print(
    [
        s.run(tf.cast(t, tf.bool)).tolist()
        for t in [
            tf.constant(tiny, tf.float32),
            tf.constant([5e-324, -1e-310, 1e-300], tf.float64),
            tf.constant(np.array([6e-8, -1e-5, 0.0], np.float16)),
            tf.cast(tf.constant(tiny), tf.bfloat16),
            tf.constant([1e-40 + 1j, 1j, 2e-38 + 0j], tf.complex64),
        ]
    ]
)
for dt in [tf.uint8, tf.int8, tf.int16, tf.uint16, tf.int32]:
    print("sat", dt.name, s.run(tf.saturate_cast(f[:14], dt)).tolist())
print(
    "sat i64",
    s.run(tf.saturate_cast(tf.constant([-3e9, 3e9, 1e19, -1e19], tf.float64), tf.int64)).tolist(),
)
print(
    "sat u8 from i32",
    s.run(tf.saturate_cast(i32, tf.uint8)).tolist(),
    s.run(tf.saturate_cast(tf.constant([-3, 70000, 255], tf.int32), tf.uint16)).tolist(),
)
print(
    s.run(tf.cast(tf.constant([-1, 255, 256, -129, 70000], tf.int32), tf.uint8)).tolist(),
    s.run(tf.cast(tf.constant([-1, 255, 256, -129, 70000], tf.int32), tf.int8)).tolist(),
    s.run(tf.cast(tf.constant([-1, 65536 + 7], tf.int64), tf.uint16)).tolist(),
    s.run(tf.cast(u8, tf.int8)).tolist(),
    s.run(tf.cast(i8, tf.uint8)).tolist(),
    s.run(tf.cast(tf.constant([16777217, 2147483647], tf.int32), tf.float32)).tolist(),
)

fb = tf.constant([1.0, -2.0, 0.1, float("nan")], tf.float32)
print(
    s.run(tf.bitcast(fb, tf.int32)).tolist(),
    s.run(tf.bitcast(fb, tf.uint8)).tolist(),
    s.run(tf.bitcast(fb, tf.int16)).tolist(),
    s.run(
        tf.bitcast(tf.constant([[0, 0, 128, 63], [0, 0, 0, 192]], tf.uint8), tf.float32)
    ).tolist(),
    s.run(tf.bitcast(tf.constant([-1, 1], tf.int64), tf.float64)).tolist(),
    tf.bitcast(fb, tf.uint8).shape.as_list(),
    tf.bitcast(fb, tf.uint8).op.type,
)

a = tf.constant([5, -6, 127, -128, 0, 99], tf.int8)
b = tf.constant([3, 2, -1, 1, 7, 0], tf.int8)
sh = tf.constant([0, 1, 3, 7, 8, 9], tf.int8)
print(
    [
        v.tolist()
        for v in s.run(
            [
                tf.bitwise.bitwise_and(a, b),
                tf.bitwise.bitwise_or(a, b),
                tf.bitwise.bitwise_xor(a, b),
                tf.bitwise.invert(a),
                tf.bitwise.left_shift(a, sh),
                tf.bitwise.right_shift(a, sh),
            ]
        )
    ]
)
ua = tf.constant([1, 128, 255, 7, 64, 3], tf.uint8)
us = tf.constant([0, 1, 7, 8, 9, 255], tf.uint8)
print(
    [
        v.tolist()
        for v in s.run(
            [
                tf.bitwise.left_shift(ua, us),
                tf.bitwise.right_shift(ua, us),
                tf.bitwise.invert(ua),
                tf.bitwise.invert(u16),
            ]
        )
    ]
)
x32 = tf.constant([1, -1, -2147483648, 12345], tf.int32)
print(
    s.run(
        [
            tf.bitwise.left_shift(x32, tf.constant([31, 31, 1, -1])),
            tf.bitwise.right_shift(x32, tf.constant([31, 33, 31, -3])),
            tf.bitwise.left_shift(tf.constant([3], tf.int64), tf.constant([62], tf.int64)),
            tf.bitwise.right_shift(
                tf.constant([-9223372036854775807 - 1], tf.int64), tf.constant([64], tf.int64)
            ),
        ]
    )
)

# a uint8 linear layer: quantised weights, float training
img = rs.randint(0, 256, size=(8, 6)).astype(np.uint8)
y = rs.rand(8).astype(np.float32)
xin = tf.placeholder(tf.uint8, [None, 6])
w = tf.get_variable("w", [6, 1], initializer=tf.random_uniform_initializer(-0.02, 0.02, seed=2))
xf = tf.cast(xin, tf.float32) / 255.0 - 0.5
wq = tf.cast(tf.saturate_cast(tf.round(w * 1000.0) + 128.0, tf.uint8), tf.float32)
pred = tf.squeeze(tf.matmul(xf, w), 1) + 0.001 * tf.reduce_sum(wq)
loss = tf.reduce_mean(tf.square(pred - y))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
inv = tf.bitwise.invert(xin)
ops = tf.get_default_graph().get_operations()
print(
    len(ops),
    sorted(
        set(
            o.type
            for o in ops
            if o.type in ("Cast", "Bitcast", "Invert", "LeftShift", "RightShift", "ClipByValue")
        )
    ),
)
s.run(tf.global_variables_initializer())
for i in range(20):
    lv, _ = s.run([loss, train], {xin: img})
print(repr(float(lv)), H(s.run(w)), s.run(wq).ravel().tolist(), H(s.run(inv, {xin: img})))
