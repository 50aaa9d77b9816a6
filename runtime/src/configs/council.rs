//! The Council: `pallet_collective` (motions and votes) with
//! `pallet_membership` (who sits on it). Governance origins of the chain are
//! "root or a Council majority".

use super::RuntimeBlockWeights;
use crate::*;
use frame_support::{
	parameter_types,
	traits::{ConstU32, EitherOf},
	weights::Weight,
};
use frame_system::EnsureRoot;

/// The Council's instance of `pallet_collective`.
pub type CouncilCollective = pallet_collective::Instance1;

/// Root, or more than half of the Council.
pub type RootOrCouncilMajority = EitherOf<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionMoreThan<AccountId, CouncilCollective, 1, 2>,
>;

parameter_types! {
	pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
	pub const CouncilMaxProposals: u32 = 100;
	pub const CouncilMaxMembers: u32 = 100;
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = CouncilMaxMembers;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	// Members change only through `CouncilMembership`.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = RootOrCouncilMajority;
	type KillOrigin = RootOrCouncilMajority;
	type Consideration = ();
}

impl pallet_membership::Config<pallet_membership::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = RootOrCouncilMajority;
	type RemoveOrigin = RootOrCouncilMajority;
	type SwapOrigin = RootOrCouncilMajority;
	type ResetOrigin = RootOrCouncilMajority;
	type PrimeOrigin = RootOrCouncilMajority;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = ConstU32<100>;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}
