"""The statistics of an experiment report: means with t-based confidence
intervals over seeds, and tests of one arm's speedups against another's on a
log scale (speedups are ratios: 2x and 0.5x are equally far from 1x)."""
import math

from scipy import stats


def median(values):
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def mean_ci(values, level=0.95):
    """(mean, low, high); low and high are None for a single value."""
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, None, None
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = stats.t.ppf(0.5 + level / 2, n - 1) * sd / math.sqrt(n)
    return mean, mean - half, mean + half


def geo_mean_ci(values, level=0.95):
    """Geometric mean with its CI (computed on logs, so bounds stay positive); for speedups."""
    mean, low, high = mean_ci([math.log(v) for v in values], level)
    if low is None:
        return math.exp(mean), None, None
    return math.exp(mean), math.exp(low), math.exp(high)


def clipped_mean_ci(values, low_bound, high_bound, level=0.95):
    """mean_ci with the interval clipped to what the quantity can take (shares lie in [0, 1])."""
    mean, low, high = mean_ci(values, level)
    if low is None:
        return mean, None, None
    return mean, max(low_bound, low), min(high_bound, high)


def welch_log_ratio(a, b):
    """Geometric-mean ratio a/b and the two-sided Welch t-test p on log values (1.0 when both are constant and equal)."""
    la, lb = [math.log(x) for x in a], [math.log(x) for x in b]
    ratio = math.exp(sum(la) / len(la) - sum(lb) / len(lb))
    if _constant(la) and _constant(lb):
        return ratio, 1.0 if la[0] == lb[0] else 0.0
    return ratio, float(stats.ttest_ind(la, lb, equal_var=False).pvalue)


def paired_log_ratio(pairs):
    """Geometric-mean ratio over (a, b) pairs and the two-sided Wilcoxon signed-rank p of log(a/b)."""
    diffs = [math.log(a / b) for a, b in pairs]
    ratio = math.exp(sum(diffs) / len(diffs))
    if all(d == 0 for d in diffs):
        return ratio, 1.0
    return ratio, float(stats.wilcoxon(diffs).pvalue)


def holm(p_values):
    """Holm-Bonferroni adjusted p-values, in the input order."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    adjusted = [0.0] * len(p_values)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def _constant(values):
    return all(v == values[0] for v in values)
