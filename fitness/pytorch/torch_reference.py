#!/usr/bin/env python3
"""kevo's PyTorch reference worker: runs a KernelBench-format problem file
(a `Model` class, `get_inputs()`, `get_init_inputs()`) on the inputs kevo
drew, in kevo's shared memory, and writes the model's outputs there.

One JSON object per line on stdin, one reply per line on stdout:
  {"op": "hello", "device": "cuda:1"|""}
                   -> {"ok": true, "torch": "2.11.0", "device": "cuda:1", "device_name": "..."}
  {"op": "outputs", "shm": PATH, "size": {"N": 37}, "tensors": [
      {"name": "x", "role": "input"|"output", "dtype": "f32", "shape": [37],
       "offset": 64, "bytes": 148, "parameter": ""|"weight"}], "forward": ["x"], "lock": PATH|""}
                   -> {"ok": true}    (outputs written into their slots)
  {"op": "time", ...same as outputs..., "warmup": 3, "samples": 20, "compile": true}
                   -> {"ok": true, "eager_seconds": s, "compile_seconds": s|null, "compile_error": ""}
  failures         -> {"ok": false, "error": "..."}
Sizes are the problem module's own globals (batch_size = 16): kevo sets them
before calling get_init_inputs(), so a check size is the same problem,
smaller. Model parameters named by a tensor's "parameter" are overwritten
with kevo's values, so a candidate kernel can be given the same weights.
The model runs on the device the hello names (the evaluator's GPU), and
while it runs the worker holds that GPU's kevo device lock ("lock", the
file kevo's workers flock), so no kevo process times a kernel beside it.
"""
import contextlib
import fcntl
import importlib.util
import json
import mmap
import os
import sys
import traceback

try:
    import torch
except ImportError as error:  # reported to kevo, which says the task is unavailable here
    torch = None
    TORCH_ERROR = str(error)

DTYPES = {}
if torch is not None:
    DTYPES = {"f32": torch.float32, "f64": torch.float64, "i32": torch.int32, "i64": torch.int64,
              "bf16": torch.bfloat16}


def load_problem(path):
    spec = importlib.util.spec_from_file_location("kevo_problem", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("Model", "get_inputs", "get_init_inputs"):
        if not hasattr(module, name):
            raise ValueError(f"{path}: a KernelBench problem defines Model, get_inputs and get_init_inputs; "
                             f"'{name}' is missing")
    return module


def chosen_device(requested):
    """The evaluator's device, checked; PyTorch's first GPU (else the CPU) when none is named."""
    if not requested:
        return "cuda" if torch.cuda.is_available() else "cpu"
    if requested.startswith("cuda"):
        index = int(requested.partition(":")[2] or 0)
        count = torch.cuda.device_count() if torch.cuda.is_available() else 0
        if index >= count:
            raise RuntimeError(f"PyTorch sees {count} CUDA device(s); kevo's device is {requested}")
        torch.cuda.set_device(index)  # events and the default stream follow the current device
    return requested


@contextlib.contextmanager
def device_held(lock_path):
    """Holds kevo's flock on the device, as kevo's own workers do, for as long as the model runs."""
    if not lock_path:
        yield
        return
    with open(lock_path, "a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


class Problem:
    def __init__(self, path, device):
        self.path = path
        self.module = load_problem(path)
        self.device = chosen_device(device)
        self.models = {}

    def model(self, size):
        key = json.dumps(size, sort_keys=True)
        if key not in self.models:
            for name, value in size.items():
                setattr(self.module, name, value)
            torch.manual_seed(0)  # parameters kevo does not supply are the same every time
            model = self.module.Model(*self.module.get_init_inputs()).to(self.device).eval()
            self.models = {key: model}  # one size at a time: a bench-size model may be large
        return self.models[key]

    def bind(self, request, view):
        model = self.model(request["size"])
        named = dict(model.named_parameters())
        named.update(dict(model.named_buffers()))
        tensors = {}
        for spec in request["tensors"]:
            dtype = DTYPES[spec["dtype"]]
            count = spec["bytes"] // torch.empty((), dtype=dtype).element_size()
            host = torch.frombuffer(view, dtype=dtype, count=count, offset=spec["offset"]).reshape(spec["shape"])
            tensors[spec["name"]] = (spec, host)
            if spec["role"] == "input" and spec.get("parameter"):
                target = named.get(spec["parameter"])
                if target is None:
                    raise ValueError(f"the model has no parameter '{spec['parameter']}' (it has: "
                                     f"{', '.join(sorted(named))})")
                with torch.no_grad():
                    target.copy_(host.reshape(target.shape).to(target.device, target.dtype))
        inputs = [tensors[name][1].to(self.device) for name in request["forward"]]
        return model, inputs, tensors

    def outputs(self, request, view):
        model, inputs, tensors = self.bind(request, view)
        with torch.no_grad():
            result = model(*inputs)
        results = list(result) if isinstance(result, (tuple, list)) else [result]
        outputs = [tensors[s["name"]] for s in request["tensors"] if s["role"] == "output"]
        if len(results) != len(outputs):
            raise ValueError(f"the model returns {len(results)} tensor(s); the task declares {len(outputs)} output(s)")
        for (spec, host), value in zip(outputs, results):
            value = value.detach().to("cpu", DTYPES[spec["dtype"]]).contiguous()
            if value.numel() != host.numel():
                raise ValueError(f"output '{spec['name']}': the model gives {list(value.shape)}, the task declares "
                                 f"{spec['shape']}")
            host.copy_(value.reshape(host.shape))

    def time(self, request, view):
        model, inputs, _ = self.bind(request, view)
        reply = {"eager_seconds": median_seconds(model, inputs, request), "compile_seconds": None,
                 "compile_error": ""}
        if request.get("compile"):
            try:
                compiled = torch.compile(model)
                reply["compile_seconds"] = median_seconds(compiled, inputs, request)
            except Exception as error:  # torch.compile needs a compiler toolchain; eager still stands
                reply["compile_error"] = f"{type(error).__name__}: {error}".splitlines()[0][:300]
        return reply


def median_seconds(model, inputs, request):
    """Median of flushed samples, each bracketed by CUDA events (kevo's protocol)."""
    flush = torch.empty(int(request.get("flush_bytes", 0)) // 4 or 1, dtype=torch.float32, device=inputs[0].device)
    samples = []
    with torch.no_grad():
        for run in range(int(request.get("warmup", 3)) + int(request.get("samples", 20))):
            flush.fill_(run)
            if inputs[0].is_cuda:
                start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
                start.record()
                model(*inputs)
                stop.record()
                torch.cuda.synchronize()
                seconds = start.elapsed_time(stop) / 1e3
            else:
                import time
                begin = time.perf_counter()
                model(*inputs)
                seconds = time.perf_counter() - begin
            if run >= int(request.get("warmup", 3)):
                samples.append(seconds)
    samples.sort()
    return samples[len(samples) // 2]


def serve(problem_path):
    problem = None
    for line in sys.stdin:
        try:
            request = json.loads(line)
            if torch is None:
                raise RuntimeError(f"PyTorch is not installed for {sys.executable} ({TORCH_ERROR})")
            if problem is None:
                problem = Problem(problem_path, request.get("device", ""))
            op = request.get("op")
            if op == "hello":
                name = torch.cuda.get_device_name(problem.device) if problem.device.startswith("cuda") else "cpu"
                reply = {"torch": torch.__version__, "device": problem.device, "device_name": name}
            elif op in ("outputs", "time"):
                with open(request["shm"], "r+b") as shm, device_held(request.get("lock", "")):
                    with mmap.mmap(shm.fileno(), 0) as view:
                        reply = problem.outputs(request, view) if op == "outputs" else problem.time(request, view)
                reply = reply or {}
            else:
                raise ValueError(f"unknown op '{op}'")
            reply["ok"] = True
        except Exception as error:
            reply = {"ok": False, "error": f"{type(error).__name__}: {error}",
                     "trace": traceback.format_exc(limit=4)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: torch_reference.py PROBLEM.py   (then JSON requests on stdin)")
    serve(os.path.abspath(sys.argv[1]))
