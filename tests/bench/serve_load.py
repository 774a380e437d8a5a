#!/usr/bin/env python3
"""Load on `jobaward serve` over loopback (issue 16): CLIENTS concurrent clients, each sending
REQUESTS award recomputations (POST /api/award) with overrides no other request uses (so every
request is a real recomputation, never a cache hit), each on its own keep-alive connection.

First one client alone, 40 recomputations in turn: the server time (the answer's server_ms) of one
control change, what the p99 < 50 ms target is about. Then the load: the errors (must be 0), the
server time with and without the wait for a computation slot (queue_ms), and the latency the
clients saw, as p50 / p99 / max. Last the first probability estimate (POST /api/simulate, 1,024
draws, paired with the baseline) as the page asks for it. Bounded:
CLIENTS x REQUESTS requests, a 30 s timeout per request. Run by tests/bench/run.sh (section
"serve"); figures go into tests/bench/RESULTS.md by hand.

usage: serve_load.py JOBAWARD_CLI [--clients 50] [--requests 4]
"""
import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import threading
import time


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(name, values):
    print(f"  {name}: p50 {percentile(values, 50):.1f} ms, p99 {percentile(values, 99):.1f} ms, "
          f"max {max(values):.1f} ms, mean {statistics.mean(values):.1f} ms (n={len(values)})")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=4)
    args = parser.parse_args()

    server = subprocess.Popen([args.cli, "serve", "--port", "0"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        print("serve printed no URL:", line, server.stderr.read(), file=sys.stderr)
        return 1
    port = int(match.group(1))
    server_ms, work_ms, client_ms, errors = [], [], [], []
    lock = threading.Lock()

    def client(i):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for k in range(args.requests):
            # A distinct scenario per request: the stage-2 weight 1.000 + a small step.
            weight = 1 + (i * args.requests + k + 1) / 1000
            body = json.dumps({"overrides": {"2020-disclosure.stages.stage2_weight": weight}})
            start = time.perf_counter()
            try:
                connection.request("POST", "/api/award", body,
                                   {"Content-Type": "application/json"})
                response = connection.getresponse()
                data = response.read()
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    if response.status != 200:
                        errors.append(f"{response.status}: {data[:200]!r}")
                    else:
                        answer = json.loads(data)
                        server_ms.append(answer["server_ms"])
                        work_ms.append(answer["server_ms"] - answer["queue_ms"])
                        client_ms.append(elapsed)
            except OSError as e:
                with lock:
                    errors.append(str(e))
        connection.close()

    try:
        # One client alone: the page's case, one control change at a time (the target).
        alone = []
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for k in range(40):
            body = json.dumps({"overrides": {"2020-disclosure.stages.stage2_weight": 2 + k / 100}})
            connection.request("POST", "/api/award", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            data = response.read()
            if response.status != 200:
                errors.append(f"{response.status}: {data[:200]!r}")
            else:
                alone.append(json.loads(data)["server_ms"])
        connection.close()
        print("== serve: one client, 40 award recomputations in turn")
        summary("server time of a recomputation", alone)
        began = time.perf_counter()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - began
        print(f"== serve: {args.clients} clients x {args.requests} award recomputations, "
              f"{wall:.1f} s wall, {len(client_ms) / wall:.0f} requests/s")
        print(f"  errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
        if server_ms:
            summary("server time, waiting for a slot included", server_ms)
            summary("server time without the wait (the recomputation and its answer)", work_ms)
            summary("latency seen by the clients", client_ms)
        # The page's first probability estimate, alone on the server: 3 runs, the median.
        firsts = []
        for seed in (1, 2, 3):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            body = json.dumps({"draws": 1024, "seed": seed,
                               "overrides": {"2020-disclosure.stages.stage2_weight": 2}})
            connection.request("POST", "/api/simulate", body, {"Content-Type": "application/json"})
            answer = json.loads(connection.getresponse().read())
            firsts.append(answer["server_ms"])
            connection.close()
        print(f"  first probability estimate (1,024 draws, with the paired baseline run): "
              f"median {statistics.median(firsts):.0f} ms of {[round(f) for f in firsts]}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
