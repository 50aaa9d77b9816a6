//! The marketplace's invariants in one call, for the runtime's tests and the
//! fuzzer (native only).

use crate::*;

/// Runs the four marketplace pallets' `try_state` checks; on the first that
/// fails, names the pallet and what broke.
pub fn check_market() -> Result<(), alloc::string::String> {
	let checks = [
		("ResourceRegistry", ResourceRegistry::do_try_state()),
		("BidMatching", BidMatching::do_try_state()),
		("LeaseEscrow", LeaseEscrow::do_try_state()),
		("ProviderSlashing", ProviderSlashing::do_try_state()),
	];
	for (pallet, result) in checks {
		result.map_err(|e| alloc::format!("{pallet} invariant broken: {e:?}"))?;
	}
	Ok(())
}
