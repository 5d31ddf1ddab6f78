"""TF 1.14's EvaluateConstantTensor of a tensor built in a tf.cond branch: an op there reads
a tensor from outside the branch through a Switch (one per tensor and branch), and the
evaluation runs that Switch, so its predicate's subgraph is walked in the same run as the
tensor's: a Shape/Size/Rank leaf read twice across both (or twice by the predicate) is fed
twice and the value is unknown; a shared non-leaf is walked once; an outside leaf read by
two branch ops passes one Switch and is fed once. Static shapes, op names and op counts of
the branches' results."""


def _shape(t):
    return None if t.shape.ndims is None else t.shape.as_list()


def _cases(tf):
    sz = lambda n: tf.raw_ops.Size(input=tf.zeros([n]))  # noqa: E731
    shp = lambda: tf.raw_ops.Shape(input=tf.zeros([2, 3]))  # noqa: E731
    const = lambda: tf.stack([3, 4])  # noqa: E731

    def plain(pred, s):
        return pred, lambda: tf.zeros(s + 1), lambda: tf.zeros(s + 2)

    def twice(pred, s):
        return pred, lambda: tf.zeros(s + s), lambda: tf.zeros(s * 2)

    def readers(pred, s):
        return (pred, lambda: tf.zeros(tf.stack([s[0] + 1, s[1]])),
                lambda: tf.zeros(tf.stack([s[1], s[0]])))

    def piece(pred, s, body):
        # (a shape read in pieces in the branch: each piece from outside is read through
        # its Switch, evaluated whole with the predicate)
        return pred, lambda: body(s), lambda: tf.zeros([2, 2, 2])

    cat = lambda s: tf.zeros(tf.concat([s, [2]], 0))  # noqa: E731
    pack = lambda s: tf.zeros(tf.stack([s, 2, 2]))  # noqa: E731

    def nested(e, inner):
        return (tf.equal(e, 2),
                lambda: tf.cond(inner(), lambda: tf.zeros(tf.stack([e, 1])),
                                lambda: tf.zeros([1, 1])),
                lambda: tf.zeros([1, 1]))

    return [
        ("single", lambda: plain(tf.equal(sz(2), 2), const())),
        ("false_branch", lambda: plain(tf.equal(sz(2), 3), const())),
        ("pred_e_e", lambda: (lambda e: plain(tf.equal(e + e, 4), const()))(sz(2))),
        ("pred_false_e_e", lambda: (lambda e: plain(tf.equal(e + e, 5), const()))(sz(2))),
        ("pred_stack_e_e", lambda: (lambda e: plain(
            tf.equal(tf.reduce_sum(tf.stack([e, e])), 4), const()))(sz(2))),
        ("pred_less_e_e1", lambda: (lambda e: plain(tf.less(e, e + 1), const()))(sz(2))),
        ("pred_equal_e_e", lambda: (lambda e: plain(tf.equal(e, e), const()))(sz(2))),
        ("pred_rank_twice", lambda: (lambda r: plain(tf.equal(r + r, 2), const()))(
            tf.raw_ops.Rank(input=tf.zeros([2])))),
        ("pred_shape_twice", lambda: (lambda s: plain(
            tf.equal(tf.reduce_sum(s + s), 4), const()))(tf.raw_ops.Shape(
                input=tf.zeros([2])))),
        ("shared_leaf", lambda: (lambda e: plain(tf.equal(e, 2), tf.stack([e, 3])))(sz(2))),
        ("shared_leaf_ops", lambda: (lambda e: plain(tf.equal(e * 1, 2),
                                                     tf.stack([e - 1, 3])))(sz(2))),
        ("shared_nonleaf", lambda: (lambda f: plain(tf.equal(f, 2), tf.stack([f, 3])))(
            sz(2) * 1)),
        ("other_leaves", lambda: plain(tf.equal(sz(2), 2), tf.stack([sz(3), 3]))),
        ("outside_shape_plus", lambda: plain(tf.equal(sz(2), 2), shp() + 0)),
        ("outside_leaf_twice", lambda: twice(tf.equal(sz(2), 2), shp())),
        ("outside_leaf_two_readers", lambda: readers(tf.equal(sz(2), 2), shp())),
        ("cat_shared_leaf", lambda: (lambda e: piece(tf.equal(e, 2), tf.stack([e, 3]), cat))(
            sz(2))),
        ("cat_pred_e_e", lambda: (lambda e: piece(tf.equal(e + e, 4), const(), cat))(sz(2))),
        ("cat_other", lambda: (lambda e: piece(tf.equal(e, 2), tf.stack([sz(3), 3]), cat))(
            sz(2))),
        ("cat_const", lambda: piece(tf.equal(sz(2), 2), tf.constant([3, 4]), cat)),
        ("cat_nonleaf", lambda: (lambda f: piece(tf.equal(f, 2), tf.stack([f, 3]), cat))(
            sz(2) * 1)),
        ("cat_plus", lambda: (lambda e: piece(tf.equal(e, 2), tf.stack([e, 3]) + 0, cat))(
            sz(2))),
        ("cat_plus_other", lambda: (lambda e: piece(tf.equal(e, 2), tf.stack([sz(5), 3]) + 0,
                                                     cat))(sz(2))),
        ("cat_shape_partial", lambda: piece(
            tf.equal(sz(2), 2), tf.shape(tf.placeholder(tf.float32, [None, 3])), cat)),
        ("cat_false_branch", lambda: (lambda e: (
            tf.equal(e, 3), lambda: tf.zeros([2, 2, 2]), lambda: cat(tf.stack([sz(4), 3]))))(
            sz(2))),
        ("slice_shared", lambda: (lambda e: piece(tf.equal(e, 2), tf.stack([e, 3, 2]) + 0,
                                                   lambda s: tf.zeros(s[1:])))(sz(2))),
        ("slice_other", lambda: (lambda e: piece(tf.equal(e, 2), tf.stack([sz(4), 3, 2]) + 0,
                                                  lambda s: tf.zeros(s[1:])))(sz(2))),
        ("pack_shared", lambda: (lambda e: piece(tf.equal(e, 2), e * 1, pack))(sz(2))),
        ("pack_leaf", lambda: (lambda e: piece(tf.equal(e, 2), e, pack))(sz(2))),
        ("pack_other", lambda: (lambda e: piece(tf.equal(e, 2), sz(3), pack))(sz(2))),
        ("nested_shared", lambda: (lambda e: nested(e, lambda: tf.equal(e, 2)))(sz(2))),
        ("nested_distinct", lambda: (lambda e: nested(e, lambda: tf.equal(sz(3), 3)))(
            sz(2))),
    ]


def cases(tf):
    out = {}
    for name, fn in _cases(tf):
        with tf.Graph().as_default():
            try:
                pred, t_fn, f_fn = fn()
                got = {}

                def branch(k, f):
                    def run():
                        got[k] = f()
                        return got[k]
                    return run
                r = tf.cond(pred, branch("t", t_fn), branch("f", f_fn))
                out[name] = ["ok", got["t"].op.name, _shape(got["t"]), got["f"].op.name,
                             _shape(got["f"]), r.op.name, _shape(r),
                             len(tf.get_default_graph().get_operations())]
            except Exception as ex:  # noqa: BLE001 - the error is the case's result
                out[name] = [type(ex).__name__, str(ex)[:300]]
    return out
