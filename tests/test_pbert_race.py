"""BERT optimization.py's unordered global-step increment against TF 1.14
(tests/golden/races/gen_pbert_race.py). TF's executor runs the increment before the
learning rate's reads (the inline-last-consumer rule of its ready queue), and so does
flowgrad (runtime/races.py _inline_first; the global step's pairs are ordered, not
reported)."""

import flowgrad as tf

import goldens

GOLD = goldens.load("races", "pbert_race")
gen = goldens.generator("races", "pbert_race")


def test_tf_answers_the_ref_case_stably():
    assert sorted(GOLD) == ["ref_global_step"]


def test_bert_warmup_rate_as_tf():
    got = gen.run_case(tf, resource=False)
    goldens.same_close(got, GOLD["ref_global_step"], "ref_global_step", rtol=0, atol=0)
