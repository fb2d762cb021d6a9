//! Lift curves for reservoir simulators: the Eclipse `VFPPROD` keyword (production-well
//! vertical flow performance table) in FIELD units, and the same table in structured form.
//!
//! Layout, as the OPM Flow reference manual documents `VFPPROD` (SCHEDULE section):
//! - record 1: table number, datum depth, FLO type (`OIL`, `LIQ`, `GAS`), WFR type (`WCT`,
//!   `WOR`), GFR type (`GOR`, `GLR`, `OGR`), THP type (`THP`), ALQ type (`GRAT`, or defaulted
//!   `1*` when no artificial lift quantity is tabulated), units (`FIELD`), tabulated quantity
//!   (`BHP`), terminated by `/`;
//! - records 2 to 6: the FLO, THP, WFR, GFR and ALQ values, each terminated by `/`;
//! - then one record per (THP, WFR, GFR, ALQ) combination: the four 1-based indices and one
//!   BHP per FLO value, terminated by `/`.
//!
//! FIELD units of the values: FLO in STB/day (`OIL`, `LIQ`) or Mscf/day (`GAS`); THP and BHP
//! in psia; WCT a fraction, WOR STB/STB; GOR and GLR in **Mscf/STB**, OGR in STB/Mscf; GRAT in
//! Mscf/day; datum depth in ft.

use super::parallel::parallel_map;
use crate::error::{CoreError, CoreResult};
use crate::hydraulics::{FluidModel, GasLift, VlpCase};
use crate::units::STANDARD_PRESSURE_PSIA;
use std::fmt::Write as _;

/// Most values on one axis of a VFP table.
pub const MAX_VFP_AXIS_VALUES: usize = 50;
/// Most BHP values (traverses) one VFP table may hold.
pub const MAX_VFP_POINTS: usize = 20_000;
/// Values per line of the keyword text.
const VALUES_PER_LINE: usize = 6;

/// FLO: what the flow-rate axis measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum VfpFlowRate {
    /// `OIL`: oil rate, STB/day.
    Oil,
    /// `LIQ`: liquid (oil + water) rate, STB/day.
    Liquid,
    /// `GAS`: gas rate, Mscf/day (converted to liquid through the GFR and WFR values).
    Gas,
}

impl VfpFlowRate {
    /// Keyword string.
    pub fn keyword(self) -> &'static str {
        match self {
            Self::Oil => "OIL",
            Self::Liquid => "LIQ",
            Self::Gas => "GAS",
        }
    }
    fn unit(self) -> &'static str {
        match self {
            Self::Oil | Self::Liquid => "STB/day",
            Self::Gas => "Mscf/day",
        }
    }
}

/// WFR: what the water-fraction axis measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum VfpWaterFraction {
    /// `WCT`: water cut, fraction of liquid (0 to 1).
    WaterCut,
    /// `WOR`: water-oil ratio, STB/STB.
    WaterOilRatio,
}

impl VfpWaterFraction {
    /// Keyword string.
    pub fn keyword(self) -> &'static str {
        match self {
            Self::WaterCut => "WCT",
            Self::WaterOilRatio => "WOR",
        }
    }
    fn unit(self) -> &'static str {
        match self {
            Self::WaterCut => "fraction",
            Self::WaterOilRatio => "STB/STB",
        }
    }
    /// Water cut from a WFR value.
    fn water_cut(self, value: f64) -> f64 {
        match self {
            Self::WaterCut => value,
            Self::WaterOilRatio => value / (1.0 + value),
        }
    }
}

/// GFR: what the gas-fraction axis measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum VfpGasFraction {
    /// `GOR`: gas-oil ratio, Mscf/STB.
    GasOilRatio,
    /// `GLR`: gas-liquid ratio, Mscf/STB.
    GasLiquidRatio,
    /// `OGR`: oil-gas ratio, STB/Mscf.
    OilGasRatio,
}

impl VfpGasFraction {
    /// Keyword string.
    pub fn keyword(self) -> &'static str {
        match self {
            Self::GasOilRatio => "GOR",
            Self::GasLiquidRatio => "GLR",
            Self::OilGasRatio => "OGR",
        }
    }
    fn unit(self) -> &'static str {
        match self {
            Self::GasOilRatio | Self::GasLiquidRatio => "Mscf/STB",
            Self::OilGasRatio => "STB/Mscf",
        }
    }
    /// GOR in scf/STB from a GFR value at water cut `wc`.
    fn gor_scf_stb(self, value: f64, wc: f64) -> CoreResult<f64> {
        match self {
            Self::GasOilRatio => Ok(1000.0 * value),
            Self::GasLiquidRatio if wc < 1.0 => Ok(1000.0 * value / (1.0 - wc)),
            Self::GasLiquidRatio if value == 0.0 => Ok(0.0),
            Self::GasLiquidRatio => Err(CoreError::invalid(
                "gas_fraction_values",
                "a GLR above zero with a water cut of one has no oil to carry the gas",
            )),
            Self::OilGasRatio => Ok(1000.0 / value),
        }
    }
}

/// ALQ: the artificial-lift quantity axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum VfpLiftQuantity {
    /// No lift quantity: the ALQ type is defaulted and the one ALQ value is 0; the table is
    /// computed without lift gas.
    None,
    /// `GRAT`: lift-gas rate, Mscf/day, injected at the gas-lift depth of the well.
    GasRate,
}

impl VfpLiftQuantity {
    fn keyword(self) -> &'static str {
        match self {
            Self::None => "1*",
            Self::GasRate => "'GRAT'",
        }
    }
    fn unit(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::GasRate => "Mscf/day",
        }
    }
}

/// What to tabulate.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct VfpProdSpec {
    /// Table number (1 or more).
    pub table_number: u32,
    /// FLO type.
    pub flow_rate: VfpFlowRate,
    /// WFR type.
    pub water_fraction: VfpWaterFraction,
    /// GFR type.
    pub gas_fraction: VfpGasFraction,
    /// ALQ type.
    pub lift_quantity: VfpLiftQuantity,
    /// FLO values (STB/day or Mscf/day), increasing, > 0, 2 to 50.
    pub flow_values: Vec<f64>,
    /// THP values, psia, increasing, 1 to 50.
    pub thp_values_psia: Vec<f64>,
    /// WFR values, increasing, ≥ 0, 1 to 50 (WCT below 1 unless FLO is LIQ).
    pub water_fraction_values: Vec<f64>,
    /// GFR values, increasing, ≥ 0 (OGR > 0), 1 to 50, in the FIELD units above.
    pub gas_fraction_values: Vec<f64>,
    /// ALQ values, increasing, ≥ 0, 1 to 50; exactly `[0]` for [`VfpLiftQuantity::None`].
    pub lift_values: Vec<f64>,
}

/// One BHP record: the 1-based indices and one BHP per FLO value.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct VfpRecord {
    /// THP index, 1-based.
    pub thp_index: usize,
    /// WFR index, 1-based.
    pub wfr_index: usize,
    /// GFR index, 1-based.
    pub gfr_index: usize,
    /// ALQ index, 1-based.
    pub alq_index: usize,
    /// BHP at each FLO value, psia.
    pub bhp_psia: Vec<f64>,
}

/// A place where the BHP falls as the THP rises (all other indices equal).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct VfpViolation {
    /// FLO index, 1-based.
    pub flo_index: usize,
    /// THP index of the higher THP, 1-based (the lower one is `thp_index − 1`).
    pub thp_index: usize,
    /// WFR index, 1-based.
    pub wfr_index: usize,
    /// GFR index, 1-based.
    pub gfr_index: usize,
    /// ALQ index, 1-based.
    pub alq_index: usize,
    /// BHP at the lower THP, psia.
    pub bhp_at_lower_thp_psia: f64,
    /// BHP at the higher THP, psia (lower than the former).
    pub bhp_psia: f64,
}

/// A `VFPPROD` table in structured form.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct VfpProdTable {
    /// Table number.
    pub table_number: u32,
    /// Datum depth of the BHP values (TVD of the bottom of the flow path), ft.
    pub datum_depth_ft: f64,
    /// FLO type.
    pub flow_rate: VfpFlowRate,
    /// WFR type.
    pub water_fraction: VfpWaterFraction,
    /// GFR type.
    pub gas_fraction: VfpGasFraction,
    /// ALQ type.
    pub lift_quantity: VfpLiftQuantity,
    /// FLO values.
    pub flow_values: Vec<f64>,
    /// THP values, psia.
    pub thp_values_psia: Vec<f64>,
    /// WFR values.
    pub water_fraction_values: Vec<f64>,
    /// GFR values.
    pub gas_fraction_values: Vec<f64>,
    /// ALQ values.
    pub lift_values: Vec<f64>,
    /// One record per (THP, WFR, GFR, ALQ), THP outermost, ALQ innermost.
    pub records: Vec<VfpRecord>,
    /// Where the BHP falls as THP rises ([`Self::check_thp_monotonic`]); empty for a sound
    /// table.
    pub thp_violations: Vec<VfpViolation>,
}

impl VfpProdTable {
    /// BHP (psia) at 0-based indices, if present.
    pub fn bhp_psia(
        &self,
        flo: usize,
        thp: usize,
        wfr: usize,
        gfr: usize,
        alq: usize,
    ) -> Option<f64> {
        self.records
            .iter()
            .find(|r| {
                (r.thp_index, r.wfr_index, r.gfr_index, r.alq_index)
                    == (thp + 1, wfr + 1, gfr + 1, alq + 1)
            })
            .and_then(|r| r.bhp_psia.get(flo).copied())
    }

    /// Every place where the BHP at a THP is below the BHP at the next lower THP, other
    /// indices equal. A physical table has none: more back-pressure at the top never lowers
    /// the bottom-hole pressure.
    pub fn check_thp_monotonic(&self) -> Vec<VfpViolation> {
        let mut out = Vec::new();
        for r in &self.records {
            if r.thp_index < 2 {
                continue;
            }
            let Some(lower) = self.records.iter().find(|o| {
                (o.thp_index, o.wfr_index, o.gfr_index, o.alq_index)
                    == (r.thp_index - 1, r.wfr_index, r.gfr_index, r.alq_index)
            }) else {
                continue;
            };
            for (f, (&hi, &lo)) in r.bhp_psia.iter().zip(&lower.bhp_psia).enumerate() {
                if hi < lo {
                    out.push(VfpViolation {
                        flo_index: f + 1,
                        thp_index: r.thp_index,
                        wfr_index: r.wfr_index,
                        gfr_index: r.gfr_index,
                        alq_index: r.alq_index,
                        bhp_at_lower_thp_psia: lo,
                        bhp_psia: hi,
                    });
                }
            }
        }
        out
    }

    /// The `VFPPROD` keyword text (FIELD units), ready to `INCLUDE` in a SCHEDULE section.
    /// Comment lines (`--`) name the units, and any THP monotonicity violation.
    pub fn to_eclipse(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "-- VFPPROD table {} (nodal-core {}): BHP in psia at datum depth {} ft",
            self.table_number,
            crate::ENGINE_VERSION,
            fmt_value(self.datum_depth_ft)
        );
        if !self.thp_violations.is_empty() {
            let _ = writeln!(
                s,
                "-- WARNING: BHP falls as THP rises at {} point(s); first at FLO {} THP {} WFR {} GFR {} ALQ {}",
                self.thp_violations.len(),
                self.thp_violations[0].flo_index,
                self.thp_violations[0].thp_index,
                self.thp_violations[0].wfr_index,
                self.thp_violations[0].gfr_index,
                self.thp_violations[0].alq_index
            );
        }
        s.push_str("VFPPROD\n");
        s.push_str("-- table  datum_depth  FLO    WFR    GFR    THP    ALQ     units    tab\n");
        let _ = writeln!(
            s,
            "   {}  {}  '{}'  '{}'  '{}'  'THP'  {}  'FIELD'  'BHP' /",
            self.table_number,
            fmt_value(self.datum_depth_ft),
            self.flow_rate.keyword(),
            self.water_fraction.keyword(),
            self.gas_fraction.keyword(),
            self.lift_quantity.keyword()
        );
        let axes: [(&str, String, &[f64]); 5] = [
            (
                self.flow_rate.keyword(),
                self.flow_rate.unit().to_string(),
                &self.flow_values,
            ),
            ("THP", "psia".to_string(), &self.thp_values_psia),
            (
                self.water_fraction.keyword(),
                self.water_fraction.unit().to_string(),
                &self.water_fraction_values,
            ),
            (
                self.gas_fraction.keyword(),
                self.gas_fraction.unit().to_string(),
                &self.gas_fraction_values,
            ),
            (
                match self.lift_quantity {
                    VfpLiftQuantity::None => "ALQ",
                    VfpLiftQuantity::GasRate => "GRAT",
                },
                self.lift_quantity.unit().to_string(),
                &self.lift_values,
            ),
        ];
        for (name, unit, values) in axes {
            let _ = writeln!(s, "\n-- {name} values ({unit})");
            write_values(&mut s, "   ", values.iter().map(|&v| fmt_value(v)));
        }
        s.push_str("\n-- NTHP NWFR NGFR NALQ  BHP (psia) at each FLO value\n");
        for r in &self.records {
            let prefix = format!(
                "{:>4} {:>4} {:>4} {:>4} ",
                r.thp_index, r.wfr_index, r.gfr_index, r.alq_index
            );
            write_values(
                &mut s,
                &prefix,
                r.bhp_psia.iter().map(|v| format!("{v:.2}")),
            );
        }
        s
    }
}

/// Writes values `VALUES_PER_LINE` to a line, the first line after `prefix`, the others
/// indented to match, and terminates the record with `/`.
fn write_values(s: &mut String, prefix: &str, values: impl Iterator<Item = String>) {
    let indent = " ".repeat(prefix.chars().count());
    let values: Vec<String> = values.collect();
    for (i, chunk) in values.chunks(VALUES_PER_LINE).enumerate() {
        s.push_str(if i == 0 { prefix } else { &indent });
        for v in chunk {
            let _ = write!(s, " {v:>10}");
        }
        s.push('\n');
    }
    s.push_str(&indent);
    s.push_str("/\n");
}

/// Shortest decimal form that reads back to the same value.
fn fmt_value(v: f64) -> String {
    let s = format!("{v}");
    if s.contains('.') || s.contains('e') {
        s
    } else {
        format!("{s}.0")
    }
}

fn check_axis(
    field: &'static str,
    values: &[f64],
    min_len: usize,
    low: f64,
    high: f64,
    low_inclusive: bool,
) -> CoreResult<()> {
    if !(min_len..=MAX_VFP_AXIS_VALUES).contains(&values.len()) {
        return Err(CoreError::invalid(
            field,
            format!(
                "needs {min_len} to {MAX_VFP_AXIS_VALUES} values (got {})",
                values.len()
            ),
        ));
    }
    for (i, &v) in values.iter().enumerate() {
        let above_low = if low_inclusive { v >= low } else { v > low };
        if !(v.is_finite() && above_low && v <= high) {
            return Err(CoreError::invalid(
                field,
                format!(
                    "value {i} must be {} {low} and at most {high} (got {v})",
                    if low_inclusive { "at least" } else { "above" }
                ),
            ));
        }
        if i > 0 && v <= values[i - 1] {
            return Err(CoreError::invalid(
                field,
                format!(
                    "values must increase strictly (value {i}: {v} after {})",
                    values[i - 1]
                ),
            ));
        }
    }
    Ok(())
}

impl VfpProdSpec {
    /// Checks the table number, every axis and the size cap.
    pub fn validate(&self) -> CoreResult<()> {
        if self.table_number == 0 {
            return Err(CoreError::invalid("table_number", "must be 1 or more"));
        }
        check_axis("flow_values", &self.flow_values, 2, 0.0, 1.0e8, false)?;
        check_axis(
            "thp_values_psia",
            &self.thp_values_psia,
            1,
            STANDARD_PRESSURE_PSIA,
            20_000.0,
            true,
        )?;
        let wfr_max = match self.water_fraction {
            VfpWaterFraction::WaterCut if self.flow_rate == VfpFlowRate::Liquid => 1.0,
            VfpWaterFraction::WaterCut => 0.999_999,
            VfpWaterFraction::WaterOilRatio => 1.0e4,
        };
        check_axis(
            "water_fraction_values",
            &self.water_fraction_values,
            1,
            0.0,
            wfr_max,
            true,
        )?;
        match self.gas_fraction {
            VfpGasFraction::OilGasRatio => check_axis(
                "gas_fraction_values",
                &self.gas_fraction_values,
                1,
                0.0,
                1.0e4,
                false,
            )?,
            _ => check_axis(
                "gas_fraction_values",
                &self.gas_fraction_values,
                1,
                0.0,
                1.0e4,
                true,
            )?,
        }
        match self.lift_quantity {
            VfpLiftQuantity::None if self.lift_values != [0.0] => {
                return Err(CoreError::invalid(
                    "lift_values",
                    "without a lift quantity the one ALQ value must be 0",
                ));
            }
            VfpLiftQuantity::None => {}
            VfpLiftQuantity::GasRate => {
                check_axis("lift_values", &self.lift_values, 1, 0.0, 1.0e6, true)?;
            }
        }
        let points = self.flow_values.len()
            * self.thp_values_psia.len()
            * self.water_fraction_values.len()
            * self.gas_fraction_values.len()
            * self.lift_values.len();
        if points > MAX_VFP_POINTS {
            return Err(CoreError::invalid(
                "flow_values",
                format!(
                    "a VFP table may hold at most {MAX_VFP_POINTS} BHP values; this one needs {points}"
                ),
            ));
        }
        Ok(())
    }
}

/// The `VFPPROD` table of `well`: one top-down traverse per (FLO, THP, WFR, GFR, ALQ)
/// combination, records computed in parallel. The water cut, GOR and gas lift of `well` are
/// replaced by each combination's values (`GRAT` needs the well's gas-lift depth; without a
/// lift quantity no lift gas is injected). Conversions to the traverse's liquid rate, water
/// cut and GOR (scf/STB): `WOR → f_w = WOR/(1 + WOR)`; `GOR (Mscf/STB) × 1000`; `GLR × 1000 /
/// (1 − f_w)`; `1000 / OGR`; `OIL → q_o/(1 − f_w)`; `GAS → 1000 q_g / GOR / (1 − f_w)`.
///
/// A combination whose traverse fails makes the whole table an error listing the failed
/// indices (a simulator needs every value). The result carries the THP monotonicity check.
pub fn vfpprod_table<F: FluidModel + Sync + ?Sized>(
    well: &VlpCase<'_, F>,
    spec: &VfpProdSpec,
) -> CoreResult<VfpProdTable> {
    spec.validate()?;
    let injection_md = match spec.lift_quantity {
        VfpLiftQuantity::GasRate => {
            Some(well.gas_lift.map(|g| g.injection_md_ft).ok_or_else(|| {
                CoreError::invalid(
                    "lift_quantity",
                    "GRAT needs the gas-lift injection depth of the well; the case has no gas lift",
                )
            })?)
        }
        VfpLiftQuantity::None => None,
    };
    let datum_depth_ft = well.survey.at_md(well.flow_path.bottom_md_ft())?.tvd_ft;
    let mut combos = Vec::new();
    for t in 0..spec.thp_values_psia.len() {
        for w in 0..spec.water_fraction_values.len() {
            for g in 0..spec.gas_fraction_values.len() {
                for a in 0..spec.lift_values.len() {
                    combos.push((t, w, g, a));
                }
            }
        }
    }
    let results = parallel_map(&combos, |&(t, w, g, a)| -> Vec<CoreResult<f64>> {
        let wc = spec.water_fraction.water_cut(spec.water_fraction_values[w]);
        let gor = match spec
            .gas_fraction
            .gor_scf_stb(spec.gas_fraction_values[g], wc)
        {
            Ok(v) => v,
            Err(e) => return vec![Err(e); spec.flow_values.len()],
        };
        let gas_lift = injection_md.map(|md| GasLift {
            injection_md_ft: md,
            gas_rate_mscf_d: spec.lift_values[a],
        });
        let case = VlpCase {
            survey: well.survey,
            flow_path: well.flow_path,
            fluid: well.fluid,
            water_cut_fraction: wc,
            gor_scf_stb: gor,
            gas_lift,
            correlation: well.correlation,
            friction: well.friction,
            temperature: well.temperature,
            step: well.step,
            gravity_multiplier: well.gravity_multiplier,
            friction_multiplier: well.friction_multiplier,
        };
        spec.flow_values
            .iter()
            .map(|&flo| {
                let liquid = match spec.flow_rate {
                    VfpFlowRate::Liquid => flo,
                    VfpFlowRate::Oil => flo / (1.0 - wc),
                    VfpFlowRate::Gas if gor > 0.0 => 1000.0 * flo / gor / (1.0 - wc),
                    VfpFlowRate::Gas => {
                        return Err(CoreError::invalid(
                            "gas_fraction_values",
                            "a GAS flow axis needs a gas-oil ratio above zero",
                        ));
                    }
                };
                case.bottomhole_pressure(liquid, spec.thp_values_psia[t])
            })
            .collect()
    })?;
    let mut records = Vec::with_capacity(combos.len());
    let mut failures = Vec::new();
    for (&(t, w, g, a), bhps) in combos.iter().zip(results) {
        let mut bhp_psia = Vec::with_capacity(bhps.len());
        for (f, r) in bhps.into_iter().enumerate() {
            match r {
                Ok(p) => bhp_psia.push(p),
                Err(e @ CoreError::InvalidInput { .. }) => return Err(e),
                Err(e) => {
                    failures.push(format!(
                        "FLO {} THP {} WFR {} GFR {} ALQ {}: {e}",
                        f + 1,
                        t + 1,
                        w + 1,
                        g + 1,
                        a + 1
                    ));
                    bhp_psia.push(f64::NAN);
                }
            }
        }
        records.push(VfpRecord {
            thp_index: t + 1,
            wfr_index: w + 1,
            gfr_index: g + 1,
            alq_index: a + 1,
            bhp_psia,
        });
    }
    if !failures.is_empty() {
        let shown: Vec<&str> = failures.iter().take(5).map(String::as_str).collect();
        return Err(CoreError::Physical(format!(
            "{} of the table's BHP values could not be computed (indices 1-based): {}",
            failures.len(),
            shown.join("; ")
        )));
    }
    let mut table = VfpProdTable {
        table_number: spec.table_number,
        datum_depth_ft,
        flow_rate: spec.flow_rate,
        water_fraction: spec.water_fraction,
        gas_fraction: spec.gas_fraction,
        lift_quantity: spec.lift_quantity,
        flow_values: spec.flow_values.clone(),
        thp_values_psia: spec.thp_values_psia.clone(),
        water_fraction_values: spec.water_fraction_values.clone(),
        gas_fraction_values: spec.gas_fraction_values.clone(),
        lift_values: spec.lift_values.clone(),
        records,
        thp_violations: Vec::new(),
    };
    table.thp_violations = table.check_thp_monotonic();
    Ok(table)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::hydraulics::{GradientCorrelation, SimpleBlackOil, TemperatureProfile};
    use crate::wellbore::{Conduit, FlowPath, Survey};

    struct Well {
        survey: Survey,
        path: FlowPath,
        fluid: SimpleBlackOil,
    }

    fn well() -> Well {
        Well {
            survey: Survey::vertical(6000.0).unwrap(),
            path: FlowPath::single(
                0.0,
                6000.0,
                Conduit::Tubing {
                    inner_diameter_in: 2.441,
                    roughness_in: 0.0006,
                },
            )
            .unwrap(),
            fluid: SimpleBlackOil::default(),
        }
    }

    fn case(w: &Well) -> VlpCase<'_, SimpleBlackOil> {
        let mut c = VlpCase::new(
            &w.survey,
            &w.path,
            &w.fluid,
            0.0,
            0.0,
            GradientCorrelation::BeggsBrillPayne1979,
            TemperatureProfile {
                top_temperature_degf: 100.0,
                bottom_temperature_degf: 180.0,
            },
        );
        c.gas_lift = Some(GasLift {
            injection_md_ft: 5500.0,
            gas_rate_mscf_d: 0.0,
        });
        c
    }

    fn spec() -> VfpProdSpec {
        VfpProdSpec {
            table_number: 3,
            flow_rate: VfpFlowRate::Liquid,
            water_fraction: VfpWaterFraction::WaterCut,
            gas_fraction: VfpGasFraction::GasOilRatio,
            lift_quantity: VfpLiftQuantity::GasRate,
            flow_values: vec![200.0, 800.0, 1600.0],
            thp_values_psia: vec![100.0, 300.0],
            water_fraction_values: vec![0.0, 0.5],
            gas_fraction_values: vec![0.3, 0.8],
            lift_values: vec![0.0, 500.0],
        }
    }

    /// Every value equals the single traverse with the converted inputs (GOR 0.3 Mscf/STB
    /// = 300 scf/STB), the layout follows the OPM manual, and a sound table has no THP
    /// violation.
    #[test]
    fn table_values_layout_and_monotonicity() {
        let w = well();
        let c = case(&w);
        let t = vfpprod_table(&c, &spec()).unwrap();
        assert_eq!(t.records.len(), 2 * 2 * 2 * 2);
        assert!((t.datum_depth_ft - 6000.0).abs() < 1e-9);
        assert!(t.thp_violations.is_empty(), "{:?}", t.thp_violations);
        // THP 300 (index 2), WCT 0.5 (2), GOR 0.3 (1), GRAT 500 (2), LIQ 800 (2).
        let mut direct = VlpCase::new(
            &w.survey,
            &w.path,
            &w.fluid,
            0.5,
            300.0,
            GradientCorrelation::BeggsBrillPayne1979,
            c.temperature,
        );
        direct.gas_lift = Some(GasLift {
            injection_md_ft: 5500.0,
            gas_rate_mscf_d: 500.0,
        });
        let expected = direct.bottomhole_pressure(800.0, 300.0).unwrap();
        assert_eq!(t.bhp_psia(1, 1, 1, 0, 1), Some(expected));
        let text = t.to_eclipse();
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("--") && !l.trim().is_empty())
            .collect();
        assert_eq!(lines[0], "VFPPROD");
        assert_eq!(
            lines[1].split_whitespace().collect::<Vec<_>>(),
            [
                "3", "6000.0", "'LIQ'", "'WCT'", "'GOR'", "'THP'", "'GRAT'", "'FIELD'", "'BHP'",
                "/"
            ]
        );
        // Records 2-6: FLO, THP, WFR, GFR, ALQ values, each ending with '/'.
        let joined = lines[2..].join(" ");
        let records: Vec<&str> = joined.split('/').map(str::trim).collect();
        assert_eq!(
            records[0].split_whitespace().collect::<Vec<_>>(),
            ["200.0", "800.0", "1600.0"]
        );
        assert_eq!(
            records[1].split_whitespace().collect::<Vec<_>>(),
            ["100.0", "300.0"]
        );
        assert_eq!(
            records[2].split_whitespace().collect::<Vec<_>>(),
            ["0.0", "0.5"]
        );
        assert_eq!(
            records[3].split_whitespace().collect::<Vec<_>>(),
            ["0.3", "0.8"]
        );
        assert_eq!(
            records[4].split_whitespace().collect::<Vec<_>>(),
            ["0.0", "500.0"]
        );
        // Then 16 records of 4 indices and 3 BHP values.
        let bhp_records = &records[5..records.len() - 1];
        assert_eq!(bhp_records.len(), 16);
        for r in bhp_records {
            assert_eq!(r.split_whitespace().count(), 4 + 3, "{r}");
        }
        assert!(
            bhp_records[0].starts_with("1    1    1    1"),
            "{}",
            bhp_records[0]
        );
        assert_eq!(records.last().copied(), Some(""));
    }

    /// A planted violation (BHP lowered at the higher THP) is caught with its indices and
    /// named in the keyword text.
    #[test]
    fn planted_thp_violation_is_reported() {
        let w = well();
        let c = case(&w);
        let mut t = vfpprod_table(&c, &spec()).unwrap();
        // THP index 2, WFR 1, GFR 2, ALQ 1: record (2, 1, 2, 1); FLO index 3.
        let r = t
            .records
            .iter_mut()
            .find(|r| (r.thp_index, r.wfr_index, r.gfr_index, r.alq_index) == (2, 1, 2, 1))
            .unwrap();
        r.bhp_psia[2] = 50.0;
        let v = t.check_thp_monotonic();
        assert_eq!(v.len(), 1);
        assert_eq!(
            (
                v[0].flo_index,
                v[0].thp_index,
                v[0].wfr_index,
                v[0].gfr_index,
                v[0].alq_index
            ),
            (3, 2, 1, 2, 1)
        );
        assert_eq!(v[0].bhp_psia, 50.0);
        assert!(v[0].bhp_at_lower_thp_psia > 50.0);
        t.thp_violations = v;
        assert!(t.to_eclipse().contains(
            "WARNING: BHP falls as THP rises at 1 point(s); first at FLO 3 THP 2 WFR 1 GFR 2 ALQ 1"
        ));
    }

    /// OIL and GAS flow axes and WOR, GLR and OGR fractions are converted to the same
    /// traverse as the equivalent LIQ/WCT/GOR point.
    #[test]
    fn axis_conversions() {
        let w = well();
        let c = case(&w);
        let base = VfpProdSpec {
            flow_values: vec![500.0, 1000.0],
            thp_values_psia: vec![200.0],
            water_fraction_values: vec![0.2],
            gas_fraction_values: vec![0.5],
            lift_values: vec![0.0],
            lift_quantity: VfpLiftQuantity::None,
            ..spec()
        };
        let reference = vfpprod_table(&c, &base).unwrap();
        // 400 STB/d oil at 20 % water cut is 500 STB/d liquid; WOR 0.25 is WCT 0.2.
        let oil = vfpprod_table(
            &c,
            &VfpProdSpec {
                flow_rate: VfpFlowRate::Oil,
                water_fraction: VfpWaterFraction::WaterOilRatio,
                flow_values: vec![400.0, 800.0],
                water_fraction_values: vec![0.25],
                ..base.clone()
            },
        )
        .unwrap();
        // 200 Mscf/d gas at GOR 0.5 Mscf/STB is 400 STB/d oil; GLR 0.4 at WCT 0.2 is GOR 0.5;
        // OGR 2 STB/Mscf is GOR 0.5 Mscf/STB.
        let gas = vfpprod_table(
            &c,
            &VfpProdSpec {
                flow_rate: VfpFlowRate::Gas,
                gas_fraction: VfpGasFraction::GasLiquidRatio,
                flow_values: vec![200.0, 400.0],
                gas_fraction_values: vec![0.4],
                ..base.clone()
            },
        )
        .unwrap();
        let ogr = vfpprod_table(
            &c,
            &VfpProdSpec {
                gas_fraction: VfpGasFraction::OilGasRatio,
                gas_fraction_values: vec![2.0],
                ..base.clone()
            },
        )
        .unwrap();
        for f in 0..2 {
            let r = reference.bhp_psia(f, 0, 0, 0, 0).unwrap();
            for t in [&oil, &gas, &ogr] {
                assert!((t.bhp_psia(f, 0, 0, 0, 0).unwrap() - r).abs() < 1e-9);
            }
        }
        assert!(reference.to_eclipse().contains(" 1*  'FIELD'"));
    }

    #[test]
    fn spec_is_validated() {
        let w = well();
        let c = case(&w);
        let bad = |s: VfpProdSpec| vfpprod_table(&c, &s).unwrap_err().to_string();
        assert!(
            bad(VfpProdSpec {
                flow_values: vec![100.0],
                ..spec()
            })
            .starts_with("flow_values")
        );
        assert!(
            bad(VfpProdSpec {
                thp_values_psia: vec![300.0, 200.0],
                ..spec()
            })
            .starts_with("thp_values_psia")
        );
        assert!(
            bad(VfpProdSpec {
                table_number: 0,
                ..spec()
            })
            .starts_with("table_number")
        );
        assert!(
            bad(VfpProdSpec {
                flow_rate: VfpFlowRate::Oil,
                water_fraction_values: vec![0.0, 1.0],
                ..spec()
            })
            .starts_with("water_fraction_values")
        );
        assert!(
            bad(VfpProdSpec {
                lift_quantity: VfpLiftQuantity::None,
                ..spec()
            })
            .starts_with("lift_values")
        );
        let e = bad(VfpProdSpec {
            flow_values: (1..=50).map(f64::from).collect(),
            thp_values_psia: (1..=20).map(|i| 100.0 * f64::from(i)).collect(),
            water_fraction_values: (0..21).map(|i| 0.04 * f64::from(i)).collect(),
            ..spec()
        });
        assert!(e.contains("at most 20000"), "{e}");
        let mut no_lift = case(&w);
        no_lift.gas_lift = None;
        let e = vfpprod_table(&no_lift, &spec()).unwrap_err().to_string();
        assert!(e.starts_with("lift_quantity"), "{e}");
    }
}
