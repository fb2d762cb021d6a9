//! Oil properties: bubble point, solution GOR, formation volume factor, compressibility, viscosity and density.
