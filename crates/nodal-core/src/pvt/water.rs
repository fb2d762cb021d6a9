//! Formation-water properties with salinity: FVF, solution gas, viscosity, density and compressibility.
