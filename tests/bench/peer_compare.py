#!/usr/bin/python3
"""Side-by-side benchmark of jobaward against the numpy peer on the peer's own model.

Runs, in turn and `--repeats` times, the numpy peer (../shared/peers/numpy_award_sim.py with
--mean-preserving: jobaward's relative noise is mean-preserving, tests/bench/peer-model/README.md)
and `simulate_bench` on tests/bench/peer-model/ with 2 and 1 threads, so that all three see the
same machine load. Prints each run's draws/s (both programs time their simulation loop only),
the medians, the speed ratios, and the agreement of the last runs: for every government the
award probabilities (grand, excellence, encouragement, any) and the mean rank, z = difference /
sqrt(se_jobaward^2 + se_peer^2), over the values that are not 0 or 1 on both sides; max |z| and
mean z^2 (about 1 when the two compute the same model).

    /usr/bin/python3 tests/bench/peer_compare.py --bench build-bench/tests/bench/simulate_bench \\
        --peer /work/shared/peers [--draws 100000] [--repeats 3] [--no-noise]

Needs Debian's python3-numpy (the peer). Not run by CI (tests/bench/run.sh runs it).
"""
import argparse
import csv
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "peer-model")
PLACES = ["grand", "excellence", "encouragement"]


def run_peer(args, out):
    cmd = [sys.executable, os.path.join(args.peer, "numpy_award_sim.py"), "--draws",
           str(args.draws), "--seed", str(args.seed), "--mean-preserving", "--rank-se", "--out",
           out]
    if args.no_noise:
        cmd.append("--no-noise")
    line = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()
    return json.loads(line.splitlines()[-1])["draws_per_s"]


def run_jobaward(args, threads, out):
    cmd = [args.bench, "--draws", str(args.draws), "--threads", str(threads), "--seed",
           str(args.seed), "--registry", os.path.join(MODEL, "registry.csv"), "--rules",
           os.path.join(MODEL, "cohorts.yaml"), "--rubric", os.path.join(MODEL, "rubric.yaml"),
           "--reports", os.path.join(MODEL, "reports.csv"), "--uncertainty",
           os.path.join(MODEL, "zero-noise.yaml" if args.no_noise else "uncertainty.yaml"),
           "--csv", out]
    text = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    fields = dict(f.split("=", 1) for f in text.split() if "=" in f)
    return float(fields["draws/s"])


def agreement(jobaward_csv, peer_csv, draws):
    with open(peer_csv, encoding="utf-8") as f:
        peer = {int(r["gov"]): r for r in csv.DictReader(f)}
    with open(jobaward_csv, encoding="utf-8") as f:
        ours = {int(r["code"]) - 90001: r for r in csv.DictReader(f)}
    assert sorted(peer) == sorted(ours), "the two programs list different governments"
    zs = []
    exact = 0
    for g, p in peer.items():
        o = ours[g]
        pairs = [(float(o["p_" + k]), float(p["p_" + k])) for k in PLACES]
        pairs.append((float(o["p_any"]), float(p["p_any_award"])))
        for a, b in pairs:
            if a == b and a in (0.0, 1.0):
                exact += 1
                continue
            se2 = (a * (1 - a) + b * (1 - b)) / draws
            zs.append((a - b) / math.sqrt(se2) if se2 > 0 else math.inf)
        a, b = float(o["mean_rank"]), float(p["mean_final_rank"])
        se2 = float(o["mean_rank_se"]) ** 2 + float(p["mean_final_rank_se"]) ** 2
        if se2 == 0:
            exact += a == b
            if a != b:
                zs.append(math.inf)
        else:
            zs.append((a - b) / math.sqrt(se2))
    return zs, exact


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", required=True, help="the simulate_bench program")
    ap.add_argument("--peer", required=True, help="folder of numpy_award_sim.py")
    ap.add_argument("--draws", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-noise", action="store_true",
                    help="both without noise: every value must agree exactly")
    args = ap.parse_args()
    rates = {"peer": [], "jobaward 2 threads": [], "jobaward 1 thread": []}
    with tempfile.TemporaryDirectory() as tmp:
        peer_csv = os.path.join(tmp, "peer.csv")
        ours_csv = os.path.join(tmp, "jobaward.csv")
        for r in range(args.repeats):
            rates["peer"].append(run_peer(args, peer_csv))
            rates["jobaward 2 threads"].append(run_jobaward(args, 2, ours_csv))
            rates["jobaward 1 thread"].append(run_jobaward(args, 1, ours_csv))
            print(f"run {r + 1}: " + ", ".join(f"{k} {v[-1]:,.0f}" for k, v in rates.items()) +
                  " draws/s", flush=True)
        zs, exact = agreement(ours_csv, peer_csv, args.draws)
    med = {k: statistics.median(v) for k, v in rates.items()}
    print("median draws/s: " + ", ".join(f"{k} {v:,.0f}" for k, v in med.items()))
    print(f"ratio vs peer: 2 threads {med['jobaward 2 threads'] / med['peer']:.2f}x, "
          f"1 thread {med['jobaward 1 thread'] / med['peer']:.2f}x; "
          f"2 threads / 1 thread {med['jobaward 2 threads'] / med['jobaward 1 thread']:.2f}x")
    finite = [z for z in zs if math.isfinite(z)]
    worst = max((abs(z) for z in zs), default=0.0)
    mean_z2 = sum(z * z for z in finite) / len(finite) if finite else 0.0
    print(f"agreement at {args.draws} draws: {len(zs)} compared values (probabilities not 0 or 1 "
          f"on both sides, mean ranks), {exact} equal 0/1 or exact; max |z| {worst:.2f}, "
          f"mean z^2 {mean_z2:.2f}")
    if args.no_noise and zs and worst > 0:
        print("FAIL: without noise every value must agree exactly")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
