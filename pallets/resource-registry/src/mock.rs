//! A runtime with System, Balances and this pallet, and a stand-in for
//! provider slashing's standing (jail and open reports) that tests set.

use crate as pallet_resource_registry;
use crate::*;
use core::cell::RefCell;
use polkadot_sdk::{
	frame_support::{self, derive_impl, parameter_types, traits::ConstU32},
	frame_system::{self, EnsureRoot},
	pallet_balances, sp_io,
	sp_runtime::BuildStorage,
};

pub type AccountId = u64;
pub type Balance = u64;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ResourceRegistry: pallet_resource_registry,
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
	type Balance = Balance;
	type ExistentialDeposit = ExistentialDeposit;
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const EVE: AccountId = 5;
pub const FERDIE: AccountId = 6;
/// Has a balance below any deposit.
pub const POOR: AccountId = 9;

pub const INITIAL_BALANCE: Balance = 10_000;
pub const POOR_BALANCE: Balance = 50;
pub const DEPOSIT_BASE: Balance = 100;
pub const DEPOSIT_PER_BYTE: Balance = 1;
pub const AUDIT_DEPOSIT: Balance = 60;
pub const HEARTBEAT_INTERVAL: u64 = 100;
pub const MAINTENANCE_NOTICE: u64 = 20;
pub const MAX_MAINTENANCE: u64 = 50;
pub const MAINTENANCE_SPACING: u64 = 200;

parameter_types! {
	pub const ExistentialDeposit: Balance = 1;
	pub const ProviderDepositBase: Balance = DEPOSIT_BASE;
	pub const ProviderDepositPerByte: Balance = DEPOSIT_PER_BYTE;
	pub const AuditDeposit: Balance = AUDIT_DEPOSIT;
	pub const HeartbeatInterval: u64 = HEARTBEAT_INTERVAL;
	pub const MaintenanceNotice: u64 = MAINTENANCE_NOTICE;
	pub const MaxMaintenance: u64 = MAX_MAINTENANCE;
	pub const MaintenanceSpacing: u64 = MAINTENANCE_SPACING;
}

impl Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AuditorOrigin = EnsureRoot<AccountId>;
	type Standing = MockStanding;
	type HeartbeatInterval = HeartbeatInterval;
	type MaintenanceNotice = MaintenanceNotice;
	type MaxMaintenance = MaxMaintenance;
	type MaintenanceSpacing = MaintenanceSpacing;
	type ProviderDepositBase = ProviderDepositBase;
	type ProviderDepositPerByte = ProviderDepositPerByte;
	type AuditDeposit = AuditDeposit;
	type MaxAttributes = ConstU32<4>;
	type MaxAttributeKeyLen = ConstU32<8>;
	type MaxAttributeValueLen = ConstU32<16>;
	type MaxHostUriLen = ConstU32<32>;
	type MaxAuditors = ConstU32<3>;
	type MaxPageSize = ConstU32<3>;
	type WeightInfo = ();
}

thread_local! {
	static JAILED: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
	static REPORTED: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
}

/// Provider slashing as the registry sees it: who is jailed, who has open
/// reports, as the tests set them.
pub struct MockStanding;
impl ProviderStanding<AccountId> for MockStanding {
	fn is_jailed(who: &AccountId) -> bool {
		JAILED.with(|j| j.borrow().contains(who))
	}
	fn has_open_reports(who: &AccountId) -> bool {
		REPORTED.with(|r| r.borrow().contains(who))
	}
}

/// Slashing jails `who` (`true`) or lets it out (`false`).
pub fn set_jailed(who: AccountId, jailed: bool) {
	JAILED.with(|j| {
		let mut j = j.borrow_mut();
		j.retain(|x| *x != who);
		if jailed {
			j.push(who);
		}
	});
}

/// A report against `who` is open (`true`) or none is (`false`).
pub fn set_reported(who: AccountId, reported: bool) {
	REPORTED.with(|r| {
		let mut r = r.borrow_mut();
		r.retain(|x| *x != who);
		if reported {
			r.push(who);
		}
	});
}

/// Storage with the named accounts funded, at block 1 so events are kept.
pub fn new_test_ext() -> sp_io::TestExternalities {
	JAILED.with(|j| j.borrow_mut().clear());
	REPORTED.with(|r| r.borrow_mut().clear());
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ALICE, BOB, CHARLIE, DAVE, EVE, FERDIE]
			.into_iter()
			.map(|who| (who, INITIAL_BALANCE))
			.chain([(POOR, POOR_BALANCE)])
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` and then the pallet's invariants, so every test ends by
/// checking them.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Pallet::<Test>::do_try_state().expect("invariants hold after the test");
	});
}
