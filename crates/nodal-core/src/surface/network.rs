//! Gas gathering networks: wells connected by pipes in a tree to one delivery point at a
//! fixed pressure.
//!
//! Each well delivers by its inflow model (a gas-rate [`InflowModel`], e.g. the back-pressure
//! equation `q = C (p̄r² − p²)^n`, taken at the wellhead: its C and n from a wellhead
//! deliverability test) through a wellhead choke ([`GasChoke`]) or its own line
//! ([`GasPipe`]) into a network node. Pipes join nodes; every pipe uses the network's gas
//! flow equation ([`GasFlowEquation`]) with Z and viscosity from the PVT engine.
//!
//! Solution. In a tree every node but the delivery point drains through exactly one pipe
//! toward it, and everything upstream of a node depends on that node's pressure alone. So the
//! flow a sub-tree sends into its downstream node is a decreasing function of that node's
//! pressure, found by one bracketed root solve per node: the node pressure at which what
//! arrives (its wells and the sub-trees feeding it) equals what its outgoing pipe carries.
//! Each well's rate at a node pressure is likewise one root solve on its wellhead pressure
//! (inflow = choke or line flow). All solves are Brent's method on brackets where the
//! residual is monotone, so they converge whenever a solution exists; a solve that does not
//! meet its tolerance is reported by node or well name. Each solve first tries a narrow
//! bracket around the previous root of the same unknown, since successive outer iterations
//! move it only slightly. Flows balance at every junction to
//! the solver tolerance (relative 1e-10 in pressure).

use crate::error::{CoreError, CoreResult, require_in_range};
use crate::inflow::{Inflow, InflowModel, RateBasis};
use std::cell::Cell;

use crate::numeric::{Root, brent};

use super::choke::GasChoke;
use super::gas_pipeline::{
    GasFlowConditions, GasFlowEquation, GasPipe, MIN_PIPELINE_PRESSURE_PSIA,
};

/// Most nodes (junctions plus the delivery point).
pub const MAX_NODES: usize = 500;
/// Most wells.
pub const MAX_WELLS: usize = 500;

/// A network node.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkNode {
    /// Name, unique.
    pub name: String,
    /// Elevation, ft.
    pub elevation_ft: f64,
}

/// A pipe between two nodes (either order; flow runs toward the delivery point).
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkPipe {
    /// Name.
    pub name: String,
    /// One end, a node index.
    pub from: usize,
    /// The other end, a node index.
    pub to: usize,
    /// The pipe (its `elevation_change_ft` is replaced by the node elevations).
    pub pipe: GasPipe,
}

/// How a well joins its node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WellConnection {
    /// A wellhead choke discharging into the node.
    Choke(GasChoke),
    /// A line from the wellhead to the node (its `elevation_change_ft` is used as given:
    /// node elevation minus wellhead elevation).
    Line(GasPipe),
}

/// A gas well's tubing, vertical from the bottom hole to the wellhead. With it the well's
/// inflow acts at the bottom hole and the gas climbs the tubing by the general flow equation
/// with Colebrook friction and the elevation correction (the average-temperature,
/// average-Z method for gas wells: Menon 2005, Ch. 2; Guo, Lyons and Ghalambor 2007, Ch. 4).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WellTubing {
    /// Vertical depth of the bottom hole below the wellhead, ft.
    pub depth_ft: f64,
    /// Tubing inner diameter, in.
    pub inner_diameter_in: f64,
    /// Tubing roughness, in.
    pub roughness_in: f64,
    /// Average gas temperature in the tubing, °F.
    pub average_temperature_degf: f64,
}

impl WellTubing {
    fn validate(&self) -> CoreResult<()> {
        require_in_range("tubing.depth_ft", self.depth_ft, 1.0, 40_000.0)?;
        require_in_range(
            "tubing.inner_diameter_in",
            self.inner_diameter_in,
            0.5,
            12.0,
        )?;
        require_in_range(
            "tubing.roughness_in",
            self.roughness_in,
            0.0,
            0.1 * self.inner_diameter_in,
        )?;
        require_in_range(
            "tubing.average_temperature_degf",
            self.average_temperature_degf,
            -40.0,
            500.0,
        )?;
        Ok(())
    }

    fn pipe(&self) -> GasPipe {
        GasPipe {
            length_mi: self.depth_ft / 5280.0,
            inner_diameter_in: self.inner_diameter_in,
            roughness_in: self.roughness_in,
            efficiency: 1.0,
            elevation_change_ft: self.depth_ft,
            drag_factor: 0.96,
        }
    }
}

/// A well.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkWell {
    /// Name, unique.
    pub name: String,
    /// Node it delivers into.
    pub node: usize,
    /// Inflow (gas rate basis): at the bottom hole with `tubing`, else at the wellhead (C and
    /// n from a wellhead deliverability test).
    pub inflow: InflowModel,
    /// Tubing from the bottom hole to the wellhead, if the inflow is at the bottom hole.
    pub tubing: Option<WellTubing>,
    /// Wellhead choke or line.
    pub connection: WellConnection,
}

/// The network.
#[derive(Debug, Clone)]
pub struct GasNetwork<'a> {
    /// Nodes.
    pub nodes: Vec<NetworkNode>,
    /// Index of the delivery node.
    pub delivery_node: usize,
    /// Delivery pressure, psia.
    pub delivery_pressure_psia: f64,
    /// Pipes.
    pub pipes: Vec<NetworkPipe>,
    /// Wells.
    pub wells: Vec<NetworkWell>,
    /// Flow equation of every pipe.
    pub equation: GasFlowEquation,
    /// Gas and base conditions.
    pub conditions: GasFlowConditions<'a>,
    /// Most iterations of each root solve ([`DEFAULT_MAX_ITERATIONS`] unless there is a
    /// reason to change it).
    pub max_iterations: u32,
}

/// Iterations each node and well solve may take by default; Brent's method needs 10 to 30
/// on these brackets.
pub const DEFAULT_MAX_ITERATIONS: u32 = 100;

/// A solved node.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NodeSolution {
    /// Node name.
    pub name: String,
    /// Pressure, psia.
    pub pressure_psia: f64,
    /// Gas leaving the node toward the delivery point, Mscf/d (the total delivered for the
    /// delivery node).
    pub outflow_mscf_d: f64,
    /// Gas arriving from wells and upstream pipes, Mscf/d.
    pub inflow_mscf_d: f64,
}

/// A solved pipe.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PipeSolution {
    /// Pipe name.
    pub name: String,
    /// Upstream node name.
    pub upstream_node: String,
    /// Downstream node name.
    pub downstream_node: String,
    /// Flow, Mscf/d.
    pub rate_mscf_d: f64,
    /// Upstream pressure, psia.
    pub inlet_pressure_psia: f64,
    /// Downstream pressure, psia.
    pub outlet_pressure_psia: f64,
}

/// A solved well.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct WellSolution {
    /// Well name.
    pub name: String,
    /// Rate, Mscf/d.
    pub rate_mscf_d: f64,
    /// Wellhead pressure, psia.
    pub wellhead_pressure_psia: f64,
    /// Pressure of the node it delivers into, psia.
    pub node_pressure_psia: f64,
    /// Flowing bottom-hole pressure, psia (wells with tubing).
    pub bottomhole_pressure_psia: Option<f64>,
    /// Whether the choke flows critical (choke connections only).
    pub critical_choke: Option<bool>,
}

/// The solved network.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NetworkSolution {
    /// Total gas delivered, Mscf/d.
    pub delivered_mscf_d: f64,
    /// Nodes, in input order.
    pub nodes: Vec<NodeSolution>,
    /// Pipes, in input order.
    pub pipes: Vec<PipeSolution>,
    /// Wells, in input order.
    pub wells: Vec<WellSolution>,
    /// Whether every solve met its tolerance.
    pub converged: bool,
    /// What did not converge, by node or well.
    pub non_converged: Vec<String>,
}

/// The network as a tree rooted at the delivery node.
struct Tree {
    /// For each node: (pipe index, downstream node) or None for the delivery node.
    parent: Vec<Option<(usize, usize)>>,
    /// For each node: (pipe index, upstream node) of the pipes feeding it.
    children: Vec<Vec<(usize, usize)>>,
    /// For each node: indices of its wells.
    wells: Vec<Vec<usize>>,
    /// For each node: highest reservoir pressure in its sub-tree (psia), 0 with no well.
    max_pressure: Vec<f64>,
}

struct Solver<'n, 'a> {
    net: &'n GasNetwork<'a>,
    tree: Tree,
    failures: std::cell::RefCell<Vec<String>>,
    /// Last root of each solve (node pressure, wellhead and bottom-hole pressure per well;
    /// NaN before the first): the next solve of the same unknown starts next to it.
    last_node: Vec<Cell<f64>>,
    last_wellhead: Vec<Cell<f64>>,
    last_bottomhole: Vec<Cell<f64>>,
}

/// Half-width of the first bracket tried around a previous root, relative.
const NEAR_BRACKET: f64 = 1e-3;

/// Relative pressure tolerance of the node solves.
const X_TOL_REL: f64 = 1e-10;
/// Relative pressure tolerance of each well's wellhead-pressure solve.
const WELL_X_TOL_REL: f64 = 1e-9;
/// Relative pressure tolerance of each well's bottom-hole-pressure solve (innermost, so
/// looser: 1e-8 of 3,000 psia moves the rate by far less than the 1e-6 balance checked).
const TUBING_X_TOL_REL: f64 = 1e-8;

impl GasNetwork<'_> {
    fn validate(&self) -> CoreResult<Tree> {
        let n = self.nodes.len();
        if n == 0 || n > MAX_NODES {
            return Err(CoreError::invalid(
                "nodes",
                format!("needs 1 to {MAX_NODES} nodes (got {n})"),
            ));
        }
        if self.wells.is_empty() || self.wells.len() > MAX_WELLS {
            return Err(CoreError::invalid(
                "wells",
                format!("needs 1 to {MAX_WELLS} wells (got {})", self.wells.len()),
            ));
        }
        if !(1..=10_000).contains(&self.max_iterations) {
            return Err(CoreError::invalid(
                "max_iterations",
                format!("must be 1 to 10000 (got {})", self.max_iterations),
            ));
        }
        if self.delivery_node >= n {
            return Err(CoreError::invalid(
                "delivery_node",
                format!("no node {}", self.delivery_node),
            ));
        }
        require_in_range(
            "delivery_pressure_psia",
            self.delivery_pressure_psia,
            MIN_PIPELINE_PRESSURE_PSIA,
            20_000.0,
        )?;
        // Checked before any well or pipe: a bad base or flowing temperature would otherwise
        // surface as the first well's choke failing, or as no finite rate at all.
        self.conditions.validate()?;
        for (i, node) in self.nodes.iter().enumerate() {
            if self.nodes[..i].iter().any(|m| m.name == node.name) {
                return Err(CoreError::invalid(
                    "nodes",
                    format!("node name `{}` is used twice", node.name),
                ));
            }
            require_in_range("nodes.elevation_ft", node.elevation_ft, -30_000.0, 30_000.0)?;
        }
        let mut adjacency: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
        for (i, p) in self.pipes.iter().enumerate() {
            if p.from >= n || p.to >= n {
                return Err(CoreError::invalid(
                    "pipes",
                    format!("pipe `{}` joins a node that does not exist", p.name),
                ));
            }
            if p.from == p.to {
                return Err(CoreError::invalid(
                    "pipes",
                    format!(
                        "pipe `{}` starts and ends at the same node (a cycle)",
                        p.name
                    ),
                ));
            }
            p.pipe
                .validate()
                .map_err(|e| CoreError::invalid("pipes", format!("pipe `{}`: {e}", p.name)))?;
            adjacency[p.from].push((i, p.to));
            adjacency[p.to].push((i, p.from));
        }
        // Breadth-first from the delivery point: a second path to a node is a cycle.
        let mut parent: Vec<Option<(usize, usize)>> = vec![None; n];
        let mut children: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
        let mut seen = vec![false; n];
        let mut used_pipe = vec![false; self.pipes.len()];
        let mut order = vec![self.delivery_node];
        seen[self.delivery_node] = true;
        let mut head = 0;
        while head < order.len() {
            let node = order[head];
            head += 1;
            for &(pipe, other) in &adjacency[node] {
                if used_pipe[pipe] {
                    continue;
                }
                used_pipe[pipe] = true;
                if seen[other] {
                    return Err(CoreError::invalid(
                        "pipes",
                        format!(
                            "pipe `{}` closes a loop through node `{}`: a gathering network must be a tree",
                            self.pipes[pipe].name, self.nodes[other].name
                        ),
                    ));
                }
                seen[other] = true;
                parent[other] = Some((pipe, node));
                children[node].push((pipe, other));
                order.push(other);
            }
        }
        let mut wells = vec![Vec::new(); n];
        for (i, w) in self.wells.iter().enumerate() {
            if self.wells[..i].iter().any(|v| v.name == w.name) {
                return Err(CoreError::invalid(
                    "wells",
                    format!("well name `{}` is used twice", w.name),
                ));
            }
            if w.node >= n {
                return Err(CoreError::invalid(
                    "wells",
                    format!("well `{}` delivers into a node that does not exist", w.name),
                ));
            }
            if !seen[w.node] {
                return Err(CoreError::invalid(
                    "wells",
                    format!(
                        "well `{}` delivers into node `{}`, which no pipe connects to the delivery point",
                        w.name, self.nodes[w.node].name
                    ),
                ));
            }
            if w.inflow.rate_basis() != RateBasis::Gas {
                return Err(CoreError::invalid(
                    "wells",
                    format!(
                        "well `{}`: a gas network needs a gas-rate inflow model (back pressure or gas Darcy)",
                        w.name
                    ),
                ));
            }
            match &w.connection {
                WellConnection::Choke(c) => c.validate(),
                WellConnection::Line(p) => p.validate(),
            }
            .map_err(|e| CoreError::invalid("wells", format!("well `{}`: {e}", w.name)))?;
            if let Some(t) = &w.tubing {
                t.validate()
                    .map_err(|e| CoreError::invalid("wells", format!("well `{}`: {e}", w.name)))?;
            }
            wells[w.node].push(i);
        }
        let mut max_pressure = vec![0.0_f64; n];
        for &node in order.iter().rev() {
            let own = wells[node]
                .iter()
                .map(|&w| self.wells[w].inflow.reservoir_pressure_psia())
                .fold(0.0, f64::max);
            let upstream = children[node]
                .iter()
                .map(|&(_, c)| max_pressure[c])
                .fold(0.0, f64::max);
            max_pressure[node] = own.max(upstream);
        }
        Ok(Tree {
            parent,
            children,
            wells,
            max_pressure,
        })
    }

    /// Solves every node pressure, pipe flow and well rate.
    pub fn solve(&self) -> CoreResult<NetworkSolution> {
        let tree = self.validate()?;
        let unset = |n: usize| vec![Cell::new(f64::NAN); n];
        let solver = Solver {
            net: self,
            tree,
            failures: std::cell::RefCell::new(Vec::new()),
            last_node: unset(self.nodes.len()),
            last_wellhead: unset(self.wells.len()),
            last_bottomhole: unset(self.wells.len()),
        };
        solver.solve()
    }
}

impl Solver<'_, '_> {
    /// Flow through a pipe, Mscf/d, from `p_in` to `p_out`, zero when the gas would flow
    /// backwards (wells do not take gas back).
    fn pipe_flow(&self, pipe: &GasPipe, p_in: f64, p_out: f64) -> CoreResult<f64> {
        self.flow(
            self.net.equation,
            pipe,
            p_in,
            p_out,
            self.net.conditions.flowing_temperature_degf,
        )
    }

    /// Flow (Mscf/d, never negative) by `equation` at `temperature_degf`.
    fn flow(
        &self,
        equation: GasFlowEquation,
        pipe: &GasPipe,
        p_in: f64,
        p_out: f64,
        temperature_degf: f64,
    ) -> CoreResult<f64> {
        let c = &self.net.conditions;
        let pavg = super::gas_pipeline::average_pressure_psia(p_in, p_out);
        let state = c.gas.at(pavg, temperature_degf)?;
        let eval = equation.evaluate(
            pipe,
            &super::gas_pipeline::GasFlowInputs {
                inlet_pressure_psia: p_in,
                outlet_pressure_psia: p_out,
                gas_sg: c.gas.gas_sg(),
                flowing_temperature_degr: crate::units::degf_to_degr(temperature_degf),
                z_factor: state.z_factor,
                viscosity_cp: state.viscosity_cp,
                base_pressure_psia: c.base_pressure_psia,
                base_temperature_degr: crate::units::degf_to_degr(c.base_temperature_degf),
            },
        )?;
        Ok(eval.rate_mscf_d.max(0.0))
    }

    fn network_pipe(&self, index: usize, upstream: usize, downstream: usize) -> GasPipe {
        GasPipe {
            elevation_change_ft: self.net.nodes[downstream].elevation_ft
                - self.net.nodes[upstream].elevation_ft,
            ..self.net.pipes[index].pipe
        }
    }

    fn record(&self, what: String) {
        self.failures.borrow_mut().push(what);
    }

    /// Brent's method on a residual that decreases across `[lo, hi]`, first on a narrow
    /// bracket around `last` (the previous root of the same unknown: successive outer
    /// iterations move it only slightly, so a few evaluations settle it). `None` when there
    /// is no previous root in `(lo, hi)` or the narrow bracket misses the root; the caller
    /// then solves on the whole bracket.
    fn brent_near<F>(
        &self,
        f: &F,
        last: &Cell<f64>,
        lo: f64,
        hi: f64,
        x_tol: f64,
        method: &'static str,
    ) -> CoreResult<Option<Root>>
    where
        F: Fn(f64) -> CoreResult<f64>,
    {
        let guess = last.get();
        if !(guess > lo && guess < hi) {
            return Ok(None);
        }
        let width = NEAR_BRACKET * guess;
        let (a, b) = ((guess - width).max(lo), (guess + width).min(hi));
        // Both ends must be finite and straddle the root.
        let fa = f(a)?;
        if !fa.is_finite() || fa <= 0.0 {
            return Ok(None);
        }
        let fb = f(b)?;
        if !fb.is_finite() || fb >= 0.0 {
            return Ok(None);
        }
        brent(f, a, b, fa, fb, x_tol, 0.0, self.net.max_iterations, method).map(Some)
    }

    /// Rate and flowing bottom-hole pressure of well `w` at wellhead pressure `p_wh`.
    fn deliverability(&self, w: usize, p_wh: f64) -> CoreResult<(f64, f64)> {
        let well = &self.net.wells[w];
        let pr = well.inflow.reservoir_pressure_psia();
        if p_wh >= pr {
            return Ok((0.0, pr));
        }
        let Some(tubing) = &well.tubing else {
            return Ok((well.inflow.rate_at(p_wh)?, p_wh));
        };
        let pipe = tubing.pipe();
        let t = tubing.average_temperature_degf;
        let residual = |p_wf: f64| -> CoreResult<f64> {
            Ok(well.inflow.rate_at(p_wf)?
                - self.flow(GasFlowEquation::GeneralColebrook, &pipe, p_wf, p_wh, t)?)
        };
        let tol = TUBING_X_TOL_REL * pr;
        let method = "network_well_tubing";
        let last = &self.last_bottomhole[w];
        let root = match self.brent_near(&residual, last, p_wh, pr, tol, method)? {
            Some(root) => root,
            None => {
                // At p_wf = p_wh the column stops any flow up the tubing; at p̄r the inflow
                // stops.
                let f_lo = residual(p_wh)?;
                let f_hi = residual(pr)?;
                if f_hi >= 0.0 {
                    return Ok((0.0, pr));
                }
                brent(
                    residual,
                    p_wh,
                    pr,
                    f_lo,
                    f_hi,
                    tol,
                    0.0,
                    self.net.max_iterations,
                    method,
                )?
            }
        };
        last.set(root.x);
        if !root.converged {
            self.record(format!(
                "well `{}`: bottom-hole pressure solve stopped at {:.4} psia (residual {:.3e} Mscf/d)",
                well.name, root.x, root.fx
            ));
        }
        Ok((well.inflow.rate_at(root.x)?, root.x))
    }

    /// Rate, wellhead pressure and bottom-hole pressure of well `w` delivering into a node at
    /// `p_node`.
    fn well(&self, w: usize, p_node: f64) -> CoreResult<(f64, f64, f64)> {
        let well = &self.net.wells[w];
        let pr = well.inflow.reservoir_pressure_psia();
        if p_node >= pr {
            return Ok((0.0, pr, pr));
        }
        let connection = |p_wh: f64| -> CoreResult<f64> {
            match &well.connection {
                WellConnection::Choke(c) => Ok(c.rate_unchecked(p_wh, p_node).rate_mscf_d),
                WellConnection::Line(pipe) => self.pipe_flow(pipe, p_wh, p_node),
            }
        };
        let residual = |p_wh: f64| -> CoreResult<f64> {
            Ok(self.deliverability(w, p_wh)?.0 - connection(p_wh)?)
        };
        let lo = match well.connection {
            WellConnection::Choke(_) => p_node,
            WellConnection::Line(_) => MIN_PIPELINE_PRESSURE_PSIA.min(p_node),
        };
        let tol = WELL_X_TOL_REL * pr;
        let last = &self.last_wellhead[w];
        let root = match self.brent_near(&residual, last, lo, pr, tol, "network_well")? {
            Some(root) => root,
            None => {
                let f_lo = residual(lo)?;
                let f_hi = residual(pr)?;
                if f_hi >= 0.0 {
                    // The connection carries nothing even at the reservoir pressure (an
                    // uphill line whose gas column outweighs the drawdown): no flow.
                    return Ok((0.0, pr, pr));
                }
                brent(
                    residual,
                    lo,
                    pr,
                    f_lo,
                    f_hi,
                    tol,
                    0.0,
                    self.net.max_iterations,
                    "network_well",
                )?
            }
        };
        last.set(root.x);
        if !root.converged {
            self.record(format!(
                "well `{}`: wellhead pressure solve stopped at {:.4} psia (residual {:.3e} Mscf/d)",
                well.name, root.x, root.fx
            ));
        }
        let (q, p_wf) = self.deliverability(w, root.x)?;
        Ok((q, root.x, p_wf))
    }

    /// Gas arriving at `node` at pressure `p`: its wells plus what its upstream sub-trees
    /// send at that pressure.
    fn arriving(&self, node: usize, p: f64) -> CoreResult<f64> {
        let mut total = 0.0;
        for &w in &self.tree.wells[node] {
            total += self.well(w, p)?.0;
        }
        for &(pipe, child) in &self.tree.children[node] {
            total += self.subtree(pipe, child, p)?.0;
        }
        Ok(total)
    }

    /// Flow through pipe `pipe` from `node` into a downstream node at `p_down`, with the
    /// pressure of `node` that balances it.
    fn subtree(&self, pipe: usize, node: usize, p_down: f64) -> CoreResult<(f64, f64)> {
        let hi = self.tree.max_pressure[node];
        if hi <= p_down {
            return Ok((0.0, p_down));
        }
        let Some((_, downstream)) = self.tree.parent[node] else {
            return Err(CoreError::Physical(
                "the delivery node has no outlet pipe".into(),
            ));
        };
        let gas_pipe = self.network_pipe(pipe, node, downstream);
        let residual = |p: f64| -> CoreResult<f64> {
            Ok(self.arriving(node, p)? - self.pipe_flow(&gas_pipe, p, p_down)?)
        };
        // Downhill pipes may flow with the upstream node below the downstream one.
        let lo = if gas_pipe.elevation_change_ft < 0.0 {
            MIN_PIPELINE_PRESSURE_PSIA
        } else {
            p_down
        };
        let tol = X_TOL_REL * hi;
        let last = &self.last_node[node];
        let root = match self.brent_near(&residual, last, lo, hi, tol, "network_node")? {
            Some(root) => root,
            None => {
                let f_lo = residual(lo)?;
                let f_hi = residual(hi)?;
                if f_lo <= 0.0 {
                    return Ok((0.0, lo));
                }
                if f_hi >= 0.0 {
                    return Ok((0.0, hi));
                }
                brent(
                    residual,
                    lo,
                    hi,
                    f_lo,
                    f_hi,
                    tol,
                    0.0,
                    self.net.max_iterations,
                    "network_node",
                )?
            }
        };
        last.set(root.x);
        if !root.converged {
            self.record(format!(
                "node `{}`: pressure solve stopped at {:.4} psia (imbalance {:.3e} Mscf/d)",
                self.net.nodes[node].name, root.x, root.fx
            ));
        }
        Ok((self.pipe_flow(&gas_pipe, root.x, p_down)?, root.x))
    }

    fn solve(&self) -> CoreResult<NetworkSolution> {
        let net = self.net;
        let n = net.nodes.len();
        let mut pressure = vec![f64::NAN; n];
        // Top-down: the delivery pressure, then each node from its downstream neighbour.
        let root = net.delivery_node;
        pressure[root] = net.delivery_pressure_psia;
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &(pipe, child) in &self.tree.children[node] {
                let (_, p) = self.subtree(pipe, child, pressure[node])?;
                pressure[child] = p;
                stack.push(child);
            }
        }
        let mut wells = Vec::with_capacity(net.wells.len());
        let mut well_rates = vec![0.0; net.wells.len()];
        for (i, w) in net.wells.iter().enumerate() {
            let p_node = pressure[w.node];
            let (q, p_wh, p_wf) = self.well(i, p_node)?;
            well_rates[i] = q;
            wells.push(WellSolution {
                name: w.name.clone(),
                rate_mscf_d: q,
                wellhead_pressure_psia: p_wh,
                node_pressure_psia: p_node,
                bottomhole_pressure_psia: w.tubing.map(|_| p_wf),
                critical_choke: match &w.connection {
                    WellConnection::Choke(c) if q > 0.0 => {
                        Some(p_node / p_wh <= c.critical_pressure_ratio())
                    }
                    WellConnection::Choke(_) => Some(false),
                    WellConnection::Line(_) => None,
                },
            });
        }
        let mut pipe_rates = vec![0.0; net.pipes.len()];
        let mut pipes = Vec::with_capacity(net.pipes.len());
        for (i, p) in net.pipes.iter().enumerate() {
            let (up, down) = if self.tree.parent[p.from].map(|(pipe, _)| pipe) == Some(i) {
                (p.from, p.to)
            } else {
                (p.to, p.from)
            };
            let q = self.pipe_flow(
                &self.network_pipe(i, up, down),
                pressure[up],
                pressure[down],
            )?;
            pipe_rates[i] = q;
            pipes.push(PipeSolution {
                name: p.name.clone(),
                upstream_node: net.nodes[up].name.clone(),
                downstream_node: net.nodes[down].name.clone(),
                rate_mscf_d: q,
                inlet_pressure_psia: pressure[up],
                outlet_pressure_psia: pressure[down],
            });
        }
        let nodes = (0..n)
            .map(|node| {
                let from_wells: f64 = self.tree.wells[node].iter().map(|&w| well_rates[w]).sum();
                let from_pipes: f64 = self.tree.children[node]
                    .iter()
                    .map(|&(pipe, _)| pipe_rates[pipe])
                    .sum();
                let inflow = from_wells + from_pipes;
                NodeSolution {
                    name: net.nodes[node].name.clone(),
                    pressure_psia: pressure[node],
                    outflow_mscf_d: match self.tree.parent[node] {
                        Some((pipe, _)) => pipe_rates[pipe],
                        None => inflow,
                    },
                    inflow_mscf_d: inflow,
                }
            })
            .collect();
        let non_converged = self.failures.take();
        Ok(NetworkSolution {
            delivered_mscf_d: well_rates.iter().sum(),
            nodes,
            pipes,
            wells,
            converged: non_converged.is_empty(),
            non_converged,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::inflow::BackPressure;
    use crate::pvt::gas::{GasMethods, GasModel, Impurities};

    fn gas() -> GasModel {
        GasModel::new(0.65, Impurities::NONE, GasMethods::default()).unwrap()
    }

    fn conditions(gas: &GasModel) -> GasFlowConditions<'_> {
        GasFlowConditions {
            gas,
            flowing_temperature_degf: 80.0,
            base_pressure_psia: 14.73,
            base_temperature_degf: 60.0,
        }
    }

    fn gas_pipe(length_mi: f64, d: f64) -> GasPipe {
        GasPipe {
            length_mi,
            inner_diameter_in: d,
            roughness_in: 0.0007,
            efficiency: 0.92,
            elevation_change_ft: 0.0,
            drag_factor: 0.96,
        }
    }

    fn node(name: &str) -> NetworkNode {
        NetworkNode {
            name: name.into(),
            elevation_ft: 0.0,
        }
    }

    fn choke(bean: f64) -> WellConnection {
        WellConnection::Choke(GasChoke {
            choke_size_64ths_in: bean,
            discharge_coefficient: 0.86,
            heat_capacity_ratio: 1.28,
            gas_sg: 0.65,
            upstream_temperature_degf: 90.0,
        })
    }

    /// Base and flowing conditions are checked by name before the network is walked: a
    /// 0 psia base pressure used to surface as "the flow equation gave no finite rate", and a
    /// 1e308 °F flowing temperature as the first well's choke temperature.
    #[test]
    fn flow_conditions_are_checked_by_name() {
        let gas = gas();
        let bad = [
            ("base_pressure_psia", (80.0, 0.0, 60.0)),
            ("base_temperature_degf", (80.0, 14.73, 1e308)),
            ("flowing_temperature_degf", (1e308, 14.73, 60.0)),
        ];
        for (expected, (flowing, base_p, base_t)) in bad {
            let net = GasNetwork {
                nodes: vec![node("plant")],
                delivery_node: 0,
                delivery_pressure_psia: 500.0,
                pipes: vec![],
                wells: vec![NetworkWell {
                    name: "W1".into(),
                    node: 0,
                    inflow: InflowModel::BackPressure(
                        BackPressure::new(2000.0, 0.05, 0.5).unwrap(),
                    ),
                    connection: choke(32.0),
                    tubing: None,
                }],
                equation: GasFlowEquation::Weymouth,
                conditions: GasFlowConditions {
                    gas: &gas,
                    flowing_temperature_degf: flowing,
                    base_pressure_psia: base_p,
                    base_temperature_degf: base_t,
                },
                max_iterations: 100,
            };
            match net.solve() {
                Err(CoreError::InvalidInput { field, .. }) => assert_eq!(field, expected),
                other => panic!("{expected}: expected invalid input, got {other:?}"),
            }
        }
    }

    /// One well, n = 0.5, on one Weymouth line into the delivery point:
    /// `q² = C² (p̄r² − pwh²) = W² (pwh² − pd²)/Z` gives
    /// `q = C W' [(p̄r² − pd²)/(C² + W'²)]^½`, `W'² = W²/Z`, Z at the solved average pressure.
    #[test]
    fn one_well_on_one_line_matches_the_closed_form() {
        let gas = gas();
        let (pr, pd, c) = (2000.0, 500.0, 0.05);
        let line = gas_pipe(5.0, 4.026);
        let net = GasNetwork {
            nodes: vec![node("plant")],
            delivery_node: 0,
            delivery_pressure_psia: pd,
            pipes: vec![],
            wells: vec![NetworkWell {
                name: "W1".into(),
                node: 0,
                inflow: InflowModel::BackPressure(BackPressure::new(pr, c, 0.5).unwrap()),
                connection: WellConnection::Line(line),
                tubing: None,
            }],
            equation: GasFlowEquation::Weymouth,
            conditions: conditions(&gas),
            max_iterations: DEFAULT_MAX_ITERATIONS,
        };
        let s = net.solve().unwrap();
        assert!(s.converged);
        let well = &s.wells[0];
        let pwh = well.wellhead_pressure_psia;
        let z = gas
            .z_factor(
                super::super::gas_pipeline::average_pressure_psia(pwh, pd),
                80.0,
            )
            .unwrap();
        // Weymouth W in Mscf/d per psia: 433.5 E (Tb/Pb) D^2.667 / (G Tf L)^½ / 1000.
        let w = 433.5 * 0.92 * (519.67 / 14.73) * 4.026_f64.powf(2.667)
            / (0.65 * 539.67 * 5.0_f64).sqrt()
            / 1000.0;
        let w2 = w * w / z;
        let q = c * w2.sqrt() * ((pr * pr - pd * pd) / (c * c + w2)).sqrt();
        assert!(
            (well.rate_mscf_d / q - 1.0).abs() < 1e-8,
            "{} vs {q}",
            well.rate_mscf_d
        );
        assert!((s.delivered_mscf_d - q).abs() < 1e-6 * q);
    }

    /// 20 wells on 4 manifolds, a trunk node and the plant. Shared with the bench's shape.
    fn twenty_wells(gas: &GasModel) -> GasNetwork<'_> {
        let mut nodes = vec![node("plant"), node("trunk")];
        let mut pipes = vec![NetworkPipe {
            name: "trunk line".into(),
            from: 1,
            to: 0,
            pipe: gas_pipe(8.0, 11.938),
        }];
        let mut wells = Vec::new();
        for m in 0..4 {
            nodes.push(NetworkNode {
                name: format!("M{m}"),
                elevation_ft: 40.0 * m as f64,
            });
            let index = nodes.len() - 1;
            pipes.push(NetworkPipe {
                name: format!("lateral {m}"),
                from: 1,
                to: index,
                pipe: gas_pipe(2.0 + m as f64, 6.065),
            });
            for k in 0..5 {
                let i = 5 * m + k;
                wells.push(NetworkWell {
                    name: format!("W{i}"),
                    node: index,
                    inflow: InflowModel::BackPressure(
                        BackPressure::new(
                            1800.0 + 40.0 * i as f64,
                            0.02 + 0.002 * i as f64,
                            0.6 + 0.01 * k as f64,
                        )
                        .unwrap(),
                    ),
                    tubing: None,
                    connection: if k == 4 {
                        WellConnection::Line(gas_pipe(0.5, 2.067))
                    } else {
                        choke(24.0 + 4.0 * k as f64)
                    },
                });
            }
        }
        GasNetwork {
            nodes,
            delivery_node: 0,
            delivery_pressure_psia: 400.0,
            pipes,
            wells,
            equation: GasFlowEquation::PanhandleA,
            conditions: conditions(gas),
            max_iterations: DEFAULT_MAX_ITERATIONS,
        }
    }

    #[test]
    fn mass_balances_at_every_junction_of_twenty_wells() {
        let gas = gas();
        let net = twenty_wells(&gas);
        let s = net.solve().unwrap();
        assert!(s.converged, "{:?}", s.non_converged);
        for node in &s.nodes {
            assert!(
                (node.inflow_mscf_d - node.outflow_mscf_d).abs() <= 1e-6 * s.delivered_mscf_d,
                "{}: in {} out {}",
                node.name,
                node.inflow_mscf_d,
                node.outflow_mscf_d
            );
        }
        assert!(
            s.wells
                .iter()
                .all(|w| w.rate_mscf_d > 0.0 && w.wellhead_pressure_psia > w.node_pressure_psia)
        );
        let plant = &s.nodes[0];
        assert!((plant.pressure_psia - 400.0).abs() < 1e-12);
        assert!((plant.inflow_mscf_d - s.delivered_mscf_d).abs() < 1e-6 * s.delivered_mscf_d);
        // Pressure falls toward the plant along every pipe.
        assert!(
            s.pipes
                .iter()
                .all(|p| p.inlet_pressure_psia > p.outlet_pressure_psia)
        );
        // A higher delivery pressure delivers less.
        let mut higher = twenty_wells(&gas);
        higher.delivery_pressure_psia = 800.0;
        assert!(higher.solve().unwrap().delivered_mscf_d < s.delivered_mscf_d);
    }

    /// With tubing the inflow acts at the bottom hole: the rate must satisfy the inflow at
    /// the reported bottom-hole pressure and the general flow equation (Colebrook, elevation
    /// correction) up the tubing between the bottom-hole and wellhead pressures.
    #[test]
    fn tubing_carries_the_inflow_to_the_wellhead() {
        let gas = gas();
        let tubing = WellTubing {
            depth_ft: 8000.0,
            inner_diameter_in: 2.441,
            roughness_in: 0.0006,
            average_temperature_degf: 150.0,
        };
        let well = |tubing: Option<WellTubing>| NetworkWell {
            name: "G1".into(),
            node: 0,
            inflow: InflowModel::BackPressure(BackPressure::new(3000.0, 0.01, 0.8).unwrap()),
            connection: choke(40.0),
            tubing,
        };
        let net = |tubing| GasNetwork {
            nodes: vec![node("plant")],
            delivery_node: 0,
            delivery_pressure_psia: 500.0,
            pipes: vec![],
            wells: vec![well(tubing)],
            equation: GasFlowEquation::Weymouth,
            conditions: conditions(&gas),
            max_iterations: DEFAULT_MAX_ITERATIONS,
        };
        let with = net(Some(tubing)).solve().unwrap();
        assert!(with.converged);
        let w = &with.wells[0];
        let p_wf = w.bottomhole_pressure_psia.unwrap();
        assert!(p_wf > w.wellhead_pressure_psia && p_wf < 3000.0);
        let ipr = BackPressure::new(3000.0, 0.01, 0.8).unwrap();
        assert!((ipr.rate_at(p_wf).unwrap() / w.rate_mscf_d - 1.0).abs() < 1e-8);
        let column = super::super::gas_pipeline::GasPipeline {
            equation: GasFlowEquation::GeneralColebrook,
            pipe: tubing.pipe(),
            conditions: GasFlowConditions {
                flowing_temperature_degf: 150.0,
                ..conditions(&gas)
            },
            erosional_c: 100.0,
        };
        let up = column.flow_rate(p_wf, w.wellhead_pressure_psia).unwrap();
        assert!(
            (up.rate_mscf_d / w.rate_mscf_d - 1.0).abs() < 1e-6,
            "{} vs {}",
            up.rate_mscf_d,
            w.rate_mscf_d
        );
        // The tubing costs pressure: less gas than the same inflow at the wellhead.
        let without = net(None).solve().unwrap();
        assert!(without.wells[0].rate_mscf_d > w.rate_mscf_d);
        assert!(without.wells[0].bottomhole_pressure_psia.is_none());
    }

    #[test]
    fn unfinished_solves_are_reported_by_name() {
        let gas = gas();
        let mut net = twenty_wells(&gas);
        net.max_iterations = 2;
        let s = net.solve().unwrap();
        assert!(!s.converged);
        assert!(
            s.non_converged.iter().any(|m| m.contains("node `")),
            "{:?}",
            s.non_converged
        );
        assert!(
            s.non_converged.iter().any(|m| m.contains("well `W")),
            "{:?}",
            s.non_converged
        );
        net.max_iterations = 0;
        assert!(net.solve().is_err());
    }

    #[test]
    fn cycles_and_unconnected_wells_are_refused() {
        let gas = gas();
        let mut net = twenty_wells(&gas);
        net.pipes.push(NetworkPipe {
            name: "loop".into(),
            from: 2,
            to: 3,
            pipe: gas_pipe(1.0, 4.026),
        });
        let err = net.solve().unwrap_err();
        assert!(
            err.to_string().contains("loop") && err.to_string().contains("tree"),
            "{err}"
        );
        let mut net = twenty_wells(&gas);
        net.nodes.push(node("island"));
        net.wells[0].node = net.nodes.len() - 1;
        let err = net.solve().unwrap_err();
        assert!(
            err.to_string().contains("W0") && err.to_string().contains("island"),
            "{err}"
        );
    }
}
