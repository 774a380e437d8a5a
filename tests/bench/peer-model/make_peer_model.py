#!/usr/bin/python3
"""Writes the numpy peer's model (../shared/peers/numpy_award_sim.py, README there) as jobaward
inputs: registry.csv, cohorts.yaml, rubric.yaml, reports.csv and uncertainty.yaml in this folder.

The values come from the peer's own arrays (make_inputs(), numpy default_rng(2020)), written
with 17 significant digits so that they read back as the same doubles. Run by a maintainer when
the peer changes (needs Debian's python3-numpy); the benchmark reads the files written here.

    /usr/bin/python3 tests/bench/peer-model/make_peer_model.py /work/shared/peers

How the peer maps onto the rubric format (rubrics/README.md):
  - government g is registry code 90001 + g; cohort c is the contiguous block of the peer's
    COHORT_SIZES, selected by `workers` = g + 1 (the first cohort's governments are metropolitan
    so that the basic ones have a parent; no rule of the peer model reads the level);
  - plan/execution indicators: target_ratio of the raw value against a target of 1 with
    `below_floor: zero` (0 below the floor 0.5, the plain ratio min(x, 1) above it);
  - outcome indicators: minmax within the cohort (degenerate fraction 0.5, as the peer);
  - stage 2: a panel of 5 reviewers all scoring the government's reviewer mean, trimmed mean,
    100 points kept out of the weight renormalisation (`reweighted: false`); final =
    0.7 stage 1 + 0.3 stage 2;
  - noise: relative measurement noise sd 0.05 on the 12 raw fields, uniform domain factors
    [0.8, 1.2], reviewer noise sd 8 clipped to [0, 100]. jobaward's relative noise is
    mean-preserving, exp(0.05 z - 0.05^2 / 2): run the peer with --mean-preserving.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    sys.path.insert(0, argv[1])
    import numpy_award_sim as peer  # noqa: E402 (the peer's folder is an argument)

    inp = peer.make_inputs()
    raw = inp["raw"]  # (12, G)
    rev = inp["rev_mean"]
    sizes = [int(s) for s in inp["sizes"]]
    starts = [int(s) for s in inp["starts"]]
    g_count = inp["G"]
    fields = [f"plan{k + 1}" for k in range(4)] + [f"execution{k + 1}" for k in range(4)] + [
        f"outcome{k + 1}" for k in range(4)]
    letters = ["가", "나", "다", "라", "마", "바", "사"]
    ids = ["ga", "na", "da", "ra", "ma", "ba", "sa"]
    assert len(sizes) == len(letters)

    def code(g):
        return f"{90001 + g:05d}"

    with open(os.path.join(HERE, "registry.csv"), "w", encoding="utf-8") as out:
        out.write("code,name_ko,name_en,level,type,parent_code,population,population_year,"
                  "population_source,workers,workers_year,workers_source,workers_estimated\n")
        for g in range(g_count):
            metro = g < sizes[0]
            out.write(",".join([
                code(g), f"피어{g}", f"Peer {g}", "metropolitan" if metro else "basic",
                "province" if metro else "county", "" if metro else code(0), "1", "2020",
                "numpy peer (synthetic)", str(g + 1), "2020",
                "numpy peer: government index + 1 (selects the cohort)", "false"]) + "\n")

    with open(os.path.join(HERE, "cohorts.yaml"), "w", encoding="utf-8") as out:
        out.write("# The numpy peer's 7 cohorts: contiguous blocks of government indices "
                  f"(sizes {', '.join(map(str, sizes))}),\n# selected by workers = index + 1. "
                  "Written by make_peer_model.py.\nyear: 2020\nmatch: exactly_one\n\n"
                  "cohorts:\n")
        for c in range(len(sizes)):
            out.write(f"  - letter: {letters[c]}\n    id: {ids[c]}\n"
                      f"    name_en: Peer cohort {c}\n"
                      f"    description: Peer governments {starts[c]} to {starts[c + 1] - 1}.\n"
                      f"    rule: workers >= {starts[c] + 1} and workers <= {starts[c + 1]}\n")

    with open(os.path.join(HERE, "reports.csv"), "w", encoding="utf-8") as out:
        out.write("government,year,synthetic,provenance," + ",".join(fields) + ",target,interview\n")
        for g in range(g_count):
            values = [repr(float(raw[k][g])) for k in range(12)]
            score = repr(float(rev[g]))
            out.write(",".join([code(g), "2020", "true", "numpy peer make_inputs() seed 2020"] +
                               values + ["1", ";".join([score] * peer.N_REV)]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
