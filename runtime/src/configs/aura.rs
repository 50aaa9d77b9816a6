//! `pallet_aura` and `cumulus_pallet_aura_ext`: slot-based block authoring.

use crate::*;
use frame_support::traits::{ConstBool, ConstU32, ConstU64};

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<100>;
	// Async backing lets a collator build several blocks in one relay slot.
	type AllowMultipleBlocksPerSlot = ConstBool<true>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl cumulus_pallet_aura_ext::Config for Runtime {}
