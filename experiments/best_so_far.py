"""Best speedup over the seed within the first k fresh evaluations of a run.

    python3 best_so_far.py ARCHIVE BEST_JSON ROW_PREFIX WALL_SECONDS K...

Reads the run's archive (evaluations in the order they were first committed) and the
best-variant file (for the seed's time), prints one CSV row per milestone k:
ROW_PREFIX,k,best_speedup,seed_ms,best_ms,wall_s. Only the standard library is
used, so any python3 runs it.
"""
import json
import sqlite3
import sys


def bench_times(archive):
    rows = sqlite3.connect(archive).execute(
        "SELECT status, timings_json FROM evaluations ORDER BY rowid").fetchall()
    return [json.loads(t)[0]["median_seconds"] if s == "ok" and json.loads(t) else None for s, t in rows]


def main():
    archive, best_file, prefix, wall = sys.argv[1:5]
    milestones = [int(k) for k in sys.argv[5:]]
    seed_seconds = json.load(open(best_file))["seed_seconds"]
    times = bench_times(archive)
    for k in milestones:
        ok = [t for t in times[:k] if t]
        if len(times) < k:
            print(f"{archive}: only {len(times)} evaluations, fewer than {k}", file=sys.stderr)
            continue
        best = min(ok)
        print(f"{prefix},{k},{seed_seconds / best:.3f},{seed_seconds * 1e3:.3f},{best * 1e3:.3f},{float(wall):.1f}")


if __name__ == "__main__":
    main()
