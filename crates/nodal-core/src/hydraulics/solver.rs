//! Bracketed scalar root finding (Brent's method) for the inverse solves.

use crate::error::{CoreError, CoreResult};

/// Finds `x` in `[a, b]` with `f(x) = 0`, given `fa = f(a)` and `fb = f(b)` of opposite signs
/// (or one of them zero). Brent (1973), *Algorithms for Minimization without Derivatives*,
/// Ch. 4: inverse quadratic interpolation and secant steps safeguarded by bisection.
///
/// Stops when the bracket is narrower than `x_tol` or `|f| ≤ f_tol`; returns
/// `NoConvergence` (named `method`) after `max_iter` evaluations.
#[allow(clippy::too_many_arguments)]
pub(crate) fn brent<F>(
    mut f: F,
    mut a: f64,
    mut b: f64,
    mut fa: f64,
    mut fb: f64,
    x_tol: f64,
    f_tol: f64,
    max_iter: u32,
    method: &'static str,
) -> CoreResult<f64>
where
    F: FnMut(f64) -> CoreResult<f64>,
{
    if fa == 0.0 {
        return Ok(a);
    }
    if fb == 0.0 {
        return Ok(b);
    }
    if fa.signum() == fb.signum() {
        return Err(CoreError::Physical(format!(
            "{method}: the root is not bracketed (f = {fa} at {a}, f = {fb} at {b})"
        )));
    }
    if fa.abs() < fb.abs() {
        std::mem::swap(&mut a, &mut b);
        std::mem::swap(&mut fa, &mut fb);
    }
    let mut c = a;
    let mut fc = fa;
    let mut d = b - a;
    let mut bisected = true;
    for _ in 0..max_iter {
        if fb.abs() <= f_tol || (b - a).abs() <= x_tol {
            return Ok(b);
        }
        let mut s = if fa != fc && fb != fc {
            a * fb * fc / ((fa - fb) * (fa - fc))
                + b * fa * fc / ((fb - fa) * (fb - fc))
                + c * fa * fb / ((fc - fa) * (fc - fb))
        } else {
            b - fb * (b - a) / (fb - fa)
        };
        let lo = (3.0 * a + b) / 4.0;
        let between = if lo < b {
            s > lo && s < b
        } else {
            s > b && s < lo
        };
        let use_bisection = !between
            || (bisected && (s - b).abs() >= 0.5 * (b - c).abs())
            || (!bisected && (s - b).abs() >= 0.5 * (c - d).abs())
            || (bisected && (b - c).abs() < x_tol)
            || (!bisected && (c - d).abs() < x_tol);
        if use_bisection {
            s = 0.5 * (a + b);
        }
        bisected = use_bisection;
        let fs = f(s)?;
        d = c;
        c = b;
        fc = fb;
        if fa.signum() == fs.signum() {
            a = s;
            fa = fs;
        } else {
            b = s;
            fb = fs;
        }
        if fa.abs() < fb.abs() {
            std::mem::swap(&mut a, &mut b);
            std::mem::swap(&mut fa, &mut fb);
        }
    }
    Err(CoreError::NoConvergence {
        method,
        iterations: max_iter,
        last_estimate: b,
        residual: fb,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn finds_cubic_root() {
        let f = |x: f64| Ok(x * x * x - 2.0 * x - 5.0);
        let r = brent(f, 2.0, 3.0, -1.0, 16.0, 1e-13, 0.0, 100, "t").unwrap();
        assert!((r - 2.094_551_481_542_326_5).abs() < 1e-12);
    }

    #[test]
    fn rejects_unbracketed() {
        let f = |x: f64| Ok(x * x + 1.0);
        assert!(brent(f, -1.0, 1.0, 2.0, 2.0, 1e-9, 0.0, 50, "t").is_err());
    }
}
