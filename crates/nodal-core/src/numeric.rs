//! Bracketed scalar root finding and minimisation, the one copy the whole engine uses (inflow
//! inverses, nodal intersections, hydraulics inverse solves, surface facilities): Brent's
//! method (roots) and golden-section search (minima).

use crate::error::{CoreError, CoreResult};

/// Outcome of a bracketed root search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Root {
    /// Best estimate of the root.
    pub x: f64,
    /// Function value at `x`.
    pub fx: f64,
    /// Function evaluations after the two bracket ends.
    pub iterations: u32,
    /// `true` when `|f(x)| ≤ f_tol` or the bracket shrank below `x_tol`.
    pub converged: bool,
}

impl Root {
    /// The root when the search converged, else [`CoreError::NoConvergence`] naming `method`
    /// with the last estimate and its residual.
    pub fn or_no_convergence(self, method: &'static str) -> CoreResult<f64> {
        if self.converged {
            Ok(self.x)
        } else {
            Err(CoreError::NoConvergence {
                method,
                iterations: self.iterations,
                last_estimate: self.x,
                residual: self.fx,
            })
        }
    }
}

/// Finds `x` in `[a, b]` with `f(x) = 0`, given `fa = f(a)` and `fb = f(b)` of opposite signs
/// (or one of them zero).
///
/// Brent (1973), *Algorithms for Minimization without Derivatives*, Ch. 4: inverse quadratic
/// interpolation and secant steps, falling back to bisection whenever an interpolated step
/// would leave the bracket or shrink it too slowly. Stops when `|f| ≤ f_tol` or the bracket
/// is narrower than `x_tol`; after `max_iter` evaluations it returns the best estimate with
/// `converged = false` so the caller can report how far it got. Errors of `f` propagate.
#[allow(clippy::too_many_arguments)]
pub(crate) fn brent<F>(
    mut f: F,
    a: f64,
    b: f64,
    fa: f64,
    fb: f64,
    x_tol: f64,
    f_tol: f64,
    max_iter: u32,
    method: &'static str,
) -> CoreResult<Root>
where
    F: FnMut(f64) -> CoreResult<f64>,
{
    if fa == 0.0 {
        return Ok(Root {
            x: a,
            fx: fa,
            iterations: 0,
            converged: true,
        });
    }
    if fb == 0.0 {
        return Ok(Root {
            x: b,
            fx: fb,
            iterations: 0,
            converged: true,
        });
    }
    if !(fa.is_finite() && fb.is_finite()) || fa.signum() == fb.signum() {
        return Err(CoreError::Physical(format!(
            "{method}: the root is not bracketed (f = {fa} at {a}, f = {fb} at {b})"
        )));
    }
    let (mut a, mut b, mut fa, mut fb) = (a, b, fa, fb);
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    for iteration in 1..=max_iter {
        if fb.signum() == fc.signum() {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol1 = 2.0 * f64::EPSILON * b.abs() + 0.5 * x_tol;
        let xm = 0.5 * (c - b);
        if xm.abs() <= tol1 || fb.abs() <= f_tol {
            return Ok(Root {
                x: b,
                fx: fb,
                iterations: iteration - 1,
                converged: true,
            });
        }
        if e.abs() >= tol1 && fa.abs() > fb.abs() {
            let s = fb / fa;
            let (mut p, mut q) = if a == c {
                (2.0 * xm * s, 1.0 - s)
            } else {
                let q = fa / fc;
                let r = fb / fc;
                (
                    s * (2.0 * xm * q * (q - r) - (b - a) * (r - 1.0)),
                    (q - 1.0) * (r - 1.0) * (s - 1.0),
                )
            };
            if p > 0.0 {
                q = -q;
            }
            p = p.abs();
            let min1 = 3.0 * xm * q - (tol1 * q).abs();
            let min2 = (e * q).abs();
            if 2.0 * p < min1.min(min2) {
                e = d;
                d = p / q;
            } else {
                d = xm;
                e = d;
            }
        } else {
            d = xm;
            e = d;
        }
        a = b;
        fa = fb;
        b += if d.abs() > tol1 { d } else { tol1.copysign(xm) };
        fb = f(b)?;
    }
    Ok(Root {
        x: b,
        fx: fb,
        iterations: max_iter,
        converged: fb.abs() <= f_tol,
    })
}

/// Minimum of `f` on `[a, b]` by golden-section search (Kiefer, 1953), for a function that is
/// unimodal there. Stops when the interval is narrower than `x_tol` or after `max_iter`
/// evaluations; returns `(x, f(x))` of the best point evaluated.
pub(crate) fn golden_section_min<F>(
    mut f: F,
    a: f64,
    b: f64,
    x_tol: f64,
    max_iter: u32,
) -> CoreResult<(f64, f64)>
where
    F: FnMut(f64) -> CoreResult<f64>,
{
    let inv_phi = 0.5 * (5.0_f64.sqrt() - 1.0);
    let (mut a, mut b) = (a.min(b), a.max(b));
    let mut x1 = b - inv_phi * (b - a);
    let mut x2 = a + inv_phi * (b - a);
    let mut f1 = f(x1)?;
    let mut f2 = f(x2)?;
    for _ in 0..max_iter {
        if b - a <= x_tol {
            break;
        }
        if f1 <= f2 {
            b = x2;
            x2 = x1;
            f2 = f1;
            x1 = b - inv_phi * (b - a);
            f1 = f(x1)?;
        } else {
            a = x1;
            x1 = x2;
            f1 = f2;
            x2 = a + inv_phi * (b - a);
            f2 = f(x2)?;
        }
    }
    Ok(if f1 <= f2 { (x1, f1) } else { (x2, f2) })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn brent_finds_cubic_root_and_counts_iterations() {
        // x³ − 2x − 5 = 0 has the root 2.094 551 481 542 326 5 (Newton's classic example).
        let f = |x: f64| Ok(x * x * x - 2.0 * x - 5.0);
        let r = brent(f, 2.0, 3.0, -1.0, 16.0, 1e-14, 0.0, 100, "t").unwrap();
        assert!(r.converged);
        assert!((r.x - 2.094_551_481_542_326_5).abs() < 1e-12);
        assert!(r.iterations > 0 && r.iterations < 20, "{}", r.iterations);
    }

    #[test]
    fn brent_reports_unbracketed_and_non_convergence() {
        let f = |x: f64| Ok(x * x + 1.0);
        assert!(brent(f, -1.0, 1.0, 2.0, 2.0, 1e-9, 0.0, 50, "t").is_err());
        let f = |x: f64| Ok(x * x * x - 2.0 * x - 5.0);
        let r = brent(f, 2.0, 3.0, -1.0, 16.0, 0.0, 0.0, 2, "t").unwrap();
        assert!(!r.converged);
        assert_eq!(r.iterations, 2);
        assert!(r.x > 2.0 && r.x < 3.0);
    }

    #[test]
    fn non_convergence_becomes_an_error_naming_the_method() {
        let f = |x: f64| Ok(x * x * x - 2.0 * x - 5.0);
        let r = brent(f, 2.0, 3.0, -1.0, 16.0, 0.0, 0.0, 2, "t").unwrap();
        let err = r.or_no_convergence("cubic").unwrap_err();
        assert!(matches!(
            err,
            CoreError::NoConvergence {
                method: "cubic",
                iterations: 2,
                ..
            }
        ));
        let r = brent(f, 2.0, 3.0, -1.0, 16.0, 1e-12, 0.0, 100, "t").unwrap();
        assert!((r.or_no_convergence("cubic").unwrap() - 2.094_551_481_542_326_5).abs() < 1e-10);
    }

    #[test]
    fn golden_section_finds_parabola_minimum() {
        let (x, fx) = golden_section_min(
            |x: f64| Ok((x - 1.3) * (x - 1.3) + 2.0),
            0.0,
            4.0,
            1e-8,
            100,
        )
        .unwrap();
        assert!((x - 1.3).abs() < 1e-6);
        assert!((fx - 2.0).abs() < 1e-10);
    }
}
