//! Fitting inflow models to multi-rate well tests (flow-after-flow or isochronal stabilised
//! points): the deliverability exponent and coefficient (Fetkovich, Rawlins-Schellhardt) and
//! the Jones-Blount-Glaze laminar and turbulent coefficients, by ordinary least squares.

use super::deliverability::check_exponent;
use super::{BackPressure, Fetkovich, Inflow, JonesBlountGlaze, check_reservoir_pressure};
use crate::error::{CoreError, CoreResult};

/// Most test points a fit accepts.
pub const MAX_TEST_POINTS: usize = 100;

/// One stabilised point of a multi-rate test.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct WellTestPoint {
    /// Stabilised rate: STB/d for oil fits, Mscf/d for gas fits; > 0.
    pub rate: f64,
    /// Flowing bottom-hole pressure, psia, at least 0 and below the reservoir pressure.
    pub flowing_pressure_psia: f64,
}

/// How well one test point is reproduced.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FitResidual {
    /// Measured rate.
    pub rate: f64,
    /// Measured flowing pressure, psia.
    pub flowing_pressure_psia: f64,
    /// Rate of the fitted model at the measured pressure.
    pub fitted_rate: f64,
    /// Measured minus fitted rate.
    pub rate_residual: f64,
    /// Residual in the regressed variable: `log10(Δp²)` for the deliverability fits,
    /// `Δp/q` (psi/(STB/d)) for Jones-Blount-Glaze.
    pub regression_residual: f64,
}

/// Result of a deliverability fit (`q = C (p̄r² − p_wf²)^n`).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DeliverabilityFit<M> {
    /// The fitted model.
    pub model: M,
    /// C, rate unit per psi^(2n).
    pub c: f64,
    /// n.
    pub n: f64,
    /// Coefficient of determination of the regression of `log10(Δp²)` on `log10 q`.
    pub r_squared: f64,
    /// One entry per test point, in input order.
    pub residuals: Vec<FitResidual>,
    /// Absolute open flow of the fitted model (at zero flowing pressure).
    pub absolute_open_flow: f64,
}

/// Result of a Jones-Blount-Glaze fit (`p̄r − p_wf = A q + B q²`).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct JonesFit {
    /// The fitted model.
    pub model: JonesBlountGlaze,
    /// A, psi/(STB/d).
    pub a_psi_per_stb_d: f64,
    /// B, psi/(STB/d)².
    pub b_psi_per_stb_d2: f64,
    /// Coefficient of determination of the regression of `Δp/q` on `q`.
    pub r_squared: f64,
    /// One entry per test point, in input order.
    pub residuals: Vec<FitResidual>,
    /// Absolute open flow of the fitted model, STB/d.
    pub absolute_open_flow: f64,
}

/// Ordinary least squares `y = intercept + slope x`: returns (intercept, slope, R²).
fn least_squares(x: &[f64], y: &[f64]) -> CoreResult<(f64, f64, f64)> {
    let n = x.len() as f64;
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let sxx: f64 = x.iter().map(|v| (v - mx) * (v - mx)).sum();
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let syy: f64 = y.iter().map(|v| (v - my) * (v - my)).sum();
    if sxx.is_nan() || sxx <= 0.0 {
        return Err(CoreError::invalid(
            "tests",
            "the test rates must not all be equal: a fit needs at least two different rates",
        ));
    }
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let ss_res: f64 = x
        .iter()
        .zip(y)
        .map(|(a, b)| {
            let r = b - (intercept + slope * a);
            r * r
        })
        .sum();
    let r_squared = if syy > 0.0 { 1.0 - ss_res / syy } else { 1.0 };
    Ok((intercept, slope, r_squared))
}

/// Checks the test points: 2 to [`MAX_TEST_POINTS`], rates > 0, pressures in `[0, p̄r)`.
fn check_tests(reservoir_pressure_psia: f64, tests: &[WellTestPoint]) -> CoreResult<()> {
    check_reservoir_pressure(reservoir_pressure_psia)?;
    if !(2..=MAX_TEST_POINTS).contains(&tests.len()) {
        return Err(CoreError::invalid(
            "tests",
            format!(
                "a fit needs 2 to {MAX_TEST_POINTS} test points (got {})",
                tests.len()
            ),
        ));
    }
    for (i, t) in tests.iter().enumerate() {
        if !(t.rate.is_finite() && t.rate > 0.0) {
            return Err(CoreError::invalid(
                "tests",
                format!("point {i}: the rate must be above zero (got {})", t.rate),
            ));
        }
        let p = t.flowing_pressure_psia;
        if !(p.is_finite() && p >= 0.0 && p < reservoir_pressure_psia) {
            return Err(CoreError::invalid(
                "tests",
                format!(
                    "point {i}: the flowing pressure must be at least 0 and below the reservoir pressure {reservoir_pressure_psia} psia (got {p})"
                ),
            ));
        }
    }
    Ok(())
}

/// `log10(Δp²)` on `log10 q`: returns (C, n, R², regression residuals).
fn fit_deliverability(
    reservoir_pressure_psia: f64,
    tests: &[WellTestPoint],
) -> CoreResult<(f64, f64, f64, Vec<f64>)> {
    check_tests(reservoir_pressure_psia, tests)?;
    let pr2 = reservoir_pressure_psia * reservoir_pressure_psia;
    let x: Vec<f64> = tests.iter().map(|t| t.rate.log10()).collect();
    let y: Vec<f64> = tests
        .iter()
        .map(|t| (pr2 - t.flowing_pressure_psia * t.flowing_pressure_psia).log10())
        .collect();
    let (intercept, slope, r_squared) = least_squares(&x, &y)?;
    if slope.is_nan() || slope <= 0.0 {
        return Err(CoreError::invalid(
            "tests",
            format!(
                "p̄r² − pwf² falls as the rate rises (log-log slope {slope:.4}): the test points are inconsistent"
            ),
        ));
    }
    let n = 1.0 / slope;
    let c = 10f64.powf(-intercept / slope);
    if check_exponent(n).is_err() {
        return Err(CoreError::invalid(
            "tests",
            format!(
                "the fitted exponent n = {n:.4} (C = {c:.6e}, R² = {r_squared:.4}) lies outside [0.5, 1]: the test points are not stabilised or not consistent"
            ),
        ));
    }
    let residuals = x
        .iter()
        .zip(&y)
        .map(|(a, b)| b - (intercept + slope * a))
        .collect();
    Ok((c, n, r_squared, residuals))
}

fn residuals<I: Inflow>(
    model: &I,
    tests: &[WellTestPoint],
    regression: &[f64],
) -> CoreResult<Vec<FitResidual>> {
    tests
        .iter()
        .zip(regression)
        .map(|(t, &r)| {
            let fitted = model.rate_at(t.flowing_pressure_psia)?;
            Ok(FitResidual {
                rate: t.rate,
                flowing_pressure_psia: t.flowing_pressure_psia,
                fitted_rate: fitted,
                rate_residual: t.rate - fitted,
                regression_residual: r,
            })
        })
        .collect()
}

/// Fits Fetkovich's (1973) `q = C (p̄r² − p_wf²)^n` (q in STB/d) to a multi-rate oil-well
/// test by least squares of `log10(p̄r² − p_wf²)` on `log10 q` (the straight line of the
/// log-log deliverability plot, `Δp²` against q, of slope `1/n`).
///
/// Errors when fewer than two distinct rates are given, a point is not below `p̄r`, or the
/// fitted n falls outside [0.5, 1] (the message gives the fitted values).
///
/// ```
/// use nodal_core::inflow::{fit_fetkovich, WellTestPoint};
/// // Points generated from C = 1e-3, n = 0.75 are recovered exactly.
/// let tests: Vec<WellTestPoint> = [2800.0, 2400.0, 1800.0].iter().map(|&p: &f64| WellTestPoint {
///     rate: 1e-3 * (3000.0f64.powi(2) - p * p).powf(0.75), flowing_pressure_psia: p }).collect();
/// let fit = fit_fetkovich(3000.0, &tests).unwrap();
/// assert!((fit.n - 0.75).abs() < 1e-10 && (fit.c / 1e-3 - 1.0).abs() < 1e-8);
/// ```
pub fn fit_fetkovich(
    reservoir_pressure_psia: f64,
    tests: &[WellTestPoint],
) -> CoreResult<DeliverabilityFit<Fetkovich>> {
    let (c, n, r_squared, regression) = fit_deliverability(reservoir_pressure_psia, tests)?;
    let model = Fetkovich::new(reservoir_pressure_psia, c, n)?;
    Ok(DeliverabilityFit {
        residuals: residuals(&model, tests, &regression)?,
        absolute_open_flow: model.absolute_open_flow()?,
        model,
        c,
        n,
        r_squared,
    })
}

/// Fits Rawlins and Schellhardt's (1935) back-pressure equation `q = C (p̄r² − p_wf²)^n`
/// (q in Mscf/d) to a multi-rate gas-well test, by the same regression as
/// [`fit_fetkovich`].
pub fn fit_back_pressure(
    reservoir_pressure_psia: f64,
    tests: &[WellTestPoint],
) -> CoreResult<DeliverabilityFit<BackPressure>> {
    let (c, n, r_squared, regression) = fit_deliverability(reservoir_pressure_psia, tests)?;
    let model = BackPressure::new(reservoir_pressure_psia, c, n)?;
    Ok(DeliverabilityFit {
        residuals: residuals(&model, tests, &regression)?,
        absolute_open_flow: model.absolute_open_flow()?,
        model,
        c,
        n,
        r_squared,
    })
}

/// Fits Jones, Blount and Glaze's (1976) `p̄r − p_wf = A q + B q²` (q in STB/d) to a
/// multi-rate test by linear least squares of `(p̄r − p_wf)/q` on q: intercept A
/// (psi/(STB/d)), slope B (psi/(STB/d)²).
///
/// Errors when A comes out at or below zero or B below zero (the message gives the fitted
/// values): the points do not follow the laminar-plus-turbulent form.
pub fn fit_jones_blount_glaze(
    reservoir_pressure_psia: f64,
    tests: &[WellTestPoint],
) -> CoreResult<JonesFit> {
    check_tests(reservoir_pressure_psia, tests)?;
    let x: Vec<f64> = tests.iter().map(|t| t.rate).collect();
    let y: Vec<f64> = tests
        .iter()
        .map(|t| (reservoir_pressure_psia - t.flowing_pressure_psia) / t.rate)
        .collect();
    let (a, b, r_squared) = least_squares(&x, &y)?;
    if !(a > 0.0 && b >= 0.0) {
        return Err(CoreError::invalid(
            "tests",
            format!(
                "the fit gives A = {a:.6e} psi/(STB/d) and B = {b:.6e} psi/(STB/d)² (R² = {r_squared:.4}); Jones-Blount-Glaze needs A > 0 and B ≥ 0"
            ),
        ));
    }
    let model = JonesBlountGlaze::new(reservoir_pressure_psia, a, b)?;
    let regression: Vec<f64> = x.iter().zip(&y).map(|(q, v)| v - (a + b * q)).collect();
    Ok(JonesFit {
        residuals: residuals(&model, tests, &regression)?,
        absolute_open_flow: model.absolute_open_flow()?,
        model,
        a_psi_per_stb_d: a,
        b_psi_per_stb_d2: b,
        r_squared,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn points(data: &[(f64, f64)]) -> Vec<WellTestPoint> {
        data.iter()
            .map(|&(rate, flowing_pressure_psia)| WellTestPoint {
                rate,
                flowing_pressure_psia,
            })
            .collect()
    }

    /// Four-point gas-well flow-after-flow test, p̄r = 408.2 psia (the classic data set of
    /// the Alberta ERCB gas-well testing manual, 1975, reprinted in Lee (1982), *Well
    /// Testing*, SPE Textbook Vol. 1): q = 4,288 / 9,265 / 15,552 / 20,177 Mscf/d at pwf =
    /// 403.1 / 394.0 / 378.5 / 362.6 psia. Expected values from `numpy.polyfit(log10 q,
    /// log10 Δp², 1)` run outside the project: n = 0.728 424, C = 10.0740 Mscf/d/psi^(2n),
    /// R² = 0.999 085, AOF = 64,097.9 Mscf/d; tolerance 1e-6 relative.
    #[test]
    fn back_pressure_fit_matches_numpy() {
        let tests = points(&[
            (4288.0, 403.1),
            (9265.0, 394.0),
            (15552.0, 378.5),
            (20177.0, 362.6),
        ]);
        let fit = fit_back_pressure(408.2, &tests).unwrap();
        assert!((fit.n - NUMPY_N).abs() < 1e-6, "{}", fit.n);
        assert!(((fit.c - NUMPY_C) / NUMPY_C).abs() < 1e-6, "{}", fit.c);
        assert!((fit.r_squared - NUMPY_R2).abs() < 1e-6, "{}", fit.r_squared);
        assert!(((fit.absolute_open_flow - NUMPY_AOF) / NUMPY_AOF).abs() < 1e-6);
        assert_eq!(fit.residuals.len(), 4);
        let sum: f64 = fit.residuals.iter().map(|r| r.regression_residual).sum();
        assert!(sum.abs() < 1e-12, "least-squares residuals sum to zero");
    }

    const NUMPY_N: f64 = 0.728_423_744_433_847_2;
    const NUMPY_C: f64 = 10.073_951_601_650_304;
    const NUMPY_R2: f64 = 0.999_085_291_278_785_5;
    const NUMPY_AOF: f64 = 64_097.875_377_376_99;

    /// Points generated exactly from a known model are recovered to rounding, with R² = 1.
    #[test]
    fn exact_data_are_recovered() {
        let pr = 3500.0;
        let truth = Fetkovich::new(pr, 3e-4, 0.85).unwrap();
        let tests: Vec<WellTestPoint> = [3300.0, 3000.0, 2500.0, 1800.0]
            .iter()
            .map(|&p| WellTestPoint {
                rate: truth.rate_at(p).unwrap(),
                flowing_pressure_psia: p,
            })
            .collect();
        let fit = fit_fetkovich(pr, &tests).unwrap();
        assert!((fit.n - 0.85).abs() < 1e-10);
        assert!((fit.c / 3e-4 - 1.0).abs() < 1e-8);
        assert!((fit.r_squared - 1.0).abs() < 1e-12);
        for r in &fit.residuals {
            assert!(r.rate_residual.abs() < 1e-6 * r.rate);
        }
        let jbg = JonesBlountGlaze::new(pr, 0.8, 2e-4).unwrap();
        let tests: Vec<WellTestPoint> = [3400.0, 3200.0, 2900.0, 2500.0]
            .iter()
            .map(|&p| WellTestPoint {
                rate: jbg.rate_at(p).unwrap(),
                flowing_pressure_psia: p,
            })
            .collect();
        let fit = fit_jones_blount_glaze(pr, &tests).unwrap();
        assert!((fit.a_psi_per_stb_d - 0.8).abs() < 1e-10);
        assert!((fit.b_psi_per_stb_d2 - 2e-4).abs() < 1e-12);
        assert!((fit.absolute_open_flow - jbg.absolute_open_flow().unwrap()).abs() < 1e-6);
    }

    /// Jones fit on scattered data against `numpy.polyfit(q, Δp/q, 1)` run outside the
    /// project (p̄r 3,000 psia; q = 300 / 600 / 900 / 1,200 STB/d at pwf = 2,820 / 2,610 /
    /// 2,380 / 2,120 psia): A = 0.558 333 psi/(STB/d), B = 1.462 963e-4 psi/(STB/d)²,
    /// R² = 0.997 762, AOF = 3,005.80 STB/d.
    #[test]
    fn jones_fit_matches_numpy() {
        let tests = points(&[
            (300.0, 2820.0),
            (600.0, 2610.0),
            (900.0, 2380.0),
            (1200.0, 2120.0),
        ]);
        let fit = fit_jones_blount_glaze(3000.0, &tests).unwrap();
        assert!(
            (fit.a_psi_per_stb_d - JONES_A).abs() < 1e-9,
            "{}",
            fit.a_psi_per_stb_d
        );
        assert!(
            (fit.b_psi_per_stb_d2 - JONES_B).abs() < 1e-12,
            "{}",
            fit.b_psi_per_stb_d2
        );
        assert!((fit.r_squared - JONES_R2).abs() < 1e-6, "{}", fit.r_squared);
        assert!((fit.absolute_open_flow - JONES_AOF).abs() < 1e-3);
    }

    const JONES_A: f64 = 0.558_333_333_333_333_3;
    const JONES_B: f64 = 1.462_962_962_962_961_7e-4;
    const JONES_R2: f64 = 0.997_761_790_567_545_9;
    const JONES_AOF: f64 = 3_005.799_281_880_135_4;

    /// Test points whose logarithms are round numbers, so the least squares can be done by
    /// hand: `q` and `Δp² = p̄r² − pwf²` given, `pwf = √(p̄r² − Δp²)`.
    fn from_logs(reservoir_pressure_psia: f64, data: &[(f64, f64)]) -> Vec<WellTestPoint> {
        data.iter()
            .map(|&(log_q, log_dp2)| WellTestPoint {
                rate: 10f64.powf(log_q),
                flowing_pressure_psia: (reservoir_pressure_psia.powi(2) - 10f64.powf(log_dp2))
                    .sqrt(),
            })
            .collect()
    }

    /// Fetkovich (1973) fit by hand. No published worked example with its data and answer
    /// could be obtained for this project (Ahmed, *Reservoir Engineering Handbook*, and
    /// Economides et al., *Petroleum Production Systems*, print one, but neither text was
    /// available to check data or answers against), so the regression is done by hand.
    ///
    /// p̄r = 3,000 psia; q = 100, 316.23, 1,000 STB/d (log q = 2, 2.5, 3) at Δp² = 10^5.8,
    /// 10^6.5, 10^6.9 psi² (pwf = 2,892.93, 2,416.14, 1,027.97 psia). Regress y = log Δp²
    /// on x = log q: x̄ = 2.5, ȳ = 6.4; Σ(x−x̄)(y−ȳ) = (−0.5)(−0.6) + 0 + (0.5)(0.5) = 0.55;
    /// Σ(x−x̄)² = 0.5; slope 1.1, so n = 1/1.1 = 0.909 091; intercept 6.4 − 1.1·2.5 = 3.65,
    /// so C = 10^(−3.65/1.1) = 10^(−3.318 182) = 4.806 38e-4 STB/d/psi^(2n).
    /// Fitted y = 5.85, 6.4, 6.95: residuals −0.05, 0.1, −0.05, SSres = 0.015; SStot = 0.36 +
    /// 0.01 + 0.25 = 0.62; R² = 1 − 0.015/0.62 = 0.975 806. AOF = C (9e6)^n =
    /// 10^(−3.318 182 + 0.909 091·6.954 243) = 10^3.003 857 = 1,008.92 STB/d.
    /// Tolerance 1e-5 relative (the hand values are rounded to six figures).
    #[test]
    fn fetkovich_fit_by_hand() {
        let fit = fit_fetkovich(
            3000.0,
            &from_logs(3000.0, &[(2.0, 5.8), (2.5, 6.5), (3.0, 6.9)]),
        )
        .unwrap();
        let rel = |a: f64, b: f64| ((a - b) / b).abs();
        assert!(rel(fit.n, 0.909_091) < 1e-5, "{}", fit.n);
        assert!(rel(fit.c, 4.806_38e-4) < 1e-5, "{}", fit.c);
        assert!(rel(fit.r_squared, 0.975_806) < 1e-5, "{}", fit.r_squared);
        assert!(
            rel(fit.absolute_open_flow, 1_008.92) < 1e-5,
            "{}",
            fit.absolute_open_flow
        );
        assert_eq!(fit.model.info().id, "fetkovich_1973");
        // The middle point lies above the line (measured Δp² below the fitted one).
        assert!((fit.residuals[1].regression_residual - 0.1).abs() < 1e-9);
    }

    /// Rawlins-Schellhardt (1935) back-pressure fit by hand, in gas units. The ERCB data set
    /// above is checked against numpy only: the printed answer of its textbook reprint was not
    /// available to compare against.
    ///
    /// p̄r = 6,000 psia; q = 1,000, 10,000, 100,000 Mscf/d (log q = 3, 4, 5) at Δp² = 10^5.0,
    /// 10^6.3, 10^7.4 psi² (pwf = 5,991.66, 5,831.36, 3,298.66 psia). x̄ = 4, ȳ = 6.233 333;
    /// Σ(x−x̄)(y−ȳ) = (−1)(−1.233 333) + 0 + (1)(1.166 667) = 2.4; Σ(x−x̄)² = 2; slope 1.2,
    /// n = 1/1.2 = 0.833 333; intercept 6.233 333 − 4.8 = 1.433 333, C = 10^(−1.433 333/1.2)
    /// = 10^(−1.194 444) = 0.063 908 0 Mscf/d/psi^(2n). Fitted y = 5.033 333, 6.233 333,
    /// 7.433 333: residuals −0.033 333, 0.066 667, −0.033 333; SSres = 0.006 667; SStot =
    /// 1.521 111 + 0.004 444 + 1.361 111 = 2.886 667; R² = 0.997 691. AOF = C (3.6e7)^n =
    /// 10^(−1.194 444 + 0.833 333·7.556 303) = 10^5.102 475 = 126,612 Mscf/d.
    /// Tolerance 1e-5 relative.
    #[test]
    fn back_pressure_fit_by_hand() {
        let fit = fit_back_pressure(
            6000.0,
            &from_logs(6000.0, &[(3.0, 5.0), (4.0, 6.3), (5.0, 7.4)]),
        )
        .unwrap();
        let rel = |a: f64, b: f64| ((a - b) / b).abs();
        assert!(rel(fit.n, 0.833_333) < 1e-5, "{}", fit.n);
        assert!(rel(fit.c, 0.063_908_0) < 1e-5, "{}", fit.c);
        assert!(rel(fit.r_squared, 0.997_691) < 1e-5, "{}", fit.r_squared);
        assert!(
            rel(fit.absolute_open_flow, 126_612.0) < 1e-5,
            "{}",
            fit.absolute_open_flow
        );
        assert_eq!(fit.model.info().id, "rawlins_schellhardt_1935");
    }

    /// Jones, Blount and Glaze (1976) fit by hand (no published example with data and answer
    /// could be obtained; see the Fetkovich test).
    ///
    /// p̄r = 3,000 psia; q = 200, 400, 600 STB/d at pwf = 2,900, 2,752, 2,580 psia, so
    /// Δp = 100, 248, 420 psi and Δp/q = 0.50, 0.62, 0.70 psi/(STB/d). Regress Δp/q on q:
    /// q̄ = 400, mean 0.606 667; Σ(q−q̄)(y−ȳ) = (−200)(−0.106 667) + 0 + (200)(0.093 333) = 40;
    /// Σ(q−q̄)² = 80,000; B = 40/80,000 = 5.0e-4 psi/(STB/d)²; A = 0.606 667 − 5e-4·400 =
    /// 0.406 667 psi/(STB/d). Fitted 0.506 667, 0.606 667, 0.706 667: SSres = 2.666 67e-4;
    /// SStot = 0.011 378 + 0.000 178 + 0.008 711 = 0.020 267; R² = 0.986 842. AOF from
    /// B q² + A q = 3,000: q = (−A + √(A² + 4B·3000))/(2B) = (−0.406 667 + √6.165 378)/0.001
    /// = (−0.406 667 + 2.483 018)/0.001 = 2,076.35 STB/d. Tolerance 1e-5 relative.
    #[test]
    fn jones_fit_by_hand() {
        let tests = points(&[(200.0, 2900.0), (400.0, 2752.0), (600.0, 2580.0)]);
        let fit = fit_jones_blount_glaze(3000.0, &tests).unwrap();
        let rel = |a: f64, b: f64| ((a - b) / b).abs();
        assert!(
            rel(fit.a_psi_per_stb_d, 0.406_667) < 1e-5,
            "{}",
            fit.a_psi_per_stb_d
        );
        assert!(
            rel(fit.b_psi_per_stb_d2, 5.0e-4) < 1e-9,
            "{}",
            fit.b_psi_per_stb_d2
        );
        assert!(rel(fit.r_squared, 0.986_842) < 1e-5, "{}", fit.r_squared);
        assert!(
            rel(fit.absolute_open_flow, 2_076.35) < 1e-5,
            "{}",
            fit.absolute_open_flow
        );
    }

    #[test]
    fn bad_tests_are_rejected_with_the_point() {
        let e = fit_fetkovich(3000.0, &points(&[(100.0, 2900.0)]))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("tests:"), "{e}");
        let e = fit_fetkovich(3000.0, &points(&[(100.0, 2900.0), (200.0, 3100.0)]))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("point 1") && e.contains("below the reservoir pressure"),
            "{e}"
        );
        let e = fit_fetkovich(3000.0, &points(&[(100.0, 2900.0), (-2.0, 2800.0)]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("point 1") && e.contains("rate"), "{e}");
        let e = fit_fetkovich(3000.0, &points(&[(100.0, 2900.0), (100.0, 2800.0)]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("different rates"), "{e}");
        // n > 1 (rate rising faster than Δp²) is reported with the fitted values.
        let e = fit_back_pressure(1000.0, &points(&[(100.0, 990.0), (1000.0, 950.0)]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("outside [0.5, 1]"), "{e}");
        // Δp/q falling with rate gives B < 0.
        let e = fit_jones_blount_glaze(3000.0, &points(&[(100.0, 2800.0), (1000.0, 1500.0)]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("B ≥ 0"), "{e}");
    }
}
