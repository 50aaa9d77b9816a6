//! `cumulus_pallet_xcm`: XCM origins of the relay chain and siblings.

use super::xcm_config::XcmConfig;
use crate::*;

impl cumulus_pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type XcmExecutor = staging_xcm_executor::XcmExecutor<XcmConfig>;
}
