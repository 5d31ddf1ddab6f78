"""TF 1.14 goldens for tf.nn: convolution and pooling forward and backprop (NHWC; TF's CPU
kernels do not run NCHW, so tests check NCHW by transposing these), cross-entropies on
extreme logits with gradients, fused_batch_norm outputs and gradients, activations on
extreme inputs, and a few composites. Output: nn.json (name -> array), read by
tests/test_ops_nn.py, test_ops_conv.py and test_ops_random.py.
"""
import numpy as np


def cases(tf):
    from tensorflow.python.ops import gen_random_ops  # RandomGammaGrad has no tf.* wrapper

    rng = np.random.RandomState(1234)
    out = {}

    def run(fetches, feed=None):
        with tf.Session() as s:
            return s.run(fetches, feed)

    # -- conv / pool ------------------------------------------------------------------------
    CONV_CASES = [  # name, input shape, filter shape, strides, padding, dilations
        ("same_odd", (2, 7, 5, 3), (3, 3, 3, 4), (1, 1), "SAME", (1, 1)),
        ("same_stride2", (1, 7, 6, 2), (3, 2, 2, 3), (2, 2), "SAME", (1, 1)),
        ("same_stride3_even_k", (2, 8, 9, 2), (4, 2, 2, 2), (3, 2), "SAME", (1, 1)),
        ("same_dilated", (1, 9, 8, 2), (3, 3, 2, 2), (1, 1), "SAME", (2, 3)),
        ("valid_stride", (2, 9, 7, 3), (3, 3, 3, 2), (2, 3), "VALID", (1, 1)),
        ("valid_dilated", (1, 8, 8, 1), (2, 3, 1, 2), (1, 1), "VALID", (2, 2)),
    ]
    for name, xs, fs, st, pad, dil in CONV_CASES:
        g = tf.Graph()
        with g.as_default():
            x = tf.constant(rng.randn(*xs))
            f = tf.constant(rng.randn(*fs))
            if dil == (1, 1):
                y = tf.nn.conv2d(x, f, [1, st[0], st[1], 1], pad)
            else:  # TF's CPU backprop kernels refuse dilations: use the space-to-batch form
                y = tf.nn.convolution(x, f, pad, dilation_rate=list(dil))
            dy = tf.constant(rng.randn(*y.shape.as_list()))
            dx, df = tf.gradients(y, [x, f], dy)
            vals = run([x, f, y, dy, dx, df])
        for k, v in zip(["x", "f", "y", "dy", "dx", "df"], vals):
            out[f"conv_{name}_{k}"] = v

    DW_CASES = [
        ("same_odd", (2, 7, 5, 3), (3, 3, 3, 2), (1, 1), "SAME"),
        ("same_stride2", (1, 8, 7, 2), (3, 2, 2, 3), (2, 2), "SAME"),
        ("valid", (1, 6, 7, 2), (2, 3, 2, 1), (2, 2), "VALID"),
    ]
    for name, xs, fs, st, pad in DW_CASES:
        g = tf.Graph()
        with g.as_default():
            x = tf.constant(rng.randn(*xs))
            f = tf.constant(rng.randn(*fs))
            y = tf.nn.depthwise_conv2d_native(x, f, [1, st[0], st[1], 1], pad)
            dy = tf.constant(rng.randn(*y.shape.as_list()))
            dx, df = tf.gradients(y, [x, f], dy)
            vals = run([x, f, y, dy, dx, df])
        for k, v in zip(["x", "f", "y", "dy", "dx", "df"], vals):
            out[f"dw_{name}_{k}"] = v

    POOL_CASES = [  # name, input shape, ksize, strides, padding
        ("same_odd", (2, 7, 5, 3), (3, 3), (2, 2), "SAME"),
        ("same_even_k", (1, 6, 7, 2), (2, 4), (3, 2), "SAME"),
        ("same_overlap", (1, 5, 5, 1), (3, 3), (1, 1), "SAME"),
        ("valid", (2, 8, 7, 2), (3, 2), (2, 2), "VALID"),
    ]
    for name, xs, k, st, pad in POOL_CASES:
        for kind, fn in (("max", tf.nn.max_pool), ("avg", tf.nn.avg_pool)):
            g = tf.Graph()
            with g.as_default():
                xv = rng.randn(*xs)
                if kind == "max":
                    xv = np.round(xv * 2) / 2   # ties: TF routes to the first maximum
                x = tf.constant(xv)
                y = fn(x, [1, k[0], k[1], 1], [1, st[0], st[1], 1], pad)
                dy = tf.constant(rng.randn(*y.shape.as_list()))
                dx = tf.gradients(y, x, dy)[0]
                fetch = [x, y, dy, dx]
                if kind == "max":
                    ddx = tf.constant(rng.randn(*xs))
                    fetch += [ddx, tf.gradients(dx, dy, ddx)[0]]
                vals = run(fetch)
            for key, v in zip(["x", "y", "dy", "dx", "ddx", "ddy"], vals):
                out[f"{kind}pool_{name}_{key}"] = v

    g = tf.Graph()
    with g.as_default():
        v = tf.constant(rng.randn(2, 4, 3, 3))
        f = tf.constant(rng.randn(3, 3, 2, 3))
        y = tf.nn.conv2d_transpose(v, f, [2, 8, 5, 2], [1, 2, 2, 1], "SAME")
        out["convT_v"], out["convT_f"], out["convT_y"] = run([v, f, y])

    # -- cross-entropies on extreme logits ------------------------------------------------------
    logits = np.array([[1000.0, 0.0, -1000.0], [-1e4, -1e4 + 1, -1e4 + 2], [50.0, 50.0, 50.0],
                       [0.0, -200.0, 300.0]])
    labels = np.array([[0.0, 1.0, 0.0], [0.2, 0.3, 0.5], [1.0, 0.0, 0.0], [0.5, 0.5, 0.0]])
    sparse = np.array([1, 0, 2, 1], dtype=np.int32)
    for dt in ("float32", "float64"):
        g = tf.Graph()
        with g.as_default():
            lg = tf.constant(logits.astype(dt))
            lb = tf.constant(labels.astype(dt))
            dloss = tf.constant(np.array([1.0, -2.0, 0.5, 3.0], dtype=dt))
            l1 = tf.nn.softmax_cross_entropy_with_logits_v2(labels=lb, logits=lg)
            g1, g2 = tf.gradients(l1, [lg, lb], dloss)
            l2 = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=sparse, logits=lg)
            g3 = tf.gradients(l2, lg, dloss)[0]
            sm = tf.nn.softmax(lg)
            lsm = tf.nn.log_softmax(lg)
            vals = run([l1, g1, g2, l2, g3, sm, lsm])
        for k, v in zip(["xent", "xent_dlogits", "xent_dlabels", "sparse", "sparse_dlogits",
                         "softmax", "log_softmax"], vals):
            out_key = f"{k}_{dt}"
            out[out_key] = v
    out["xent_logits"] = logits
    out["xent_labels"] = labels
    out["xent_sparse_labels"] = sparse

    x = np.array([-1e4, -800.0, -88.0, -30.0, -1.0, 0.0, 1e-8, 2.5, 40.0, 100.0, 900.0, 1e5])
    z = np.array([0.0, 1.0, 0.3, 1.0, 0.5, 0.5, 1.0, 0.0, 0.7, 1.0, 0.0, 0.25])
    for dt in ("float32", "float64"):
        g = tf.Graph()
        with g.as_default():
            xt = tf.constant(x.astype(dt))
            zt = tf.constant(z.astype(dt))
            l = tf.nn.sigmoid_cross_entropy_with_logits(labels=zt, logits=xt)
            w = tf.nn.weighted_cross_entropy_with_logits(targets=zt, logits=xt, pos_weight=3.0)
            gx, gz = tf.gradients(l, [xt, zt])
            gw = tf.gradients(w, xt)[0]
            acts = [tf.nn.relu(xt), tf.nn.relu6(xt), tf.nn.elu(xt), tf.nn.selu(xt),
                    tf.nn.softplus(xt), tf.nn.softsign(xt), tf.nn.leaky_relu(xt, 0.1)]
            dacts = [tf.gradients(a, xt)[0] for a in acts]
            vals = run([l, w, gx, gz, gw] + acts + dacts)
        names = ["sigxent", "wxent", "sigxent_dx", "sigxent_dz", "wxent_dx", "relu", "relu6",
                 "elu", "selu", "softplus", "softsign", "leaky_relu"]
        names += ["d_" + n for n in names[5:]]
        for k, v in zip(names, vals):
            out[f"{k}_{dt}"] = v
    out["sig_x"] = x
    out["sig_z"] = z

    # -- fused_batch_norm ---------------------------------------------------------------------
    xb = rng.randn(2, 3, 5, 4).astype(np.float32) * 3 + 1
    sc = rng.rand(4).astype(np.float32) + 0.5
    of = rng.randn(4).astype(np.float32)
    pm = rng.randn(4).astype(np.float32)
    pv = rng.rand(4).astype(np.float32) + 0.1
    dyb = rng.randn(*xb.shape).astype(np.float32)
    out.update(bn_x=xb, bn_scale=sc, bn_offset=of, bn_mean=pm, bn_var=pv, bn_dy=dyb)
    for training in (True, False):
        g = tf.Graph()
        with g.as_default():
            # placeholders: Grappler's constant folding breaks FusedBatchNorm on constants
            x_t, s_t, o_t, m_t, v_t = (tf.placeholder(tf.float32, a.shape)
                                       for a in (xb, sc, of, pm, pv))
            feed = {x_t: xb, s_t: sc, o_t: of, m_t: pm, v_t: pv}
            kw = {} if training else {"mean": m_t, "variance": v_t}
            y, m, v = tf.nn.fused_batch_norm(x_t, s_t, o_t, epsilon=1e-3, is_training=training,
                                             **kw)
            dx, ds, do = tf.gradients(y, [x_t, s_t, o_t], tf.constant(dyb))
            vals = run([y, m, v, dx, ds, do], feed)
        tag = "train" if training else "infer"
        for k, val in zip(["y", "mean", "var", "dx", "dscale", "doffset"], vals):
            if not training and k in ("mean", "var"):
                continue   # uninitialized memory in TF 1.14's CPU kernel when not training
            out[f"bn_{tag}_{k}"] = val

    # -- extras: LRN, max_pool_with_argmax, small composites ---------------------------------------
    xl = rng.randn(2, 3, 2, 7).astype(np.float32)
    dyl = rng.randn(*xl.shape).astype(np.float32)
    xa = (np.round(rng.randn(2, 5, 5, 3) * 2) / 2).astype(np.float32)
    g = tf.Graph()
    with g.as_default():
        xt = tf.placeholder(tf.float32, xl.shape)
        y = tf.nn.lrn(xt, depth_radius=2, bias=1.5, alpha=0.3, beta=0.75)
        dx = tf.gradients(y, xt, tf.constant(dyl))[0]
        at = tf.placeholder(tf.float32, xa.shape)
        mp, am = tf.nn.max_pool_with_argmax(at, [1, 3, 3, 1], [1, 2, 2, 1], "SAME")
        dmp = tf.gradients(mp, at, tf.constant(rng.randn(2, 3, 3, 3).astype(np.float32)))[0]
        vals = run([y, dx, mp, am, dmp], {xt: xl, at: xa})
    out.update(lrn_x=xl, lrn_dy=dyl, argmax_x=xa)
    for k, v in zip(["lrn_y", "lrn_dx", "argmax_y", "argmax_idx", "argmax_dx"], vals):
        out[k] = v

    xc = rng.randn(3, 4)
    wc = rng.randn(4, 2)
    bc = rng.randn(2)
    fw = rng.rand(3, 4)
    xz = np.array([[0.0, 1.0, 0.0], [2.0, 0.0, 3.0]])
    tg = np.array([0.0, 0.5, 1.0, 2.0, 7.0])
    li = np.array([0.3, -1.0, 2.0, 0.1, 1.5])
    xs = rng.randn(1, 6, 6, 2)
    dwf = rng.randn(3, 3, 2, 2)
    pwf = rng.randn(1, 1, 4, 3)
    af = rng.randn(3, 3, 2, 2)
    g = tf.Graph()
    with g.as_default():
        cnt, mss, vss, sh = tf.nn.sufficient_statistics(tf.constant(xc), [0], shift=tf.constant(0.5, tf.float64))
        nm, nv = tf.nn.normalize_moments(cnt, mss, vss, sh)
        wm, wv = tf.nn.weighted_moments(tf.constant(xc), [1], tf.constant(fw))
        vals = run([tf.nn.xw_plus_b(xc, wc, bc), tf.nn.relu_layer(xc, wc, bc),
                    tf.nn.zero_fraction(xz), tf.nn.crelu(xc), tf.nn.swish(xc), nm, nv, wm, wv,
                    tf.nn.log_poisson_loss(tg, li), tf.nn.log_poisson_loss(tg, li, True),
                    tf.nn.separable_conv2d(xs, dwf, pwf, [1, 1, 1, 1], "SAME"),
                    tf.nn.atrous_conv2d(xs, af, 2, "SAME")])
    out.update(ex_x=xc, ex_w=wc, ex_b=bc, ex_fw=fw, ex_xz=xz, ex_tg=tg, ex_li=li, ex_xs=xs,
               ex_dwf=dwf, ex_pwf=pwf, ex_af=af)
    for k, v in zip(["xw_plus_b", "relu_layer", "zero_fraction", "crelu", "swish", "norm_mean",
                     "norm_var", "wmean", "wvar", "poisson", "poisson_full", "separable",
                     "atrous"], vals):
        out["ex_" + k] = v

    # -- sampled losses with given sampled_values (deterministic) ----------------------------------
    sw = rng.randn(20, 4)
    sb = rng.randn(20)
    sl = np.array([[1, 7], [3, 3], [19, 0]], dtype=np.int64)
    si = rng.randn(3, 4)
    ss = np.array([7, 2, 11, 0, 5], dtype=np.int64)
    ste = rng.rand(3, 2) * 0.5 + 0.1
    sse = rng.rand(5) * 0.5 + 0.1
    g = tf.Graph()
    with g.as_default():
        sv = (tf.constant(ss), tf.constant(ste), tf.constant(sse))
        wt, bt, it, lt = tf.constant(sw), tf.constant(sb), tf.constant(si), tf.constant(sl)
        res = []
        for hits in (False, True):
            nce = tf.nn.nce_loss(wt, bt, lt, it, 5, 20, num_true=2, sampled_values=sv,
                                 remove_accidental_hits=hits)
            ssm = tf.nn.sampled_softmax_loss(wt, bt, lt, it, 5, 20, num_true=2, sampled_values=sv,
                                             remove_accidental_hits=hits)
            res += [nce, ssm] + tf.gradients(nce + ssm, [wt, bt, it])
        vals = run([tf.convert_to_tensor(r) for r in res])
    out.update(samp_w=sw, samp_b=sb, samp_labels=sl, samp_inputs=si, samp_sampled=ss,
               samp_true_exp=ste, samp_sampled_exp=sse)
    for i, hits in enumerate(("nohits", "hits")):
        for k, v in zip(["nce", "ssm", "dw", "db", "di"], vals[5 * i: 5 * i + 5]):
            out[f"samp_{hits}_{k}"] = v

    # -- 1-D pooling, conv1d_transpose, batch_norm_with_global_normalization ----------------------
    x1 = rng.randn(2, 9, 3)
    f1 = rng.randn(3, 2, 3)
    xb2 = rng.randn(4, 3)
    g = tf.Graph()
    with g.as_default():
        # TF 1.14's max_pool1d/avg_pool1d expand the wrong axis for NWC (they pool a size-1
        # dimension); the goldens are the intended 1-D pools, through 2-D pooling.
        x1h = tf.constant(x1[:, None], tf.float64)
        p1 = tf.nn.max_pool(x1h, [1, 1, 3, 1], [1, 1, 2, 1], "SAME")[:, 0]
        p2 = tf.nn.avg_pool(x1h, [1, 1, 2, 1], [1, 1, 2, 1], "VALID")[:, 0]
        p3 = tf.nn.max_pool(x1h, [1, 1, 2, 1], [1, 1, 1, 1], "SAME")[:, 0]
        ct = tf.nn.conv1d_transpose(tf.constant(x1), f1, [2, 18, 2], 2, "SAME")
        bg = tf.nn.batch_norm_with_global_normalization(
            tf.constant(xb2), tf.constant([0.1, 0.2, 0.3], tf.float64),
            tf.constant([1.0, 2.0, 0.5], tf.float64), tf.constant([0.0, 1.0, -1.0], tf.float64),
            tf.constant([2.0, 1.0, 3.0], tf.float64), 1e-3, True)
        print("names:", ct.name, bg.name)
        vals = run([p1, p2, p3, ct, bg])
    out.update(p1d_x=x1, p1d_f=f1, bg_x=xb2)
    for k, v in zip(["p1d_max", "p1d_avg", "p1d_v2", "p1d_convT", "bg_y"], vals):
        out[k] = v

    # -- RandomGammaGrad (d sample / d alpha) on fixed points ------------------------------------

    ga = np.array([0.3, 0.5, 1.0, 2.5, 7.0, 30.0, 0.8, 4.0, 0.05, 100.0])
    gs = np.array([0.01, 1.2, 0.7, 2.0, 9.0, 25.0, 1e-6, 12.0, 1e-3, 90.0])
    g = tf.Graph()
    with g.as_default():
        out["gamma_alpha"], out["gamma_sample"] = ga, gs
        out["gamma_grad"] = run(gen_random_ops.random_gamma_grad(ga, gs))

    # -- 3-D convolution and pooling (float32: TF's 3-D pools have no float64 kernel) -------------
    C3 = [("same", (2, 5, 4, 6, 2), (3, 2, 3, 2, 3), (1, 2, 1), (2, 2, 3), "SAME"),
          ("valid", (1, 6, 5, 5, 1), (2, 3, 2, 1, 2), (2, 1, 2), (3, 2, 2), "VALID")]
    for name, xs, fs, st, k, pad in C3:
        xv = (np.round(rng.randn(*xs) * 2) / 2).astype(np.float32)   # ties for the pools
        fv = rng.randn(*fs).astype(np.float32)
        g = tf.Graph()
        with g.as_default():
            x = tf.placeholder(tf.float32, xs)
            f = tf.placeholder(tf.float32, fs)
            s5, k5 = [1, *st, 1], [1, *k, 1]
            y = tf.nn.conv3d(x, f, s5, pad)
            dyv = rng.randn(*y.shape.as_list()).astype(np.float32)
            dx, df = tf.gradients(y, [x, f], tf.constant(dyv))
            mp = tf.nn.max_pool3d(x, k5, s5, pad)
            ap = tf.nn.avg_pool3d(x, k5, s5, pad)
            dpv = rng.randn(*mp.shape.as_list()).astype(np.float32)
            dmp = tf.gradients(mp, x, tf.constant(dpv))[0]
            dap = tf.gradients(ap, x, tf.constant(dpv))[0]
            ddv = rng.randn(*xs).astype(np.float32)
            dp_in = tf.placeholder(tf.float32, mp.shape)
            ddmp = tf.gradients(tf.gradients(mp, x, dp_in)[0], dp_in, tf.constant(ddv))[0]
            tv = tf.nn.conv3d_transpose(tf.constant(dyv), f, list(xs), s5, pad)
            vals = run([y, dx, df, mp, ap, dmp, dap, ddmp, tv], {x: xv, f: fv, dp_in: dpv})
        out.update({f"c3_{name}_x": xv, f"c3_{name}_f": fv, f"c3_{name}_dy": dyv,
                    f"c3_{name}_dp": dpv, f"c3_{name}_ddx": ddv})
        for kk, v in zip(["y", "dx", "df", "mp", "ap", "dmp", "dap", "ddmp", "convT"], vals):
            out[f"c3_{name}_{kk}"] = v
    return out
