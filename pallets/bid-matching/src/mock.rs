//! A mock runtime with System, Balances, Assets with its holder (orders in
//! STRA or the asset `USDT`, as one `fungibles`) and this pallet, and small
//! stand-ins
//! for the traits the pallet uses. The stand-ins keep their state in
//! storage (not in thread locals) so that a rolled-back storage transaction
//! rolls them back too, as the real pallets would be.

use crate::{self as pallet_bid_matching, *};
use alloc::{vec, vec::Vec};
use codec::{Decode, Encode};
use polkadot_sdk::{
	frame_support::{
		self, assert_ok, derive_impl, parameter_types,
		traits::{
			fungible::{self, NativeOrWithId},
			fungibles::{self, InspectHold as _},
			tokens::Preservation,
			ConstU32, ConstU64, Contains, Hooks,
		},
		weights::Weight,
		BoundedVec,
	},
	frame_system, pallet_assets, pallet_assets_holder, pallet_balances, sp_io,
	sp_runtime::{BuildStorage, DispatchError, DispatchResult, ModuleError, Perbill, TokenError},
};
use stratus_primitives::{
	AttributeRef, BidForfeit, CloseReason, Exclusion, LeaseId, LeaseManager, LeaseTerms,
	ManifestHash, OrderId, ProviderEligibility, ProviderStake, Refusal, Resources,
	TrackRequirements,
};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		AssetsHolder: pallet_assets_holder,
		BidMatching: pallet_bid_matching,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

stratus_primitives::mock_market_assets!(Test, Balance, AccountId);

/// The market takes STRA, `USDT` and `UNRATED`, not `REFUSED`.
pub struct MockAccepted;
impl Contains<AssetKind> for MockAccepted {
	fn contains(asset: &AssetKind) -> bool {
		matches!(asset, NativeOrWithId::Native | NativeOrWithId::WithId(USDT | UNRATED))
	}
}

/// Moves `amount` of `asset` from `from` to `to`'s free balance.
fn transfer(
	asset: &AssetKind,
	from: &AccountId,
	to: &AccountId,
	amount: Balance,
	keep: Preservation,
) -> DispatchResult {
	match asset {
		NativeOrWithId::Native => {
			<Balances as fungible::Mutate<AccountId>>::transfer(from, to, amount, keep)
		},
		NativeOrWithId::WithId(id) => {
			<Assets as fungibles::Mutate<AccountId>>::transfer(*id, from, to, amount, keep)
		},
	}
	.map(|_| ())
}

/// Tenants.
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
/// Providers, registered, active and bonded by [`run_test`].
pub const P1: AccountId = 11;
pub const P2: AccountId = 12;
pub const P3: AccountId = 13;
pub const P4: AccountId = 14;
/// A provider registered by [`run_test`] that has not bonded.
pub const P5: AccountId = 15;
/// An account that is no provider at all.
pub const NOBODY: AccountId = 20;
/// The auditor that vouches for the providers' attributes.
pub const AUDITOR: AccountId = 30;
/// Where the mock lease manager keeps escrows.
pub const ESCROW: AccountId = 99;
/// Where admission surcharges go.
pub const TREASURY: AccountId = 98;

pub const INITIAL_BALANCE: Balance = 1_000_000;
pub const ORDER_DEPOSIT: Balance = 10;
pub const BID_FORFEIT: Balance = 5;
/// What a provider in the mock has bonded.
pub const BOND: Balance = 100;
pub const MIN_LEASE_BLOCKS: u32 = 10;
pub const MIN_LEASE_TERM: u64 = 100;

/// What every default provider offers.
pub const CAPACITY: Resources =
	Resources { cpu_millicores: 8_000, memory_mib: 16_384, storage_gib: 200, gpu_units: 1 };
/// What the default order asks for.
pub const SMALL: Resources =
	Resources { cpu_millicores: 2_000, memory_mib: 4_096, storage_gib: 50, gpu_units: 0 };

impl pallet_bid_matching::Config for Test {
	type Funds = Funds;
	type AcceptedAssets = MockAccepted;
	type Rates = MockRates;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Eligibility = MockRegistry;
	type Stake = MockStake;
	type AssetKind = AssetKind;
	type Leases = MockLeases;
	type Forfeit = MockStake;
	type Treasury = frame_support::traits::ConstU64<TREASURY>;
	type OrderDeposit = ConstU64<ORDER_DEPOSIT>;
	type BidForfeit = ConstU64<BID_FORFEIT>;
	type MinBidWindow = ConstU64<2>;
	type MaxBidWindow = ConstU64<20>;
	type MinLeaseBlocks = ConstU32<MIN_LEASE_BLOCKS>;
	type MinLeaseTerm = ConstU64<MIN_LEASE_TERM>;
	type MaxBidsPerOrder = ConstU32<4>;
	type MaxRequiredAttributes = ConstU32<3>;
	type MaxAttributeKeyLen = ConstU32<16>;
	type MaxAttributeValueLen = ConstU32<16>;
	type MaxOpenOrdersPerTenant = ConstU32<5>;
	type MaxExpiriesPerBlock = ConstU32<3>;
	type HookWeight = HookWeight;
	type MaxPageSize = ConstU32<10>;
	type MaxScreenPage = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// A provider as the mock registry and stake see it.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, Default)]
pub struct MockProvider {
	pub capacity: Resources,
	pub reserved: Resources,
	pub leases: u32,
	pub paused: bool,
	pub jailed: bool,
	/// Sends no heartbeats.
	pub unreachable: bool,
	pub bonded: bool,
	/// What is left of the bond after forfeits.
	pub bond: Balance,
	/// What of the bond its leases commit: the free rest backs new leases.
	pub committed: Balance,
	pub attributes: Vec<(Vec<u8>, Vec<u8>)>,
	/// Auditors that vouch for all of the provider's attributes.
	pub auditors: Vec<AccountId>,
	/// Leases its track record shows completed.
	pub completed: u32,
	/// Its track-record score.
	pub score: Perbill,
}

/// A lease the mock lease manager opened.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
pub struct MockLease {
	pub id: LeaseId,
	pub order_id: OrderId,
	pub tenant: AccountId,
	pub provider: AccountId,
	pub resources: Resources,
	pub price_per_block: Balance,
	pub min_term: u64,
	pub manifest: ManifestHash,
	pub asset: AssetKind,
	pub escrow: Balance,
	/// The slice of its provider's bond committed to it.
	pub stake: Balance,
}

parameter_types! {
	/// What the hook may spend: set by the tests that meter it, otherwise a
	/// tenth of the mock's block (the most `integrity_test` allows), enough
	/// for every order of a full slot.
	pub storage HookWeight: Weight = Weight::from_parts(100_000_000_000, 10_000_000);
	pub storage Providers: Vec<(AccountId, MockProvider)> = Vec::new();
	pub storage Leases: Vec<MockLease> = Vec::new();
	/// The budgets the mock lease manager holds, by tenant and asset.
	pub storage Budgets: Vec<(AccountId, AssetKind, Balance)> = Vec::new();
	pub storage FailOpenLease: bool = false;
}

/// An error of the mock registry, stake or lease manager: a module error of
/// a made-up pallet rather than `DispatchError::Other`, whose message is not
/// encoded, so that the reasons in `BidForfeited` events can be told apart.
const fn mock_error(error: u8, message: &'static str) -> DispatchError {
	DispatchError::Module(ModuleError {
		index: 200,
		error: [error, 0, 0, 0],
		message: Some(message),
	})
}

/// The registry knows no such provider.
pub const NOT_REGISTERED: DispatchError = mock_error(0, "NotRegistered");
/// The provider is jailed.
pub const PROVIDER_JAILED: DispatchError = mock_error(1, "ProviderJailed");
/// The provider paused itself.
pub const PROVIDER_PAUSED: DispatchError = mock_error(2, "ProviderPaused");
/// The provider sends no heartbeats.
pub const PROVIDER_UNREACHABLE: DispatchError = mock_error(8, "ProviderUnreachable");
/// The provider has not bonded.
pub const NOT_BONDED: DispatchError = mock_error(3, "NotBonded");
/// Opening a lease found too little free capacity.
pub const CAPACITY_EXHAUSTED: DispatchError = mock_error(4, "CapacityExhausted");
/// The lease manager refused the lease ([`FailOpenLease`]).
pub const LEASE_REFUSED: DispatchError = mock_error(5, "LeaseRefused");
/// The provider completed fewer leases than the order requires.
pub const TOO_FEW_COMPLETED: DispatchError = mock_error(6, "TooFewCompletedLeases");
/// The provider's score is below what the order requires.
pub const SCORE_TOO_LOW: DispatchError = mock_error(7, "ScoreTooLow");
/// The provider's free bond cannot back the lease.
pub const INSUFFICIENT_FREE_BOND: DispatchError = mock_error(9, "InsufficientFreeBond");
/// The provider serves as many leases as it may.
pub const TOO_MANY_PROVIDER_LEASES: DispatchError = mock_error(10, "TooManyProviderLeases");

/// The most leases the mock lease manager lets a provider serve.
pub const MAX_PROVIDER_LEASES: u32 = 4;
/// The least slice of bond a lease commits in the mock stake.
pub const MIN_LEASE_STAKE: Balance = 10;

/// The slice of bond a lease worth `value` (in any asset, at par) commits
/// in the mock stake: a hundredth of it, at least [`MIN_LEASE_STAKE`].
pub fn slice_for(value: Balance) -> Balance {
	(value / 100).max(MIN_LEASE_STAKE)
}

/// Reads the mock provider `who`.
pub fn provider(who: AccountId) -> Option<MockProvider> {
	Providers::get().into_iter().find(|(p, _)| *p == who).map(|(_, p)| p)
}

/// Changes (or creates) the mock provider `who`.
pub fn with_provider(who: AccountId, f: impl FnOnce(&mut MockProvider)) {
	let mut all = Providers::get();
	match all.iter_mut().find(|(p, _)| *p == who) {
		Some((_, p)) => f(p),
		None => {
			let mut p = MockProvider::default();
			f(&mut p);
			all.push((who, p));
		},
	}
	Providers::set(&all);
}

/// Registers `who` as an active, bonded provider with [`CAPACITY`], declaring
/// `region = eu` and `tier = gold`, audited by [`AUDITOR`].
pub fn register_provider(who: AccountId) {
	with_provider(who, |p| {
		*p = MockProvider {
			capacity: CAPACITY,
			bonded: true,
			bond: BOND,
			attributes: vec![
				(b"region".to_vec(), b"eu".to_vec()),
				(b"tier".to_vec(), b"gold".to_vec()),
			],
			auditors: vec![AUDITOR],
			..Default::default()
		}
	});
}

pub struct MockRegistry;

impl ProviderEligibility<AccountId> for MockRegistry {
	fn ensure_can_bid(who: &AccountId) -> Result<(), Refusal> {
		let p = provider(*who).ok_or(Refusal::new(Exclusion::Unregistered, NOT_REGISTERED))?;
		if p.jailed {
			return Err(Refusal::new(Exclusion::Jailed, PROVIDER_JAILED));
		}
		if p.paused {
			return Err(Refusal::new(Exclusion::Paused, PROVIDER_PAUSED));
		}
		if p.unreachable {
			return Err(Refusal::new(Exclusion::Unreachable, PROVIDER_UNREACHABLE));
		}
		Ok(())
	}
	fn satisfies(
		who: &AccountId,
		required: &[AttributeRef<'_>],
		auditor: Option<&AccountId>,
	) -> bool {
		let Some(p) = provider(*who) else { return false };
		let declared =
			required.iter().all(|(k, v)| p.attributes.iter().any(|(pk, pv)| pk == k && pv == v));
		declared && auditor.is_none_or(|a| p.auditors.contains(a))
	}
	fn free_capacity(who: &AccountId) -> Option<Resources> {
		provider(*who).and_then(|p| p.capacity.checked_sub(&p.reserved))
	}
	/// In account order.
	fn providers_after(start_after: Option<&AccountId>, limit: u32) -> Vec<AccountId> {
		let mut all: Vec<AccountId> = Providers::get().into_iter().map(|(who, _)| who).collect();
		all.sort();
		all.into_iter()
			.filter(|who| start_after.is_none_or(|after| who > after))
			.take(limit as usize)
			.collect()
	}
	fn provider_count() -> u32 {
		Providers::get().len() as u32
	}
}

pub struct MockStake;

impl ProviderStake<AccountId, AssetKind, Balance> for MockStake {
	fn ensure_can_back(who: &AccountId, lease: Option<(&AssetKind, Balance)>) -> DispatchResult {
		let slice = slice_for(lease.map_or(0, |(_, value)| value));
		match provider(*who) {
			Some(p) if !p.bonded => Err(NOT_BONDED),
			Some(p) if p.bond.saturating_sub(p.committed) >= slice => Ok(()),
			Some(_) => Err(INSUFFICIENT_FREE_BOND),
			None => Err(NOT_BONDED),
		}
	}
	fn commit(
		who: &AccountId,
		asset: &AssetKind,
		value: Balance,
	) -> Result<Balance, DispatchError> {
		Self::ensure_can_back(who, Some((asset, value)))?;
		let slice = slice_for(value);
		with_provider(*who, |p| p.committed += slice);
		Ok(slice)
	}
	fn ensure_track_record(who: &AccountId, requirements: &TrackRequirements) -> DispatchResult {
		if requirements.is_none() {
			return Ok(());
		}
		let p = provider(*who).unwrap_or_default();
		if p.completed < requirements.min_completed {
			return Err(TOO_FEW_COMPLETED);
		}
		if p.score < requirements.min_score {
			return Err(SCORE_TOO_LOW);
		}
		Ok(())
	}
	fn slashable(_: &AccountId) -> Balance {
		0
	}
}

/// Takes forfeits from the mock bond, and records them.
impl BidForfeit<AccountId, Balance> for MockStake {
	fn forfeit(provider: &AccountId, _: OrderId, amount: Balance) -> Balance {
		let mut taken = 0;
		with_provider(*provider, |p| {
			taken = amount.min(p.bond);
			p.bond -= taken;
		});
		taken
	}
}

/// What the mock lease manager holds as `who`'s orders' budgets in STRA.
pub fn budget_held(who: AccountId) -> Balance {
	budget_held_in(&STRA, who)
}

/// What the mock lease manager holds as `who`'s orders' budgets in `asset`.
pub fn budget_held_in(asset: &AssetKind, who: AccountId) -> Balance {
	Budgets::get().into_iter().find(|(t, a, _)| *t == who && a == asset).map_or(0, |(_, _, b)| b)
}

fn set_budget_held(who: AccountId, asset: &AssetKind, amount: Balance) {
	let mut all = Budgets::get();
	all.retain(|(t, a, _)| !(*t == who && a == asset));
	if amount > 0 {
		all.push((who, asset.clone(), amount));
	}
	Budgets::set(&all);
}

/// Holds budgets by moving them from the tenant's free balance to [`ESCROW`],
/// and opens leases with them there, reserving the provider's capacity and
/// recording the terms.
pub struct MockLeases;

impl LeaseManager<AccountId, Balance, u64> for MockLeases {
	type AssetKind = AssetKind;

	fn hold_budget(tenant: &AccountId, asset: &AssetKind, budget: Balance) -> DispatchResult {
		// A hold refuses what the free balance cannot pay as this does.
		transfer(asset, tenant, &ESCROW, budget, Preservation::Preserve)
			.map_err(|_| TokenError::FundsUnavailable)?;
		set_budget_held(*tenant, asset, budget_held_in(asset, *tenant) + budget);
		Ok(())
	}
	fn release_budget(tenant: &AccountId, asset: &AssetKind, budget: Balance) -> Balance {
		let amount = budget.min(budget_held_in(asset, *tenant));
		// ESCROW holds every budget, so the transfer back cannot fail.
		assert_ok!(transfer(asset, &ESCROW, tenant, amount, Preservation::Expendable));
		set_budget_held(*tenant, asset, budget_held_in(asset, *tenant) - amount);
		amount
	}
	fn open_lease(
		terms: LeaseTerms<AccountId, AssetKind, Balance, u64>,
		budget: Balance,
	) -> Result<LeaseId, DispatchError> {
		if FailOpenLease::get() {
			return Err(LEASE_REFUSED);
		}
		let held = budget_held_in(&terms.asset, terms.tenant);
		if held < budget {
			return Err(DispatchError::Other("budget not held"));
		}
		let free = MockRegistry::free_capacity(&terms.provider).ok_or(NOT_REGISTERED)?;
		if !terms.resources.fits(&free) {
			return Err(CAPACITY_EXHAUSTED);
		}
		Self::ensure_provider_room(&terms.provider)?;
		with_provider(terms.provider, |p| {
			p.reserved = p.reserved.checked_add(&terms.resources).unwrap_or(p.capacity);
			p.leases += 1;
		});
		set_budget_held(terms.tenant, &terms.asset, held - budget);
		let mut leases = Leases::get();
		let id = 100 + leases.len() as LeaseId;
		leases.push(MockLease {
			id,
			order_id: terms.order_id,
			tenant: terms.tenant,
			provider: terms.provider,
			resources: terms.resources,
			manifest: terms.manifest,
			asset: terms.asset,
			price_per_block: terms.price_per_block,
			min_term: terms.min_term,
			escrow: budget,
			stake: terms.stake,
		});
		Leases::set(&leases);
		Ok(id)
	}
	fn slashable_lease(
		lease: LeaseId,
	) -> Option<stratus_primitives::SlashableLease<AccountId, AssetKind, Balance>> {
		Leases::get().into_iter().find(|l| l.id == lease).map(|l| {
			stratus_primitives::SlashableLease {
				tenant: l.tenant,
				provider: l.provider,
				asset: l.asset,
				active: true,
				reportable: true,
				stake: stratus_primitives::LeaseStake { slice: l.stake, compensated: 0 },
				tenant_paid: 0,
			}
		})
	}
	fn set_stake(_: LeaseId, _: stratus_primitives::LeaseStake<Balance>) {}
	fn active_leases(provider: &AccountId) -> u32 {
		self::provider(*provider).map_or(0, |p| p.leases)
	}
	fn ensure_provider_room(provider: &AccountId) -> DispatchResult {
		if Self::active_leases(provider) >= MAX_PROVIDER_LEASES {
			return Err(TOO_MANY_PROVIDER_LEASES);
		}
		Ok(())
	}
	fn close(_: LeaseId, _: CloseReason) -> DispatchResult {
		Ok(())
	}
	fn budget_held(tenant: &AccountId, asset: &AssetKind) -> Balance {
		budget_held_in(asset, *tenant)
	}
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<AccountId, AssetKind, Balance> for MockBenchmarkHelper {
	fn asset() -> AssetKind {
		usdt()
	}
	fn fund(asset: &AssetKind, who: &AccountId, amount: Balance) {
		let minted = match asset {
			NativeOrWithId::Native => {
				<Balances as fungible::Mutate<AccountId>>::mint_into(who, amount)
			},
			NativeOrWithId::WithId(id) => {
				<Assets as fungibles::Mutate<AccountId>>::mint_into(*id, who, amount)
			},
		};
		assert_ok!(minted);
	}

	fn prepare_provider(
		who: &AccountId,
		capacity: Resources,
		attributes: &[AttributeRef<'_>],
		auditor: &AccountId,
		requirements: &TrackRequirements,
	) {
		with_provider(*who, |p| {
			*p = MockProvider {
				capacity,
				bonded: true,
				bond: BOND,
				attributes: attributes.iter().map(|(k, v)| (k.to_vec(), v.to_vec())).collect(),
				auditors: vec![*auditor],
				completed: requirements.min_completed,
				score: requirements.min_score,
				..Default::default()
			}
		});
	}
}

/// Every account the tests fund.
pub const ACCOUNTS: [AccountId; 11] =
	[ALICE, BOB, P1, P2, P3, P4, P5, NOBODY, AUDITOR, ESCROW, TREASURY];

/// The minimum balance of every asset of the mock.
pub const ASSET_MIN: Balance = 1;

/// Funded accounts at block 1, in STRA and in each asset; no providers (the
/// benchmarks make their own).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: ACCOUNTS.iter().map(|a| (*a, INITIAL_BALANCE)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: [USDT, UNRATED, REFUSED].map(|id| (id, ESCROW, true, ASSET_MIN)).to_vec(),
		accounts: [USDT, UNRATED, REFUSED]
			.into_iter()
			.flat_map(|id| ACCOUNTS.map(|who| (id, who, INITIAL_BALANCE)))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` with funded accounts and providers P1..P4 (active, bonded)
/// and P5 (not bonded), then checks the pallet's invariants.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		for p in [P1, P2, P3, P4, P5] {
			register_provider(p);
		}
		with_provider(P5, |p| p.bonded = false);
		test();
		check_invariants();
	});
}

/// The pallet's `try_state`, plus what it cannot check on its own: that no
/// account holds anything under this pallet's reasons beyond its open orders,
/// in any asset (here we know every account and asset).
pub fn check_invariants() {
	BidMatching::do_try_state().expect("try_state");
	for asset in [STRA, usdt(), NativeOrWithId::WithId(UNRATED), NativeOrWithId::WithId(REFUSED)] {
		for who in ACCOUNTS {
			let (mut budget, mut deposit) = (0, 0);
			for (_, order) in Orders::<Test>::iter() {
				if order.tenant == who && order.asset == asset {
					budget += order.budget;
					deposit += order.deposit;
				}
			}
			assert_eq!(budget_held_in(&asset, who), budget, "budget held for {who}");
			assert_eq!(
				held_in(&asset, HoldReason::OrderDeposit, who),
				deposit,
				"order deposit hold of {who} in {asset:?}"
			);
		}
	}
}

/// What `who` holds of STRA under `reason`.
pub fn held(reason: HoldReason, who: AccountId) -> Balance {
	held_in(&STRA, reason, who)
}

/// What `who` holds of `asset` under `reason`.
pub fn held_in(asset: &AssetKind, reason: HoldReason, who: AccountId) -> Balance {
	Funds::balance_on_hold(asset.clone(), &reason.into(), &who)
}

/// The free STRA of `who`.
pub fn free(who: AccountId) -> Balance {
	<Balances as fungible::Inspect<AccountId>>::balance(&who)
}

/// The free balance of `who` in the asset `id`.
pub fn free_in(id: u32, who: AccountId) -> Balance {
	<Assets as fungibles::Inspect<AccountId>>::balance(id, &who)
}

/// Runs the hook of each block up to `n`, checking the invariants after each.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		BidMatching::on_initialize(next);
		check_invariants();
	}
}

/// Required attributes from `(key, value)` pairs.
pub fn attrs(pairs: &[(&str, &str)]) -> RequiredAttributesOf<Test> {
	let list: Vec<RequiredAttributeOf<Test>> = pairs
		.iter()
		.map(|(k, v)| RequiredAttribute {
			key: BoundedVec::truncate_from(k.as_bytes().to_vec()),
			value: BoundedVec::truncate_from(v.as_bytes().to_vec()),
		})
		.collect();
	BoundedVec::truncate_from(list)
}

/// Max price of the default order.
pub const MAX_PRICE: Balance = 10;
/// The manifest hash the tests' orders commit to.
pub const MANIFEST: ManifestHash = ManifestHash::repeat_byte(0x4d);
/// Budget of the default order.
pub const BUDGET: Balance = 1_000;
/// Bid window of the default order.
pub const WINDOW: u64 = 5;

/// `tenant` creates the default order: [`SMALL`] with `region = eu`, max
/// price [`MAX_PRICE`], budget [`BUDGET`], window [`WINDOW`]. Returns its id.
pub fn create_default_order(tenant: AccountId) -> OrderId {
	let id = NextOrderId::<Test>::get();
	assert_ok!(BidMatching::create_order(
		RuntimeOrigin::signed(tenant),
		MANIFEST,
		SMALL,
		attrs(&[("region", "eu")]),
		None,
		Default::default(),
		MAX_PRICE,
		BUDGET,
		WINDOW,
		STRA,
	));
	id
}

/// `provider` bids `price` on `order_id`.
pub fn place(provider: AccountId, order_id: OrderId, price: Balance) -> DispatchResult {
	BidMatching::place_bid(RuntimeOrigin::signed(provider), order_id, price)
		.map(|_| ())
		.map_err(|e| e.error)
}

/// `provider` bids `price` on `order_id`, and it must be accepted.
pub fn bid(provider: AccountId, order_id: OrderId, price: Balance) {
	assert_ok!(place(provider, order_id, price));
}

/// The providers in `order_id`'s book, best first.
pub fn book(order_id: OrderId) -> Vec<AccountId> {
	Orders::<Test>::get(order_id)
		.map(|o| o.bids.iter().map(|b| b.provider).collect())
		.unwrap_or_default()
}

/// What is left of `who`'s mock bond.
pub fn bond_of(who: AccountId) -> Balance {
	provider(who).map_or(0, |p| p.bond)
}

/// The last lease the mock lease manager opened.
pub fn last_lease() -> Option<MockLease> {
	Leases::get().last().cloned()
}
