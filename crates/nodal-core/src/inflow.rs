//! Inflow performance (IPR): oil- and gas-well inflow models and their fitting from well tests.
