//! `staging_parachain_info`: the para id, set in genesis.

use crate::*;

impl parachain_info::Config for Runtime {}
