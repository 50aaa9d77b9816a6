//! USDT from Asset Hub to a lease on Stratus and back, through the real
//! runtimes of both chains: Asset Hub's `pallet_xcm` builds and sends the
//! reserve transfer, Stratus's XCMP queue, message queue and executor take
//! it; the market pays in USDT; Stratus's `pallet_xcm` sends the refund
//! back and Asset Hub's executor pays it out of Stratus's sovereign account,
//! its fee bought in USDT from Asset Hub's own USDT/WND pool.

use crate::{
	genesis::{ASSET_HUB, WND},
	tenant, AccountId, AssetHubWestendPara as AssetHub, StratusPara as Stratus,
};
use frame_support::{
	assert_ok,
	traits::{fungible::Inspect as _, fungibles::Inspect as _, Get},
};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::{traits::Dispatchable, FixedU128};
use stratus_runtime::configs::{
	foreign_assets::{usdt, MarketAsset},
	parameters::dynamic_params::market,
	treasury::TreasuryAccount,
};
use xcm::{latest::prelude::*, VersionedAssets, VersionedLocation};
use xcm_emulator::{Parachain, TestExt};

/// USDT's id in Asset Hub's `Assets` pallet.
const USDT_ID: u32 = 1984;
/// One dollar (USDT has 6 decimals).
const DOLLAR: u128 = 1_000_000;
/// The least an account may hold of USDT on Asset Hub.
const USDT_MIN_BALANCE: u128 = 10_000;

/// USDT as Asset Hub names it.
fn usdt_here() -> Location {
	assets_pallet_asset(0, USDT_ID)
}

/// Asset `id` of Asset Hub's `Assets` pallet (index 50), as Asset Hub
/// names it (`parents` 0) or as a sibling does (`parents` 1).
fn assets_pallet_asset(parents: u8, id: u32) -> Location {
	let interior = [PalletInstance(50), GeneralIndex(id.into())];
	match parents {
		0 => Location::new(0, interior),
		_ => Location::new(1, [Parachain(ASSET_HUB), interior[0], interior[1]]),
	}
}

fn account(who: &AccountId) -> Location {
	Location::new(0, [AccountId32 { network: None, id: who.clone().into() }])
}

/// Stratus's sovereign account on Asset Hub: the reserve behind every USDT
/// on Stratus.
fn stratus_sovereign() -> AccountId {
	let stratus = AssetHub::sibling_location_of(Stratus::para_id());
	AssetHub::sovereign_account_id_of(stratus)
}

fn usdt_on_asset_hub(who: &AccountId) -> u128 {
	AssetHub::ext_wrapper(|| asset_hub_westend_runtime::Assets::balance(USDT_ID, who))
}

/// `who`'s USDT on Stratus, spendable (held amounts excluded).
fn usdt_on_stratus(who: &AccountId) -> u128 {
	Stratus::ext_wrapper(|| stratus_runtime::ForeignAssets::balance(usdt(), who))
}

/// Every USDT on Stratus is backed by one in Stratus's sovereign account on
/// Asset Hub.
fn assert_reserve_backs_stratus() {
	let issued_on_stratus =
		Stratus::ext_wrapper(|| stratus_runtime::ForeignAssets::total_issuance(usdt()));
	assert_eq!(
		issued_on_stratus,
		usdt_on_asset_hub(&stratus_sovereign()),
		"USDT on Stratus is exactly the reserve on Asset Hub"
	);
}

/// Dispatches `call` in a new block on Stratus, as a transaction would
/// (fees aside), then checks the marketplace's invariants and the
/// accounts' holds. Returns the block's number.
fn on_stratus(
	origin: stratus_runtime::RuntimeOrigin,
	call: impl Into<stratus_runtime::RuntimeCall>,
) -> u32 {
	let call = call.into();
	Stratus::execute_with(|| {
		assert_ok!(call.dispatch(origin));
		check_stratus();
		frame_system::Pallet::<stratus_runtime::Runtime>::block_number()
	})
}

fn check_stratus() {
	if let Err(broken) = stratus_runtime::invariants::check_market() {
		panic!("Stratus: {broken}");
	}
	let accounts = [tenant(), Bob.to_account_id()];
	if let Err(broken) = stratus_runtime::invariants::check_holds(&accounts) {
		panic!("Stratus: {broken}");
	}
}

fn stratus_signed(who: &AccountId) -> stratus_runtime::RuntimeOrigin {
	stratus_runtime::RuntimeOrigin::signed(who.clone())
}

fn asset_hub_signed(who: &AccountId) -> asset_hub_westend_runtime::RuntimeOrigin {
	asset_hub_westend_runtime::RuntimeOrigin::signed(who.clone())
}

/// On Asset Hub, as its owners would: root creates USDT (sufficient),
/// Alice, its issuer, mints `to_tenant` to the tenant and a pool's worth to
/// herself, and opens a USDT/WND pool (Asset Hub buys execution in USDT
/// through it).
fn usdt_on_asset_hub_with_a_pool(to_tenant: u128) {
	use asset_hub_westend_runtime::{AssetConversion, Assets, RuntimeOrigin};
	AssetHub::execute_with(|| {
		let alice = Alice.to_account_id();
		assert_ok!(Assets::force_create(
			RuntimeOrigin::root(),
			USDT_ID.into(),
			alice.clone().into(),
			true,
			USDT_MIN_BALANCE,
		));
		assert_ok!(Assets::mint(
			asset_hub_signed(&alice),
			USDT_ID.into(),
			tenant().into(),
			to_tenant
		));
		assert_ok!(Assets::mint(
			asset_hub_signed(&alice),
			USDT_ID.into(),
			alice.clone().into(),
			100_000 * DOLLAR
		));
		let wnd = Box::new(Location::parent());
		assert_ok!(AssetConversion::create_pool(
			asset_hub_signed(&alice),
			wnd.clone(),
			Box::new(usdt_here())
		));
		// 1 WND = 5 USDT.
		assert_ok!(AssetConversion::add_liquidity(
			asset_hub_signed(&alice),
			wnd,
			Box::new(usdt_here()),
			10_000 * WND,
			50_000 * DOLLAR,
			1,
			1,
			alice,
		));
	});
}

/// On Stratus, governance rates USDT at 2 STRA and accepts it for the
/// market (Alice gives the treasury the STRA for its USDT account's
/// deposit); Bob registers a machine and bonds, in STRA.
fn stratus_market_takes_usdt() {
	use stratus_runtime::{RuntimeOrigin, UNIT};
	on_stratus(
		RuntimeOrigin::root(),
		pallet_asset_rate::Call::create {
			asset_kind: Box::new(usdt()),
			rate: FixedU128::from_u32(2_000_000),
		},
	);
	on_stratus(
		stratus_signed(&Alice.to_account_id()),
		pallet_balances::Call::transfer_keep_alive {
			dest: TreasuryAccount::get().into(),
			value: 100 * UNIT,
		},
	);
	on_stratus(
		RuntimeOrigin::root(),
		pallet_market_parameters::Call::accept_asset { asset: Box::new(usdt()) },
	);
	let region = pallet_resource_registry::Attribute {
		key: b"region".to_vec().try_into().expect("short"),
		value: b"eu-west".to_vec().try_into().expect("short"),
	};
	on_stratus(
		stratus_signed(&Bob.to_account_id()),
		pallet_resource_registry::Call::register_provider {
			capacity: stratus_primitives::Resources {
				cpu_millicores: 16_000,
				memory_mib: 65_536,
				storage_gib: 1_000,
				gpu_units: 2,
			},
			attributes: vec![region].try_into().expect("one attribute"),
			host_uri: b"https://bob.example".to_vec().try_into().expect("short"),
		},
	);
	let bond = Stratus::ext_wrapper(market::MinProviderBond::get);
	on_stratus(
		stratus_signed(&Bob.to_account_id()),
		pallet_provider_slashing::Call::bond { amount: bond },
	);
}

/// The tenant's order in USDT: a small machine in `eu-west`, at most
/// `max_price` a block, `budget` in escrow, the shortest bid window.
fn order_in_usdt(
	max_price: u128,
	budget: u128,
) -> pallet_bid_matching::Call<stratus_runtime::Runtime> {
	let window = Stratus::ext_wrapper(|| {
		<stratus_runtime::Runtime as pallet_bid_matching::Config>::MinBidWindow::get()
	});
	pallet_bid_matching::Call::create_order {
		manifest: stratus_primitives::ManifestHash::repeat_byte(0x4d),
		resources: stratus_primitives::Resources {
			cpu_millicores: 4_000,
			memory_mib: 8_192,
			storage_gib: 100,
			gpu_units: 1,
		},
		attributes: vec![pallet_bid_matching::RequiredAttribute {
			key: b"region".to_vec().try_into().expect("short"),
			value: b"eu-west".to_vec().try_into().expect("short"),
		}]
		.try_into()
		.expect("one attribute"),
		auditor: None,
		requirements: Default::default(),
		max_price_per_block: max_price,
		budget,
		bid_window: window,
		asset: MarketAsset::WithId(usdt()),
	}
}

/// The treasury's and the provider's parts of a payout, at Stratus's take
/// rate.
fn split(amount: u128) -> (u128, u128) {
	let to_treasury = Stratus::ext_wrapper(|| market::TakeRate::get().mul_floor(amount));
	(to_treasury, amount - to_treasury)
}

#[test]
fn usdt_minted_on_asset_hub_pays_a_lease_on_stratus_and_the_refund_goes_back() {
	let tenant = tenant();
	let bob = Bob.to_account_id();
	let treasury = TreasuryAccount::get();
	usdt_on_asset_hub_with_a_pool(1_000 * DOLLAR);
	stratus_market_takes_usdt();
	assert_eq!(usdt_on_stratus(&tenant), 0);

	// 1. The tenant reserve-transfers 100 USDT to itself on Stratus with
	// Asset Hub's `pallet_xcm`, paying Stratus's execution in USDT too.
	let sent = 100 * DOLLAR;
	let treasury_before = usdt_on_stratus(&treasury);
	AssetHub::execute_with(|| {
		assert_ok!(asset_hub_westend_runtime::PolkadotXcm::transfer_assets(
			asset_hub_signed(&tenant),
			Box::new(VersionedLocation::from(AssetHub::sibling_location_of(Stratus::para_id()))),
			Box::new(VersionedLocation::from(account(&tenant))),
			Box::new(VersionedAssets::from(Assets::from(Asset::from((usdt_here(), sent))))),
			0,
			Unlimited,
		));
	});
	assert_eq!(usdt_on_asset_hub(&tenant), 1_000 * DOLLAR - sent);
	assert_eq!(usdt_on_asset_hub(&stratus_sovereign()), sent, "the reserve holds what was sent");
	let received = usdt_on_stratus(&tenant);
	let execution_fee = usdt_on_stratus(&treasury) - treasury_before;
	assert!(execution_fee > 0, "Stratus's execution is bought in USDT");
	assert_eq!(received + execution_fee, sent, "the rest is the tenant's, none lost");
	assert_reserve_backs_stratus();
	// The tenant holds no STRA on Stratus: USDT alone keeps its account.
	Stratus::ext_wrapper(|| assert_eq!(stratus_runtime::Balances::total_balance(&tenant), 0));

	// 2. The tenant orders in USDT; Bob bids; the bid window closes and
	// the block hook opens the lease with Bob.
	let max_price = DOLLAR / 100;
	let budget = 10 * DOLLAR;
	let lease_id =
		Stratus::ext_wrapper(pallet_lease_escrow::NextLeaseId::<stratus_runtime::Runtime>::get);
	let order_id =
		Stratus::ext_wrapper(pallet_bid_matching::NextOrderId::<stratus_runtime::Runtime>::get);
	on_stratus(stratus_signed(&tenant), order_in_usdt(max_price, budget));
	let price = max_price - 3;
	on_stratus(stratus_signed(&bob), pallet_bid_matching::Call::place_bid { order_id, price });
	let record_deposit = loop {
		let (opened, block) = Stratus::execute_with(|| {
			check_stratus();
			(
				pallet_lease_escrow::Leases::<stratus_runtime::Runtime>::get(lease_id),
				frame_system::Pallet::<stratus_runtime::Runtime>::block_number(),
			)
		});
		if let Some(lease) = opened {
			assert_eq!(lease.provider, bob, "Bob won");
			assert_eq!(lease.asset, MarketAsset::WithId(usdt()));
			assert_eq!(lease.price_per_block, price);
			break lease.record_deposit;
		}
		assert!(block < 100, "the order is matched when its bid window closes");
	};
	let ready_at =
		on_stratus(stratus_signed(&bob), pallet_lease_escrow::Call::confirm_ready { lease_id });

	// 3. Ten blocks later Bob withdraws what he is owed, in USDT: his share
	// to him (his USDT account opened by it), the take rate to the treasury.
	for _ in 0..10 {
		Stratus::execute_with(check_stratus);
	}
	let treasury_before = usdt_on_stratus(&treasury);
	let withdrawn_at =
		on_stratus(stratus_signed(&bob), pallet_lease_escrow::Call::withdraw { lease_id });
	let (to_treasury, to_bob) = split(price * u128::from(withdrawn_at - ready_at));
	assert_eq!(usdt_on_stratus(&bob), to_bob);
	assert_eq!(usdt_on_stratus(&treasury), treasury_before + to_treasury);

	// 4. The tenant closes: Bob is paid to the block, the rest of the
	// budget comes back less the closed record's deposit (held).
	let before_close = usdt_on_stratus(&tenant);
	let closed_at =
		on_stratus(stratus_signed(&tenant), pallet_lease_escrow::Call::close_lease { lease_id });
	let (_, to_bob_at_close) = split(price * u128::from(closed_at - withdrawn_at));
	assert_eq!(usdt_on_stratus(&bob), to_bob + to_bob_at_close);
	let spent = price * u128::from(closed_at - ready_at);
	let refund = usdt_on_stratus(&tenant) - before_close;
	assert_eq!(refund, budget - spent - record_deposit);
	assert_eq!(usdt_on_stratus(&tenant), received - spent - record_deposit);
	assert_reserve_backs_stratus();

	// 5. The refund goes back to Asset Hub with Stratus's `pallet_xcm`:
	// burnt on Stratus, paid out of Stratus's sovereign account on Asset
	// Hub, Asset Hub's execution bought in USDT through its pool.
	let tenant_on_asset_hub = usdt_on_asset_hub(&tenant);
	let reserve = usdt_on_asset_hub(&stratus_sovereign());
	let usdt_at_asset_hub = assets_pallet_asset(1, USDT_ID);
	assert_eq!(usdt_at_asset_hub, usdt());
	on_stratus(
		stratus_signed(&tenant),
		pallet_xcm::Call::transfer_assets {
			dest: Box::new(VersionedLocation::from(Location::new(1, [Parachain(ASSET_HUB)]))),
			beneficiary: Box::new(VersionedLocation::from(account(&tenant))),
			assets: Box::new(VersionedAssets::from(Assets::from(Asset::from((usdt(), refund))))),
			fee_asset_item: 0,
			weight_limit: Unlimited,
		},
	);
	assert_eq!(usdt_on_stratus(&tenant), received - spent - record_deposit - refund);
	assert_eq!(usdt_on_asset_hub(&stratus_sovereign()), reserve - refund);
	let back = usdt_on_asset_hub(&tenant) - tenant_on_asset_hub;
	assert!(back > 0 && back < refund, "the refund, less Asset Hub's fee in USDT, is back");
	assert_reserve_backs_stratus();
}

/// Stratus's events since its last block, as the last message left them.
fn stratus_events() -> Vec<stratus_runtime::RuntimeEvent> {
	Stratus::ext_wrapper(|| {
		frame_system::Pallet::<stratus_runtime::Runtime>::events()
			.into_iter()
			.map(|record| record.event)
			.collect()
	})
}

#[test]
fn an_asset_hub_asset_stratus_has_not_registered_is_refused_and_nothing_is_minted() {
	use asset_hub_westend_runtime::{Assets as AssetHubAssets, RuntimeOrigin};
	use stratus_runtime::RuntimeEvent;
	// Asset 7 of Asset Hub's `Assets` pallet: real there, unknown to Stratus.
	let unknown = 7u32;
	let tenant = tenant();
	let alice = Alice.to_account_id();
	AssetHub::execute_with(|| {
		assert_ok!(AssetHubAssets::force_create(
			RuntimeOrigin::root(),
			unknown.into(),
			alice.clone().into(),
			true,
			1,
		));
		assert_ok!(AssetHubAssets::mint(
			asset_hub_signed(&alice),
			unknown.into(),
			tenant.clone().into(),
			1_000
		));
	});
	let on_asset_hub = assets_pallet_asset(0, unknown);
	AssetHub::execute_with(|| {
		assert_ok!(asset_hub_westend_runtime::PolkadotXcm::transfer_assets(
			asset_hub_signed(&tenant),
			Box::new(VersionedLocation::from(AssetHub::sibling_location_of(Stratus::para_id()))),
			Box::new(VersionedLocation::from(account(&tenant))),
			Box::new(VersionedAssets::from(Assets::from(Asset::from((on_asset_hub, 100u128))))),
			0,
			Unlimited,
		));
	});
	// Asset Hub sent it: the tenant's 100 sit in Stratus's sovereign account.
	assert_eq!(
		AssetHub::ext_wrapper(|| AssetHubAssets::balance(unknown, stratus_sovereign())),
		100
	);
	// Stratus refused it: not its reserve's asset to mint, since it is not
	// registered; the tenant's account was never created.
	let events = stratus_events();
	assert!(events.iter().any(|event| matches!(
		event,
		RuntimeEvent::PolkadotXcm(pallet_xcm::Event::ProcessXcmError {
			error: XcmError::UntrustedReserveLocation,
			..
		})
	)));
	assert!(events.iter().any(|event| matches!(
		event,
		RuntimeEvent::MessageQueue(xcm_emulator::pallet_message_queue::Event::Processed {
			success: false,
			..
		})
	)));
	let at_asset_hub = assets_pallet_asset(1, unknown);
	Stratus::ext_wrapper(|| {
		assert!(!stratus_runtime::ForeignAssets::asset_exists(at_asset_hub));
		assert!(!frame_system::Pallet::<stratus_runtime::Runtime>::account_exists(&tenant));
	});
}
