"""Reference values for MAIA's experiment statistics (Sources/MaiaExperiments/Statistics), computed with SciPy and
statsmodels, written to Tests/Fixtures/experiment-statistics.json which the Swift tests compare against.

Run (SciPy and statsmodels are not part of MAIA's environment; install them into a scratch folder):
    pip install --target /tmp/statsref scipy statsmodels
    PYTHONPATH=/tmp/statsref python3 scripts/reference/experiment_statistics.py
"""

import json
import math
import pathlib

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep

MASK = (1 << 64) - 1


class SplitMix64:
    """The generator of Sources/MaiaExperiments/Statistics/SplitMix64.swift, draw for draw."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def index(self, count):
        return self.next() % count


def cluster_bootstrap(candidate, control, q, replicates, seed):
    """QuantileBootstrap.difference: resample units, take the type-7 quantile, percentile interval."""
    rng = SplitMix64(seed)

    def resample(units):
        values = []
        for _ in units:
            values += units[rng.index(len(units))]
        return np.quantile(values, q)

    diffs = []
    for _ in range(replicates):
        a = resample(candidate)
        b = resample(control)
        diffs.append(a - b)
    diffs = np.array(diffs)
    estimate = np.quantile(sum(candidate, []), q) - np.quantile(sum(control, []), q)
    return {
        "estimate": float(estimate),
        "lower": float(np.quantile(diffs, 0.025)),
        "upper": float(np.quantile(diffs, 0.975)),
        "standard_error": float(np.std(diffs, ddof=1)),
    }


def delta_ratio(pairs):
    y = np.array([p[0] for p in pairs], dtype=float)
    x = np.array([p[1] for p in pairs], dtype=float)
    n = len(y)
    r = y.mean() / x.mean()
    cov = np.cov(y, x, ddof=1)
    var = (cov[0, 0] - 2 * r * cov[0, 1] + r * r * cov[1, 1]) / (n * x.mean() ** 2)
    return r, var


def main():
    out = {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__}
    out["normal_quantile"] = [[p, stats.norm.ppf(p)] for p in [1e-10, 1e-4, 0.001, 0.01, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999, 1 - 1e-9]]
    out["normal_cdf"] = [[x, stats.norm.cdf(x)] for x in [-8, -3.2, -1.96, -0.5, 0, 0.7, 1.644853627, 4]]
    out["chi_square_survival"] = [
        [x, k, stats.chi2.sf(x, k)] for x, k in [(0.5, 1), (3.841458820694124, 1), (10.83, 1), (25, 1), (60, 1), (2, 2), (7.5, 3), (30, 10), (150, 100)]
    ]
    out["t_quantile"] = [[p, df, stats.t.ppf(p, df)] for p, df in [(0.975, 1), (0.975, 2.5), (0.975, 10), (0.975, 57.3), (0.975, 1000), (0.9, 4), (0.025, 7)]]
    out["t_cdf"] = [[t, df, stats.t.cdf(t, df)] for t, df in [(-3, 3), (0.4, 12.7), (2.2, 40), (12, 1)]]

    srm = []
    for observed, shares in [([50_500, 49_500], [50, 50]), ([20_350, 79_650], [20, 80]), ([1_010, 990], [50, 50]), ([333, 333, 334], [1, 1, 1])]:
        total = sum(observed)
        expected = [total * s / sum(shares) for s in shares]
        statistic, p = stats.chisquare(observed, expected)
        srm.append({"observed": observed, "shares": shares, "statistic": statistic, "p_value": p})
    out["srm"] = srm

    newcombe = []
    for c1, n1, c2, n2 in [(56, 70, 48, 80), (9, 10, 3, 10), (5, 56, 0, 29), (0, 10, 0, 20), (130, 4000, 90, 4000)]:
        low, high = confint_proportions_2indep(c1, n1, c2, n2, method="newcomb", compare="diff")
        newcombe.append({"candidate": [c1, n1], "control": [c2, n2], "lower": low, "upper": high})
    out["newcombe"] = newcombe

    rng = np.random.default_rng(7)
    welch = []
    for n1, n2, m1, m2, s1, s2 in [(12, 20, 5.0, 4.0, 2.0, 1.0), (40, 35, 100, 98, 15, 30), (3, 5, 1, 2, 1, 3)]:
        a = np.round(rng.normal(m1, s1, n1), 3)
        b = np.round(rng.normal(m2, s2, n2), 3)
        ci = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
        welch.append({"candidate": a.tolist(), "control": b.tolist(), "estimate": a.mean() - b.mean(), "lower": ci.low, "upper": ci.high})
    out["welch"] = welch

    ratio_candidate = [[float(y), float(x)] for y, x in zip(np.round(rng.gamma(2, 0.01, 30), 4), rng.integers(1, 9, 30))]
    ratio_control = [[float(y), float(x)] for y, x in zip(np.round(rng.gamma(2, 0.012, 25), 4), rng.integers(1, 12, 25))]
    r1, v1 = delta_ratio(ratio_candidate)
    r2, v2 = delta_ratio(ratio_control)
    se = math.sqrt(v1 + v2)
    z = stats.norm.ppf(0.975)
    out["delta_ratio"] = {
        "candidate": ratio_candidate, "control": ratio_control,
        "candidate_ratio": r1, "candidate_variance": v1, "control_ratio": r2, "control_variance": v2,
        "lower": r1 - r2 - z * se, "upper": r1 - r2 + z * se,
    }

    units_a = [np.round(rng.lognormal(6.5, 0.5, rng.integers(1, 6)), 1).tolist() for _ in range(40)]
    units_b = [np.round(rng.lognormal(6.4, 0.5, rng.integers(1, 6)), 1).tolist() for _ in range(35)]
    out["bootstrap"] = {
        "candidate": units_a, "control": units_b, "quantile": 0.95, "replicates": 200, "seed": 12,
        **cluster_bootstrap(units_a, units_b, 0.95, 200, 12),
    }
    out["splitmix64_seed_12"] = [str(v) for v in (lambda g: [g.next() for _ in range(4)])(SplitMix64(12))]

    path = pathlib.Path(__file__).resolve().parents[2] / "Tests/Fixtures/experiment-statistics.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
