//! A small runtime for the tests: System, Balances, Assets with its holder
//! (leases in STRA or in the asset `USDT`, as one `fungibles`), and this
//! pallet, with in-mock stand-ins for the registry and the stake pallet that
//! record what they were told.

use crate as pallet_lease_escrow;
use crate::{ClosedLeases, Deposits, HoldReason, Leases};
use core::cell::RefCell;
use polkadot_sdk::{
	frame_support::{
		self, derive_impl, parameter_types,
		traits::{
			fungible::NativeOrWithId,
			fungibles::{self, InspectHold},
			ConstU128, ConstU32, ConstU64, Get, Hooks,
		},
		weights::Weight,
	},
	frame_system, pallet_assets, pallet_assets_holder, pallet_balances,
	sp_io::TestExternalities,
	sp_runtime::{BuildStorage, DispatchError, DispatchResult, Perbill},
};
use stratus_primitives::{
	CloseReason, LeaseClosure, LeaseId, LeaseManager, LeaseTerms, Liveness, ManifestHash,
	OnLeaseClosed, ProviderCapacity, ProviderLiveness, Resources, Term,
};

pub type AccountId = u64;
pub type Balance = u128;
pub type BlockNumber = u64;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		AssetsHolder: pallet_assets_holder,
		LeaseEscrow: pallet_lease_escrow,
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
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	// One anonymous freeze, to show a depositor's freeze does not stop payment.
	type FreezeIdentifier = ();
	type MaxFreezes = ConstU32<1>;
}

stratus_primitives::mock_market_assets!(Test, Balance, AccountId);

/// `USDT`'s minimum balance: a payout below it to an account holding none
/// fails.
pub const USDT_MIN: Balance = 5;

pub const TENANT: AccountId = 1;
pub const PROVIDER: AccountId = 2;
pub const ALICE: AccountId = 3;
pub const BOB: AccountId = 4;
pub const CHARLIE: AccountId = 5;
pub const TREASURY: AccountId = 99;
/// Never funded.
pub const NOBODY: AccountId = 42;
/// Extra tenants and providers for tests that need many leases.
pub const MANY: core::ops::Range<AccountId> = 10..30;
pub const INITIAL: Balance = 1_000_000;

pub const MIN_DEPOSIT: Balance = 10;
pub const MAX_LEASES: u32 = 5;
pub const MAX_RUN_DRY: u32 = 4;
pub const MAX_PAGE: u32 = 3;
/// What the stand-in stake pallet reports as slashed for an early close.
pub const EARLY_CLOSE_SLASH: Balance = 77;
/// The stake the mock's leases are opened with: the escrow keeps it on the
/// lease's records and hands it to the closed-lease handler.
pub const STAKE: Balance = 500;

pub const RESOURCES: Resources =
	Resources { cpu_millicores: 2000, memory_mib: 4096, storage_gib: 50, gpu_units: 0 };

thread_local! {
	static TAKE_RATE: RefCell<Perbill> = const { RefCell::new(Perbill::from_percent(10)) };
	static RESERVED: RefCell<Vec<(AccountId, Resources)>> = const { RefCell::new(Vec::new()) };
	static RESERVE_FAILS: RefCell<bool> = const { RefCell::new(false) };
	static RELEASED: RefCell<Vec<(AccountId, Resources)>> = const { RefCell::new(Vec::new()) };
	static RELEASE_FAILS: RefCell<bool> = const { RefCell::new(false) };
	static NOT_READY: RefCell<Vec<(AccountId, LeaseId)>> = const { RefCell::new(Vec::new()) };
	static EARLY_CLOSES: RefCell<Vec<(AccountId, AccountId, LeaseId)>> =
		const { RefCell::new(Vec::new()) };
	static UNREACHABLE: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
	static UNREACHABLE_CLOSES: RefCell<Vec<(AccountId, LeaseId)>> =
		const { RefCell::new(Vec::new()) };
}

pub struct TakeRate;
impl Get<Perbill> for TakeRate {
	fn get() -> Perbill {
		TAKE_RATE.with(|r| *r.borrow())
	}
}
pub fn set_take_rate(rate: Perbill) {
	TAKE_RATE.with(|r| *r.borrow_mut() = rate);
}

/// Capacity reserved so far, in order.
pub fn reserved() -> Vec<(AccountId, Resources)> {
	RESERVED.with(|r| r.borrow().clone())
}
/// Make the registry refuse to reserve capacity.
pub fn set_reserve_fails(fails: bool) {
	RESERVE_FAILS.with(|r| *r.borrow_mut() = fails);
}
/// Capacity released so far, in order.
pub fn released() -> Vec<(AccountId, Resources)> {
	RELEASED.with(|r| r.borrow().clone())
}
/// Make the registry refuse to release capacity.
pub fn set_release_fails(fails: bool) {
	RELEASE_FAILS.with(|r| *r.borrow_mut() = fails);
}
/// Early closes reported so far: (provider, tenant, lease).
pub fn early_closes() -> Vec<(AccountId, AccountId, LeaseId)> {
	EARLY_CLOSES.with(|r| r.borrow().clone())
}

/// Leases closed `NotReady` so far, as the stake pallet heard of them:
/// (provider, lease).
pub fn not_ready_faults() -> Vec<(AccountId, LeaseId)> {
	NOT_READY.with(|r| r.borrow().clone())
}

/// Makes `who` unreachable (`true`) or reachable again (`false`), as the
/// registry's heartbeats would.
pub fn set_unreachable(who: AccountId, unreachable: bool) {
	UNREACHABLE.with(|u| {
		let mut u = u.borrow_mut();
		u.retain(|x| *x != who);
		if unreachable {
			u.push(who);
		}
	});
}

/// Leases closed `ProviderUnreachable` so far, as the stake pallet heard of
/// them: (provider, lease).
pub fn unreachable_closes() -> Vec<(AccountId, LeaseId)> {
	UNREACHABLE_CLOSES.with(|r| r.borrow().clone())
}

impl ProviderLiveness<AccountId> for MockRegistry {
	fn liveness(who: &AccountId) -> Option<Liveness> {
		Some(if UNREACHABLE.with(|u| u.borrow().contains(who)) {
			Liveness::Unreachable
		} else {
			Liveness::Reachable
		})
	}
}

/// The registry's capacity: it records what it reserved and released, and
/// refuses when a test says so.
pub struct MockRegistry;
impl ProviderCapacity<AccountId> for MockRegistry {
	fn reserve(who: &AccountId, amount: &Resources) -> DispatchResult {
		if RESERVE_FAILS.with(|r| *r.borrow()) {
			return Err(DispatchError::Other("reserve refused"));
		}
		RESERVED.with(|r| r.borrow_mut().push((*who, *amount)));
		Ok(())
	}
	fn release(who: &AccountId, amount: &Resources) -> DispatchResult {
		if RELEASE_FAILS.with(|r| *r.borrow()) {
			return Err(DispatchError::Other("release refused"));
		}
		RELEASED.with(|r| r.borrow_mut().push((*who, *amount)));
		Ok(())
	}
}

/// The handler of closed leases, slashing-like: a provider cutting a lease
/// short is recorded and "slashed" `EARLY_CLOSE_SLASH`; a lease never
/// confirmed ready is recorded against its provider.
pub struct MockOnLeaseClosed;
impl OnLeaseClosed<AccountId, AssetKind, Balance> for MockOnLeaseClosed {
	fn on_lease_closed(closure: &LeaseClosure<'_, AccountId, AssetKind, Balance>) -> Balance {
		if closure.reason == CloseReason::NotReady {
			NOT_READY.with(|r| r.borrow_mut().push((*closure.provider, closure.lease_id)));
			return 0;
		}
		if closure.reason == CloseReason::ProviderUnreachable {
			UNREACHABLE_CLOSES.with(|r| r.borrow_mut().push((*closure.provider, closure.lease_id)));
			return 0;
		}
		if closure.reason != CloseReason::ByProvider || closure.term != Term::CutShort {
			return 0;
		}
		EARLY_CLOSES
			.with(|r| r.borrow_mut().push((*closure.provider, *closure.tenant, closure.lease_id)));
		EARLY_CLOSE_SLASH
	}
}

parameter_types! {
	pub const Treasury: AccountId = TREASURY;
	/// What the run-dry hook may spend: room for a full slot
	/// (`MAX_RUN_DRY` leases) unless a test lowers it to meter the hook.
	pub storage HookWeight: Weight = Weight::from_parts(100_000_000_000, 10_000_000);
	/// Kept from the tenant's refund for a closed lease's record: zero unless
	/// a test of the record sets it, so the other tests' refunds stay whole.
	pub storage ClosedLeaseDeposit: Balance = 0;
	/// Blocks a provider has to confirm a lease ready.
	pub storage ReadyWindow: BlockNumber = READY_WINDOW;
	/// Blocks before running dry a lease is announced: none unless a test
	/// sets it, so that the other tests' hook visits stay as they are.
	pub storage RunningLowNotice: BlockNumber = 0;
}

/// The ready window of the mock, unless a test changes it: longer than the
/// tests' leases run, so that a lease is queued at its run-dry block from
/// the start, as before confirmation existed; the readiness tests shorten it.
pub const READY_WINDOW: BlockNumber = 1_000;

/// The manifest hash the helpers' leases commit to.
pub const MANIFEST: ManifestHash = ManifestHash::repeat_byte(0x4d);

/// Blocks after a close during which the lease may still be reported.
pub const GRACE: BlockNumber = 20;

impl pallet_lease_escrow::Config for Test {
	type AssetKind = AssetKind;
	type Funds = Funds;
	type Rates = MockRates;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Capacity = MockRegistry;
	type Liveness = MockRegistry;
	type OnLeaseClosed = MockOnLeaseClosed;
	type TakeRate = TakeRate;
	type Treasury = Treasury;
	type ReadyWindow = ReadyWindow;
	type RunningLowNotice = RunningLowNotice;
	type ReportGracePeriod = ConstU64<GRACE>;
	type ClosedLeaseDeposit = ClosedLeaseDeposit;
	type MinDeposit = ConstU128<MIN_DEPOSIT>;
	type MaxLeasesPerAccount = ConstU32<MAX_LEASES>;
	type MaxRunDryPerBlock = ConstU32<MAX_RUN_DRY>;
	type HookWeight = HookWeight;
	type MaxPageSize = ConstU32<MAX_PAGE>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// The benchmarks' leases are paid in `USDT`.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, AssetKind, Balance> for MockBenchmarkHelper {
	fn asset() -> AssetKind {
		usdt()
	}
	fn fund(asset: &AssetKind, who: &AccountId, amount: Balance) {
		use frame_support::traits::fungibles::Mutate;
		let _ = <Assets as Mutate<AccountId>>::mint_into(
			match asset {
				NativeOrWithId::WithId(id) => *id,
				NativeOrWithId::Native => return fund_native(who, amount),
			},
			who,
			amount,
		);
	}
	fn prepare_provider(_: &AccountId, _: &Resources) {}
	fn silence_providers() {}
}

#[cfg(feature = "runtime-benchmarks")]
fn fund_native(who: &AccountId, amount: Balance) {
	use frame_support::traits::fungible::Mutate;
	let _ = <Balances as Mutate<AccountId>>::mint_into(who, amount);
}

/// Who holds `USDT` at genesis (`INITIAL` each): not `PROVIDER`, whose
/// account cannot take a payout below `USDT_MIN`.
pub const USDT_HOLDERS: [AccountId; 4] = [TENANT, ALICE, BOB, TREASURY];

/// Every named account funded with `INITIAL` STRA, the `USDT_HOLDERS` with
/// as much `USDT`, at block 1.
pub fn new_test_ext() -> TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let accounts = [TENANT, PROVIDER, ALICE, BOB, CHARLIE, TREASURY]
		.into_iter()
		.chain(MANY)
		.map(|who| (who, INITIAL))
		.collect();
	pallet_balances::GenesisConfig::<Test> { balances: accounts, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(USDT, ALICE, true, USDT_MIN), (UNRATED, ALICE, true, 1)],
		accounts: USDT_HOLDERS
			.into_iter()
			.map(|who| (USDT, who, INITIAL))
			.chain([(UNRATED, TENANT, INITIAL)])
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		set_take_rate(Perbill::from_percent(10));
		set_release_fails(false);
		set_reserve_fails(false);
		RESERVED.with(|r| r.borrow_mut().clear());
		RELEASED.with(|r| r.borrow_mut().clear());
		EARLY_CLOSES.with(|r| r.borrow_mut().clear());
		NOT_READY.with(|r| r.borrow_mut().clear());
		UNREACHABLE.with(|r| r.borrow_mut().clear());
		UNREACHABLE_CLOSES.with(|r| r.borrow_mut().clear());
	});
	ext
}

/// Runs `test` in a fresh externality, then checks the pallet's invariants
/// and that no account holds escrow the records do not show.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		check_invariants();
	});
}

/// `try_state`, plus: every known account's `Escrow` hold of each asset
/// equals what the records say it holds in it as a tenant and for orders
/// (zero if nothing), and no asset's issuance changed.
pub fn check_invariants() {
	LeaseEscrow::do_try_state().expect("try_state");
	for asset in [NativeOrWithId::Native, usdt(), NativeOrWithId::WithId(UNRATED)] {
		for who in all_accounts() {
			assert_eq!(
				escrow_held_in(&asset, who),
				recorded_escrow(&asset, who),
				"escrow of {who} in {asset:?} differs"
			);
		}
	}
	assert_eq!(Balances::total_issuance(), initial_issuance());
	assert_eq!(
		<Assets as fungibles::Inspect<AccountId>>::total_issuance(USDT),
		INITIAL * USDT_HOLDERS.len() as Balance
	);
	assert_eq!(<Assets as fungibles::Inspect<AccountId>>::total_issuance(UNRATED), INITIAL);
}

pub fn all_accounts() -> Vec<AccountId> {
	[TENANT, PROVIDER, ALICE, BOB, CHARLIE, TREASURY, NOBODY].into_iter().chain(MANY).collect()
}

pub fn initial_issuance() -> Balance {
	INITIAL * (6 + MANY.count() as Balance)
}

/// What `who` holds as escrow in STRA.
pub fn escrow_held(who: AccountId) -> Balance {
	escrow_held_in(&NativeOrWithId::Native, who)
}

/// What `who` holds as escrow in `asset`.
pub fn escrow_held_in(asset: &AssetKind, who: AccountId) -> Balance {
	Funds::balance_on_hold(asset.clone(), &HoldReason::Escrow.into(), &who)
}

/// What the records say is held on `who` as a tenant in `asset`: what its
/// active leases in it have left or owe (deposited − paid out), and the
/// unclaimed refunds, unpaid payouts and record deposits of its closed
/// leases in it. Summed from the raw fields, not `Lease::held`.
pub fn recorded_escrow(asset: &AssetKind, who: AccountId) -> Balance {
	let active: Balance = Leases::<Test>::iter()
		.filter(|(_, lease)| lease.tenant == who && lease.asset == *asset)
		.map(|(_, l)| {
			l.tenant_deposited + l.others_deposited - l.tenant_spent - l.others_spent
				+ l.owed_to_provider
				+ l.owed_to_treasury
		})
		.sum();
	let unclaimed: Balance = ClosedLeases::<Test>::iter()
		.filter(|(_, closed)| closed.tenant == who && closed.asset == *asset)
		.map(|(id, closed)| {
			Deposits::<Test>::iter_prefix_values(id)
				.map(|r| r.unspent(closed.others_spent))
				.sum::<Balance>()
				+ closed.deposit
				+ closed.owed_to_provider
		})
		.sum();
	active + unclaimed + crate::HeldBudgets::<Test>::get(who, asset)
}

/// Everything held as escrow in STRA.
pub fn total_escrow_held() -> Balance {
	all_accounts().into_iter().map(escrow_held).sum()
}

pub fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

/// `who`'s free `USDT`.
pub fn usdt_free(who: AccountId) -> Balance {
	<Assets as fungibles::Inspect<AccountId>>::balance(USDT, &who)
}

/// Runs the hook of every block after the current one up to `n`.
pub fn run_to_block(n: BlockNumber) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		LeaseEscrow::on_initialize(next);
	}
}

pub fn terms(
	tenant: AccountId,
	provider: AccountId,
	price: Balance,
	min_term: BlockNumber,
) -> LeaseTerms<AccountId, AssetKind, Balance, BlockNumber> {
	LeaseTerms {
		order_id: 7,
		tenant,
		asset: NativeOrWithId::Native,
		provider,
		resources: RESOURCES,
		price_per_block: price,
		min_term,
		manifest: MANIFEST,
		stake: STAKE,
	}
}

/// Opens a lease from `TENANT` to `PROVIDER`.
pub fn open(price: Balance, escrow: Balance) -> LeaseId {
	open_with(TENANT, PROVIDER, price, escrow)
}

pub fn open_with(
	tenant: AccountId,
	provider: AccountId,
	price: Balance,
	escrow: Balance,
) -> LeaseId {
	hold_and_open(terms(tenant, provider, price, 10), escrow).expect("lease opens")
}

/// Holds `escrow` as an order's budget and opens a lease on `terms` with it,
/// as bid matching does, and has its provider confirm it ready in the same
/// block, so that it is billed from the block it opened in; nothing changes
/// when any of it fails.
pub fn hold_and_open(
	terms: LeaseTerms<AccountId, AssetKind, Balance, BlockNumber>,
	escrow: Balance,
) -> Result<LeaseId, DispatchError> {
	let provider = terms.provider;
	frame_support::storage::with_storage_layer(|| {
		let lease_id = hold_and_open_pending(terms, escrow)?;
		LeaseEscrow::confirm_ready(RuntimeOrigin::signed(provider), lease_id)?;
		Ok(lease_id)
	})
}

/// Like [`hold_and_open`], leaving the lease pending.
pub fn hold_and_open_pending(
	terms: LeaseTerms<AccountId, AssetKind, Balance, BlockNumber>,
	escrow: Balance,
) -> Result<LeaseId, DispatchError> {
	frame_support::storage::with_storage_layer(|| {
		<LeaseEscrow as LeaseManager<_, _, _>>::hold_budget(&terms.tenant, &terms.asset, escrow)?;
		<LeaseEscrow as LeaseManager<_, _, _>>::open_lease(terms, escrow)
	})
}

pub fn events() -> Vec<pallet_lease_escrow::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::LeaseEscrow(e) = r.event { Some(e) } else { None })
		.collect()
}
