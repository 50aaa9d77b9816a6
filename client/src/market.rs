//! The `ComputeMarketApi` runtime API, read at the latest finalized block:
//! one method per API call, typed from the runtime's metadata.

use crate::{
	error::{named, NamedError},
	runtime::{self, runtime_types},
	Client,
};
use core::fmt;
use subxt::{ext::codec::Encode, utils::AccountId32};

pub use runtime_types::{
	bounded_collections::bounded_vec::BoundedVec,
	pallet_bid_matching::views::ExclusionCounts,
	pallet_lease_escrow::types::LeaseState,
	pallet_market_parameters::InForce,
	pallet_resource_registry::types::ProviderStatus,
	sp_arithmetic::per_things::Perbill,
	stratus_primitives::{Attribute, Liveness, Resources, TrackRequirements},
	stratus_runtime::market_api::{MarketParametersView, ProviderStatsView},
};

/// Plancks of STRA.
pub type Balance = u128;
/// A block number.
pub type BlockNumber = u32;
/// A list of attributes, as calls take them.
pub type Attributes = BoundedVec<Attribute>;
/// A provider record with what is allocated and its liveness.
pub type ProviderView = runtime_types::pallet_resource_registry::views::ProviderView<
	Balance,
	BlockNumber,
	Attributes,
	BoundedVec<u8>,
>;
/// An open order.
pub type OrderView = runtime_types::pallet_bid_matching::views::OrderView<
	AccountId32,
	crate::MarketAsset,
	Balance,
	BlockNumber,
>;
/// A bid in an order's book.
pub type BidView = runtime_types::pallet_bid_matching::views::BidView<Balance, BlockNumber>;
/// An open lease with its live figures.
pub type LeaseView = runtime_types::pallet_lease_escrow::views::LeaseView<
	AccountId32,
	crate::MarketAsset,
	Balance,
	BlockNumber,
>;
/// One page of screening.
pub type ScreenView = runtime_types::pallet_bid_matching::views::ScreenView<AccountId32>;
/// A provider's bond.
pub type StakeView = runtime_types::pallet_provider_slashing::types::Bond<Balance, BlockNumber>;

/// A runtime API call that could not be made, or that the runtime refused.
#[derive(Debug)]
pub enum ApiError {
	/// The node could not be asked or its answer not read.
	Node(String),
	/// The runtime refused the question with a named error (screening
	/// terms `create_order` would refuse).
	Refused(NamedError),
}

impl fmt::Display for ApiError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Node(why) => write!(f, "{why}"),
			Self::Refused(error) => write!(f, "{error}"),
		}
	}
}

impl std::error::Error for ApiError {}

pub(crate) fn node(error: impl fmt::Display) -> ApiError {
	ApiError::Node(error.to_string())
}

/// The page size the `all_*` reads ask for (the runtime caps it).
const PAGE: u32 = 100;

/// Which side of a lease an account is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
	/// It pays.
	Tenant,
	/// It serves.
	Provider,
}

/// What an order asks for, as `create_order` and `screen_order` take it.
#[derive(Clone, Debug)]
pub struct Terms {
	/// What it needs.
	pub resources: Resources,
	/// The attributes a provider must have.
	pub attributes: Attributes,
	/// The auditor who must vouch for them, if any.
	pub auditor: Option<AccountId32>,
	/// The most it pays per block.
	pub max_price_per_block: Balance,
	/// The track record it requires.
	pub requirements: TrackRequirements,
}

/// The marketplace as its runtime API shows it.
#[derive(Clone)]
pub struct Market {
	client: Client,
}

macro_rules! api_call {
	($self:ident, $method:ident ( $($arg:expr),* )) => {{
		let payload = runtime::runtime_apis().compute_market_api().$method($($arg),*);
		let at = $self.client.at_current_block().await.map_err(node)?;
		at.runtime_apis().call(payload).await.map_err(node)
	}};
}

impl Market {
	/// The market of the node `client` talks to.
	pub fn new(client: Client) -> Self {
		Self { client }
	}

	/// The client underneath.
	pub fn client(&self) -> &Client {
		&self.client
	}

	/// The number of the latest finalized block.
	pub async fn finalized_number(&self) -> Result<BlockNumber, ApiError> {
		let at = self.client.at_current_block().await.map_err(node)?;
		BlockNumber::try_from(at.block_number()).map_err(node)
	}

	/// The provider record of `who`, if registered.
	pub async fn provider(&self, who: AccountId32) -> Result<Option<ProviderView>, ApiError> {
		api_call!(self, provider(who))
	}

	/// One page of providers after `start_after`.
	pub async fn providers(
		&self,
		start_after: Option<AccountId32>,
		limit: u32,
	) -> Result<Vec<(AccountId32, ProviderView)>, ApiError> {
		api_call!(self, providers(start_after, limit))
	}

	/// The open order `order_id`.
	pub async fn order(&self, order_id: u64) -> Result<Option<OrderView>, ApiError> {
		api_call!(self, order(order_id))
	}

	/// One page of open orders after `start_after`.
	pub async fn open_orders(
		&self,
		start_after: Option<u64>,
		limit: u32,
	) -> Result<Vec<(u64, OrderView)>, ApiError> {
		api_call!(self, open_orders(start_after, limit))
	}

	/// The bids on `order_id`, best first.
	pub async fn bids(&self, order_id: u64) -> Result<Vec<(AccountId32, BidView)>, ApiError> {
		api_call!(self, bids(order_id))
	}

	/// The lease `lease_id`, if it is open.
	pub async fn lease(&self, lease_id: u64) -> Result<Option<LeaseView>, ApiError> {
		api_call!(self, lease(lease_id))
	}

	/// One page of the open leases `tenant` pays for.
	pub async fn leases_by_tenant(
		&self,
		tenant: AccountId32,
		start_after: Option<u64>,
		limit: u32,
	) -> Result<Vec<LeaseView>, ApiError> {
		api_call!(self, leases_by_tenant(tenant, start_after, limit))
	}

	/// One page of the open leases `provider` serves.
	pub async fn leases_by_provider(
		&self,
		provider: AccountId32,
		start_after: Option<u64>,
		limit: u32,
	) -> Result<Vec<LeaseView>, ApiError> {
		api_call!(self, leases_by_provider(provider, start_after, limit))
	}

	/// Every open order, read a page at a time.
	pub async fn all_open_orders(&self) -> Result<Vec<(u64, OrderView)>, ApiError> {
		let mut orders = Vec::new();
		loop {
			let after = orders.last().map(|(id, _): &(u64, OrderView)| *id);
			let page = self.open_orders(after, PAGE).await?;
			if page.is_empty() {
				return Ok(orders);
			}
			orders.extend(page);
		}
	}

	/// Every open lease `who` pays for (`Side::Tenant`) or serves
	/// (`Side::Provider`), read a page at a time.
	pub async fn all_leases(
		&self,
		side: Side,
		who: AccountId32,
	) -> Result<Vec<LeaseView>, ApiError> {
		let mut leases: Vec<LeaseView> = Vec::new();
		loop {
			let after = leases.last().map(|lease| lease.lease_id);
			let page = match side {
				Side::Tenant => self.leases_by_tenant(who, after, PAGE).await?,
				Side::Provider => self.leases_by_provider(who, after, PAGE).await?,
			};
			if page.is_empty() {
				return Ok(leases);
			}
			leases.extend(page);
		}
	}

	/// The bond of `who`, if it has bonded.
	pub async fn stake(&self, who: AccountId32) -> Result<Option<StakeView>, ApiError> {
		api_call!(self, stake(who))
	}

	/// Every market parameter in force, with its range.
	pub async fn market_parameters(&self) -> Result<MarketParametersView, ApiError> {
		api_call!(self, market_parameters())
	}

	/// What `who` has done as a provider, and its score.
	pub async fn provider_stats(
		&self,
		who: AccountId32,
	) -> Result<Option<ProviderStatsView>, ApiError> {
		api_call!(self, provider_stats(who))
	}

	/// One page of screening an order with `terms`: who could bid now, and
	/// how many of the page each check excluded. Terms `create_order`
	/// would refuse come back as its named error.
	pub async fn screen_order(
		&self,
		terms: &Terms,
		start_after: Option<AccountId32>,
		limit: u32,
	) -> Result<ScreenView, ApiError> {
		let payload = runtime::runtime_apis().compute_market_api().screen_order(
			terms.resources.clone(),
			terms.attributes.clone(),
			terms.auditor,
			terms.max_price_per_block,
			terms.requirements.clone(),
			start_after,
			limit,
		);
		let at = self.client.at_current_block().await.map_err(node)?;
		match at.runtime_apis().call(payload).await.map_err(node)? {
			Ok(view) => Ok(view),
			Err(refusal) => Err(ApiError::Refused(refused(refusal, at.metadata())?)),
		}
	}

	/// Every page of screening an order with `terms`, the counts added up.
	pub async fn screen_all(&self, terms: &Terms) -> Result<ScreenView, ApiError> {
		let mut all = self.screen_order(terms, None, u32::MAX).await?;
		while let Some(next) = all.next.take() {
			let page = self.screen_order(terms, Some(next), u32::MAX).await?;
			all.eligible.extend(page.eligible);
			all.screened += page.screened;
			add_counts(&mut all.excluded, &page.excluded);
			all.next = page.next;
		}
		Ok(all)
	}
}

/// Names an error the runtime API returned as a value, as a dispatch
/// error is named.
fn refused(
	error: runtime_types::sp_runtime::DispatchError,
	metadata: subxt::metadata::ArcMetadata,
) -> Result<NamedError, ApiError> {
	use runtime_types::sp_runtime::DispatchError as Refusal;
	// The generated type has no SCALE encoding of its own; a module error
	// is rebuilt as the chain encodes it (variant 3, pallet, 4 error bytes),
	// the others carry their name.
	let encoded = match error {
		Refusal::Module(module) => (3u8, module.index, module.error).encode(),
		Refusal::BadOrigin => 2u8.encode(),
		other => return Ok(crate::error::system(&other, String::new())),
	};
	let error = subxt::error::DispatchError::decode_from(encoded, metadata).map_err(node)?;
	Ok(named(&error))
}

fn add_counts(sum: &mut ExclusionCounts, page: &ExclusionCounts) {
	sum.jailed += page.jailed;
	sum.paused += page.paused;
	sum.unreachable += page.unreachable;
	sum.bond += page.bond;
	sum.track_record += page.track_record;
	sum.capacity += page.capacity;
	sum.attribute += page.attribute;
	sum.auditor += page.auditor;
}

impl ExclusionCounts {
	/// Each reason with its count, in the order the checks run.
	pub fn by_reason(&self) -> [(&'static str, u32); 8] {
		[
			("jailed", self.jailed),
			("paused", self.paused),
			("unreachable", self.unreachable),
			("bond", self.bond),
			("track record", self.track_record),
			("capacity", self.capacity),
			("attribute", self.attribute),
			("auditor", self.auditor),
		]
	}
}
