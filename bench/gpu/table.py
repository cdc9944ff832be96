"""Prints bench/gpu's table from a run's report.md and `kevo calibrate` output.

GEMM rows get the ratio of cuBLAS's time to the best variant's time at the
same size (1.0 = as fast as cuBLAS), both measured in the same session.
"""
import re
import sys

GEMM_BASELINES = {"sgemm": "fp32 4096x4096x4096", "bgemm": "bf16 4096x4096x4096"}


def report_rows(path):
    rows = []
    with open(path) as report:
        lines = [line for line in report if line.startswith("| ")]
    header = [cell.strip() for cell in lines[0].strip().strip("|").split("|")]
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == len(header):
            rows.append(dict(zip(header, cells)))
    return rows


def baselines(path):
    found = {}
    with open(path) as calibration:
        for line in calibration:
            match = re.match(r"baseline cublas (\S+ \S+): ([0-9.]+) ms", line)
            if match:
                found[match.group(1)] = float(match.group(2))
    return found


def main(report_path, calibrate_path):
    cublas = baselines(calibrate_path)
    print("| task | seed ms | best ms | speedup | GB/s | TFLOP/s | roofline (measured) | vs cuBLAS | best |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in report_rows(report_path):
        versus = ""
        shape = GEMM_BASELINES.get(row["task"])
        if shape and shape in cublas and float(row["best ms"]) > 0:
            versus = "%.2f (cuBLAS %.3f ms)" % (cublas[shape] / float(row["best ms"]), cublas[shape])
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            row["task"], row["seed ms"], row["best ms"], row["speedup"], row["GB/s"], row["TFLOP/s"],
            row["roofline"], versus, row["best (family: knobs)"]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
