//! Separator correction of gas gravity.
