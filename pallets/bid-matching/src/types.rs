//! The records this pallet stores and the aliases that fix their generic
//! parameters for a runtime.

use crate::Config;
use alloc::vec::Vec;
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungibles::Inspect};
use frame_system::pallet_prelude::BlockNumberFor;
use polkadot_sdk::{frame_support, frame_system};
use scale_info::TypeInfo;
use stratus_primitives::{AttributeRef, ManifestHash, Resources, TrackRequirements};

/// The balance type of the pallet's funds, in every asset kind.
pub type BalanceOf<T> =
	<<T as Config>::Funds as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// One attribute an order requires of the provider: `key = value`, as raw
/// bytes (for example `region = eu-west` or `gpu = a100`). The same type the
/// registry stores what providers declare in.
pub type RequiredAttribute<KeyLimit, ValueLimit> =
	stratus_primitives::Attribute<KeyLimit, ValueLimit>;

/// [`RequiredAttribute`] with the runtime's length bounds.
pub type RequiredAttributeOf<T> =
	RequiredAttribute<<T as Config>::MaxAttributeKeyLen, <T as Config>::MaxAttributeValueLen>;

/// The attributes one order requires, bounded by `MaxRequiredAttributes`.
pub type RequiredAttributesOf<T> =
	BoundedVec<RequiredAttributeOf<T>, <T as Config>::MaxRequiredAttributes>;

/// An open order: a tenant's request for compute, waiting for bids, with
/// its bid book.
///
/// An order only exists while it is open; when it is matched, cancelled or
/// expires it is removed and the event says which.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Order<AccountId, AssetKind, Balance, BlockNumber, Attributes, Book> {
	/// Who asked, pays and receives the lease.
	pub tenant: AccountId,
	/// What the order and its lease are paid in: the budget, the deposit,
	/// every bid's price and the lease's escrow are amounts of it.
	pub asset: AssetKind,
	/// What the provider must reserve for the lease.
	pub resources: Resources,
	/// The hash of the workload manifest the lease will run.
	pub manifest: ManifestHash,
	/// What the provider must declare (each `key = value`).
	pub attributes: Attributes,
	/// When set, this auditor must vouch for every required attribute.
	pub auditor: Option<AccountId>,
	/// What the provider's track record must show.
	pub requirements: TrackRequirements,
	/// The highest price per block the tenant accepts.
	pub max_price_per_block: Balance,
	/// Held from the tenant now; becomes the lease's escrow when matched.
	pub budget: Balance,
	/// Held from the tenant for the record and its full bid book, in the
	/// order's asset ([`Config::OrderDeposit`](crate::Config::OrderDeposit)
	/// at the rate of the order's creation); returned when the order ends.
	pub deposit: Balance,
	/// The block the order was created in.
	pub created_at: BlockNumber,
	/// The last block in which bids (and `accept_bid`) are accepted. The
	/// order is concluded in the block after.
	pub window_end: BlockNumber,
	/// The bid book: the open bids, cheapest first, the earlier bid first on
	/// equal prices. At most `MaxBidsPerOrder`.
	pub bids: Book,
	/// How many bids were ever placed on the order; numbers the next bid, so
	/// that a number is never reused.
	pub bids_placed: u32,
}

/// The bid book of an order, bounded by `MaxBidsPerOrder`.
pub type BookOf<T> = BoundedVec<BidOf<T>, <T as Config>::MaxBidsPerOrder>;

/// [`Order`] with the runtime's types.
pub type OrderOf<T> = Order<
	<T as frame_system::Config>::AccountId,
	<T as Config>::AssetKind,
	BalanceOf<T>,
	BlockNumberFor<T>,
	RequiredAttributesOf<T>,
	BookOf<T>,
>;

/// An open bid of a provider on an order, as it stands in the order's book.
///
/// A bid holds no deposit of its own: the order's deposit pays for a full
/// book, and the provider's bond stands behind the bid (a bid that counts
/// and cannot be served forfeits `BidForfeit` of it).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Bid<AccountId, Balance, BlockNumber> {
	/// The bidder.
	pub provider: AccountId,
	/// The price per block the provider asks.
	pub price: Balance,
	/// The block the bid was placed in.
	pub placed_at: BlockNumber,
	/// The bid's number within its order, counted from zero in placement
	/// order: on equal prices the lower number wins.
	pub seq: u32,
}

impl<AccountId, Balance: Ord, BlockNumber> Bid<AccountId, Balance, BlockNumber> {
	/// Whether `self` ranks before `other` in a book: cheaper, or as cheap
	/// and placed earlier.
	pub fn ranks_before(&self, other: &Self) -> bool {
		(&self.price, self.seq) < (&other.price, other.seq)
	}
}

/// [`Bid`] with the runtime's types.
pub type BidOf<T> = Bid<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// What an order asks of a provider, borrowed from an order or from a
/// screening query: what the serving predicate checks.
pub struct Wants<'a, AccountId, AssetKind, Balance> {
	/// The resources the provider must have free.
	pub resources: &'a Resources,
	/// The lease its free bond must back: its asset and what its minimum
	/// term is worth at the bid's price. `None` screens an order before
	/// any price is bid: the cheapest lease, which commits the floor.
	pub lease: Option<(&'a AssetKind, Balance)>,
	/// The attributes it must declare.
	pub attributes: Vec<AttributeRef<'a>>,
	/// The auditor that must vouch for them, if any.
	pub auditor: Option<&'a AccountId>,
	/// What its track record must show.
	pub requirements: &'a TrackRequirements,
}

impl<'a, AccountId, AssetKind, Balance> Wants<'a, AccountId, AssetKind, Balance> {
	/// What an order with these terms would ask, for a lease `lease`.
	pub fn new<KeyLimit: Get<u32>, ValueLimit: Get<u32>>(
		resources: &'a Resources,
		attributes: &'a [RequiredAttribute<KeyLimit, ValueLimit>],
		auditor: Option<&'a AccountId>,
		requirements: &'a TrackRequirements,
		lease: Option<(&'a AssetKind, Balance)>,
	) -> Self {
		let attributes = attributes.iter().map(|a| a.as_ref()).collect();
		Self { resources, lease, attributes, auditor, requirements }
	}
}

/// [`Wants`] with the runtime's types.
pub type WantsOf<'a, T> =
	Wants<'a, <T as frame_system::Config>::AccountId, <T as Config>::AssetKind, BalanceOf<T>>;
