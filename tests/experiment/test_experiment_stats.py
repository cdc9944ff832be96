"""The report's statistics on data with known answers.

    /usr/bin/python3 tests/experiment/test_experiment_stats.py
Exit 77 (skipped) where scipy is missing; scripts/install-deps.sh installs it.
"""
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "experiments", "report"))
try:
    import experiment_stats as stats
except ImportError as error:
    print(f"SKIPPED: {error}")
    sys.exit(77)


def close(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(b))


def test_geo_mean_ci():
    mean, low, high = stats.geo_mean_ci([2.0, 8.0])
    assert close(mean, 4.0)
    assert 0 < low < 4.0 < high  # computed on logs: the bound stays positive
    single = stats.geo_mean_ci([3.0])
    assert close(single[0], 3.0) and single[1:] == (None, None)


def test_mean_ci_matches_t_table():
    # n = 3, sd = 1: half width t(0.975, 2) / sqrt(3) = 4.3027 / 1.7321 = 2.4841
    mean, low, high = stats.mean_ci([1.0, 2.0, 3.0])
    assert close(mean, 2.0)
    assert abs((high - mean) - 2.4841) < 1e-3


def test_welch_separates_clear_differences_only():
    ratio, p = stats.welch_log_ratio([4.0, 4.1, 3.9, 4.05], [2.0, 2.1, 1.95, 2.02])
    assert 1.9 < ratio < 2.1 and p < 0.001
    ratio, p = stats.welch_log_ratio([2.0, 2.5, 1.8], [2.1, 1.9, 2.4])
    assert p > 0.5
    assert stats.welch_log_ratio([2.0, 2.0], [2.0, 2.0]) == (1.0, 1.0)


def test_paired_wilcoxon():
    pairs = [(2.0 * b, b) for b in (1.0, 1.5, 2.0, 3.0, 1.2, 1.7, 2.2, 2.8, 1.1)]
    ratio, p = stats.paired_log_ratio(pairs)
    assert close(ratio, 2.0) and p < 0.01  # 9 pairs, all the same sign
    assert stats.paired_log_ratio([(1.0, 1.0), (2.0, 2.0)]) == (1.0, 1.0)


def test_holm():
    adjusted = stats.holm([0.01, 0.04, 0.03])
    assert [round(q, 6) for q in adjusted] == [0.03, 0.06, 0.06]
    assert stats.holm([0.5, 0.9]) == [1.0, 1.0]


def test_median():
    assert stats.median([3, 1, 2]) == 2
    assert stats.median([4, 1, 2, 3]) == 2.5


if __name__ == "__main__":
    tests = [(name, f) for name, f in sorted(globals().items()) if name.startswith("test_")]
    for name, test in tests:
        test()
        print(f"ok {name}")
    print(f"{len(tests)} passed")
