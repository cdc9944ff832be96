#!/usr/bin/env python3
"""Peer arm: Kernel Tuner searching the knob space of kevo's sgemm task (the `tiled` seed family).

    python3 experiments/peers/kernel_tuner_sgemm.py --budget 30 --seeds 1 2 3 \
        --strategies random_sample genetic_algorithm simulated_annealing bayes_opt \
        --out DIR [--kevo-best runs/X/best/sgemm.json ...] [--size 4096]

    python3 experiments/peers/kernel_tuner_sgemm.py --dry-run        # no GPU needed
    python3 experiments/peers/kernel_tuner_sgemm.py --make-synthetic-cache C.json
    python3 experiments/peers/kernel_tuner_sgemm.py --simulate C.json --out DIR ...  # no GPU needed

The knob space, constraints, tolerance, check sizes and launch plan come from
configs/tasks/gpu/sgemm/task.yaml and the kernel from seed_tiled.cu (its knobs are
`#ifndef`-guarded macros, so Kernel Tuner's injected `#define`s set them). For every
strategy x seed it runs one `kernel_tuner.tune_kernel` (lang="cupy",
strategy_options={"max_fevals": budget}) and writes, under DIR:

  peer_results.csv       one row per strategy x seed
  peer_cross_timing.csv  the seed point, every Kernel Tuner best and every kevo best
                         (--kevo-best), re-timed with Kernel Tuner's timer in this process
  kt_cache/*.json        Kernel Tuner's own record of every configuration a run evaluated
  env.json               versions, device and arguments

Kernel Tuner and its missing dependencies travel as wheels in .whl (experiments/peers/WHEELS.txt):
    python3 -m pip install --no-index --no-deps .whl/kernel_tuner-*.whl
    python3 -m pip install --no-index --find-links .whl python-constraint2 xmltodict jsonschema
(kernel_tuner without its pymoo requirement, needed only by the nsga2/nsga3 strategies).
Needs numpy, scipy, scikit-learn, pandas, packaging, pyyaml, and cupy for GPU runs.
"""
import argparse
import contextlib
import csv
import hashlib
import inspect
import itertools
import json
import math
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

try:
    import numpy as np
except ImportError:
    sys.exit("error: numpy is needed (and scipy, scikit-learn, pandas, packaging, pyyaml; cupy on the GPU)")

REPO = Path(__file__).resolve().parents[2]
TASK_DIR = REPO / "configs" / "tasks" / "gpu" / "sgemm"
FAMILY = "tiled"
KERNEL = "sgemm"
BLOCK = "block_size_x"  # Kernel Tuner reads the thread-block size from a tunable parameter of this name
COMPILER_OPTIONS = ["--std=c++17"]  # kevo's NVRTC options; CuPy adds the architecture itself
INPUT_SEED = 20261126  # the input matrices are the same for every run and every strategy

WHEELS_HINT = ("kernel_tuner not importable: install the wheels in .whl (experiments/peers/WHEELS.txt):\n"
               "  python3 -m pip install --no-index --no-deps .whl/kernel_tuner-*.whl\n"
               "  python3 -m pip install --no-index --find-links .whl python-constraint2 xmltodict jsonschema")


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------------------------------------
# kevo's expression language (fitness/expr/expression.hpp): int64 arithmetic with C semantics,
# so `/` is integer division; && || ! and cdiv/min/max/... functions.

KEVO_FUNCTIONS = {
    "cdiv": lambda a, b: -(-a // b),
    "min": min,
    "max": max,
    "round_up": lambda a, b: -(-a // b) * b,
    "log2": lambda a: a.bit_length() - 1,
    "is_pow2": lambda a: int(a > 0 and a & (a - 1) == 0),
    "abs": abs,
}


def kevo_to_python(expr):
    """Rewrites a kevo expression as Python with the same meaning on non-negative integers."""
    text = str(expr)
    if "?" in text:
        raise ValueError(f"'{text}': the ?: operator is not supported here")
    text = re.sub(r"(?<![/])/(?![/])", "//", text)
    text = text.replace("&&", " and ").replace("||", " or ")
    if re.search(r"!(?!=)", text):
        # C's unary ! binds tighter than ==, Python's `not` looser: not translated
        raise ValueError(f"'{text}': unary ! is not supported here")
    return text


def kevo_eval(expr, names):
    value = eval(kevo_to_python(expr), {"__builtins__": {}}, {**KEVO_FUNCTIONS, **names})
    return int(value)


def same_expr(a, b):
    return re.sub(r"\s+", "", str(a)) == re.sub(r"\s+", "", str(b))


# ---------------------------------------------------------------------------------------------
# The task: knobs, constraints, tolerance and launch plan of the tiled family, from task.yaml.

class Family:
    def __init__(self):
        try:
            import yaml
        except ImportError:
            fail("pyyaml is needed to read task.yaml (pip install pyyaml)")
        task = yaml.safe_load((TASK_DIR / "task.yaml").read_text())
        seeds = {s["name"]: s for s in task["seeds"]}
        if FAMILY not in seeds:
            fail(f"task.yaml has no seed family '{FAMILY}'")
        seed = seeds[FAMILY]
        self.knobs = {}  # name -> domain, in task.yaml order (Kernel Tuner's parameter order)
        self.seed_point = {}
        for knob in seed["knobs"]:
            if "values" in knob:
                domain = [int(v) for v in knob["values"]]
            else:
                r = knob["range"]
                if r.get("pow2"):
                    domain = [1 << i for i in range(64) if r["min"] <= 1 << i <= r["max"]]
                else:
                    domain = list(range(r["min"], r["max"] + 1, r.get("step", 1)))
            self.knobs[knob["name"]] = domain
            self.seed_point[knob["name"]] = int(knob.get("seed", domain[0]))
        self.constraints = list(seed.get("constraints", []))
        # float(): YAML 1.1 reads "1e-3" (no dot) as a string
        self.tolerance = {k: float(v) for k, v in
                          {"abs": 0.0, "rel": 0.0, "norm_rel": 1e-5, **task.get("tolerance", {})}.items()}
        self.check_sizes = task["sizes"].get("check", [])
        steps = seed["launch"]["steps"]
        if len(steps) != 1:
            fail(f"the {FAMILY} launch plan has {len(steps)} steps; this script drives one kernel")
        self.launch = steps[0]
        self.source_file = TASK_DIR / seed["file"]
        self.source = self.source_file.read_text()
        self._valid = None
        self.check_launch_plan()

    def check_launch_plan(self):
        """Kernel Tuner gets the grid as problem_size / grid_div (rounded up) and the block from a
        tunable parameter; this script maps kevo's plan onto that for the plan task.yaml has today,
        and stops if the plan changed rather than launch something else."""
        step = self.launch
        expected_grid = ["cdiv(N, BN)", "cdiv(M, BM)", "1"]
        problems = []
        if step["kernel"] != KERNEL:
            problems.append(f"kernel is {step['kernel']}, not {KERNEL}")
        if list(step["args"]) != ["A", "B", "C", "M", "N", "K"]:
            problems.append(f"args are {step['args']}")
        if not all(same_expr(g, e) for g, e in zip(step["grid"], expected_grid)):
            problems.append(f"grid is {step['grid']}, expected {expected_grid}")
        if not (same_expr(step["block"][1], 1) and same_expr(step["block"][2], 1)):
            problems.append(f"block is {step['block']}, expected a 1-D block")
        if problems:
            fail("task.yaml's tiled launch plan changed: " + "; ".join(problems))

    def threads(self, point):
        return kevo_eval(self.launch["block"][0], point)

    def shared_bytes(self, point):
        return kevo_eval(self.launch.get("shared_bytes", 0), point)

    def satisfies(self, point):
        return all(kevo_eval(c, point) for c in self.constraints)

    def valid_points(self):
        """Every knob point kevo accepts, computed here with kevo's semantics (not Kernel Tuner's)."""
        if self._valid is None:
            names = list(self.knobs)
            points = (dict(zip(names, values)) for values in itertools.product(*self.knobs.values()))
            self._valid = [p for p in points if self.satisfies(p)]
        return self._valid

    def kt_tune_params(self):
        params = {name: list(domain) for name, domain in self.knobs.items()}
        # The block size is derived from the knobs; Kernel Tuner only launches blocks named by a
        # tunable parameter, so it becomes one whose value the restriction below pins.
        params[BLOCK] = sorted({self.threads(p) for p in self.valid_points()})
        return params

    def kt_restrictions(self):
        restrictions = [kevo_to_python(c) for c in self.constraints]
        # block_size_x == (BM // TM) * (BN // TN), written without division: python-constraint2
        # 2.9 (Kernel Tuner's parser) reads "X == A // B * C" as the product constraint X == A*B*C.
        # Equivalent here because the seed requires BM % TM == 0 and BN % TN == 0 (#error);
        # check_search_space() compares the resulting set with kevo's.
        if not same_expr(self.launch["block"][0], "(BM / TM) * (BN / TN)"):
            fail(f"block expression changed to {self.launch['block'][0]}; update kt_restrictions()")
        restrictions.append(f"{BLOCK} * TM * TN == BM * BN")
        return restrictions

    def full_point(self, point):
        """A knob point plus the derived block size, as Kernel Tuner's configuration."""
        return {**{k: int(point[k]) for k in self.knobs}, BLOCK: self.threads(point)}

    def key(self, point):
        """Kernel Tuner's cache key of a configuration."""
        full = self.full_point(point)
        return ",".join(str(full[k]) for k in self.kt_tune_params())


def knob_text(point, knobs):
    """kevo's report format: NAME=value, names sorted."""
    return " ".join(f"{k}={point[k]}" for k in sorted(knobs))


# ---------------------------------------------------------------------------------------------
# Kernel Tuner glue.

def import_kernel_tuner():
    try:
        import kernel_tuner
    except ImportError as error:
        fail(f"{WHEELS_HINT}\n  ({error})")
    return kernel_tuner


def kt_version():
    try:
        from importlib.metadata import version
        return version("kernel_tuner")
    except Exception:
        return "unknown"


def kt_search_space(fam):
    """The configurations Kernel Tuner's own Searchspace builds from our parameters and restrictions
    (max_threads 1024, as on the H100: tune_kernel passes the device's limit)."""
    from kernel_tuner.searchspace import Searchspace
    space = Searchspace(fam.kt_tune_params(), fam.kt_restrictions(), 1024)
    names = list(fam.kt_tune_params())
    return [dict(zip(names, config)) for config in space.list]


def check_search_space(fam):
    """Compares Kernel Tuner's search space with kevo's valid points; returns (kevo, kt, equal)."""
    kevo = {fam.key(p) for p in fam.valid_points()}
    kt_configs = kt_search_space(fam)
    kt = {",".join(str(c[k]) for k in fam.kt_tune_params()) for c in kt_configs}
    return kevo, kt, kevo == kt


def kernel_options(fam, size, arguments, device=0, source=None, tag=None):
    """The arguments shared by tune_kernel and run_kernel. `tag`, when given, is defined as an
    unused macro so that the source text differs between runs (see compile_scope())."""
    defines = {name: (lambda p, name=name: p[name]) for name in fam.knobs}
    if tag:
        defines["KEVO_PEER_RUN"] = lambda p: tag
    return dict(
        kernel_name=KERNEL,
        kernel_source=source if source is not None else fam.source,
        problem_size=(int(size[1]), int(size[0])),  # (N, M): x runs over columns of C, y over rows
        arguments=arguments,
        grid_div_x=["BN"],  # grid x = cdiv(N, BN)
        grid_div_y=["BM"],  # grid y = cdiv(M, BM)
        grid_div_z=[],
        lang="cupy",
        device=device,
        smem_args={"size": fam.shared_bytes},  # dynamic shared memory, kevo's shared_bytes
        compiler_options=COMPILER_OPTIONS,
        # Define only the knobs, as kevo's -D flags do (Kernel Tuner would also define
        # block_size_x, grid_size_*, kernel_tuner).
        defines=defines,
    )


def allow_large_dynamic_shared_memory():
    """Blocks asking for more than 48 KiB of dynamic shared memory must opt in
    (CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES). kevo's launcher does; Kernel Tuner's CuPy
    backend does not, so without this every DB=1, BK=32 point would fail to launch."""
    from kernel_tuner.backends.cupy import CupyFunctions
    original = CupyFunctions.copy_shared_memory_args
    if getattr(original, "kevo_opt_in", False):
        return

    def copy_shared_memory_args(self, smem_args):
        original(self, smem_args)
        if self.smem_size > 48 * 1024 and self.func is not None:
            self.func.max_dynamic_shared_size_bytes = int(self.smem_size)

    copy_shared_memory_args.kevo_opt_in = True
    CupyFunctions.copy_shared_memory_args = copy_shared_memory_args


def correctness_observer(verdicts):
    """Kernel Tuner aborts the whole tune_kernel call when `verify` returns False. To count a wrong
    configuration as a failed evaluation instead (as kevo does), `verify` records its verdict and
    returns True; this observer, whose results Kernel Tuner merges into the configuration's record
    right after benchmarking it, marks the configuration failed. Strategies then see it exactly
    like a launch failure."""
    from kernel_tuner.observers.observer import BenchmarkObserver
    from kernel_tuner.util import RuntimeFailedConfig

    class CorrectnessObserver(BenchmarkObserver):
        verdict = None

        def register_configuration(self, params):
            # Called when benchmarking starts, after the check run (if any) of these params.
            self.verdict = verdicts[-1] if verdicts else None
            verdicts.clear()

        def get_results(self):
            verdict, self.verdict = self.verdict, None
            if verdict is not None and not verdict[0]:
                return {"__error__": RuntimeFailedConfig(), "verification_failed": verdict[1]}
            return {}

    return CorrectnessObserver()


def kevo_compare(out, ref, tol, xp):
    """kevo's output check (fitness/protocol/output_comparator.hpp): every element finite and
    |out - ref| <= abs + rel * |ref|, and ||out - ref||_2 <= norm_rel * ||ref||_2 + abs * sqrt(n)
    (norms over finite elements). Returns (passed, reason)."""
    out = xp.asarray(out, dtype=xp.float64).ravel()
    ref = xp.asarray(ref, dtype=xp.float64).ravel()
    finite = xp.isfinite(out)
    diff = xp.abs(out - ref)
    ok = finite & (diff <= tol["abs"] + tol["rel"] * xp.abs(ref))
    failing = int(out.size - int(ok.sum()))
    if failing:
        nonfinite = int(out.size - int(finite.sum()))
        return False, f"{failing} of {out.size} elements out of tolerance ({nonfinite} NaN/Inf)"
    diff_norm = float(xp.sqrt(xp.sum(xp.where(finite, diff, 0.0) ** 2)))
    ref_norm = float(xp.sqrt(xp.sum(xp.where(finite, ref, 0.0) ** 2)))
    allowed = tol["norm_rel"] * ref_norm + tol["abs"] * math.sqrt(out.size)
    if diff_norm > allowed:
        return False, f"||out - ref|| = {diff_norm:.3g} exceeds {allowed:.3g}"
    return True, ""


@contextlib.contextmanager
def seeded_rngs(strategy, seed, options=None):
    """Kernel Tuner 1.5 strategies take no seed option (KernelTuner/kernel_tuner issue #291): they
    draw from Python's `random` and NumPy's global generator, which are seeded here. bayes_opt's
    Latin-hypercube start (and diff_evo's, through the Searchspace) uses scipy's LatinHypercube
    with a fresh OS-entropy generator; it is handed one made from the seed for the run.
    Yields a description of the seeding for the results table."""
    random.seed(seed)
    np.random.seed(seed)
    how = "random.seed + numpy.random.seed"
    import scipy.stats.qmc as qmc
    original = qmc.LatinHypercube
    key = "rng" if "rng" in inspect.signature(original).parameters else "seed"
    generator = np.random.default_rng(seed)

    def seeded_latin_hypercube(*args, **kwargs):
        kwargs.setdefault(key, generator)
        return original(*args, **kwargs)

    modules = [qmc]
    if strategy == "bayes_opt":
        import kernel_tuner.strategies.bayes_opt as bayes_opt
        modules.append(bayes_opt)
        how += " + seeded LatinHypercube"
        if (options or {}).get("method", "multi-ultrafast") == "multi-ultrafast":
            # Its default method refits the model only when the last evaluation took longer
            # than a multiple of the last prediction (wall clock), so runs can still diverge.
            how += " (method multi-ultrafast refits on wall-clock ratios: not bit-reproducible)"
    elif strategy == "diff_evo":
        how += " + seeded LatinHypercube"
    saved = [(m, m.LatinHypercube) for m in modules]
    try:
        for module in modules:
            module.LatinHypercube = seeded_latin_hypercube
        yield how
    finally:
        for module, value in saved:
            module.LatinHypercube = value


def parse_strategy_options(items):
    """--strategy-option genetic_algorithm:popsize=10 -> {"genetic_algorithm": {"popsize": 10}}."""
    options = {}
    for item in items or []:
        match = re.fullmatch(r"(\w+):(\w+)=(.*)", item)
        if not match:
            fail(f"--strategy-option {item}: expected STRATEGY:NAME=VALUE")
        strategy, name, value = match.groups()
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            pass  # a bare string
        options.setdefault(strategy, {})[name] = value
    return options


# ---------------------------------------------------------------------------------------------
# Summaries of Kernel Tuner's results.

def failure_kind(result):
    if "__error__" not in result:
        return None
    if result.get("verification_failed"):
        return "VerificationFailed"
    return str(result["__error__"])


def summarize(results, fam):
    """Kernel Tuner returns one record per visit, repeats included (a revisit is served from its
    cache but still counts against max_fevals). Evaluated = distinct configurations."""
    unique = {}
    trajectory = []
    for r in results:
        key = knob_text(r, fam.knobs)
        trajectory.append(key)
        unique.setdefault(key, r)
    failed = {}
    for r in unique.values():
        kind = failure_kind(r)
        if kind:
            failed[kind] = failed.get(kind, 0) + 1
    ok = [r for r in unique.values() if "__error__" not in r and isinstance(r.get("time"), (int, float))]
    best = min(ok, key=lambda r: r["time"]) if ok else None
    checked = [r for r in ok if r.get("verification_time", 0) > 0]
    return {
        "visits": len(results),
        "evaluated": len(unique),
        "failed": sum(failed.values()),
        "failed_kinds": " ".join(f"{k}={v}" for k, v in sorted(failed.items())),
        "best": best,
        "all_checked": bool(ok) and len(checked) == len(ok),
        "compile_s": sum(r.get("compile_time", 0) for r in unique.values()) / 1000,
        "verify_s": sum(r.get("verification_time", 0) for r in unique.values()) / 1000,
        "benchmark_s": sum(r.get("benchmark_time", 0) for r in unique.values()) / 1000,
        "trajectory": hashlib.sha256("\n".join(trajectory).encode()).hexdigest()[:12],
    }


def median_sample(result):
    times = result.get("times")
    return statistics.median(times) if times else result.get("time")


# ---------------------------------------------------------------------------------------------
# The GPU side: inputs, reference, verification and timing of single points.

class GpuBench:
    def __init__(self, fam, size, device, iterations):
        import cupy as cp
        self.cp, self.fam, self.device, self.iterations = cp, fam, device, iterations
        self.size = size
        m, n, k = size
        rng = np.random.default_rng(INPUT_SEED)
        # task.yaml: A ~ uniform(-1, 1), B ~ normal(0, 1); C starts as NaN, kevo's poison, so an
        # element the kernel never writes fails the check.
        a = rng.uniform(-1.0, 1.0, (m, k)).astype(np.float32)
        b = rng.standard_normal((k, n)).astype(np.float32)
        c = np.full((m, n), np.nan, dtype=np.float32)
        with cp.cuda.Device(device):
            reference = (cp.asarray(a, dtype=cp.float64) @ cp.asarray(b, dtype=cp.float64)).astype(cp.float32)
        self.reference = reference  # kept on the GPU: verify compares there
        self.arguments = [a, b, c, np.int64(m), np.int64(n), np.int64(k)]
        self.answer = [None, None, cp.asnumpy(reference), None, None, None]
        self.verdicts = []

    def verify(self, answer, result_host, atol=None):
        with self.cp.cuda.Device(self.device):
            passed, reason = kevo_compare(self.cp.asarray(result_host[2]), self.reference,
                                          self.fam.tolerance, self.cp)
        self.verdicts.append((passed, reason))
        return True  # see correctness_observer()

    def tune(self, kt, tune_params, restrictions, source=None, tag=None, **extra):
        self.verdicts.clear()
        return kt.tune_kernel(
            **kernel_options(self.fam, self.size, self.arguments, self.device, source, tag),
            tune_params=tune_params,
            restrictions=restrictions,
            answer=self.answer,
            verify=self.verify,
            iterations=self.iterations,
            observers=[correctness_observer(self.verdicts)],
            quiet=True,
            verbose=False,
            **extra,
        )

    def time_point(self, kt, point, source=None, tag=None):
        """One configuration through tune_kernel: Kernel Tuner's timer and check. Returns its record
        (with "__error__" set when it failed, or when Kernel Tuner raised)."""
        full = self.fam.full_point(point)
        try:
            results, _ = self.tune(kt, {k: [v] for k, v in full.items()}, [], source=source, tag=tag,
                                   strategy="brute_force")
            return results[0]
        except Exception as error:
            return {"__error__": f"{type(error).__name__}: {str(error)[:200]}"}

    def check_sizes(self, kt, point, source=None):
        """Runs the point at kevo's check sizes (partial tiles, odd sizes) with run_kernel; Kernel
        Tuner itself only checks at the tuning size. Returns "" or the first failure."""
        rng = np.random.default_rng(INPUT_SEED + 1)
        for s in self.fam.check_sizes:
            m, n, k = int(s["M"]), int(s["N"]), int(s["K"])
            a = rng.uniform(-1.0, 1.0, (m, k)).astype(np.float32)
            b = rng.standard_normal((k, n)).astype(np.float32)
            c = np.full((m, n), np.nan, dtype=np.float32)
            ref = (a.astype(np.float64) @ b.astype(np.float64)).astype(np.float32)
            args = [a, b, c, np.int64(m), np.int64(n), np.int64(k)]
            try:
                out = kt.run_kernel(**kernel_options(self.fam, (m, n, k), args, self.device, source),
                                    params=self.fam.full_point(point), quiet=True)
            except Exception as error:
                return f"M={m},N={n},K={k}: {type(error).__name__}: {error}"
            passed, reason = kevo_compare(out[2], ref, self.fam.tolerance, np)
            if not passed:
                return f"M={m},N={n},K={k}: {reason}"
        return ""


@contextlib.contextmanager
def compile_scope(reuse):
    """CuPy keeps every module it compiled, in memory for the process (keyed by source text and
    options) and on disk (CUPY_CACHE_DIR), so a later run would get the points an earlier run
    visited without compiling them. Unless `reuse`, every run tags its source with its own label
    (kernel_options' tag), so each run compiles what it visits, as the first run does, and the
    disk cache is a temporary directory removed at the end."""
    if reuse:
        yield
        return
    saved = os.environ.get("CUPY_CACHE_DIR")
    directory = tempfile.mkdtemp(prefix="kt-cupy-cache-")
    os.environ["CUPY_CACHE_DIR"] = directory
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("CUPY_CACHE_DIR", None)
        else:
            os.environ["CUPY_CACHE_DIR"] = saved
        shutil.rmtree(directory, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Simulation: strategies replayed against a Kernel Tuner cache file (no GPU).

def make_synthetic_cache(path, fam, size):
    """Writes a Kernel Tuner cache file holding every valid point with a made-up time. The
    landscape is invented (tile reuse, register tile, thread count, a hash for noise, about 3% of
    points marked as launch failures); it exists to exercise the strategy plumbing and seeding
    without a GPU and says nothing about any device."""
    tune_params = fam.kt_tune_params()
    gflop = 2.0 * size[0] * size[1] * size[2] / 1e9
    cache = {}
    for point in fam.valid_points():
        full = fam.full_point(point)
        key = fam.key(point)
        h = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 2 ** 32
        reuse = point["BM"] * point["BN"] / (point["BM"] + point["BN"]) / 64
        registers = point["TM"] * point["TN"] / (point["TM"] + point["TN"]) / 4
        threads = 1.0 if 128 <= full[BLOCK] <= 256 else 0.8
        efficiency = min(reuse, 1.0) * min(registers, 1.0) * threads * (1.05 if point.get("DB") else 1.0)
        t = gflop / (40_000 * efficiency) * 1e3 * (1 + 0.1 * h)
        entry = dict(full, compile_time=900.0, verification_time=300.0, benchmark_time=7 * t,
                     strategy_time=0, framework_time=0, timestamp="synthetic")
        if h > 0.97 and point != fam.seed_point:
            entry["__error__"] = "RuntimeFailedConfig"
        else:
            entry.update(time=t, times=[t] * 7)
        cache[key] = entry
    header = {"device_name": "synthetic", "kernel_name": KERNEL, "problem_size": [size[1], size[0]],
              "tune_params_keys": list(tune_params), "tune_params": tune_params, "objective": "time",
              "cache": cache}
    Path(path).write_text(json.dumps(header, indent=1) + "\n")
    return len(cache)


def read_cache_entries(path, fam, size):
    from kernel_tuner.util import read_cache
    data = read_cache(str(path), open_cache=False)
    if list(data["tune_params_keys"]) != list(fam.kt_tune_params()):
        fail(f"{path}: parameters {data['tune_params_keys']} differ from {list(fam.kt_tune_params())}")
    if list(data.get("problem_size", [])) != [size[1], size[0]]:
        fail(f"{path}: problem size {data.get('problem_size')} is not (N, M) = {[size[1], size[0]]}; pass --size")
    return data["cache"]


# ---------------------------------------------------------------------------------------------
# kevo's best variant files (engine/campaign/best_kernel_file.cpp writes best/<task>.json).

def read_kevo_best(path, fam, size):
    """Returns {label, point, source, note, kevo_ms, usable}."""
    path = Path(path)
    if path.is_dir():
        path = path / f"{KERNEL}.json"
    info = {"label": f"kevo:{path}", "point": None, "source": None, "note": "", "kevo_ms": "", "usable": False}
    try:
        best = json.loads(path.read_text())
        variant = best["variant"]
    except (OSError, ValueError, KeyError) as error:
        info["note"] = f"unreadable: {error}"
        return info
    size_label = f"K={size[2]},M={size[0]},N={size[1]}"
    for timing in best.get("evaluation", {}).get("timings", []):
        if timing.get("size_label") == size_label:
            info["kevo_ms"] = timing["median_seconds"] * 1e3
    knobs = {k: int(v) for k, v in variant.get("knobs", {}).items()}
    if variant.get("task") != KERNEL:
        info["note"] = f"task is {variant.get('task')}, not {KERNEL}"
    elif variant.get("seed_name") != FAMILY:
        info["note"] = (f"kevo's best is in the '{variant.get('seed_name')}' family; Kernel Tuner "
                        f"searches only the '{FAMILY}' knob space")
    elif set(knobs) != set(fam.knobs):
        info["note"] = f"knobs {sorted(knobs)} differ from the {FAMILY} family's {sorted(fam.knobs)}"
    elif any(knobs[k] not in fam.knobs[k] for k in knobs) or not fam.satisfies(knobs):
        info["note"] = "knob point outside the tiled family's domain or constraints"
    else:
        info["point"], info["usable"] = knobs, True
        steps = variant.get("launch", {}).get("steps", [])
        same_launch = len(steps) == 1 and all(
            all(same_expr(a, b) for a, b in zip(steps[0].get(f, []), fam.launch[f]))
            for f in ("grid", "block")) and same_expr(steps[0].get("shared_bytes", 0), fam.launch.get("shared_bytes", 0))
        if variant.get("source", fam.source) != fam.source:
            if same_launch:
                info["source"] = variant["source"]
                info["note"] = "kevo's source differs from seed_tiled.cu: timed both sources"
            else:
                info["note"] = "kevo's source and launch plan differ from the seed's: timed its knobs on seed_tiled.cu only"
    return info


# ---------------------------------------------------------------------------------------------
# Output.

RESULT_FIELDS = ["tool", "strategy", "seed", "budget", "evaluated", "failed", "wall_s", "evals_per_s",
                 "best_ms", "seed_point_ms", "speedup_over_seed_point", "best_knobs", "correctness_checked",
                 "best_median_ms", "visits", "failed_kinds", "compile_s", "verify_s", "benchmark_s",
                 "seeding", "trajectory", "mode", "error"]
CROSS_FIELDS = ["label", "origin", "source", "knobs", "kt_time_ms", "kt_median_ms", "repeats",
                "speedup_over_seed_point", "kevo_reported_ms", "check_sizes", "note"]


def fmt(value, digits=4):
    if isinstance(value, float):
        return f"{value:.{digits}g}" if value == value else ""
    return value


def write_csv(path, fields, rows):
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: fmt(row.get(k, "")) for k in fields})


def print_table(rows, cross):
    print()
    header = f"{'strategy':<20} {'seed':>4} {'eval':>4} {'fail':>4} {'wall_s':>7} {'eval/s':>6} " \
             f"{'best_ms':>8} {'seed_ms':>8} {'speedup':>7}  best knobs"
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{r['strategy']:<20} {r['seed']:>4} {r.get('evaluated', ''):>4} {r.get('failed', ''):>4} "
              f"{fmt(r.get('wall_s', ''), 4):>7} {fmt(r.get('evals_per_s', ''), 3):>6} "
              f"{fmt(r.get('best_ms', ''), 4):>8} {fmt(r.get('seed_point_ms', ''), 4):>8} "
              f"{fmt(r.get('speedup_over_seed_point', ''), 3):>7}  {r.get('best_knobs', '')}"
              + (f"  ERROR: {r['error']}" if r.get("error") else ""))
    if cross:
        print()
        print(f"{'one timer: label':<44} {'kt_ms':>8} {'median':>8} {'speedup':>7} {'kevo_ms':>8}  knobs")
        for c in cross:
            print(f"{c['label'][:44]:<44} {fmt(c.get('kt_time_ms', ''), 4):>8} "
                  f"{fmt(c.get('kt_median_ms', ''), 4):>8} {fmt(c.get('speedup_over_seed_point', ''), 3):>7} "
                  f"{fmt(c.get('kevo_reported_ms', ''), 4):>8}  {c.get('knobs', '')}"
                  + (f"  ({c['note']})" if c.get("note") else ""))


# ---------------------------------------------------------------------------------------------
# Modes.

def dry_run(fam, args):
    """Builds the search space both ways and checks Kernel Tuner's launch geometry; no GPU."""
    import_kernel_tuner()
    from kernel_tuner import util
    print(f"kernel_tuner {kt_version()}; task {TASK_DIR.relative_to(REPO)}/task.yaml, family '{FAMILY}', "
          f"source {fam.source_file.relative_to(REPO)}")
    print("knobs:", ", ".join(f"{k} in {v}" for k, v in fam.knobs.items()))
    print("kevo constraints:", fam.constraints)
    print("Kernel Tuner tune_params:", fam.kt_tune_params())
    print("Kernel Tuner restrictions:", fam.kt_restrictions())
    kevo, kt_set, equal = check_search_space(fam)
    print(f"valid knob points, counted independently with kevo's semantics: {len(kevo)}")
    print(f"valid configurations in Kernel Tuner's search space:           {len(kt_set)}")
    print(f"same set of points: {'yes' if equal else 'NO'}")
    if not equal:
        print("  only kevo:", sorted(kevo - kt_set)[:10], " only Kernel Tuner:", sorted(kt_set - kevo)[:10])

    # Kernel Tuner's grid, block and shared-memory size for every point against kevo's plan.
    size = args.mnk
    options = kernel_options(fam, size, [], 0)
    grid_div = (options["grid_div_x"], options["grid_div_y"], options["grid_div_z"])
    names = {"M": size[0], "N": size[1], "K": size[2]}
    mismatches = 0
    for point in fam.valid_points():
        full = fam.full_point(point)
        threads, grid = util.setup_block_and_grid(options["problem_size"], grid_div, full,
                                                  util.default_block_size_names)
        smem = util.get_smem_args(options["smem_args"], full)["size"]
        want_grid = tuple(kevo_eval(g, {**names, **point}) for g in fam.launch["grid"])
        want_block = tuple(kevo_eval(b, point) for b in fam.launch["block"])
        if tuple(grid) != want_grid or tuple(threads) != want_block or smem != fam.shared_bytes(point):
            mismatches += 1
    print(f"launch geometry (grid, block, dynamic shared bytes) equal to kevo's plan at M,N,K={size}: "
          f"{'yes' if mismatches == 0 else f'NO, {mismatches} points differ'}")
    seed_ok = fam.key(fam.seed_point) in kt_set
    print(f"seed point {knob_text(fam.seed_point, fam.knobs)} in the space: {'yes' if seed_ok else 'NO'}; "
          f"block {fam.threads(fam.seed_point)} threads, {fam.shared_bytes(fam.seed_point)} B shared")
    _, prefix = util.prepare_kernel_string(KERNEL, "", fam.full_point(fam.seed_point), (1, 1, 1),
                                           (1, 1, 1), util.default_block_size_names, "CUPY",
                                           options["defines"])
    print("defines Kernel Tuner prepends at the seed point:", " | ".join(prefix.strip().splitlines()))
    above_48k = sum(1 for p in fam.valid_points() if fam.shared_bytes(p) > 48 * 1024)
    print(f"points needing the >48 KiB dynamic shared memory opt-in: {above_48k}")
    extra_options = parse_strategy_options(args.strategy_option)
    for strategy in args.strategies:
        with seeded_rngs(strategy, 0, extra_options.get(strategy)) as how:
            print(f"seeding of {strategy}: {how}")
    return 0 if equal and mismatches == 0 and seed_ok else 1


def run_strategies(fam, args, kt, evaluate, seed_point_ms, mode):
    """Runs every strategy x seed; `evaluate(strategy, seed, options, cache_path)` calls tune_kernel."""
    extra_options = parse_strategy_options(args.strategy_option)
    rows, bests = [], []
    cache_dir = Path(args.out) / "kt_cache"
    if mode == "gpu":
        cache_dir.mkdir(parents=True, exist_ok=True)
    for strategy in args.strategies:
        for seed in args.seeds:
            row = {"tool": f"kernel_tuner-{kt_version()}", "strategy": strategy, "seed": seed,
                   "budget": args.budget, "mode": mode}
            options = {"max_fevals": args.budget, **extra_options.get(strategy, {})}
            cache_path = cache_dir / f"{strategy}-s{seed}.json"
            if mode == "gpu" and cache_path.exists():
                cache_path.unlink()  # Kernel Tuner would resume from it
            print(f"[{strategy} seed {seed}] tuning, max_fevals={args.budget} ...", flush=True)
            row["seed_point_ms"] = seed_point_ms(strategy, seed)
            start = time.perf_counter()
            try:
                with seeded_rngs(strategy, seed, options) as how:
                    row["seeding"] = how
                    start = time.perf_counter()
                    results, _ = evaluate(strategy, seed, options, cache_path)
                    row["wall_s"] = time.perf_counter() - start
            except Exception as error:  # a run that Kernel Tuner aborts is recorded, not fatal
                row["wall_s"] = time.perf_counter() - start
                row["error"] = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
                rows.append(row)
                print(f"[{strategy} seed {seed}] aborted: {row['error']}", flush=True)
                continue
            s = summarize(results, fam)
            row.update({k: s[k] for k in ("visits", "evaluated", "failed", "failed_kinds", "compile_s",
                                          "verify_s", "benchmark_s", "trajectory")})
            row["evals_per_s"] = s["evaluated"] / row["wall_s"] if row["wall_s"] else ""
            row["correctness_checked"] = ("yes" if s["all_checked"] else "no") if mode == "gpu" else "n/a (simulated)"
            if s["best"]:
                best = s["best"]
                row["best_ms"] = best["time"]
                row["best_median_ms"] = median_sample(best)
                row["best_knobs"] = knob_text(best, fam.knobs)
                if isinstance(row["seed_point_ms"], float):
                    row["speedup_over_seed_point"] = row["seed_point_ms"] / best["time"]
                bests.append((f"kt:{strategy}:s{seed}", {k: int(best[k]) for k in fam.knobs}))
            rows.append(row)
            print(f"[{strategy} seed {seed}] {s['evaluated']} evaluated ({s['visits']} visits), "
                  f"{s['failed']} failed, best {fmt(row.get('best_ms', float('nan')))} ms "
                  f"{row.get('best_knobs', '')}, {fmt(row['wall_s'])} s", flush=True)
    return rows, bests


def unique_points(labelled):
    """Merges labels of identical knob points, keeping first-seen order."""
    merged = {}
    for label, point in labelled:
        key = tuple(sorted(point.items()))
        merged.setdefault(key, (point, []))[1].append(label)
    return [(" ".join(labels), point) for point, labels in merged.values()]


def gpu_mode(fam, args):
    kt = import_kernel_tuner()
    try:
        import cupy as cp
    except ImportError as error:
        fail(f"cupy is needed on the GPU (install cupy-cuda13x or the CUDA 12 build): {error}")
    allow_large_dynamic_shared_memory()
    kevo, kt_set, equal = check_search_space(fam)
    if not equal:
        fail(f"Kernel Tuner's search space ({len(kt_set)}) differs from kevo's ({len(kevo)}); run --dry-run")
    restrictions = fam.kt_restrictions()
    tune_params = fam.kt_tune_params()
    out = Path(args.out)
    bench = GpuBench(fam, args.mnk, args.device, args.iterations)
    device_name = cp.cuda.runtime.getDeviceProperties(args.device)["name"]
    device_name = device_name.decode() if isinstance(device_name, bytes) else device_name
    print(f"device {args.device}: {device_name}; M,N,K = {args.mnk}; {len(kt_set)} valid points; "
          f"kernel_tuner {kt_version()}, cupy {cp.__version__}", flush=True)

    def tag(label):
        return None if args.reuse_compiles else label

    def seed_point_ms(strategy, seed):
        record = bench.time_point(kt, fam.seed_point, tag=tag(f"seed_{strategy}_s{seed}"))
        return record.get("time", "") if "__error__" not in record else ""

    def evaluate(strategy, seed, options, cache_path):
        return bench.tune(kt, tune_params, restrictions, tag=tag(f"{strategy}_s{seed}"), strategy=strategy,
                          strategy_options=options, cache=str(cache_path))

    with compile_scope(args.reuse_compiles):
        rows, bests = run_strategies(fam, args, kt, evaluate, seed_point_ms, "gpu")
        cross, not_timed = cross_timing(fam, args, kt, bench, bests, tag("cross"))

    cross += not_timed
    write_csv(out / "peer_results.csv", RESULT_FIELDS, rows)
    write_csv(out / "peer_cross_timing.csv", CROSS_FIELDS, cross)
    env = {"mode": "gpu", "device": device_name, "argv": sys.argv, "mnk": args.mnk,
           "kernel_tuner": kt_version(), "cupy": cp.__version__, "numpy": np.__version__,
           "iterations": args.iterations, "cross_repeats": args.cross_repeats,
           "compiles_reused_across_runs": args.reuse_compiles,
           "valid_points": len(kt_set), "compiler_options": COMPILER_OPTIONS}
    (out / "env.json").write_text(json.dumps(env, indent=1, default=str) + "\n")
    print_table(rows, cross)
    return 0 if not any(r.get("error") for r in rows) else 1


def cross_timing(fam, args, kt, bench, bests, tag):
    """One timer for everything: the seed point, each Kernel Tuner best and each kevo best, timed
    round-robin `--cross-repeats` times in this process, then run at kevo's check sizes."""
    points = [("seed point", fam.seed_point, None, "seed", "")]
    points += [(label, p, None, "kernel_tuner", "") for label, p in unique_points(bests)]
    kevo_infos = [read_kevo_best(p, fam, args.mnk) for p in args.kevo_best]
    cross, not_timed = [], []
    for info in kevo_infos:
        if info["usable"]:
            points.append((info["label"], info["point"], None, "kevo", info))
            if info["source"] is not None:
                points.append((info["label"] + " (kevo's source)", info["point"], info["source"], "kevo", info))
        else:
            not_timed.append({"label": info["label"], "origin": "kevo", "kevo_reported_ms": info["kevo_ms"],
                              "note": "not timed: " + info["note"]})
    samples = {i: [] for i in range(len(points))}
    for _ in range(args.cross_repeats):
        for i, (label, point, source, _, _) in enumerate(points):
            samples[i].append(bench.time_point(kt, point, source, tag))
    checks = {i: bench.check_sizes(kt, p[1], p[2]) for i, p in enumerate(points)}
    seed_times = [r["time"] for r in samples[0] if "__error__" not in r]
    seed_ms = statistics.median(seed_times) if seed_times else float("nan")
    for i, (label, point, source, origin, info) in enumerate(points):
        good = [r for r in samples[i] if "__error__" not in r]
        row = {"label": label, "origin": origin, "knobs": knob_text(point, fam.knobs),
               "source": "kevo variant" if source is not None else fam.source_file.name,
               "repeats": len(good), "check_sizes": "pass" if not checks[i] else f"FAIL {checks[i]}"}
        if good:
            row["kt_time_ms"] = statistics.median(r["time"] for r in good)
            row["kt_median_ms"] = statistics.median(t for r in good for t in r.get("times", [r["time"]]))
            row["speedup_over_seed_point"] = seed_ms / row["kt_time_ms"]
        else:
            row["note"] = "failed: " + ", ".join(sorted({failure_kind(r) for r in samples[i]}))
        if info:
            row["kevo_reported_ms"] = info["kevo_ms"]
            row["note"] = (row.get("note", "") + " " + info["note"]).strip()
        cross.append(row)
    return cross, not_timed


def simulate_mode(fam, args):
    kt = import_kernel_tuner()
    kevo, kt_set, equal = check_search_space(fam)
    if not equal:
        fail(f"Kernel Tuner's search space ({len(kt_set)}) differs from kevo's ({len(kevo)}); run --dry-run")
    cache_path = Path(args.simulate).resolve()
    entries = read_cache_entries(cache_path, fam, args.mnk)
    out = Path(args.out)
    # The arguments are only type-checked against the kernel's signature in simulation mode.
    dummies = [np.zeros(1, np.float32), np.zeros(1, np.float32), np.zeros(1, np.float32),
               np.int64(1), np.int64(1), np.int64(1)]

    def lookup_ms(point):
        entry = entries.get(fam.key(point))
        return float(entry["time"]) if entry and "__error__" not in entry and "time" in entry else ""

    def evaluate(strategy, seed, options, _):
        return kt.tune_kernel(**kernel_options(fam, args.mnk, dummies), tune_params=fam.kt_tune_params(),
                              restrictions=fam.kt_restrictions(), strategy=strategy,
                              strategy_options=options, cache=str(cache_path), simulation_mode=True,
                              quiet=True, verbose=False)

    rows, bests = run_strategies(fam, args, kt, evaluate, lambda s, seed: lookup_ms(fam.seed_point), "simulated")
    seed_ms = lookup_ms(fam.seed_point)
    cross = []
    points = [("seed point", fam.seed_point, "seed", None)]
    points += [(label, p, "kernel_tuner", None) for label, p in unique_points(bests)]
    for info in (read_kevo_best(p, fam, args.mnk) for p in args.kevo_best):
        points.append((info["label"], info["point"], "kevo", info))
    for label, point, origin, info in points:
        row = {"label": label, "origin": origin, "source": "cache lookup", "repeats": 0, "check_sizes": "n/a"}
        if point is not None:
            row["knobs"] = knob_text(point, fam.knobs)
            ms = lookup_ms(point)
            if ms != "":
                row["kt_time_ms"] = row["kt_median_ms"] = ms
                if seed_ms != "":
                    row["speedup_over_seed_point"] = seed_ms / ms
        if info:
            row["kevo_reported_ms"] = info["kevo_ms"]
            row["note"] = info["note"] if info["usable"] else "not timed: " + info["note"]
        cross.append(row)
    write_csv(out / "peer_results.csv", RESULT_FIELDS, rows)
    write_csv(out / "peer_cross_timing.csv", CROSS_FIELDS, cross)
    env = {"mode": "simulated", "cache": str(cache_path), "argv": sys.argv, "mnk": args.mnk,
           "kernel_tuner": kt_version(), "numpy": np.__version__, "valid_points": len(kt_set)}
    (out / "env.json").write_text(json.dumps(env, indent=1) + "\n")
    print_table(rows, cross)
    return 0 if not any(r.get("error") for r in rows) else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--budget", type=int, default=30, help="max_fevals per run (default 30)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--strategies", nargs="+",
                        default=["random_sample", "genetic_algorithm", "simulated_annealing", "bayes_opt"])
    parser.add_argument("--strategy-option", action="append", metavar="STRATEGY:NAME=VALUE",
                        help="extra Kernel Tuner strategy option, e.g. genetic_algorithm:popsize=10")
    parser.add_argument("--out", help="output directory")
    parser.add_argument("--kevo-best", nargs="*", default=[], metavar="PATH",
                        help="kevo best/sgemm.json files (or best/ directories) to time with Kernel Tuner's timer")
    parser.add_argument("--size", type=int, default=4096, help="M = N = K (default 4096, task.yaml's bench size)")
    parser.add_argument("--device", type=int, default=0)
    parser.add_argument("--iterations", type=int, default=7,
                        help="timed launches per configuration (Kernel Tuner's default 7)")
    parser.add_argument("--cross-repeats", type=int, default=3,
                        help="round-robin repeats of the cross timing (default 3)")
    parser.add_argument("--reuse-compiles", action="store_true",
                        help="let a run reuse kernels earlier runs compiled (CuPy's memo and disk "
                             "cache); by default every run compiles what it visits")
    parser.add_argument("--dry-run", action="store_true",
                        help="build the search space both ways, compare, check the launch geometry, exit")
    parser.add_argument("--make-synthetic-cache", metavar="CACHEFILE",
                        help="write a Kernel Tuner cache with a made-up landscape (for --simulate), exit")
    parser.add_argument("--simulate", metavar="CACHEFILE",
                        help="replay the strategies against a Kernel Tuner cache file instead of a GPU")
    args = parser.parse_args()
    args.mnk = (args.size, args.size, args.size)

    fam = Family()
    if args.dry_run:
        return dry_run(fam, args)
    if args.make_synthetic_cache:
        n = make_synthetic_cache(args.make_synthetic_cache, fam, args.mnk)
        print(f"wrote {n} synthetic entries to {args.make_synthetic_cache} (M,N,K = {args.mnk})")
        return 0
    if not args.out:
        parser.error("--out DIR is required")
    Path(args.out).mkdir(parents=True, exist_ok=True)
    if args.simulate:
        return simulate_mode(fam, args)
    return gpu_mode(fam, args)


if __name__ == "__main__":
    sys.exit(main())
