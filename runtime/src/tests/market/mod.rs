//! The four marketplace pallets together in the real runtime, natively:
//! providers register and bond, a tenant posts an order, providers bid, the
//! tenant or the block hook picks the winner, the lease is paid block by
//! block with the take rate to the treasury, and faults are slashed,
//! disputed, adjudicated and jailed.
//!
//! Every call goes through `RuntimeCall::dispatch`, as a transaction would,
//! so each runs in its own storage layer. After every call and every block
//! the tests check that no money was made or lost (total issuance) and each
//! marketplace pallet's `try_state` invariants. Expected figures come from
//! the chain's own numbers: prices, block counts and the dynamic parameters.

use super::preset_ext;
use crate::configs::foreign_assets::MarketAsset;
use crate::{
	configs::parameters::{bounds, dynamic_params::market},
	*,
};
use core::cell::Cell;
use frame_support::{
	assert_ok,
	dispatch::DispatchResultWithPostInfo,
	traits::{fungible::InspectHold, Get, OnFinalize, OnInitialize},
	BoundedVec,
};
use pallet_bid_matching::{Call as BidCall, RequiredAttribute};
use pallet_lease_escrow::Call as EscrowCall;
use pallet_provider_slashing::{Call as SlashingCall, SlashReason};
use pallet_resource_registry::{Attribute, Call as RegistryCall};
use sp_keyring::Sr25519Keyring::{self, Bob, Charlie, Dave};
use sp_runtime::traits::Dispatchable;
use stratus_primitives::{LeaseId, ManifestHash, OrderId, Resources};

mod accountability;
mod assets;
mod bad_input;
mod escrow;
mod governance;
mod integrity;
mod invariants;
mod jamming;
mod liveness;
mod matching;
mod parameters;
mod proxy;
mod readiness;
mod screening;
mod slashing;
mod track_record;

/// The marketplace pallets, in the runtime's order. The block helper drives
/// their hooks and System's only: `ParachainSystem` and `Timestamp` panic in
/// `on_finalize` without the inherents a collator puts in every block
/// (validation data, timestamp), which a native test has no relay chain for.
type Market = (ResourceRegistry, BidMatching, LeaseEscrow, ProviderSlashing);

/// What every provider offers.
const CAPACITY: Resources =
	Resources { cpu_millicores: 16_000, memory_mib: 65_536, storage_gib: 1_000, gpu_units: 2 };

/// What every order asks for.
const NEED: Resources =
	Resources { cpu_millicores: 4_000, memory_mib: 8_192, storage_gib: 100, gpu_units: 1 };

/// An order's highest price per block; odd, so that the take rate rounds.
const MAX_PRICE: Balance = 3 * MILLI_UNIT + 7;
/// The manifest hash the tests' orders commit to.
const MANIFEST: ManifestHash = ManifestHash::repeat_byte(0x4d);

thread_local! {
	/// Total issuance at the start of the test: nothing in the marketplace
	/// mints or burns, so it must never move.
	static ISSUANCE: Cell<Balance> = const { Cell::new(0) };
}

/// Runs `test` on the development genesis from block 1, checking the
/// invariants before and after.
fn run(test: impl FnOnce()) {
	preset_ext("development").execute_with(|| {
		System::set_block_number(1);
		System::on_initialize(1);
		Market::on_initialize(1);
		ISSUANCE.with(|issuance| issuance.set(Balances::total_issuance()));
		check_invariants();
		test();
		check_invariants();
	});
}

/// Total issuance is unchanged, every marketplace pallet's invariants hold,
/// and so do the checks across them and every dev account's holds.
fn check_invariants() {
	let block = System::block_number();
	assert_eq!(
		Balances::total_issuance(),
		ISSUANCE.with(Cell::get),
		"total issuance moved at block {block}"
	);
	if let Err(broken) = crate::invariants::check_market() {
		panic!("{broken} at block {block}");
	}
	let accounts: Vec<AccountId> = Sr25519Keyring::iter()
		.map(|k| k.to_account_id())
		.chain([crate::genesis_config_presets::USDT_TENANT.into()])
		.collect();
	if let Err(broken) = crate::invariants::check_holds(&accounts) {
		panic!("{broken} at block {block}");
	}
}

/// Ends the current block and starts the next, as `frame_executive` orders
/// the hooks (see [`Market`] for why only these pallets), then checks the
/// invariants.
fn next_block() {
	let now = System::block_number();
	Market::on_finalize(now);
	System::on_finalize(now);
	System::set_block_number(now + 1);
	System::on_initialize(now + 1);
	Market::on_initialize(now + 1);
	check_invariants();
}

/// Advances block by block until `n`.
fn run_to(n: BlockNumber) {
	while System::block_number() < n {
		next_block();
	}
}

/// Dispatches `call` as a transaction would (in a storage layer, through
/// the origin's call filter), then checks the invariants.
fn call(origin: RuntimeOrigin, call: impl Into<RuntimeCall>) -> DispatchResultWithPostInfo {
	let result = call.into().dispatch(origin);
	check_invariants();
	result
}

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// The origin of a Council motion passed by `ayes` of the three members.
fn council(ayes: u32) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, pallet_collective::Instance1>::Members(ayes, 3).into()
}

fn bounded<S: Get<u32>>(bytes: &[u8]) -> BoundedVec<u8, S> {
	bytes.to_vec().try_into().expect("short enough")
}

fn free(who: Sr25519Keyring) -> Balance {
	Balances::free_balance(who.to_account_id())
}

fn treasury_free() -> Balance {
	Balances::free_balance(Treasury::account_id())
}

fn held(reason: impl Into<RuntimeHoldReason>, who: Sr25519Keyring) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who.to_account_id())
}

fn escrow_held(who: Sr25519Keyring) -> Balance {
	held(pallet_lease_escrow::HoldReason::Escrow, who)
}

fn bond_of(who: Sr25519Keyring) -> pallet_provider_slashing::BondOf<Runtime> {
	ProviderSlashing::stake_of(&who.to_account_id()).expect("bonded")
}

fn provider(who: Sr25519Keyring) -> pallet_resource_registry::ProviderInfoOf<Runtime> {
	pallet_resource_registry::Providers::<Runtime>::get(who.to_account_id()).expect("registered")
}

/// Governance (root) sets a market parameter.
fn set_market_parameter(value: market::Parameters) {
	use crate::configs::parameters::RuntimeParameters;
	assert_ok!(call(
		RuntimeOrigin::root(),
		pallet_market_parameters::Call::<Runtime>::set_parameter {
			key_value: RuntimeParameters::Market(value),
		}
	));
}

/// Governance sets the report grace period to `blocks`.
fn set_report_grace_period(blocks: BlockNumber) {
	set_market_parameter(market::Parameters::ReportGracePeriod(
		market::ReportGracePeriod,
		Some(blocks),
	));
}

/// Whether `who` is jailed, as a dApp reads it from the registry's view
/// (which asks provider slashing, the one keeper of the jail).
fn jailed(who: Sr25519Keyring) -> bool {
	ResourceRegistry::provider(&who.to_account_id()).expect("registered").jailed
}

/// What a closing lease keeps from its tenant's refund for its record.
fn record_deposit() -> Balance {
	<Runtime as pallet_lease_escrow::Config>::ClosedLeaseDeposit::get()
}

fn lease(id: LeaseId) -> pallet_lease_escrow::LeaseOf<Runtime> {
	pallet_lease_escrow::Leases::<Runtime>::get(id).expect("the lease is active")
}

/// The treasury's and the provider's parts of a payment, at the chain's
/// current take rate.
fn split(amount: Balance) -> (Balance, Balance) {
	let to_treasury = market::TakeRate::get().mul_floor(amount);
	(to_treasury, amount - to_treasury)
}

/// Whether a marketplace event like `event` was deposited.
fn has_event(event: impl Into<RuntimeEvent>) -> bool {
	let event = event.into();
	System::events().iter().any(|record| record.event == event)
}

/// Registers `who` in `region` with [`CAPACITY`] and bonds the minimum.
fn register_and_bond(who: Sr25519Keyring, region: &str) {
	register_and_bond_account(&who.to_account_id(), region);
}

/// [`register_and_bond`] for any account.
fn register_and_bond_account(who: &AccountId, region: &str) {
	let who = RuntimeOrigin::signed(who.clone());
	let attributes = vec![Attribute { key: bounded(b"region"), value: bounded(region.as_bytes()) }]
		.try_into()
		.expect("one attribute fits");
	assert_ok!(call(
		who.clone(),
		RegistryCall::register_provider {
			capacity: CAPACITY,
			attributes,
			host_uri: bounded(b"https://provider.example"),
		}
	));
	assert_ok!(call(who, SlashingCall::bond { amount: market::MinProviderBond::get() }));
}

/// Bob, Charlie and Dave offer machines in `eu-west`.
fn three_providers() {
	for who in [Bob, Charlie, Dave] {
		register_and_bond(who, "eu-west");
	}
}

/// The shortest bid window the chain accepts.
fn bid_window() -> BlockNumber {
	<Runtime as pallet_bid_matching::Config>::MinBidWindow::get()
}

/// `tenant` orders [`NEED`] in `eu-west` at most `max_price` per block with
/// `budget`, for the shortest window. Returns the order's id.
fn create_order(tenant: Sr25519Keyring, max_price: Balance, budget: Balance) -> OrderId {
	create_order_as(&tenant.to_account_id(), max_price, budget, bid_window())
}

/// [`create_order`] by any account, for `window` blocks.
fn create_order_as(
	tenant: &AccountId,
	max_price: Balance,
	budget: Balance,
	window: BlockNumber,
) -> OrderId {
	order_from(tenant, Default::default(), max_price, budget, window)
}

/// [`create_order_as`], from providers whose track record meets
/// `requirements`.
fn order_from(
	tenant: &AccountId,
	requirements: stratus_primitives::TrackRequirements,
	max_price: Balance,
	budget: Balance,
	window: BlockNumber,
) -> OrderId {
	let order_id = pallet_bid_matching::NextOrderId::<Runtime>::get();
	assert_ok!(call(
		RuntimeOrigin::signed(tenant.clone()),
		order_call(MarketAsset::Native, requirements, max_price, budget, window)
	));
	order_id
}

/// The call ordering [`NEED`] in `eu-west`, paid in `asset`, from providers
/// whose track record meets `requirements`.
fn order_call(
	asset: MarketAsset,
	requirements: stratus_primitives::TrackRequirements,
	max_price: Balance,
	budget: Balance,
	window: BlockNumber,
) -> BidCall<Runtime> {
	let attributes =
		vec![RequiredAttribute { key: bounded(b"region"), value: bounded(b"eu-west") }]
			.try_into()
			.expect("one attribute fits");
	BidCall::create_order {
		manifest: MANIFEST,
		resources: NEED,
		attributes,
		auditor: None,
		requirements,
		max_price_per_block: max_price,
		budget,
		bid_window: window,
		asset,
	}
}

fn bid(who: Sr25519Keyring, order_id: OrderId, price: Balance) -> DispatchResultWithPostInfo {
	call(signed(who), BidCall::place_bid { order_id, price })
}

/// The lease the order turned into, from its `OrderMatched` event.
fn matched_lease(order_id: OrderId) -> LeaseId {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::BidMatching(pallet_bid_matching::Event::OrderMatched {
				order_id: matched,
				lease_id,
				..
			}) if matched == order_id => Some(lease_id),
			_ => None,
		})
		.expect("the order was matched")
}

/// `tenant` orders, `provider` bids `price` and the tenant accepts: a lease
/// with `budget` in escrow, opened in the current block and confirmed ready
/// by its provider at once, so billed from that block.
fn open_lease(
	tenant: Sr25519Keyring,
	provider: Sr25519Keyring,
	price: Balance,
	budget: Balance,
) -> LeaseId {
	let lease_id = open_pending_lease(tenant, provider, price, budget);
	assert_ok!(call(signed(provider), EscrowCall::confirm_ready { lease_id }));
	lease_id
}

/// [`open_lease`], left pending: the provider has not confirmed it ready.
fn open_pending_lease(
	tenant: Sr25519Keyring,
	provider: Sr25519Keyring,
	price: Balance,
	budget: Balance,
) -> LeaseId {
	let order_id = create_order(tenant, price, budget);
	assert_ok!(bid(provider, order_id, price));
	assert_ok!(call(
		signed(tenant),
		BidCall::accept_bid { order_id, provider: provider.to_account_id() }
	));
	matched_lease(order_id)
}

/// The slice of its provider's bond a lease at `price` a block commits, by
/// the rule written out again: its minimum term's worth at that price times
/// `LeaseStakeRatio` (rounded down), never below `MinLeaseStake`.
fn slice_at(price: Balance) -> Balance {
	let term: BlockNumber = <Runtime as pallet_bid_matching::Config>::MinLeaseTerm::get();
	let term = Balance::from(term);
	market::LeaseStakeRatio::get().mul_floor(price * term).max(market::MinLeaseStake::get())
}

/// What a slash of `fraction` of a lease's `slice` takes, and the tenant's
/// share of it: `CompensationShare`, never more than the `paid` for the
/// lease.
fn slash_split(fraction: sp_runtime::Perbill, slice: Balance, paid: Balance) -> (Balance, Balance) {
	let slashed = fraction.mul_floor(slice);
	(slashed, market::CompensationShare::get().mul_floor(slashed).min(paid))
}

/// What the tenant of `lease_id` will have paid for it if it closes now:
/// what it paid so far and the blocks a settlement now bills (nothing while
/// pending). The tests' leases have no third-party deposits.
fn paid_by_closing(lease_id: LeaseId) -> Balance {
	let lease = lease(lease_id);
	match lease.state {
		pallet_lease_escrow::LeaseState::Pending { .. } => lease.tenant_spent,
		_ => lease.tenant_spent + lease.price_per_block * owed_blocks(lease_id),
	}
}

/// What an `EarlyCloseSlash` of `lease_id`'s slice takes if it closes now,
/// and the tenant's compensation out of it.
fn early_close_slash(lease_id: LeaseId) -> (Balance, Balance) {
	let slice = slice_at(lease(lease_id).price_per_block);
	slash_split(market::EarlyCloseSlash::get(), slice, paid_by_closing(lease_id))
}

/// Whether `provider` was slashed `slashed`, `to_tenant` of it to the
/// tenant and the rest to the treasury, for `reason`.
fn was_slashed(
	provider: Sr25519Keyring,
	(slashed, to_tenant): (Balance, Balance),
	reason: SlashReason,
) -> bool {
	has_event(pallet_provider_slashing::Event::Slashed {
		provider: provider.to_account_id(),
		amount: slashed,
		to_tenant,
		to_treasury: slashed - to_tenant,
		reason,
	})
}

/// `tenant` reports the provider of `lease_id` for a fault of `kind`.
fn report_fault(
	tenant: Sr25519Keyring,
	lease_id: LeaseId,
	kind: pallet_provider_slashing::FaultKind,
) -> DispatchResultWithPostInfo {
	let evidence = sp_core::H256::repeat_byte(7);
	call(signed(tenant), SlashingCall::report_fault { lease_id, kind, evidence })
}

/// The provider closes `lease_id` before its minimum term and is slashed.
/// Checks the slash and its split and returns the amount slashed.
fn close_early(provider: Sr25519Keyring, tenant: Sr25519Keyring, lease_id: LeaseId) -> Balance {
	let bond = bond_of(provider).total();
	let (slashed, to_tenant) = early_close_slash(lease_id);
	let refund = lease(lease_id).balance()
		- lease(lease_id).price_per_block * owed_blocks(lease_id)
		- record_deposit();
	let tenant_before = free(tenant);
	assert_ok!(call(signed(provider), EscrowCall::close_lease { lease_id }));
	assert_eq!(bond_of(provider).total(), bond - slashed);
	assert_eq!(held(pallet_provider_slashing::HoldReason::Bond, provider), bond - slashed);
	assert_eq!(free(tenant), tenant_before + refund + to_tenant);
	assert!(was_slashed(provider, (slashed, to_tenant), SlashReason::EarlyClose { lease_id }));
	assert!(has_event(pallet_lease_escrow::Event::EarlyCloseReported {
		lease_id,
		provider: provider.to_account_id(),
		slashed,
	}));
	slashed
}

/// Blocks a settlement now would pay for `lease_id`.
fn owed_blocks(lease_id: LeaseId) -> Balance {
	let lease = lease(lease_id);
	let elapsed = Balance::from(System::block_number() - lease.settled_up_to);
	elapsed.min(lease.balance() / lease.price_per_block)
}
