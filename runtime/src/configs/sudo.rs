//! `pallet_sudo`: a root key for the dev and local chains only. A live
//! network clears the key with `sudo.removeKey` once the Council governs
//! (see the README).

use crate::*;

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}
