//! Nodal analysis: the operating point where inflow meets outflow, sensitivities, gas-lift performance and lift-curve tables.
