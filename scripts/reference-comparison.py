#!/usr/bin/env python3
"""The reference SLAM method on the data `slam-bench reference-data` wrote, and both implementations'
precision against the true labels.

The reference is the method of Zhang, Liu & Deng (2020) as the Python `astroslam` package runs it:
scikit-learn's `SVR` (libsvm) per pixel with the RBF kernel, then SciPy `least_squares` (its default
trust-region reflective method, plain least squares) from a first guess. Both sides use the same
standardised flux and labels, the same fixed hyperparameters, the same pixel weights
w = p / (1 + p v) (p the observed precision in standardised units, v the pixel's model variance) and
the same first guesses (SLAM's template matching), so the comparison isolates the SVR solver and the
label fit.

Needs numpy, scipy and scikit-learn (`pip install numpy scipy scikit-learn`). Usage:

    .build/release/slam-bench reference-data --out /tmp/slam-reference
    python3 scripts/reference-comparison.py /tmp/slam-reference
"""
import json
import os
import sys
import time

import numpy as np
from scipy.optimize import least_squares
from sklearn.svm import SVR


def load(directory, name, dtype, shape):
    return np.fromfile(os.path.join(directory, name), dtype=dtype).reshape(shape)


def main(directory):
    with open(os.path.join(directory, "meta.json")) as f:
        meta = json.load(f)
    n, p, m, l = meta["n"], meta["p"], meta["m"], meta["l"]
    names = meta["label_names"]
    label_mean, label_scale = np.array(meta["label_mean"]), np.array(meta["label_scale"])
    flux_mean, flux_scale = np.array(meta["flux_mean"]), np.array(meta["flux_scale"])
    variance = np.array(meta["model_variance"])
    gamma = meta["gamma"]

    train_labels = load(directory, "train_labels.f64", np.float64, (n, l))
    train_flux = load(directory, "train_flux.f32", np.float32, (n, p)).astype(np.float64)
    train_ivar = load(directory, "train_ivar.f32", np.float32, (n, p)).astype(np.float64)
    truth = load(directory, "test_truth.f64", np.float64, (m, l))
    test_flux = load(directory, "test_flux.f32", np.float32, (m, p)).astype(np.float64)
    test_ivar = load(directory, "test_ivar.f32", np.float32, (m, p)).astype(np.float64)
    snr = load(directory, "test_snr.f64", np.float64, (m,))
    first_guess = load(directory, "first_guess.f64", np.float64, (m, l))
    slam = {name: load(directory, name + ".f64", np.float64, (m, l)) for name in ("slam_linear", "slam_robust")}

    # Training: one libsvm SVR per pixel on the stars whose pixel is good.
    z = (train_labels - label_mean) / label_scale
    good = np.isfinite(train_flux) & np.isfinite(train_ivar) & (train_ivar > 0)
    coefficients = np.zeros((p, n))
    intercept = np.zeros(p)
    start = time.time()
    for j in range(p):
        rows = np.flatnonzero(good[:, j])
        y = (train_flux[rows, j] - flux_mean[j]) / flux_scale[j]
        svr = SVR(kernel="rbf", C=meta["c"], epsilon=meta["epsilon"], gamma=gamma, tol=1e-3).fit(z[rows], y)
        coefficients[j, rows[svr.support_]] = svr.dual_coef_[0]
        intercept[j] = svr.intercept_[0]
    train_seconds = time.time() - start
    print(f"reference training (scikit-learn SVR per pixel, 1 process): {train_seconds:.1f} s; "
          f"SLAM: {meta['slam_train_seconds']:.2f} s")

    # Inference: weighted least squares on the standardised flux, SciPy least_squares from the same start.
    def model(theta):
        d = theta[None, :] - z
        k = np.exp(-gamma * np.einsum("il,il->i", d, d))
        f = coefficients @ k + intercept
        jac = coefficients @ (k[:, None] * (-2 * gamma) * d)
        return f, jac

    reference = np.full((m, l), np.nan)
    start = time.time()
    for s in range(m):
        if not np.all(np.isfinite(first_guess[s])):
            continue
        ok = np.isfinite(test_flux[s]) & np.isfinite(test_ivar[s]) & (test_ivar[s] > 0)
        precision = np.where(ok, test_ivar[s], 0) * flux_scale ** 2
        sqrt_w = np.sqrt(precision / (1 + precision * variance))
        obs = np.where(ok, (test_flux[s] - flux_mean) / flux_scale, 0)

        def residuals(theta):
            return sqrt_w * (obs - model(theta)[0])

        def jacobian(theta):
            return -sqrt_w[:, None] * model(theta)[1]

        x0 = (first_guess[s] - label_mean) / label_scale
        fit = least_squares(residuals, x0, jac=jacobian)
        reference[s] = fit.x * label_scale + label_mean
    print(f"reference inference (SciPy least_squares, trf): {m} spectra in {time.time() - start:.1f} s")

    def robust_scatter(x):
        x = x[np.isfinite(x)]
        return 1.4826 * np.median(np.abs(x - np.median(x))) if x.size else np.nan

    bins = [(20, 40), (40, 60), (60, 100)]
    methods = [("reference (libsvm + least_squares)", reference), ("SLAM, linear loss", slam["slam_linear"]),
               (f"SLAM, {meta['robust_loss']} (default)", slam["slam_robust"])]
    print("\nbias / robust scatter (1.4826 MAD) of labels - truth, per S/N bin:")
    print("method".ljust(38) + "S/N      " + "  ".join(name.rjust(15) for name in names))
    for title, labels in methods:
        for lo, hi in bins:
            sel = (snr >= lo) & (snr < hi)
            cells = []
            for c in range(l):
                r = labels[sel, c] - truth[sel, c]
                cells.append(f"{np.nanmedian(r):+.3g}/{robust_scatter(r):.3g}".rjust(15))
            print(title.ljust(38) + f"{lo}-{hi}".ljust(9) + "  ".join(cells))
    difference = np.abs(slam["slam_linear"] - reference)
    print("\nmedian |SLAM linear - reference| per label: "
          + ", ".join(f"{name} {np.nanmedian(difference[:, c]):.3g}" for c, name in enumerate(names)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/slam-reference")
