//! [`OilModel`]: one crude oil described by its black-oil data, the chosen correlations,
//! and (optionally) calibration to laboratory measurements, evaluated at any pressure and
//! temperature with [`OilModel::at`].
//!
//! # How calibration works
//!
//! A PVT report gives a measured bubble point `Pb,m` at the reservoir temperature `Tc`,
//! and often the oil FVF `Bob,m` and the live-oil viscosity `μob,m` at that bubble point.
//! The correlations are made to pass exactly through those points as follows. Let `Pbc(T)`,
//! `Rsc(p, T)`, `Boc(Rs, T)`, `μc(Rs, T)` be the uncalibrated correlations of the chosen
//! methods for the fluid's total GOR `Rsb`.
//!
//! 1. **Bubble point and solution GOR: pressure scaling.** A constant factor
//!    `k = Pb,m / Pbc(Tc)` is computed once. At any temperature the calibrated bubble
//!    point is `Pb(T) = k · Pbc(T)` and the calibrated solution GOR is
//!    `Rs(p, T) = Rsc(p / k, T)` for `p < Pb(T)`, `Rsb` above. Because each method's Rs
//!    curve is the inverse of its bubble-point correlation, `Rs(Pb(T), T) = Rsc(Pbc(T), T)
//!    = Rsb` at every temperature, and at `Tc` the bubble point is exactly `Pb,m`. The
//!    shape of the Rs curve is the correlation's, stretched along the pressure axis.
//! 2. **Oil FVF: multiplier.** `mB = Bob,m / Boc(Rsb, Tc)` (1 when not measured). Below
//!    the bubble point `Bo(p, T) = mB · Boc(Rs(p, T), T)`; at the bubble point this is
//!    `Bob(T) = mB · Boc(Rsb, T)`, which equals `Bob,m` at `Tc`. (The material-balance
//!    method also takes a pressure; it is given the correlation's own pressure `p / k`,
//!    i.e. `Pbc(T)` at the bubble point, so its whole curve is stretched like Rs.) Above
//!    the bubble point
//!    `Bo(p, T) = Bob(T) · exp(−∫ co dp)` from `Pb(T)` to `p`, with the compressibility
//!    method's closed-form integral, so Bo is continuous at `Pb(T)`.
//! 3. **Viscosity: multiplier on the live oil.** `mμ = μob,m / μc(Rsb, Tc)` where
//!    `μc(Rs, T)` is the live-oil correlation applied to the dead-oil correlation (1 when
//!    not measured). Below the bubble point `μ(p, T) = mμ · μc(Rs(p, T), T)`; above it the
//!    undersaturated correlation is applied to the calibrated `μob(T) = mμ · μc(Rsb, T)`
//!    and the calibrated `Pb(T)`, so viscosity is continuous at `Pb(T)` and equals
//!    `μob,m` at `(Pb,m, Tc)`.
//! 4. **Compressibility** is not calibrated: above `Pb(T)` it is the chosen undersaturated
//!    correlation (which depends on `Rsb`, not on `Pb`); below, McCain et al. (1988)
//!    evaluated with the calibrated `Pb(T)`.
//! 5. **Density** follows from the calibrated `Rs` and `Bo` by mass balance
//!    ([`super::density::oil_density_lb_ft3`]).
//!
//! `k`, `mB` and `mμ` are computed once in [`OilModel::calibrated`]; each call of
//! [`OilModel::at`] evaluates the closed-form `Pbc(T)` and dead-oil viscosity at its own
//! temperature, so a traverse through many temperatures costs no more than one through a
//! single temperature, and `at` never allocates.

use super::bubble_point::{BubblePointMethod, VELARDE_1999};
use super::compressibility::{OilCompressibilityMethod, SaturatedOilCompressibilityMethod};
use super::density::oil_density_lb_ft3;
use super::fvf::OilFvfMethod;
use super::viscosity::{
    DeadOilViscosityMethod, LiveOilViscosityMethod, UndersaturatedViscosityMethod,
};
use super::{OilFluid, require_temperature};
use crate::error::{CoreResult, require_positive};
use crate::method::{MethodInfo, RangeWarning};

/// The correlations an [`OilModel`] uses, one per property. `Default` gives the
/// classic set: Standing (1947) bubble point and Bo, Vasquez-Beggs compressibility and
/// undersaturated viscosity, Beggs-Robinson dead and live viscosity, McCain (1988)
/// compressibility below the bubble point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct OilMethods {
    /// Bubble point and solution GOR below it.
    pub bubble_point: BubblePointMethod,
    /// Saturated oil FVF.
    pub fvf: OilFvfMethod,
    /// Compressibility (and FVF) above the bubble point.
    pub compressibility: OilCompressibilityMethod,
    /// Compressibility below the bubble point.
    pub saturated_compressibility: SaturatedOilCompressibilityMethod,
    /// Dead-oil viscosity.
    pub dead_viscosity: DeadOilViscosityMethod,
    /// Live-oil viscosity at and below the bubble point.
    pub live_viscosity: LiveOilViscosityMethod,
    /// Viscosity above the bubble point.
    pub undersaturated_viscosity: UndersaturatedViscosityMethod,
}

impl OilMethods {
    /// The metadata of every selected method, in the order of the fields.
    pub fn infos(&self) -> [&'static MethodInfo; 7] {
        [
            self.bubble_point.info(),
            self.fvf.info(),
            self.compressibility.info(),
            self.saturated_compressibility.info(),
            self.dead_viscosity.info(),
            self.live_viscosity.info(),
            self.undersaturated_viscosity.info(),
        ]
    }
}

/// Laboratory measurements to calibrate an [`OilModel`] to (see the module docs for how).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct OilCalibration {
    /// Temperature at which the measurements were made (reservoir temperature), °F.
    pub temperature_degf: f64,
    /// Measured bubble-point pressure at `temperature_degf`, psia.
    pub bubble_point_psia: f64,
    /// Measured oil FVF at the bubble point, rb/STB, if known.
    pub oil_fvf_at_bubble_point_rb_stb: Option<f64>,
    /// Measured live-oil viscosity at the bubble point, cP, if known.
    pub viscosity_at_bubble_point_cp: Option<f64>,
}

/// Oil properties at one pressure and temperature, from [`OilModel::at`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct OilState {
    /// Pressure, psia.
    pub pressure_psia: f64,
    /// Temperature, °F.
    pub temperature_degf: f64,
    /// Bubble-point pressure at this temperature (calibrated), psia.
    pub bubble_point_psia: f64,
    /// `true` below the bubble point (gas has come out of solution); at and above it the
    /// oil is single-phase.
    pub saturated: bool,
    /// Solution gas-oil ratio, scf/STB.
    pub solution_gor_scf_stb: f64,
    /// Oil formation volume factor, rb/STB.
    pub oil_fvf_rb_stb: f64,
    /// Oil isothermal compressibility, 1/psi (below the bubble point it includes the gas
    /// coming out of solution).
    pub compressibility_1_psi: f64,
    /// Dead-oil viscosity at this temperature (uncalibrated), cP.
    pub dead_oil_viscosity_cp: f64,
    /// Oil viscosity, cP.
    pub viscosity_cp: f64,
    /// Oil density, lb/ft³.
    pub density_lb_ft3: f64,
}

/// One crude oil: fluid description, chosen correlations and calibration factors.
///
/// ```
/// use nodal_core::pvt::oil::{OilCalibration, OilMethods, OilModel, OilFluid};
/// let fluid = OilFluid::new(35.0, 0.75, 500.0).unwrap();
/// let model = OilModel::calibrated(
///     fluid,
///     OilMethods::default(),
///     &OilCalibration {
///         temperature_degf: 180.0,
///         bubble_point_psia: 2300.0,
///         oil_fvf_at_bubble_point_rb_stb: Some(1.28),
///         viscosity_at_bubble_point_cp: Some(0.7),
///     },
/// )
/// .unwrap();
/// let at_pb = model.at(2300.0, 180.0).unwrap();
/// assert!((at_pb.bubble_point_psia - 2300.0).abs() < 1e-9);
/// assert!((at_pb.oil_fvf_rb_stb - 1.28).abs() < 1e-12);
/// assert!((at_pb.viscosity_cp - 0.7).abs() < 1e-12);
/// let deeper = model.at(1500.0, 180.0).unwrap();
/// assert!(deeper.saturated && deeper.solution_gor_scf_stb < 500.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct OilModel {
    fluid: OilFluid,
    methods: OilMethods,
    pressure_scale: f64,
    fvf_multiplier: f64,
    viscosity_multiplier: f64,
}

impl OilModel {
    /// An uncalibrated model: the correlations as published.
    pub fn new(fluid: OilFluid, methods: OilMethods) -> CoreResult<Self> {
        fluid.validate()?;
        Ok(Self {
            fluid,
            methods,
            pressure_scale: 1.0,
            fvf_multiplier: 1.0,
            viscosity_multiplier: 1.0,
        })
    }

    /// A model calibrated to measured data (see the module docs for the exact method).
    /// Errors name the offending field (`bubble_point_psia`, `temperature_degf`,
    /// `oil_fvf_at_bubble_point_rb_stb`, `viscosity_at_bubble_point_cp`) or report a
    /// correlation that cannot be evaluated at the calibration temperature.
    pub fn calibrated(
        fluid: OilFluid,
        methods: OilMethods,
        calibration: &OilCalibration,
    ) -> CoreResult<Self> {
        let mut model = Self::new(fluid, methods)?;
        let t = require_temperature(calibration.temperature_degf)?;
        let pb_measured = require_positive("bubble_point_psia", calibration.bubble_point_psia)?;
        let pb_correlation = methods.bubble_point.bubble_point_psia(&fluid, t)?;
        model.pressure_scale = pb_measured / pb_correlation;
        if let Some(bo) = calibration.oil_fvf_at_bubble_point_rb_stb {
            let bo = require_positive("oil_fvf_at_bubble_point_rb_stb", bo)?;
            let bo_correlation =
                methods
                    .fvf
                    .saturated_fvf_rb_stb(&fluid, pb_correlation, fluid.gor_scf_stb, t)?;
            model.fvf_multiplier = bo / bo_correlation;
        }
        if let Some(mu) = calibration.viscosity_at_bubble_point_cp {
            let mu = require_positive("viscosity_at_bubble_point_cp", mu)?;
            let dead = methods.dead_viscosity.viscosity_cp(fluid.oil_api, t)?;
            let mu_correlation = methods
                .live_viscosity
                .viscosity_cp(dead, fluid.gor_scf_stb)?;
            model.viscosity_multiplier = mu / mu_correlation;
        }
        Ok(model)
    }

    /// The fluid description.
    pub fn fluid(&self) -> &OilFluid {
        &self.fluid
    }

    /// The selected correlations.
    pub fn methods(&self) -> &OilMethods {
        &self.methods
    }

    /// Bubble-point pressure scale `k = Pb,measured / Pb,correlation(Tc)` (1 uncalibrated).
    pub fn pressure_scale(&self) -> f64 {
        self.pressure_scale
    }

    /// Saturated-FVF multiplier `mB` (1 uncalibrated).
    pub fn fvf_multiplier(&self) -> f64 {
        self.fvf_multiplier
    }

    /// Live-oil viscosity multiplier `mμ` (1 uncalibrated).
    pub fn viscosity_multiplier(&self) -> f64 {
        self.viscosity_multiplier
    }

    /// Calibrated bubble-point pressure at `temperature_degf`, psia.
    pub fn bubble_point_psia(&self, temperature_degf: f64) -> CoreResult<f64> {
        require_temperature(temperature_degf)?;
        Ok(self.pressure_scale
            * self
                .methods
                .bubble_point
                .bubble_point_psia(&self.fluid, temperature_degf)?)
    }

    /// Oil properties at `pressure_psia` and `temperature_degf`. Allocation-free on
    /// success. Errors: `InvalidInput` naming `pressure_psia` or `temperature_degf`, or
    /// `Physical` when a chosen correlation cannot represent this fluid at this point.
    pub fn at(&self, pressure_psia: f64, temperature_degf: f64) -> CoreResult<OilState> {
        self.evaluate(pressure_psia, temperature_degf, true)
    }

    /// As [`OilModel::at`] without the compressibility (reported as 0), which flow
    /// calculations do not use: one correlation less at every traverse station.
    pub fn at_without_compressibility(
        &self,
        pressure_psia: f64,
        temperature_degf: f64,
    ) -> CoreResult<OilState> {
        self.evaluate(pressure_psia, temperature_degf, false)
    }

    fn evaluate(
        &self,
        pressure_psia: f64,
        temperature_degf: f64,
        with_compressibility: bool,
    ) -> CoreResult<OilState> {
        let p = require_positive("pressure_psia", pressure_psia)?;
        let t = require_temperature(temperature_degf)?;
        let fluid = &self.fluid;
        let m = &self.methods;
        let pb_correlation = m.bubble_point.bubble_point_psia(fluid, t)?;
        let pb = self.pressure_scale * pb_correlation;
        let dead = m.dead_viscosity.viscosity_cp(fluid.oil_api, t)?;
        let (rs, bo, co, mu) = if p < pb {
            let p_correlation = p / self.pressure_scale;
            let rs =
                m.bubble_point
                    .solution_gor_scf_stb(fluid, p_correlation, pb_correlation, t)?;
            let bo =
                self.fvf_multiplier * m.fvf.saturated_fvf_rb_stb(fluid, p_correlation, rs, t)?;
            let co = if with_compressibility {
                m.saturated_compressibility
                    .compressibility_1_psi(fluid, p, pb, t)?
            } else {
                0.0
            };
            let mu = self.viscosity_multiplier * m.live_viscosity.viscosity_cp(dead, rs)?;
            (rs, bo, co, mu)
        } else {
            let rs = fluid.gor_scf_stb;
            let bob =
                self.fvf_multiplier * m.fvf.saturated_fvf_rb_stb(fluid, pb_correlation, rs, t)?;
            let bo = m
                .compressibility
                .undersaturated_fvf_rb_stb(fluid, p, pb, bob, t)?;
            let co = if with_compressibility {
                m.compressibility.compressibility_1_psi(fluid, p, t)?
            } else {
                0.0
            };
            let mu_ob = self.viscosity_multiplier * m.live_viscosity.viscosity_cp(dead, rs)?;
            let mu = m.undersaturated_viscosity.viscosity_cp(p, pb, mu_ob)?;
            (rs, bo, co, mu)
        };
        let density = oil_density_lb_ft3(rs, bo, fluid.oil_api, fluid.gas_sg)?;
        Ok(OilState {
            pressure_psia: p,
            temperature_degf: t,
            bubble_point_psia: pb,
            saturated: p < pb,
            solution_gor_scf_stb: rs,
            oil_fvf_rb_stb: bo,
            compressibility_1_psi: co,
            dead_oil_viscosity_cp: dead,
            viscosity_cp: mu,
            density_lb_ft3: density,
        })
    }

    /// Appends a [`RangeWarning`] for every input at this point that lies outside the
    /// published data range of a method used at this point (API, gas gravity, GOR,
    /// temperature, pressure, calibrated bubble point and the calibrated viscosity at it):
    /// the compressibility and
    /// viscosity methods of the undersaturated side above the bubble point, those of the
    /// saturated side below it. Not for hot loops: it may allocate.
    ///
    /// Gas-gravity ranges are compared with [`OilFluid::gas_sg`], the gravity the
    /// correlations receive: as `gas_sg` for the correlations published for a surface gas
    /// gravity, and as `separator_gas_sg` for Velarde (1999), whose data are separator gas
    /// gravities. The caller knows which gravity `OilFluid::gas_sg` holds and says so in the
    /// warnings ([`crate::pvt::fluid::BlackOilFluid::check_ranges`] does).
    pub fn check_ranges(
        &self,
        pressure_psia: f64,
        temperature_degf: f64,
        out: &mut Vec<RangeWarning>,
    ) -> CoreResult<()> {
        require_positive("pressure_psia", pressure_psia)?;
        let pb = self.bubble_point_psia(temperature_degf)?;
        let m = &self.methods;
        // The (calibrated) viscosity at the bubble point, which the undersaturated
        // correlations start from: Petrosky-Farshad (1995) and Bergman-Sutton publish a range
        // for it.
        let bubble_point_viscosity_cp = m
            .dead_viscosity
            .viscosity_cp(self.fluid.oil_api, temperature_degf)
            .and_then(|dead| m.live_viscosity.viscosity_cp(dead, self.fluid.gor_scf_stb))?
            * self.viscosity_multiplier;
        let inputs = [
            ("pressure_psia", pressure_psia),
            ("temperature_degf", temperature_degf),
            ("oil_api", self.fluid.oil_api),
            ("gas_sg", self.fluid.gas_sg),
            ("separator_gas_sg", self.fluid.gas_sg),
            ("gor_scf_stb", self.fluid.gor_scf_stb),
            ("bubble_point_psia", pb),
            ("bubble_point_viscosity_cp", bubble_point_viscosity_cp),
        ];
        let below = pressure_psia < pb;
        let used = [
            Some(m.bubble_point.info()),
            // Valkó-McCain's Rs below the bubble point is the Velarde (1999) curve.
            (below && m.bubble_point == BubblePointMethod::ValkoMcCain2003)
                .then_some(&VELARDE_1999),
            Some(m.fvf.info()),
            Some(m.dead_viscosity.info()),
            Some(m.live_viscosity.info()),
            below.then(|| m.saturated_compressibility.info()),
            (!below).then(|| m.compressibility.info()),
            (!below).then(|| m.undersaturated_viscosity.info()),
        ];
        for info in used.into_iter().flatten() {
            info.check_ranges(&inputs, out);
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::error::CoreError;
    use proptest::prelude::*;

    fn rel(a: f64, b: f64) -> f64 {
        ((a - b) / b).abs()
    }

    fn all_method_sets() -> impl Iterator<Item = OilMethods> {
        BubblePointMethod::ALL.into_iter().flat_map(|bubble_point| {
            OilFvfMethod::ALL.into_iter().flat_map(move |fvf| {
                OilCompressibilityMethod::ALL
                    .into_iter()
                    .flat_map(move |compressibility| {
                        DeadOilViscosityMethod::ALL
                            .into_iter()
                            .flat_map(move |dead_viscosity| {
                                LiveOilViscosityMethod::ALL.into_iter().flat_map(
                                    move |live_viscosity| {
                                        UndersaturatedViscosityMethod::ALL.into_iter().map(
                                            move |undersaturated_viscosity| OilMethods {
                                                bubble_point,
                                                fvf,
                                                compressibility,
                                                saturated_compressibility:
                                                    SaturatedOilCompressibilityMethod::McCain1988,
                                                dead_viscosity,
                                                live_viscosity,
                                                undersaturated_viscosity,
                                            },
                                        )
                                    },
                                )
                            })
                    })
            })
        })
    }

    /// A point below the bubble point against pyrestoolbox 3.8.9 with the same variants:
    /// `oil_pbub(pbmethod='STAN')`, `oil_rs(rsmethod='STAN')`, `oil_bo(bomethod='STAN')`
    /// (0.972 + 1.47e-4 F^1.175 below Pb) and `oil_viso` (Beggs-Robinson below Pb).
    /// Fluid: 35 °API, γg 0.75, Rsb 500 scf/STB, 180 °F, p = 1500 psia.
    #[test]
    fn saturated_point_matches_pyrestoolbox() {
        let fluid = OilFluid::new(35.0, 0.75, 500.0).unwrap();
        let model = OilModel::new(fluid, OilMethods::default()).unwrap();
        let s = model.at(1500.0, 180.0).unwrap();
        assert!(rel(s.bubble_point_psia, 2113.5439) < 1e-6);
        assert!(
            rel(s.solution_gor_scf_stb, 332.7297) < 1e-6,
            "{}",
            s.solution_gor_scf_stb
        );
        assert!(
            rel(s.oil_fvf_rb_stb, 1.209_454_9) < 1e-6,
            "{}",
            s.oil_fvf_rb_stb
        );
        assert!(
            rel(s.viscosity_cp, 0.795_846_2) < 1e-6,
            "{}",
            s.viscosity_cp
        );
    }

    #[test]
    fn calibration_passes_through_measured_points_for_every_method_set() {
        let fluid = OilFluid::new(32.0, 0.8, 650.0).unwrap();
        let cal = OilCalibration {
            temperature_degf: 190.0,
            bubble_point_psia: 2900.0,
            oil_fvf_at_bubble_point_rb_stb: Some(1.345),
            viscosity_at_bubble_point_cp: Some(0.62),
        };
        for methods in all_method_sets() {
            let model = OilModel::calibrated(fluid, methods, &cal).unwrap();
            let s = model.at(2900.0, 190.0).unwrap();
            assert!(rel(s.bubble_point_psia, 2900.0) < 1e-12, "{methods:?}");
            assert_eq!(s.solution_gor_scf_stb, 650.0);
            assert!(rel(s.oil_fvf_rb_stb, 1.345) < 1e-12, "{methods:?}");
            assert!(rel(s.viscosity_cp, 0.62) < 1e-12, "{methods:?}");
            // approached from below, the saturated branch meets the same values
            let below = model.at(2900.0 * (1.0 - 1e-10), 190.0).unwrap();
            assert!(below.saturated);
            assert!(rel(below.solution_gor_scf_stb, 650.0) < 1e-7, "{methods:?}");
            assert!(rel(below.oil_fvf_rb_stb, 1.345) < 1e-7, "{methods:?}");
            assert!(rel(below.viscosity_cp, 0.62) < 1e-7, "{methods:?}");
        }
    }

    #[test]
    fn calibrated_bubble_point_scales_at_other_temperatures() {
        let fluid = OilFluid::new(35.0, 0.75, 500.0).unwrap();
        let methods = OilMethods::default();
        let cal = OilCalibration {
            temperature_degf: 180.0,
            bubble_point_psia: 2300.0,
            oil_fvf_at_bubble_point_rb_stb: None,
            viscosity_at_bubble_point_cp: None,
        };
        let model = OilModel::calibrated(fluid, methods, &cal).unwrap();
        let raw = OilModel::new(fluid, methods).unwrap();
        let k = 2300.0 / raw.bubble_point_psia(180.0).unwrap();
        assert!(rel(model.pressure_scale(), k) < 1e-12);
        assert_eq!(model.fvf_multiplier(), 1.0);
        assert_eq!(model.viscosity_multiplier(), 1.0);
        for t in [80.0, 120.0, 250.0] {
            let pb = model.bubble_point_psia(t).unwrap();
            assert!(rel(pb, k * raw.bubble_point_psia(t).unwrap()) < 1e-12);
            // Rs reaches the total GOR exactly at the calibrated bubble point
            let s = model.at(pb * (1.0 - 1e-12), t).unwrap();
            assert!(rel(s.solution_gor_scf_stb, 500.0) < 1e-9);
        }
    }

    #[test]
    fn uncalibrated_model_reproduces_the_correlations() {
        let fluid = OilFluid::new(35.0, 0.75, 500.0).unwrap();
        let model = OilModel::new(fluid, OilMethods::default()).unwrap();
        let s = model.at(4000.0, 180.0).unwrap();
        let pb = super::super::bubble_point::standing_1947_bubble_point(500.0, 0.75, 35.0, 180.0)
            .unwrap();
        let bob = super::super::fvf::standing_1947_oil_fvf(500.0, 0.75, 35.0, 180.0).unwrap();
        let bo = super::super::compressibility::vasquez_beggs_1980_undersaturated_oil_fvf(
            4000.0, pb, bob, 500.0, 0.75, 35.0, 180.0,
        )
        .unwrap();
        assert_eq!(s.bubble_point_psia, pb);
        assert_eq!(s.oil_fvf_rb_stb, bo);
        assert!(!s.saturated);
    }

    #[test]
    fn bad_inputs_name_the_field() {
        let fluid = OilFluid::new(35.0, 0.75, 500.0).unwrap();
        let model = OilModel::new(fluid, OilMethods::default()).unwrap();
        let field = |r: CoreResult<OilState>| match r.unwrap_err() {
            CoreError::InvalidInput { field, .. } => field,
            e => panic!("{e:?}"),
        };
        assert_eq!(field(model.at(f64::NAN, 180.0)), "pressure_psia");
        assert_eq!(field(model.at(0.0, 180.0)), "pressure_psia");
        assert_eq!(field(model.at(-10.0, 180.0)), "pressure_psia");
        assert_eq!(field(model.at(1000.0, f64::NAN)), "temperature_degf");
        let bad_fluid = OilFluid {
            oil_api: -1.0,
            gas_sg: 0.75,
            gor_scf_stb: 500.0,
        };
        match OilModel::new(bad_fluid, OilMethods::default()).unwrap_err() {
            CoreError::InvalidInput { field, .. } => assert_eq!(field, "oil_api"),
            e => panic!("{e:?}"),
        }
        let cal = |pb: f64, bo: Option<f64>, mu: Option<f64>| OilCalibration {
            temperature_degf: 180.0,
            bubble_point_psia: pb,
            oil_fvf_at_bubble_point_rb_stb: bo,
            viscosity_at_bubble_point_cp: mu,
        };
        let field = |c: OilCalibration| match OilModel::calibrated(fluid, OilMethods::default(), &c)
            .unwrap_err()
        {
            CoreError::InvalidInput { field, .. } => field,
            e => panic!("{e:?}"),
        };
        assert_eq!(field(cal(f64::NAN, None, None)), "bubble_point_psia");
        assert_eq!(
            field(cal(2000.0, Some(0.0), None)),
            "oil_fvf_at_bubble_point_rb_stb"
        );
        assert_eq!(
            field(cal(2000.0, None, Some(-1.0))),
            "viscosity_at_bubble_point_cp"
        );
    }

    #[test]
    fn range_warnings_name_method_and_parameter() {
        let fluid = OilFluid::new(70.0, 0.75, 500.0).unwrap();
        let model = OilModel::new(fluid, OilMethods::default()).unwrap();
        let mut w = Vec::new();
        model.check_ranges(2000.0, 180.0, &mut w).unwrap();
        assert!(
            w.iter()
                .any(|w| w.method == "standing_1947" && w.param == "oil_api")
        );
        // Above the bubble point the below-Pb compressibility method is not checked.
        let mut w = Vec::new();
        model.check_ranges(6000.0, 180.0, &mut w).unwrap();
        assert!(w.iter().all(|w| w.method != "mccain_1988"));
        assert!(w.iter().any(|w| w.param == "pressure_psia"));
    }

    /// Below the bubble point Valkó-McCain's Rs is the Velarde (1999) curve, whose data reach
    /// Rsb 322 sm3/sm3 (1,808 scf/STB): a 2,000 scf/STB oil is flagged there, and not above
    /// the bubble point, where Rs is the GOR and Velarde's curve is not used.
    #[test]
    fn velarde_range_is_checked_below_the_bubble_point() {
        let fluid = OilFluid::new(35.0, 0.8, 2000.0).unwrap();
        let methods = OilMethods {
            bubble_point: BubblePointMethod::ValkoMcCain2003,
            ..OilMethods::default()
        };
        let model = OilModel::new(fluid, methods).unwrap();
        let pb = model.bubble_point_psia(200.0).unwrap();
        let velarde = |w: &RangeWarning| {
            w.method == "velarde_blasingame_mccain_1999" && w.param == "gor_scf_stb"
        };
        let mut w = Vec::new();
        model.check_ranges(0.5 * pb, 200.0, &mut w).unwrap();
        assert!(w.iter().any(velarde), "{w:?}");
        let mut w = Vec::new();
        model.check_ranges(1.2 * pb, 200.0, &mut w).unwrap();
        assert!(!w.iter().any(velarde), "{w:?}");
    }

    /// Petrosky-Farshad (1995) undersaturated viscosity was fitted for bubble-point
    /// viscosities of 0.211-3.546 cp (SPE 29468): a 20 °API, 100 scf/STB oil at 150 °F
    /// starts well above that and must be flagged, with the value the correlation starts
    /// from (the live-oil viscosity at the bubble point).
    #[test]
    fn bubble_point_viscosity_range_is_checked() {
        let fluid = OilFluid::new(20.0, 0.75, 100.0).unwrap();
        let methods = OilMethods {
            undersaturated_viscosity: UndersaturatedViscosityMethod::PetroskyFarshad1995,
            ..OilMethods::default()
        };
        let model = OilModel::new(fluid, methods).unwrap();
        let pb = model.bubble_point_psia(150.0).unwrap();
        let mu_ob = model.at(pb, 150.0).unwrap().viscosity_cp;
        assert!(mu_ob > 3.546, "{mu_ob}");
        let mut w = Vec::new();
        model.check_ranges(pb + 2000.0, 150.0, &mut w).unwrap();
        let flagged = w
            .iter()
            .find(|w| w.param == "bubble_point_viscosity_cp")
            .unwrap_or_else(|| panic!("{w:?}"));
        assert_eq!(flagged.method, "petrosky_farshad_1995");
        assert!((flagged.value - mu_ob).abs() < 1e-9 * mu_ob);
    }

    proptest! {
        /// Physical invariants across the published ranges, for a representative set of
        /// method combinations, calibrated and not: Rs rises up to Pb and is flat above;
        /// Bo rises below Pb, is continuous at Pb and falls above; viscosity is positive
        /// and continuous at Pb; everything is finite.
        #[test]
        fn physical_invariants(
            api in 22.0f64..45.0,
            sg in 0.65f64..0.85,
            gor in 250.0f64..1400.0,
            t in 120.0f64..250.0,
            pb_factor in 0.85f64..1.15,
            combo in 0usize..7,
        ) {
            let fluid = OilFluid::new(api, sg, gor).unwrap();
            let methods = OilMethods {
                bubble_point: BubblePointMethod::ALL[combo],
                fvf: OilFvfMethod::ALL[combo % OilFvfMethod::ALL.len()],
                compressibility: OilCompressibilityMethod::PetroskyFarshad1993,
                saturated_compressibility: SaturatedOilCompressibilityMethod::McCain1988,
                dead_viscosity: DeadOilViscosityMethod::ALL[combo % 3],
                live_viscosity: LiveOilViscosityMethod::ALL[combo % 2],
                undersaturated_viscosity: UndersaturatedViscosityMethod::ALL[combo % 3],
            };
            let raw = OilModel::new(fluid, methods).unwrap();
            let Ok(pb_raw) = raw.bubble_point_psia(t) else { return Ok(()) };
            let cal = OilCalibration {
                temperature_degf: t,
                bubble_point_psia: pb_raw * pb_factor,
                oil_fvf_at_bubble_point_rb_stb: None,
                viscosity_at_bubble_point_cp: None,
            };
            for model in [raw, OilModel::calibrated(fluid, methods, &cal).unwrap()] {
                let pb = model.bubble_point_psia(t).unwrap();
                let mut prev: Option<OilState> = None;
                let n = 40;
                for i in 1..=n {
                    let p = pb * 2.0 * i as f64 / n as f64;
                    let s = match model.at(p, t) {
                        Ok(s) => s,
                        // Velarde rejects a1 > 1 fluids with an error, never a bad number
                        Err(CoreError::Physical(_)) => return Ok(()),
                        Err(e) => return Err(TestCaseError::fail(e.to_string())),
                    };
                    for v in [s.solution_gor_scf_stb, s.oil_fvf_rb_stb, s.compressibility_1_psi,
                              s.viscosity_cp, s.density_lb_ft3] {
                        prop_assert!(v.is_finite());
                    }
                    prop_assert!(s.viscosity_cp > 0.0 && s.compressibility_1_psi > 0.0);
                    prop_assert!(s.density_lb_ft3 > 20.0 && s.density_lb_ft3 < 70.0);
                    if let Some(q) = prev {
                        if s.saturated {
                            prop_assert!(s.solution_gor_scf_stb >= q.solution_gor_scf_stb);
                            prop_assert!(s.oil_fvf_rb_stb >= q.oil_fvf_rb_stb);
                        } else if !q.saturated || q.pressure_psia >= pb {
                            prop_assert_eq!(s.solution_gor_scf_stb, gor);
                            prop_assert!(s.oil_fvf_rb_stb < q.oil_fvf_rb_stb);
                        }
                    }
                    prev = Some(s);
                }
                let below = model.at(pb * (1.0 - 1e-9), t).unwrap();
                let at = model.at(pb, t).unwrap();
                prop_assert!(rel(below.oil_fvf_rb_stb, at.oil_fvf_rb_stb) < 1e-6);
                prop_assert!(rel(below.viscosity_cp, at.viscosity_cp) < 1e-6);
                prop_assert!(rel(below.solution_gor_scf_stb, gor) < 1e-6);
            }
        }
    }
}
