//! Interfacial tension: gas-oil and gas-water.
