//! A small runtime for the tests: System, Balances, Assets with its holder
//! (leases, so report deposits, in STRA or `USDT`) and this pallet, with an
//! in-mock stand-in for the leases that records every call.

use crate::{self as pallet_provider_slashing};
use core::cell::RefCell;
use polkadot_sdk::{
	frame_support::{self, derive_impl, parameter_types, traits::ConstU32, weights::Weight},
	frame_system::{self, EnsureRoot},
	pallet_assets, pallet_assets_holder, pallet_balances, sp_io,
	sp_runtime::{BuildStorage, DispatchError, DispatchResult, Perbill},
};
use std::collections::BTreeMap;
use stratus_primitives::{CloseReason, LeaseId, LeaseManager, LeaseStake, LeaseTerms};

pub type AccountId = u64;
pub type Balance = u64;
pub type BlockNumber = u64;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		AssetsHolder: pallet_assets_holder,
		ProviderSlashing: pallet_provider_slashing,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

pub const ED: Balance = 10;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type ExistentialDeposit = frame_support::traits::ConstU64<ED>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

stratus_primitives::mock_market_assets!(Test, Balance, AccountId);

/// Providers.
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
/// Tenants.
pub const TENANT: AccountId = 10;
pub const TENANT2: AccountId = 11;
/// An account that holds nothing at all.
pub const NOBODY: AccountId = 50;
/// The treasury.
pub const TREASURY: AccountId = 99;

pub const PROVIDER_FUNDS: Balance = 100_000;
/// `USDT`'s minimum balance: a forfeited report deposit below it cannot
/// open a provider's account.
pub const USDT_MIN: Balance = 30;
pub const TENANT_FUNDS: Balance = 10_000;
pub const TREASURY_FUNDS: Balance = 1_000;
/// Blocks over which track-record evidence halves.
pub const HALF_LIFE: BlockNumber = 100;
/// One unit of track-record evidence.
pub const REPUTATION_UNIT: Balance = 100;
/// The least slice of a bond a lease commits.
pub const MIN_LEASE_STAKE: Balance = 100;

parameter_types! {
	pub const MinProviderBond: Balance = 1_000;
	pub const UnbondingPeriod: BlockNumber = 20;
	pub const EarlyCloseSlash: Perbill = Perbill::from_percent(10);
	pub const NotDeliveredSlash: Perbill = Perbill::from_percent(20);
	pub const UnavailableSlash: Perbill = Perbill::from_percent(10);
	pub const BelowSpecSlash: Perbill = Perbill::from_percent(5);
	pub const CompensationShare: Perbill = Perbill::from_percent(60);
	/// A lease commits half its worth, at least `MIN_LEASE_STAKE`.
	pub const LeaseStakeRatio: Perbill = Perbill::from_percent(50);
	pub const MinLeaseStake: Balance = MIN_LEASE_STAKE;
	pub static DisputeWindow: BlockNumber = 10;
	pub static AdjudicationPeriod: BlockNumber = 40;
	pub const ReportDeposit: Balance = 50;
	pub const MaxFaultsBeforeJail: u32 = 3;
	pub const JailPeriod: BlockNumber = 30;
	pub const ReputationHalfLife: BlockNumber = HALF_LIFE;
	pub const ReputationUnit: Balance = REPUTATION_UNIT;
	pub const TreasuryAccount: AccountId = TREASURY;
	/// What the deadline hook may spend: room for a full slot (three
	/// reports) unless a test lowers it to meter the hook.
	pub static HookWeight: Weight = Weight::from_parts(100_000_000_000, 10_000_000);
}

impl pallet_provider_slashing::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AssetKind = AssetKind;
	type Funds = Funds;
	type Rates = MockRates;
	type Leases = MockLeases;
	type Liveness = MockLiveness;
	type AdjudicatorOrigin = EnsureRoot<AccountId>;
	type Treasury = TreasuryAccount;
	type MinProviderBond = MinProviderBond;
	type UnbondingPeriod = UnbondingPeriod;
	type MaxUnbondingChunks = ConstU32<3>;
	type LeaseStakeRatio = LeaseStakeRatio;
	type MinLeaseStake = MinLeaseStake;
	type EarlyCloseSlash = EarlyCloseSlash;
	type NotDeliveredSlash = NotDeliveredSlash;
	type UnavailableSlash = UnavailableSlash;
	type BelowSpecSlash = BelowSpecSlash;
	type CompensationShare = CompensationShare;
	type DisputeWindow = DisputeWindow;
	type AdjudicationPeriod = AdjudicationPeriod;
	type ReportDeposit = ReportDeposit;
	type MaxFaultsBeforeJail = MaxFaultsBeforeJail;
	type JailPeriod = JailPeriod;
	type ReputationHalfLife = ReputationHalfLife;
	type ReputationUnit = ReputationUnit;
	type MaxReportsPerBlock = ConstU32<3>;
	type HookWeight = HookWeight;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

thread_local! {
	static ACTIVE_LEASES: RefCell<BTreeMap<AccountId, u32>> = const { RefCell::new(BTreeMap::new()) };
	static LEASES: RefCell<BTreeMap<LeaseId, (AccountId, AccountId, AssetKind)>> = const { RefCell::new(BTreeMap::new()) };
	static IN_GRACE: RefCell<BTreeMap<LeaseId, (AccountId, AccountId, AssetKind)>> = const { RefCell::new(BTreeMap::new()) };
	static STAKES: RefCell<BTreeMap<LeaseId, (LeaseStake<Balance>, Balance)>> = const { RefCell::new(BTreeMap::new()) };
	static FORGOTTEN: RefCell<Vec<LeaseId>> = const { RefCell::new(Vec::new()) };
	static CLOSED_LEASES: RefCell<Vec<(LeaseId, CloseReason)>> = const { RefCell::new(Vec::new()) };
	static NEXT_LEASE: RefCell<LeaseId> = const { RefCell::new(0) };
	static IN_MAINTENANCE: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
}

/// Puts `who` inside an announced maintenance window (`true`) or out of it.
pub fn set_in_maintenance(who: AccountId, inside: bool) {
	IN_MAINTENANCE.with(|m| {
		let mut m = m.borrow_mut();
		m.retain(|x| *x != who);
		if inside {
			m.push(who);
		}
	});
}

/// The registry's liveness: every provider reachable, but those a test put
/// in maintenance.
pub struct MockLiveness;
impl stratus_primitives::ProviderLiveness<AccountId> for MockLiveness {
	fn liveness(who: &AccountId) -> Option<stratus_primitives::Liveness> {
		Some(if IN_MAINTENANCE.with(|m| m.borrow().contains(who)) {
			stratus_primitives::Liveness::InMaintenance
		} else {
			stratus_primitives::Liveness::Reachable
		})
	}
}

/// Sets how many leases the lease manager says `who` serves.
pub fn set_active_leases(who: AccountId, n: u32) {
	ACTIVE_LEASES.with(|m| m.borrow_mut().insert(who, n));
}

/// Opens a lease between `tenant` and `provider` in the mock, in STRA.
pub fn open_lease(tenant: AccountId, provider: AccountId) -> LeaseId {
	open_lease_in(STRA, tenant, provider)
}

/// Opens a lease between `tenant` and `provider` in the mock, in `asset`.
pub fn open_lease_in(asset: AssetKind, tenant: AccountId, provider: AccountId) -> LeaseId {
	let id = NEXT_LEASE.with(|n| {
		let id = *n.borrow();
		*n.borrow_mut() = id + 1;
		id
	});
	LEASES.with(|l| l.borrow_mut().insert(id, (tenant, provider, asset)));
	id
}

/// Opens a lease between `tenant` and `provider` in the mock, in `asset`,
/// worth `value` over its minimum term: its slice is committed through
/// this pallet's [`ProviderStake::commit`](stratus_primitives::ProviderStake::commit),
/// as bid matching does. Its tenant has paid nothing yet.
pub fn open_lease_worth(
	asset: AssetKind,
	tenant: AccountId,
	provider: AccountId,
	value: Balance,
) -> Result<LeaseId, DispatchError> {
	let slice = <crate::Pallet<Test> as stratus_primitives::ProviderStake<_, _, _>>::commit(
		&provider, &asset, value,
	)?;
	let id = open_lease_in(asset, tenant, provider);
	STAKES.with(|s| s.borrow_mut().insert(id, (LeaseStake { slice, compensated: 0 }, 0)));
	Ok(id)
}

/// Sets what the tenant of `lease` has paid for it.
pub fn set_tenant_paid(lease: LeaseId, paid: Balance) {
	STAKES.with(|s| s.borrow_mut().entry(lease).or_default().1 = paid);
}

/// The stake behind `lease` as the mock keeps it, if a test gave it one.
pub fn lease_stake(lease: LeaseId) -> Option<LeaseStake<Balance>> {
	STAKES.with(|s| s.borrow().get(&lease).map(|(stake, _)| *stake))
}

/// The lease's record is gone (forgotten after its grace period).
pub fn forget(lease: LeaseId) {
	LEASES.with(|l| l.borrow_mut().remove(&lease));
	end_grace(lease);
	FORGOTTEN.with(|f| f.borrow_mut().push(lease));
}

/// Ends a lease without going through this pallet (as if the tenant closed
/// it). Its tenant may still report it until [`end_grace`].
pub fn end_lease(lease: LeaseId) {
	if let Some(parties) = LEASES.with(|l| l.borrow_mut().remove(&lease)) {
		IN_GRACE.with(|g| g.borrow_mut().insert(lease, parties));
	}
}

/// The report grace period of a closed lease is over.
pub fn end_grace(lease: LeaseId) {
	IN_GRACE.with(|g| g.borrow_mut().remove(&lease));
}

/// Whether the mock lease is still active.
pub fn lease_active(lease: LeaseId) -> bool {
	LEASES.with(|l| l.borrow().contains_key(&lease))
}

/// The leases this pallet closed, in order.
pub fn closed_leases() -> Vec<(LeaseId, CloseReason)> {
	CLOSED_LEASES.with(|c| c.borrow().clone())
}

fn reset_mock_state() {
	ACTIVE_LEASES.with(|m| m.borrow_mut().clear());
	IN_GRACE.with(|m| m.borrow_mut().clear());
	LEASES.with(|m| m.borrow_mut().clear());
	STAKES.with(|m| m.borrow_mut().clear());
	FORGOTTEN.with(|m| m.borrow_mut().clear());
	CLOSED_LEASES.with(|m| m.borrow_mut().clear());
	NEXT_LEASE.with(|n| *n.borrow_mut() = 0);
	IN_MAINTENANCE.with(|m| m.borrow_mut().clear());
}

pub struct MockLeases;
impl LeaseManager<AccountId, Balance, BlockNumber> for MockLeases {
	type AssetKind = AssetKind;

	fn hold_budget(_: &AccountId, _: &AssetKind, _: Balance) -> DispatchResult {
		Ok(())
	}
	fn release_budget(_: &AccountId, _: &AssetKind, budget: Balance) -> Balance {
		budget
	}
	fn open_lease(
		terms: LeaseTerms<AccountId, AssetKind, Balance, BlockNumber>,
		_budget: Balance,
	) -> Result<LeaseId, DispatchError> {
		Ok(open_lease_in(terms.asset, terms.tenant, terms.provider))
	}
	/// A lease a test gave no stake stands for the stake of old, the whole
	/// of its provider's bond, and a tenant who paid without limit: the
	/// split, rounding and chunk order tests read as before.
	fn slashable_lease(
		lease: LeaseId,
	) -> Option<stratus_primitives::SlashableLease<AccountId, AssetKind, Balance>> {
		let active = LEASES.with(|l| l.borrow().get(&lease).cloned());
		let (tenant, provider, asset) =
			active.clone().or_else(|| IN_GRACE.with(|g| g.borrow().get(&lease).cloned()))?;
		let (stake, tenant_paid) = STAKES.with(|s| s.borrow().get(&lease).copied()).unwrap_or((
			LeaseStake {
				slice: crate::Bonds::<Test>::get(provider).map(|b| b.total()).unwrap_or_default(),
				compensated: 0,
			},
			Balance::MAX / 4,
		));
		Some(stratus_primitives::SlashableLease {
			tenant,
			provider,
			asset,
			active: active.is_some(),
			reportable: true,
			stake,
			tenant_paid,
		})
	}
	fn set_stake(lease: LeaseId, stake: LeaseStake<Balance>) {
		if FORGOTTEN.with(|f| f.borrow().contains(&lease)) {
			return;
		}
		// A lease without a stake of its own keeps standing for the whole
		// bond.
		STAKES.with(|s| {
			if let Some(entry) = s.borrow_mut().get_mut(&lease) {
				entry.0 = stake;
			}
		});
	}
	fn active_leases(who: &AccountId) -> u32 {
		ACTIVE_LEASES.with(|m| m.borrow().get(who).copied().unwrap_or(0))
	}
	fn ensure_provider_room(_: &AccountId) -> DispatchResult {
		Ok(())
	}
	fn budget_held(_: &AccountId, _: &AssetKind) -> Balance {
		0
	}
	fn close(lease: LeaseId, reason: CloseReason) -> DispatchResult {
		if !lease_active(lease) {
			return Err(DispatchError::Other("lease not active"));
		}
		end_lease(lease);
		CLOSED_LEASES.with(|c| c.borrow_mut().push((lease, reason)));
		Ok(())
	}
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn register_provider(_who: &AccountId) {}
	fn open_lease(tenant: &AccountId, provider: &AccountId) -> LeaseId {
		open_lease(*tenant, *provider)
	}
	fn close_lease(_tenant: &AccountId, lease: LeaseId) {
		end_lease(lease)
	}
}

/// Funded accounts at block 1, empty mock registry and leases.
pub fn new_test_ext() -> sp_io::TestExternalities {
	reset_mock_state();
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, PROVIDER_FUNDS),
			(BOB, PROVIDER_FUNDS),
			(TENANT, TENANT_FUNDS),
			(TENANT2, TENANT_FUNDS),
			(TREASURY, TREASURY_FUNDS),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	// The tenants and the treasury hold USDT; the providers hold none.
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(USDT, TREASURY, true, USDT_MIN)],
		accounts: vec![
			(USDT, TENANT, TENANT_FUNDS),
			(USDT, TENANT2, TENANT_FUNDS),
			(USDT, TREASURY, TREASURY_FUNDS),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a fresh chain, then checks the pallet's invariants.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		ProviderSlashing::do_try_state().expect("invariants hold after the test");
	});
}

/// Runs the hooks up to block `n`.
pub fn run_to_block(n: BlockNumber) {
	System::run_to_block::<AllPalletsWithSystem>(n);
}
