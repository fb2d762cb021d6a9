//! Natural-gas properties: pseudo-critical properties, impurity corrections, Z factor, FVF, density, viscosity, compressibility and pseudo-pressure.
