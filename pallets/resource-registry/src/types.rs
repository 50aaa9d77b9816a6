//! The records this pallet stores and the aliases that bind them to a runtime.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{pallet_prelude::BoundedVec, traits::fungible},
	frame_system::{self, pallet_prelude::BlockNumberFor},
};
use scale_info::TypeInfo;
use stratus_primitives::Resources;

/// A balance of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A declared attribute; its key is unique within one provider's list.
pub use stratus_primitives::Attribute;

/// An attribute with this runtime's bounds.
pub type AttributeOf<T> =
	Attribute<<T as Config>::MaxAttributeKeyLen, <T as Config>::MaxAttributeValueLen>;

/// A list of attributes with this runtime's bounds, as a call argument and as stored.
pub type AttributesOf<T> = BoundedVec<AttributeOf<T>, <T as Config>::MaxAttributes>;

/// A host URI with this runtime's bound.
pub type HostUriOf<T> = BoundedVec<u8, <T as Config>::MaxHostUriLen>;

/// Whether a provider takes new orders.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum ProviderStatus {
	/// Takes new orders (unless the slashing pallet jailed it).
	Active,
	/// Takes no new orders; running leases go on.
	Paused,
}

/// A registered provider.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ProviderInfo<Balance, BlockNumber, Attributes, HostUri> {
	/// Everything the provider offers, allocated or not.
	pub capacity: Resources,
	/// The part of `capacity` reserved by running leases.
	pub allocated: Resources,
	/// What the provider declares about itself; keys are unique.
	pub attributes: Attributes,
	/// Where tenants reach the provider.
	pub host_uri: HostUri,
	/// Whether it takes new orders.
	pub status: ProviderStatus,
	/// How many leases hold a reservation of its capacity.
	pub active_leases: u32,
	/// Held from the provider under `HoldReason::ProviderDeposit`, sized by
	/// the encoded length of this record.
	pub deposit: Balance,
	/// The block it registered in.
	pub registered_at: BlockNumber,
	/// The registration's stamp: audits stamped before it are of an earlier
	/// registration of the account and count for nothing.
	pub stamp: Stamp,
}

/// Blocks `from..=to` in which a provider announced it is down for
/// maintenance: it owes no heartbeat, and no `Unavailable` report is taken
/// against it.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct MaintenanceWindow<BlockNumber> {
	/// The first block of the window.
	pub from: BlockNumber,
	/// The last block of the window.
	pub to: BlockNumber,
}

/// Whether a registered provider answers: kept apart from its
/// [`ProviderInfo`], small, so that a heartbeat reads and writes little. It
/// exists exactly while the provider is registered, paid for by the
/// provider deposit.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct LivenessRecord<BlockNumber> {
	/// The block of its latest heartbeat (registering counts as one).
	pub last_heartbeat: BlockNumber,
	/// The latest maintenance window it announced (ahead, running or ended);
	/// a window that ended counts as a heartbeat at its end.
	pub maintenance: Option<MaintenanceWindow<BlockNumber>>,
}

/// A liveness record with this runtime's block number.
pub type LivenessRecordOf<T> = LivenessRecord<BlockNumberFor<T>>;

/// A number from one counter that registrations, auditor admissions and
/// audits take in turn ([`crate::NextStamp`]), so that comparing two stamps
/// says which came first, even within a block.
pub type Stamp = u64;

/// A member of the auditor set.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Auditor<AccountId> {
	/// The auditor's account.
	pub account: AccountId,
	/// The stamp of its admission: its audits stamped before it (made in an
	/// earlier membership) count for nothing.
	pub admitted: Stamp,
}

/// An auditor with this runtime's account type.
pub type AuditorOf<T> = Auditor<<T as frame_system::Config>::AccountId>;

/// A provider record with this runtime's types.
pub type ProviderInfoOf<T> =
	ProviderInfo<BalanceOf<T>, BlockNumberFor<T>, AttributesOf<T>, HostUriOf<T>>;

/// What one auditor vouches for about one provider.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct AuditRecord<Balance, BlockNumber, Attributes> {
	/// The attributes the auditor confirmed, with the values they had then.
	/// An attribute the provider has changed since no longer counts.
	pub attributes: Attributes,
	/// Held from the auditor under `HoldReason::AuditDeposit`.
	pub deposit: Balance,
	/// The block of the latest `audit_provider` for this pair.
	pub at: BlockNumber,
	/// The stamp of the latest `audit_provider` for this pair. The audit
	/// counts only while it is later than the provider's registration and
	/// than its auditor's admission to the set.
	pub stamp: Stamp,
}

/// An audit record with this runtime's types.
pub type AuditRecordOf<T> = AuditRecord<BalanceOf<T>, BlockNumberFor<T>, AttributesOf<T>>;
