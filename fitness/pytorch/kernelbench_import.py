#!/usr/bin/env python3
"""Turns a KernelBench-format problem file into a kevo task folder.

  kernelbench_import.py PROBLEM.py TASK_DIR

Loads the problem (needs PyTorch), runs get_init_inputs(), get_inputs() and
the model once, and writes TASK_DIR/task.yaml and TASK_DIR/problem.py:
- size parameters: the module's integer globals that appear in a tensor
  shape (batch_size, dim, ...), their values the bench size; check sizes are
  smaller values at which the model still runs;
- tensors: forward()'s inputs, the model's parameters (filled from kevo's
  inputs by name, `parameter:`), and the outputs, shapes over the sizes;
- bytes: every tensor read or written once; flops are left out (not derivable
  from a module in general);
- no seed: a campaign with an llm operator drafts the first kernels from the
  problem (engine/campaign/seed_drafts.hpp), or the user adds one.
Prints one JSON line: {"ok": true, "name": ..., "sizes": {...}, "tensors": n}
or {"ok": false, "error": ...}.
"""
import json
import os
import re
import shutil
import sys

from torch_reference import load_problem  # the reference worker's loader, beside this script

DTYPES = {"torch.float32": "f32", "torch.float64": "f64", "torch.int32": "i32", "torch.int64": "i64",
          "torch.bfloat16": "bf16"}


def run(module, torch):
    torch.manual_seed(0)
    model = module.Model(*module.get_init_inputs()).eval()
    inputs = [x for x in module.get_inputs()]
    with torch.no_grad():
        out = model(*inputs)
    outputs = list(out) if isinstance(out, (tuple, list)) else [out]
    return model, inputs, outputs


def main(problem, task_dir):
    import torch
    module = load_problem(problem)
    size_globals = {name: value for name, value in vars(module).items()
                    if isinstance(value, int) and not isinstance(value, bool) and not name.startswith("_") and value > 1}
    model, inputs, outputs = run(module, torch)
    for i, x in enumerate(inputs):
        if not isinstance(x, torch.Tensor):
            raise ValueError(f"get_inputs()[{i}] is a {type(x).__name__}, not a tensor: kevo passes tensors only")
    owners = dimension_owners(module, torch, size_globals)
    params = list(dict.fromkeys(owners.values()))
    tensors = []
    for i, x in enumerate(inputs):
        tensors.append({"name": f"x{i}" if len(inputs) > 1 else "x", "role": "input", "tensor": x})
    for name, p in model.named_parameters():
        tensors.append({"name": re.sub(r"\W", "_", name), "role": "input", "tensor": p.detach(), "parameter": name})
    for i, y in enumerate(outputs):
        tensors.append({"name": f"y{i}" if len(outputs) > 1 else "y", "role": "output", "tensor": y})
    for index, t in enumerate(tensors):
        t["dims"] = [owners.get((index, d), int(n)) for d, n in enumerate(t["tensor"].shape)]
    for t in tensors:
        if str(t["tensor"].dtype) not in DTYPES:
            raise ValueError(f"tensor {t['name']} is {t['tensor'].dtype}, which kevo does not support yet")
    bench = {name: size_globals[name] for name in params}
    checks = check_sizes(module, torch, bench)
    name = os.path.basename(os.path.normpath(task_dir))  # kevo names a task after its folder
    os.makedirs(task_dir, exist_ok=True)
    shutil.copyfile(problem, os.path.join(task_dir, "problem.py"))
    with open(os.path.join(task_dir, "task.yaml"), "w") as out:
        out.write(task_yaml(name, problem, params, bench, checks, tensors))
    print(json.dumps({"ok": True, "name": name, "sizes": bench, "checks": len(checks), "tensors": len(tensors)}))


def shapes(module, torch):
    model, inputs, outputs = run(module, torch)
    return [list(t.shape) for t in inputs + [p for _, p in model.named_parameters()] + outputs]


def dimension_owners(module, torch, size_globals):
    """Which global sets which dimension: each global is moved to a value of
    its own and the dimensions that follow it are its (two globals with the
    same value, in_features = out_features = 2048, are told apart so)."""
    base = shapes(module, torch)
    taken = set(size_globals.values())
    owners = {}
    for name, value in size_globals.items():
        probe = value + 1
        while probe in taken:
            probe += 1
        setattr(module, name, probe)
        try:
            moved = shapes(module, torch)
        except Exception:
            moved = base  # the problem does not run at that value: not a size it scales with
        finally:
            setattr(module, name, value)
        for t, (before, after) in enumerate(zip(base, moved)):
            for d, (a, b) in enumerate(zip(before, after)):
                if a == value and b == probe:
                    owners.setdefault((t, d), name)
    return owners


def check_sizes(module, torch, bench):
    """Smaller sizes at which the model still runs: odd, and one of 1 where it works."""
    candidates = [{k: 1 for k in bench}, {k: min(v, 7) for k, v in bench.items()},
                  {k: min(v, max(3, v // 16 + 1)) for k, v in bench.items()}]
    kept = []
    for size in candidates:
        if size == bench or size in kept:
            continue
        saved = {k: getattr(module, k) for k in size}
        try:
            for k, v in size.items():
                setattr(module, k, v)
            run(module, torch)
            kept.append(size)
        except Exception:
            pass
        finally:
            for k, v in saved.items():
                setattr(module, k, v)
    return kept


def task_yaml(name, problem, params, bench, checks, tensors):
    def shape_of(t):
        return "[" + ", ".join(str(d) for d in t["dims"]) + "]"

    def flow(mapping):
        return "{" + ", ".join(f"{k}: {v}" for k, v in mapping.items()) + "}"

    lines = [f"# Imported by `kevo import kernelbench` from {os.path.basename(problem)}: the PyTorch model is the",
             "# reference. No seed kernel yet: a campaign with an llm operator drafts the first\n"
             "# kernels from problem.py, or add one under seeds:.",
             f"name: {name}",
             f"description: \"KernelBench problem {name} ({os.path.basename(problem)}), PyTorch reference\"",
             "sizes:",
             f"  params: [{', '.join(params)}]",
             f"  bench: {flow(bench)}",
             "  check:"]
    lines += [f"    - {flow(size)}" for size in checks] or ["    []"]
    lines.append("tensors:")
    for t in tensors:
        entry = f"  - {{name: {t['name']}, role: {t['role']}, dtype: {DTYPES[str(t['tensor'].dtype)]}, shape: {shape_of(t)}"
        if t["role"] == "input":
            entry += ", init: {dist: normal, mean: 0, stddev: 1}"
        if t.get("parameter"):
            entry += f", parameter: {t['parameter']}"
        lines.append(entry + "}")
    forward = [t["name"] for t in tensors if t["role"] == "input" and not t.get("parameter")]
    rest = [t["name"] for t in tensors if t["name"] not in forward]
    lines.append(f"interface: [{', '.join(forward + rest + params)}]")
    lines.append("tolerance: {abs: 1e-3, rel: 1e-3, norm_rel: 1e-4}   # KernelBench checks atol = rtol = 1e-2")
    sizes = []
    for t in tensors:
        element = t["tensor"].element_size()
        sizes.append(f"{element}*" + "*".join(str(d) for d in t["dims"]) if t["dims"] else str(element))
    lines.append(f"bytes: {' + '.join(sizes)}")
    lines.append("reference: problem.py")
    lines.append("seeds: []")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: kernelbench_import.py PROBLEM.py TASK_DIR")
    try:
        main(os.path.abspath(sys.argv[1]), sys.argv[2])
    except ImportError as error:
        print(json.dumps({"ok": False, "error": f"PyTorch is not installed for {sys.executable} ({error})"}))
    except Exception as error:
        print(json.dumps({"ok": False, "error": f"{type(error).__name__}: {error}"}))
