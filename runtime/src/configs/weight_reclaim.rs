//! `cumulus_pallet_weight_reclaim`: returns unused proof size to the block.

use crate::*;

impl cumulus_pallet_weight_reclaim::Config for Runtime {
	type WeightInfo = ();
}
