"""Plots and report.md for a `kevo experiment` run.

    /usr/bin/python3 experiments/report/experiment_report.py RUN_DIR

Reads RUN_DIR/results.csv (one row per arm x task x seed x evaluation
milestone) and RUN_DIR/experiment.json (what was run, where, when), writes
RUN_DIR/plots/{best_so_far,final_speedup}.{png,svg} and RUN_DIR/report.md.
If RUN_DIR/peers/ holds a peer tool's results (peer_results.csv), they are
shown side by side. Needs matplotlib and scipy (Debian: python3-matplotlib,
python3-scipy).
"""
import csv
import json
import math
import os
import re
import sys
from collections import defaultdict

import experiment_stats as stats

FAST_P = (1.0, 1.5, 2.0)


def load_rows(run_dir):
    with open(os.path.join(run_dir, "results.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        for key in ("evaluations", "evaluations_run", "proposed", "correct", "pass", "seed"):
            r[key] = int(r[key])
        for key in ("best_speedup", "seed_ms", "best_ms", "best_seed_ms", "gain_over_seeds", "search_seconds"):
            r[key] = float(r[key])
        for key in ("roofline_fraction", "evaluations_to_target", "seconds_to_target"):
            r[key] = float(r[key]) if r[key] != "" else None
    return rows


class Results:
    """The CSV rows indexed the ways the report reads them."""

    def __init__(self, rows, meta):
        self.meta = meta
        self.arms = [a["name"] for a in meta["arms"]]
        self.tasks = list(meta["tasks"])
        self.final_k = max(r["evaluations"] for r in rows)
        self.curves = defaultdict(lambda: defaultdict(dict))  # (arm, task) -> seed -> k -> speedup
        self.gains = defaultdict(lambda: defaultdict(dict))   # (arm, task) -> seed -> k -> gain over the best seed
        self.final = defaultdict(dict)                        # (arm, task) -> seed -> final row
        self.passes = defaultdict(dict)                       # (arm, task, seed) -> k -> 0/1
        for r in rows:
            self.passes[(r["arm"], r["task"], r["seed"])][r["evaluations"]] = r["pass"]
            self.curves[(r["arm"], r["task"])][r["seed"]][r["evaluations"]] = r["best_speedup"]
            self.gains[(r["arm"], r["task"])][r["seed"]][r["evaluations"]] = r["gain_over_seeds"]
            if r["evaluations"] == self.final_k:
                self.final[(r["arm"], r["task"])][r["seed"]] = r
        self.arms = [a for a in self.arms if any((a, t) in self.final for t in self.tasks)]
        self.tasks = [t for t in self.tasks if any((a, t) in self.final for a in self.arms)]

    def finals(self, arm, task):
        return [self.final[(arm, task)][s] for s in sorted(self.final[(arm, task)])]

    def best_known(self, task):
        """The best final speedup any arm and seed found for the task."""
        return max(r["best_speedup"] for arm in self.arms for r in self.finals(arm, task))

    def evaluations_to(self, arm, task, seed, speedup):
        curve = self.curves[(arm, task)][seed]
        return next((k for k in sorted(curve) if curve[k] >= speedup), None)

    def seeds(self):
        return sorted({s for cell in self.final.values() for s in cell})


def fmt_ci(values, interval, unit="x", digits=2):
    if not values:
        return "-"
    mean, low, high = interval(values)
    if low is None:
        return f"{mean:.{digits}f}{unit}"
    return f"{mean:.{digits}f}{unit} [{low:.{digits}f}, {high:.{digits}f}]"


def to_target_cell(finals):
    reached = [r for r in finals if r["evaluations_to_target"] is not None]
    if not reached:
        return f"not reached (0/{len(finals)})"
    evaluations = stats.median([r["evaluations_to_target"] for r in reached])
    seconds = stats.median([r["seconds_to_target"] for r in reached])
    return f"{evaluations:.0f}, {seconds:.1f} s ({len(reached)}/{len(finals)} reached)"


def near_best_cell(res, arm, task):
    """Evaluations until the run was within 5% of the best speedup any run found for the task."""
    goal = 0.95 * res.best_known(task)
    ks = [res.evaluations_to(arm, task, r["seed"], goal) for r in res.finals(arm, task)]
    reached = [k for k in ks if k is not None]
    if not reached:
        return f"not reached (0/{len(ks)})"
    return f"{stats.median(reached):.0f} ({len(reached)}/{len(ks)})"


def roofline_cell(finals):
    values = [r["roofline_fraction"] for r in finals if r["roofline_fraction"] is not None]
    return f"{100 * sum(values) / len(values):.1f}%" if values else "-"


def headline_table(res):
    target = res.meta["target_speedup"]
    lines = [f"| arm | task | speedup after {res.final_k} evaluations (geometric mean [95% CI]) | gain over the best seed | "
             f"evaluations, seconds to {target:g}x (median) | evaluations to 95% of the best found | fraction of roofline (best) |",
             "|---|---|---|---|---|---|---|"]
    for arm in res.arms:
        for task in res.tasks:
            finals = res.finals(arm, task)
            if not finals:
                continue
            lines.append(f"| {arm} | {task} | {fmt_ci([r['best_speedup'] for r in finals], stats.geo_mean_ci)} | "
                         f"{fmt_ci([r['gain_over_seeds'] for r in finals], stats.geo_mean_ci)} | "
                         f"{to_target_cell(finals)} | {near_best_cell(res, arm, task)} | {roofline_cell(finals)} |")
    return "\n".join(lines)


def fast_p_per_seed(res, arm, p):
    """Share of tasks whose best correct variant beats p x the seed, one value per seed."""
    shares = []
    for seed in res.seeds():
        runs = [res.final[(arm, t)][seed] for t in res.tasks if seed in res.final[(arm, t)]]
        if runs:
            shares.append(sum(r["best_speedup"] > p for r in runs) / len(runs))
    return shares


def pass_at(res, arm, k):
    """Share of runs (tasks x seeds) with a correct proposed variant within k evaluations."""
    runs = [(task, seed) for task in res.tasks for seed in res.final[(arm, task)]]
    if not runs:
        return float("nan")
    return sum(res.passes[(arm, task, seed)].get(k, 0) for task, seed in runs) / len(runs)


def metrics_table(res, ks):
    header = ("| arm | method | islands | migration | strategy choice | correct proposals | "
              + " | ".join(f"pass@{k}" for k in ks) + " | " + " | ".join(f"fast_{p:g}" for p in FAST_P)
              + " | search time s (mean) |")
    lines = [header, "|" + "---|" * (7 + len(ks) + len(FAST_P))]
    traits = {a["name"]: a for a in res.meta["arms"]}
    for arm in res.arms:
        t = traits[arm]
        finals = [r for task in res.tasks for r in res.finals(arm, task)]
        proposed = sum(r["proposed"] for r in finals)
        correct = sum(r["correct"] for r in finals)
        rate = f"{100 * correct / proposed:.0f}% of {proposed}" if proposed else "-"
        passes = " | ".join(f"{pass_at(res, arm, k):.2f}" for k in ks)
        fast = " | ".join(fmt_ci(fast_p_per_seed(res, arm, p), lambda v: stats.clipped_mean_ci(v, 0, 1), unit="")
                         for p in FAST_P)
        wall = sum(r["search_seconds"] for r in finals) / len(finals)
        lines.append(f"| {arm} | {t['method']} | {t['islands']} | {'on' if t['migration'] else 'off'} | "
                     f"{t['strategy_choice']} | {rate} | {passes} | {fast} | {wall:.1f} |")
    return "\n".join(lines)


def significance_section(res):
    base = res.meta["baseline_arm"]
    tests = []  # (label, ratio, p, n)
    for arm in res.arms:
        if arm == base:
            continue
        pairs = []
        for task in res.tasks:
            a = {r["seed"]: r["best_speedup"] for r in res.finals(arm, task)}
            b = {r["seed"]: r["best_speedup"] for r in res.finals(base, task)}
            task_pairs = [(a[s], b[s]) for s in sorted(a.keys() & b.keys())]
            pairs += task_pairs
            if len(task_pairs) >= 2:
                ratio, p = stats.welch_log_ratio([x for x, _ in task_pairs], [y for _, y in task_pairs])
                tests.append((f"{arm} vs {base}, {task} (Welch t on log speedup)", ratio, p, len(task_pairs)))
        if len(pairs) >= 2:
            ratio, p = stats.paired_log_ratio(pairs)
            tests.append((f"{arm} vs {base}, all tasks (Wilcoxon signed-rank, paired by task and seed)", ratio, p,
                          len(pairs)))
    if not tests:
        return "Too few seeds for a test (each comparison needs at least two seeds)."
    adjusted = stats.holm([p for _, _, p, _ in tests])
    lines = ["| comparison | geometric mean ratio | n | p | Holm-adjusted p | at 5% |", "|---|---|---|---|---|---|"]
    for (label, ratio, p, n), q in zip(tests, adjusted):
        verdict = "**significant**" if q < 0.05 else "not significant"
        lines.append(f"| {label} | {ratio:.3f}x | {n} | {p:.3g} | {q:.3g} | {verdict} |")
    return "\n".join(lines)


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def peer_search_table(rows):
    """One row per peer strategy: what its searches found and at what rate."""
    by_strategy = defaultdict(list)
    for r in rows:
        by_strategy[r["strategy"]].append(r)
    lines = ["| tool | strategy | runs | configurations evaluated (mean) | failed | evaluations/s (mean) | "
             "best ms per seed | best over the seed point (geometric mean) | correctness checked |",
             "|---|---|---|---|---|---|---|---|---|"]
    for strategy, runs in by_strategy.items():
        ok = [r for r in runs if r["best_ms"]]
        lines.append(
            f"| {runs[0]['tool']} | {strategy} | {len(runs)} | "
            f"{sum(float(r['evaluated']) for r in runs) / len(runs):.1f} | {sum(int(r['failed'] or 0) for r in runs)} | "
            f"{sum(float(r['evals_per_s']) for r in runs) / len(runs):.2f} | "
            f"{', '.join('%.3f' % float(r['best_ms']) for r in ok)} | "
            f"{stats.geo_mean_ci([float(r['speedup_over_seed_point']) for r in ok])[0]:.3f}x | "
            f"{', '.join(sorted({r['correctness_checked'] for r in runs}))} |")
    return "\n".join(lines)


def kevo_search_rates(res, task):
    """kevo's evaluations per second after its seeds, per arm, on the peer's task."""
    rates = {}
    for arm in res.arms:
        finals = res.finals(arm, task)
        spans = [(r["evaluations_run"] - 2, r["search_seconds"]) for r in finals if r["search_seconds"] > 0]
        if spans:
            rates[arm] = sum(n for n, _ in spans) / sum(t for _, t in spans)
    return rates


def one_timer_table(rows, res, task):
    """Every best point timed by the peer's timer in one process: kevo's per arm, the peer's per strategy."""
    groups = defaultdict(list)  # (origin, name) -> (time, speedup, check)
    for r in rows:
        if not r["kt_time_ms"]:
            continue
        if r["origin"] == "kevo":
            if r["process"] != rows[0]["process"]:
                continue  # kevo's points were timed in every process: show the first's
            match = re.search(r"cells/([^/]+)/", r["label"])
            name = ("kevo", match.group(1) if match else r["label"])
        elif r["origin"] == "kernel_tuner":
            name = ("Kernel Tuner", r["label"].split(":")[1])
        else:
            continue
        groups[name].append((float(r["kt_time_ms"]), float(r["speedup_over_seed_point"]), r["check_sizes"]))
    rates = kevo_search_rates(res, task)
    lines = ["| tool | arm or strategy | best ms per seed (Kernel Tuner's timer) | over the seed point (geometric mean) "
             "| passes kevo's check sizes | kevo evaluations/s after the seeds |", "|---|---|---|---|---|---|"]
    for (tool, name), points in groups.items():
        rate = f"{rates[name]:.2f}" if tool == "kevo" and name in rates else ""
        checks = "yes" if all(c == "pass" for _, _, c in points) else "NO"
        lines.append(f"| {tool} | {name} | {', '.join('%.3f' % t for t, _, _ in points)} | "
                     f"{stats.geo_mean_ci([s for _, s, _ in points])[0]:.3f}x | {checks} | {rate} |")
    return "\n".join(lines)


def peers_section(run_dir, res):
    path = os.path.join(run_dir, "peers", "peer_results.csv")
    if not os.path.exists(path):
        return None
    out = [peer_search_table(read_csv(path))]
    cross = os.path.join(run_dir, "peers", "peer_cross_timing.csv")
    if os.path.exists(cross):
        out += ["", "Each best point timed again by the peer's timer, round-robin in one process per strategy "
                "(kevo's points in the first), and run at kevo's check sizes:", "",
                one_timer_table(read_csv(cross), res, "sgemm")]
    notes = os.path.join(run_dir, "peers", "NOTES.md")
    if os.path.exists(notes):
        out += ["", open(notes).read().strip()]
    return "\n".join(out)


def save(fig, out_base):
    fig.savefig(f"{out_base}.png", dpi=120)
    fig.savefig(f"{out_base}.svg", metadata={"Date": None})


def plot_best_so_far(res, plt, out_base, curves=None, ylabel="best speedup over seed", title=None):
    curves = res.curves if curves is None else curves
    cols = min(3, len(res.tasks))
    rows = math.ceil(len(res.tasks) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 3.6 * rows), squeeze=False)
    for ax, task in zip(axes.flat, res.tasks):
        for arm in res.arms:
            per_seed = curves[(arm, task)]
            if not per_seed:
                continue
            ks = sorted(next(iter(per_seed.values())).keys())
            means, lows, highs = [], [], []
            for k in ks:
                values = [curve[k] for curve in per_seed.values() if k in curve]
                means.append(stats.geo_mean_ci(values)[0])
                lows.append(min(values))
                highs.append(max(values))
            line, = ax.plot(ks, means, label=arm)
            ax.fill_between(ks, lows, highs, color=line.get_color(), alpha=0.2, linewidth=0)
        ax.set_title(task)
        ax.set_xlabel("evaluations")
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(res.tasks):]:
        ax.set_visible(False)
    axes.flat[0].legend(fontsize=8)
    fig.suptitle(title or "best so far: geometric mean over seeds; band: lowest to highest seed")
    fig.tight_layout()
    save(fig, out_base)
    plt.close(fig)


def plot_final_speedups(res, plt, out_base):
    cols = min(3, len(res.tasks))
    rows = math.ceil(len(res.tasks) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(max(4.5, 0.7 * len(res.arms)) * cols, 4 * rows), squeeze=False)
    for ax, task in zip(axes.flat, res.tasks):
        data = [[r["best_speedup"] for r in res.finals(arm, task)] for arm in res.arms]
        ax.boxplot(data)
        ax.set_xticks(range(1, len(res.arms) + 1), res.arms, rotation=30, ha="right", fontsize=8)
        for i, values in enumerate(data, start=1):
            ax.scatter([i] * len(values), values, s=12, color="black", zorder=3)
        ax.set_title(f"{task}: after {res.final_k} evaluations")
        ax.set_ylabel("best speedup over seed")
        ax.grid(axis="y", alpha=0.3)
    for ax in list(axes.flat)[len(res.tasks):]:
        ax.set_visible(False)
    fig.tight_layout()
    save(fig, out_base)
    plt.close(fig)


def pass_milestones(res):
    return sorted({max(1, res.final_k // 4), max(1, res.final_k // 2), res.final_k})


def write_report(run_dir, res):
    meta = res.meta
    ks = pass_milestones(res)
    missing = meta.get("missing", [])
    parts = [
        f"# Experiment {meta['name']}",
        "",
        f"- command: `{meta['command']}` ({meta['file']})",
        f"- written: {meta['written']}; device(s): {', '.join(meta['devices'])}",
        f"- grid: {len(res.arms)} arms x {len(res.tasks)} tasks x {len(res.seeds())} seeds, "
        f"{meta['evaluation_budget']} evaluations per run (every arm the same budget)",
        f"- speedup: best correct variant over the run's first seed, both measured in the same run; "
        f"the seeds count as the first evaluations, so speedup@k starts at 1; a task with several seed families "
        f"jumps when the faster family is measured. Gain over the best seed: the fastest seed's time over the "
        f"best time, what the search itself added",
        f"- seconds count from the seeds' commit (the search's own time); evaluations count the seeds",
        f"- runs not finished: {', '.join(missing) if missing else 'none'}",
        "",
        "## Headline",
        "",
        headline_table(res),
        "",
        "![best so far](plots/best_so_far.png)",
        "",
        "![gain over the seeds](plots/gain_over_seeds.png)",
        "",
        "![final speedups](plots/final_speedup.png)",
        "",
        "## Metrics per arm",
        "",
        "Correct proposals: share of the variants the search proposed (seeds excluded) that compiled, ran and "
        "matched the reference. pass@k: share of runs with a correct proposal within k evaluations. fast_p: share "
        "of tasks whose best correct variant is faster than p x the seed (mean [95% CI] over seeds).",
        "",
        metrics_table(res, ks),
        "",
        f"## Differences against {meta['baseline_arm']}",
        "",
        "Tests on the log of the final speedup; a ratio above 1 favours the first arm. p-values are two-sided, "
        "Holm-adjusted over every row of this table.",
        "",
        significance_section(res),
    ]
    peers = peers_section(run_dir, res)
    if peers:
        parts += ["", "## Peer tool on the same knob space", "", peers]
    with open(os.path.join(run_dir, "report.md"), "w") as f:
        f.write("\n".join(parts) + "\n")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    run_dir = sys.argv[1]
    try:
        import matplotlib
        matplotlib.use("Agg")
        matplotlib.rcParams["svg.hashsalt"] = "kevo"  # stable ids: a redrawn report diffs only where data changed
        import matplotlib.pyplot as plt
    except ImportError as error:
        sys.exit(f"{sys.executable}: {error}; install python3-matplotlib (scripts/install-deps.sh)")
    rows = load_rows(run_dir)
    if not rows:
        sys.exit(f"{run_dir}/results.csv has no rows: no run of the experiment has finished yet")
    with open(os.path.join(run_dir, "experiment.json")) as f:
        meta = json.load(f)
    res = Results(rows, meta)
    os.makedirs(os.path.join(run_dir, "plots"), exist_ok=True)
    plot_best_so_far(res, plt, os.path.join(run_dir, "plots", "best_so_far"))
    plot_best_so_far(res, plt, os.path.join(run_dir, "plots", "gain_over_seeds"), res.gains,
                     "best time of the seeds / best time",
                     "what the search added over the fastest seed: geometric mean over seeds; band: lowest to highest")
    plot_final_speedups(res, plt, os.path.join(run_dir, "plots", "final_speedup"))
    write_report(run_dir, res)
    print(f"plots: {run_dir}/plots/best_so_far.png, gain_over_seeds.png, final_speedup.png (and .svg)")


if __name__ == "__main__":
    main()
