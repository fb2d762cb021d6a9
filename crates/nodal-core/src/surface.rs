//! Surface facilities: gas pipelines, multiphase flowlines, compressors, chokes and gathering networks.
