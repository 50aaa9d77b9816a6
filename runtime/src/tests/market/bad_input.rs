//! The bad-input catalogue: for each marketplace call, each class of bad
//! input (zero and overflow amounts, values out of range, unknown ids, wrong
//! origin, wrong state, self-dealing, repeated actions) returns its named error and leaves the
//! storage root as it was. Oversize vectors and strings cannot reach a call:
//! they fail to decode, which the last test checks.
//!
//! `docs/BAD_INPUTS.md` is this catalogue as a table; a test keeps the two
//! equal (`STRATUS_BLESS=1 cargo test` rewrites the file).

use super::{
	accountability::{funded, provider_with_room, self_dealt_lease},
	*,
};
use crate::configs::{
	foreign_assets::{usdc, usdt},
	parameters::RuntimeParameters,
};
use codec::{Decode, Encode};
use pallet_provider_slashing::{FaultKind, Verdict};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Eve, Ferdie};
use sp_runtime::{DispatchError, Perbill, TokenError};
use staging_xcm::v5::{Junction::Parachain, Location};
use stratus_primitives::TrackRequirements;

/// One bad input: the call, the class of mistake, what is wrong, who sends
/// it, and the error it must return.
struct Case {
	call: &'static str,
	class: &'static str,
	input: &'static str,
	origin: RuntimeOrigin,
	dispatch: RuntimeCall,
	error: (&'static str, DispatchError),
}

/// `(label, error)` for a pallet's error variant.
macro_rules! err {
	($pallet:ident, $variant:ident) => {
		(
			concat!(stringify!($pallet), "::", stringify!($variant)),
			DispatchError::from($pallet::Error::<Runtime>::$variant),
		)
	};
}

const BAD_ORIGIN: (&str, DispatchError) = ("BadOrigin", DispatchError::BadOrigin);
const NO_FUNDS: (&str, DispatchError) =
	("Token::FundsUnavailable", DispatchError::Token(TokenError::FundsUnavailable));

/// An account with nothing: never funded, never registered.
fn stranger() -> RuntimeOrigin {
	RuntimeOrigin::signed(AccountId::from([0xaa; 32]))
}

/// The state every case runs against, with the ids the cases use.
struct Fixture {
	/// Alice's open order; Bob bid on it, Charlie bid and withdrew.
	open_order: OrderId,
	/// Alice's order, cancelled.
	cancelled_order: OrderId,
	/// Bob's own open order (Bob is also a provider).
	bobs_order: OrderId,
	/// Ferdie's lease from Charlie, running.
	lease: LeaseId,
	/// Ferdie's lease from Dave, closed by Dave and reported by Ferdie in the
	/// grace period after (the report is open).
	recent_lease: LeaseId,
	/// Ferdie's lease from Bob, topped up by Alice (third-party deposit 0,
	/// not claimed yet) and closed by Ferdie when the grace period was its
	/// shortest, long past (it can no longer be reported).
	closed_lease: LeaseId,
	/// Ferdie's BelowSpec report on `lease`, disputed by Charlie.
	report: u64,
	/// Eve's lease from Bob, pending: Bob has not confirmed it ready.
	pending_lease: LeaseId,
	/// Alice's open order requiring a thousand completed leases.
	veterans_order: OrderId,
	/// Alice's open order requiring a perfect score.
	flawless_order: OrderId,
	/// A bonded provider whose one lease commits all its bond: no free bond
	/// is left to back another.
	committed_provider: AccountId,
	/// A bonded provider with free bond and capacity, holding as many leases
	/// as it may (`MaxLeasesPerAccount`).
	provider_at_cap: AccountId,
	/// A bid window whose expiry slot and the spill depth after it are full
	/// of junk orders.
	crowded_window: BlockNumber,
}

/// Bob, Charlie, Dave and Eve are bonded providers in `eu-west`; Bob has
/// announced a maintenance window ahead; Dave has paused; Eve closed three leases early and is jailed; Alice is an auditor
/// and vouches for Charlie's region.
fn fixture() -> Fixture {
	three_providers();
	register_and_bond(Eve, "eu-west");
	let budget = MAX_PRICE * 1_000;
	let max_faults: u32 = <Runtime as pallet_provider_slashing::Config>::MaxFaultsBeforeJail::get();
	for _ in 0..max_faults {
		let lease_id = open_lease(Alice, Eve, MAX_PRICE, budget);
		next_block();
		let slashed = close_early(Eve, Alice, lease_id);
		assert_ok!(call(signed(Eve), SlashingCall::bond { amount: slashed }));
	}
	assert!(jailed(Eve));

	let lease = open_lease(Ferdie, Charlie, MAX_PRICE, budget);
	let closed_lease = open_lease(Ferdie, Bob, MAX_PRICE, budget);
	let recent_lease = open_lease(Ferdie, Dave, MAX_PRICE, budget);
	next_block();
	assert_ok!(call(signed(Alice), EscrowCall::deposit { lease_id: closed_lease, amount: UNIT }));
	let grace = market::ReportGracePeriod::get();
	set_report_grace_period(bounds::REPORT_GRACE_PERIOD.min);
	assert_ok!(call(signed(Ferdie), EscrowCall::close_lease { lease_id: closed_lease }));
	set_report_grace_period(grace);
	let min_term: BlockNumber = <Runtime as pallet_bid_matching::Config>::MinLeaseTerm::get();
	run_to(System::block_number() + min_term);
	assert_ok!(call(signed(Dave), EscrowCall::close_lease { lease_id: recent_lease }));
	assert_ok!(call(
		signed(Ferdie),
		SlashingCall::report_fault {
			lease_id: recent_lease,
			kind: FaultKind::Unavailable,
			evidence: H256::repeat_byte(3)
		}
	));

	let open_order = create_order(Alice, MAX_PRICE, budget);
	assert_ok!(bid(Bob, open_order, MAX_PRICE));
	assert_ok!(bid(Charlie, open_order, MAX_PRICE));
	assert_ok!(call(signed(Charlie), BidCall::withdraw_bid { order_id: open_order }));
	let cancelled_order = create_order(Alice, MAX_PRICE, budget);
	assert_ok!(call(signed(Alice), BidCall::cancel_order { order_id: cancelled_order }));
	let bobs_order = create_order(Bob, MAX_PRICE, budget);

	assert_ok!(call(signed(Dave), RegistryCall::pause_provider {}));
	assert_ok!(call(
		RuntimeOrigin::root(),
		RegistryCall::add_auditor { who: Alice.to_account_id() }
	));
	assert_ok!(call(
		signed(Alice),
		RegistryCall::audit_provider {
			provider: Charlie.to_account_id(),
			attributes: attributes(vec![attribute(b"region", b"eu-west")]),
		}
	));

	let report = pallet_provider_slashing::NextReportId::<Runtime>::get();
	assert_ok!(call(
		signed(Ferdie),
		SlashingCall::report_fault {
			lease_id: lease,
			kind: FaultKind::BelowSpec,
			evidence: H256::repeat_byte(1)
		}
	));
	assert_ok!(call(
		signed(Charlie),
		SlashingCall::dispute { report_id: report, evidence: H256::repeat_byte(2) }
	));
	let pending_lease = open_pending_lease(Eve, Bob, MAX_PRICE, budget);
	let requiring = |requirements| {
		let order_id = pallet_bid_matching::NextOrderId::<Runtime>::get();
		let create = BidCall::create_order {
			manifest: MANIFEST,
			resources: NEED,
			attributes: Default::default(),
			auditor: None,
			requirements,
			max_price_per_block: MAX_PRICE,
			budget,
			bid_window: bid_window(),
			asset: MarketAsset::Native,
		};
		assert_ok!(call(signed(Alice), create));
		order_id
	};
	let veterans_order =
		requiring(TrackRequirements { min_score: Perbill::zero(), min_completed: 1_000 });
	let flawless_order =
		requiring(TrackRequirements { min_score: Perbill::one(), min_completed: 0 });
	let maintenance = System::block_number() + market::MaintenanceNotice::get();
	assert_ok!(call(
		signed(Bob),
		RegistryCall::announce_maintenance { from: maintenance, to: maintenance }
	));
	// The market takes USDT; USDC is registered but has no rate.
	assert_ok!(call(
		RuntimeOrigin::root(),
		pallet_asset_rate::Call::create {
			asset_kind: Box::new(usdt()),
			rate: sp_runtime::FixedU128::from_u32(2_000_000)
		}
	));
	assert_ok!(call(RuntimeOrigin::root(), accept_asset(usdt())));
	// A provider bonded at the minimum wins a lease worth it all: at this
	// price the minimum term's worth is the whole bond.
	let committed_provider = AccountId::from([0xcc; 32]);
	let bond = market::MinProviderBond::get();
	assert_ok!(<Balances as frame_support::traits::fungible::Mutate<AccountId>>::transfer(
		&Alice.to_account_id(),
		&committed_provider,
		bond + 100 * UNIT,
		frame_support::traits::tokens::Preservation::Preserve,
	));
	register_and_bond_account(&committed_provider, "eu-west");
	let term: BlockNumber = <Runtime as pallet_bid_matching::Config>::MinLeaseTerm::get();
	let term = Balance::from(term);
	let dear = bond / term;
	let order_id = create_order(Ferdie, dear, dear * 20);
	assert_ok!(call(
		RuntimeOrigin::signed(committed_provider.clone()),
		BidCall::place_bid { order_id, price: dear }
	));
	assert_ok!(call(
		signed(Ferdie),
		BidCall::accept_bid { order_id, provider: committed_provider.clone() }
	));
	assert_eq!(ProviderSlashing::stake_of(&committed_provider).map(|b| b.free()), Some(0));

	// A provider at the lease cap, with a sliver of room and free bond left.
	let cap: u32 = <Runtime as pallet_lease_escrow::Config>::MaxLeasesPerAccount::get();
	let stake = market::MinLeaseStake::get();
	let provider_at_cap = funded(0xCD, 0, (Balance::from(cap) + 200) * stake);
	let accomplice = funded(0xCE, 0, 1_000 * UNIT);
	provider_with_room(&provider_at_cap, cap + 1, (Balance::from(cap) + 100) * stake);
	for i in 0..cap {
		self_dealt_lease(&accomplice, &provider_at_cap, None, 1, 10_000 + Balance::from(i));
	}
	assert_eq!(pallet_lease_escrow::ProviderLeaseCount::<Runtime>::get(&provider_at_cap), cap);

	// Every place of the longest window's expiry slot and the spill depth
	// after it, taken by junk orders.
	let crowded_window: BlockNumber = <Runtime as pallet_bid_matching::Config>::MaxBidWindow::get();
	let per_tenant: u32 = <Runtime as pallet_bid_matching::Config>::MaxOpenOrdersPerTenant::get();
	let places =
		(pallet_bid_matching::EXPIRY_SPILL_DEPTH + 1) * BidMatching::expiries_admitted_per_block();
	for i in 0..places {
		let tenant = funded(0xCF, i / per_tenant, 100 * UNIT);
		let junk = order(Resources { cpu_millicores: 1, ..Resources::ZERO }, 1, 10, crowded_window);
		assert_ok!(call(RuntimeOrigin::signed(tenant), junk));
	}
	Fixture {
		open_order,
		cancelled_order,
		bobs_order,
		lease,
		recent_lease,
		closed_lease,
		report,
		pending_lease,
		veterans_order,
		flawless_order,
		committed_provider,
		provider_at_cap,
		crowded_window,
	}
}

fn attribute(key: &[u8], value: &[u8]) -> pallet_resource_registry::AttributeOf<Runtime> {
	Attribute { key: bounded(key), value: bounded(value) }
}

fn attributes(
	list: Vec<pallet_resource_registry::AttributeOf<Runtime>>,
) -> pallet_resource_registry::AttributesOf<Runtime> {
	list.try_into().expect("within the bound")
}

fn register(
	capacity: Resources,
	list: Vec<pallet_resource_registry::AttributeOf<Runtime>>,
	uri: &[u8],
) -> RuntimeCall {
	RegistryCall::register_provider {
		capacity,
		attributes: attributes(list),
		host_uri: bounded(uri),
	}
	.into()
}

fn order(
	resources: Resources,
	max_price: Balance,
	budget: Balance,
	window: BlockNumber,
) -> RuntimeCall {
	order_in(MarketAsset::Native, resources, max_price, budget, window)
}

/// [`order`], paid in `asset`.
fn order_in(
	asset: MarketAsset,
	resources: Resources,
	max_price: Balance,
	budget: Balance,
	window: BlockNumber,
) -> RuntimeCall {
	BidCall::create_order {
		manifest: MANIFEST,
		resources,
		attributes: Default::default(),
		auditor: None,
		requirements: Default::default(),
		max_price_per_block: max_price,
		budget,
		bid_window: window,
		asset,
	}
	.into()
}

/// Every case, against the fixture's state.
fn cases(f: &Fixture) -> Vec<Case> {
	use market::Parameters as P;
	use pallet_bid_matching as bid_matching;
	use pallet_lease_escrow as lease_escrow;
	use pallet_market_parameters as market_parameters;
	use pallet_provider_slashing as provider_slashing;
	use pallet_resource_registry as resource_registry;
	let case = |call, class, input, origin, dispatch: RuntimeCall, error| Case {
		call,
		class,
		input,
		origin,
		dispatch,
		error,
	};
	let region = || vec![attribute(b"region", b"eu-west")];
	let uri = b"https://provider.example";
	let budget = MAX_PRICE * 1_000;
	let max_window: BlockNumber = <Runtime as pallet_bid_matching::Config>::MaxBidWindow::get();
	let (open, mine, gone) = (f.open_order, f.bobs_order, f.cancelled_order);
	let (lease, recent, closed, report) = (f.lease, f.recent_lease, f.closed_lease, f.report);
	let pending = f.pending_lease;
	let earliest = System::block_number() + market::MaintenanceNotice::get();
	let report_on = |lease_id| SlashingCall::report_fault {
		lease_id,
		kind: FaultKind::BelowSpec,
		evidence: H256::repeat_byte(3),
	};
	vec![
		// resource-registry
		case(
			"register_provider",
			"zero amount",
			"all-zero capacity",
			signed(Ferdie),
			register(Resources::default(), region(), uri),
			err!(resource_registry, ZeroCapacity),
		),
		case(
			"register_provider",
			"empty string",
			"empty host URI",
			signed(Ferdie),
			register(CAPACITY, region(), b""),
			err!(resource_registry, EmptyHostUri),
		),
		case(
			"register_provider",
			"empty string",
			"attribute with an empty key",
			signed(Ferdie),
			register(CAPACITY, vec![attribute(b"", b"x")], uri),
			err!(resource_registry, EmptyAttributeKey),
		),
		case(
			"register_provider",
			"repeated action",
			"the same attribute key twice",
			signed(Ferdie),
			register(CAPACITY, vec![attribute(b"region", b"a"), attribute(b"region", b"b")], uri),
			err!(resource_registry, DuplicateAttributeKey),
		),
		case(
			"register_provider",
			"repeated action",
			"already registered",
			signed(Bob),
			register(CAPACITY, region(), uri),
			err!(resource_registry, AlreadyRegistered),
		),
		case(
			"register_provider",
			"overflow amount",
			"deposit above the caller's funds",
			stranger(),
			register(CAPACITY, region(), uri),
			err!(resource_registry, CannotAffordDeposit),
		),
		case(
			"register_provider",
			"wrong origin",
			"root instead of an account",
			RuntimeOrigin::root(),
			register(CAPACITY, region(), uri),
			BAD_ORIGIN,
		),
		case(
			"update_provider",
			"unknown id",
			"caller is not a provider",
			signed(Ferdie),
			RegistryCall::update_provider {
				capacity: CAPACITY,
				attributes: attributes(region()),
				host_uri: bounded(uri),
			}
			.into(),
			err!(resource_registry, UnknownProvider),
		),
		case(
			"update_provider",
			"wrong state",
			"capacity below what leases use",
			signed(Charlie),
			RegistryCall::update_provider {
				capacity: Resources {
					cpu_millicores: 1,
					memory_mib: 1,
					storage_gib: 1,
					gpu_units: 0,
				},
				attributes: attributes(region()),
				host_uri: bounded(uri),
			}
			.into(),
			err!(resource_registry, CapacityBelowAllocated),
		),
		case(
			"pause_provider",
			"repeated action",
			"already paused",
			signed(Dave),
			RegistryCall::pause_provider {}.into(),
			err!(resource_registry, AlreadyPaused),
		),
		case(
			"pause_provider",
			"unknown id",
			"caller is not a provider",
			signed(Ferdie),
			RegistryCall::pause_provider {}.into(),
			err!(resource_registry, UnknownProvider),
		),
		case(
			"resume_provider",
			"wrong state",
			"not paused",
			signed(Bob),
			RegistryCall::resume_provider {}.into(),
			err!(resource_registry, NotPaused),
		),
		case(
			"deregister_provider",
			"wrong state",
			"provider with a running lease",
			signed(Charlie),
			RegistryCall::deregister_provider {}.into(),
			err!(resource_registry, HasActiveLeases),
		),
		case(
			"deregister_provider",
			"wrong state",
			"a report against the provider is open",
			signed(Dave),
			RegistryCall::deregister_provider {}.into(),
			err!(resource_registry, OpenReportsPending),
		),
		case(
			"deregister_provider",
			"unknown id",
			"caller is not a provider",
			signed(Ferdie),
			RegistryCall::deregister_provider {}.into(),
			err!(resource_registry, UnknownProvider),
		),
		case(
			"add_auditor",
			"wrong origin",
			"plain account (the sudo key holder)",
			signed(Alice),
			RegistryCall::add_auditor { who: Ferdie.to_account_id() }.into(),
			BAD_ORIGIN,
		),
		case(
			"add_auditor",
			"wrong origin",
			"Council minority (1 of 3)",
			council(1),
			RegistryCall::add_auditor { who: Ferdie.to_account_id() }.into(),
			BAD_ORIGIN,
		),
		case(
			"add_auditor",
			"repeated action",
			"already an auditor",
			RuntimeOrigin::root(),
			RegistryCall::add_auditor { who: Alice.to_account_id() }.into(),
			err!(resource_registry, AlreadyAuditor),
		),
		case(
			"remove_auditor",
			"unknown id",
			"not an auditor",
			RuntimeOrigin::root(),
			RegistryCall::remove_auditor { who: Ferdie.to_account_id() }.into(),
			err!(resource_registry, NotAuditor),
		),
		case(
			"audit_provider",
			"wrong origin",
			"non-auditor",
			signed(Ferdie),
			RegistryCall::audit_provider {
				provider: Bob.to_account_id(),
				attributes: attributes(region()),
			}
			.into(),
			err!(resource_registry, NotAuditor),
		),
		case(
			"audit_provider",
			"zero amount",
			"no attributes",
			signed(Alice),
			RegistryCall::audit_provider {
				provider: Bob.to_account_id(),
				attributes: attributes(vec![]),
			}
			.into(),
			err!(resource_registry, EmptyAudit),
		),
		case(
			"audit_provider",
			"unknown id",
			"provider not registered",
			signed(Alice),
			RegistryCall::audit_provider {
				provider: Ferdie.to_account_id(),
				attributes: attributes(region()),
			}
			.into(),
			err!(resource_registry, UnknownProvider),
		),
		case(
			"audit_provider",
			"wrong state",
			"attribute the provider never declared",
			signed(Alice),
			RegistryCall::audit_provider {
				provider: Bob.to_account_id(),
				attributes: attributes(vec![attribute(b"gpu", b"a100")]),
			}
			.into(),
			err!(resource_registry, AttributeNotDeclared),
		),
		case(
			"audit_provider",
			"wrong state",
			"value differs from the declared one",
			signed(Alice),
			RegistryCall::audit_provider {
				provider: Bob.to_account_id(),
				attributes: attributes(vec![attribute(b"region", b"us-east")]),
			}
			.into(),
			err!(resource_registry, AttributeValueMismatch),
		),
		case(
			"revoke_audit",
			"unknown id",
			"no audit by this auditor",
			signed(Alice),
			RegistryCall::revoke_audit { provider: Bob.to_account_id() }.into(),
			err!(resource_registry, UnknownAudit),
		),
		case(
			"drop_audit",
			"wrong origin",
			"unsigned",
			RuntimeOrigin::none(),
			RegistryCall::drop_audit {
				provider: Charlie.to_account_id(),
				auditor: Alice.to_account_id(),
			}
			.into(),
			BAD_ORIGIN,
		),
		case(
			"drop_audit",
			"unknown id",
			"no audit by this auditor",
			signed(Ferdie),
			RegistryCall::drop_audit {
				provider: Bob.to_account_id(),
				auditor: Alice.to_account_id(),
			}
			.into(),
			err!(resource_registry, UnknownAudit),
		),
		case(
			"drop_audit",
			"wrong state",
			"an audit that still counts",
			signed(Ferdie),
			RegistryCall::drop_audit {
				provider: Charlie.to_account_id(),
				auditor: Alice.to_account_id(),
			}
			.into(),
			err!(resource_registry, AuditStillCounts),
		),
		case(
			"heartbeat",
			"unknown id",
			"caller is not a provider",
			signed(Ferdie),
			RegistryCall::heartbeat {}.into(),
			err!(resource_registry, UnknownProvider),
		),
		case(
			"announce_maintenance",
			"out of range",
			"window ending before it starts",
			signed(Charlie),
			RegistryCall::announce_maintenance { from: earliest + 1, to: earliest }.into(),
			err!(resource_registry, MaintenanceEndsBeforeStart),
		),
		case(
			"announce_maintenance",
			"out of range",
			"window starting a block short of the notice",
			signed(Charlie),
			RegistryCall::announce_maintenance { from: earliest - 1, to: earliest }.into(),
			err!(resource_registry, MaintenanceTooSoon),
		),
		case(
			"announce_maintenance",
			"out of range",
			"window a block longer than allowed",
			signed(Charlie),
			RegistryCall::announce_maintenance {
				from: earliest,
				to: earliest + market::MaxMaintenance::get(),
			}
			.into(),
			err!(resource_registry, MaintenanceTooLong),
		),
		case(
			"announce_maintenance",
			"repeated action",
			"a window already ahead",
			signed(Bob),
			RegistryCall::announce_maintenance { from: earliest + 100, to: earliest + 100 }.into(),
			err!(resource_registry, MaintenanceAlreadyAnnounced),
		),
		case(
			"announce_maintenance",
			"unknown id",
			"caller is not a provider",
			signed(Ferdie),
			RegistryCall::announce_maintenance { from: earliest, to: earliest }.into(),
			err!(resource_registry, UnknownProvider),
		),
		// bid-matching
		case(
			"create_order",
			"zero amount",
			"zero manifest hash",
			signed(Ferdie),
			BidCall::create_order {
				manifest: H256::zero(),
				resources: NEED,
				attributes: Default::default(),
				auditor: None,
				requirements: Default::default(),
				max_price_per_block: MAX_PRICE,
				budget,
				bid_window: bid_window(),
				asset: MarketAsset::Native,
			}
			.into(),
			err!(bid_matching, NoManifest),
		),
		case(
			"create_order",
			"zero amount",
			"no resources asked",
			signed(Ferdie),
			order(Resources::default(), MAX_PRICE, budget, bid_window()),
			err!(bid_matching, NoResources),
		),
		case(
			"create_order",
			"zero amount",
			"zero maximum price",
			signed(Ferdie),
			order(NEED, 0, budget, bid_window()),
			err!(bid_matching, ZeroPrice),
		),
		case(
			"create_order",
			"zero amount",
			"budget below the minimum lease",
			signed(Ferdie),
			order(NEED, MAX_PRICE, MAX_PRICE, bid_window()),
			err!(bid_matching, BudgetTooLow),
		),
		case(
			"create_order",
			"zero amount",
			"bid window of zero blocks",
			signed(Ferdie),
			order(NEED, MAX_PRICE, budget, 0),
			err!(bid_matching, BidWindowOutOfRange),
		),
		case(
			"create_order",
			"overflow amount",
			"bid window one block above the maximum",
			signed(Ferdie),
			order(NEED, MAX_PRICE, budget, max_window + 1),
			err!(bid_matching, BidWindowOutOfRange),
		),
		case(
			"create_order",
			"wrong state",
			"its expiry slot and the spill depth after it full",
			signed(Ferdie),
			order(NEED, MAX_PRICE, budget, f.crowded_window),
			err!(bid_matching, ExpiryQueueFull),
		),
		case(
			"create_order",
			"overflow amount",
			"budget above the caller's funds",
			stranger(),
			order(NEED, MAX_PRICE, budget, bid_window()),
			NO_FUNDS,
		),
		case(
			"create_order",
			"overflow amount",
			"maximum price × minimum term overflows",
			signed(Ferdie),
			order(NEED, Balance::MAX, Balance::MAX, bid_window()),
			err!(bid_matching, Overflow),
		),
		case(
			"create_order",
			"unknown id",
			"paid in an asset the market does not take (USDC)",
			signed(Ferdie),
			order_in(MarketAsset::WithId(usdc()), NEED, MAX_PRICE, budget, bid_window()),
			err!(bid_matching, AssetNotAccepted),
		),
		case(
			"create_order",
			"unknown id",
			"paid in a location nobody registered",
			signed(Ferdie),
			order_in(
				MarketAsset::WithId(Location::new(1, [Parachain(2001)])),
				NEED,
				MAX_PRICE,
				budget,
				bid_window(),
			),
			err!(bid_matching, AssetNotAccepted),
		),
		case(
			"cancel_order",
			"unknown id",
			"order that never existed",
			signed(Alice),
			BidCall::cancel_order { order_id: OrderId::MAX }.into(),
			err!(bid_matching, UnknownOrder),
		),
		case(
			"cancel_order",
			"wrong state",
			"order already cancelled",
			signed(Alice),
			BidCall::cancel_order { order_id: gone }.into(),
			err!(bid_matching, UnknownOrder),
		),
		case(
			"cancel_order",
			"wrong origin",
			"someone else's order",
			signed(Ferdie),
			BidCall::cancel_order { order_id: open }.into(),
			err!(bid_matching, NotOrderOwner),
		),
		case(
			"place_bid",
			"unknown id",
			"order that never existed",
			signed(Charlie),
			BidCall::place_bid { order_id: OrderId::MAX, price: MAX_PRICE }.into(),
			err!(bid_matching, UnknownOrder),
		),
		case(
			"place_bid",
			"wrong state",
			"order cancelled",
			signed(Charlie),
			BidCall::place_bid { order_id: gone, price: MAX_PRICE }.into(),
			err!(bid_matching, UnknownOrder),
		),
		case(
			"place_bid",
			"wrong state",
			"order requiring more completed leases than the provider has",
			signed(Charlie),
			BidCall::place_bid { order_id: f.veterans_order, price: MAX_PRICE }.into(),
			err!(provider_slashing, TooFewCompletedLeases),
		),
		case(
			"place_bid",
			"wrong state",
			"order requiring a higher score than the provider has",
			signed(Charlie),
			BidCall::place_bid { order_id: f.flawless_order, price: MAX_PRICE }.into(),
			err!(provider_slashing, ScoreTooLow),
		),
		case(
			"place_bid",
			"self-dealing",
			"bid on one's own order",
			signed(Bob),
			BidCall::place_bid { order_id: mine, price: MAX_PRICE }.into(),
			err!(bid_matching, CannotBidOnOwnOrder),
		),
		case(
			"place_bid",
			"zero amount",
			"zero price",
			signed(Charlie),
			BidCall::place_bid { order_id: open, price: 0 }.into(),
			err!(bid_matching, ZeroPrice),
		),
		case(
			"place_bid",
			"overflow amount",
			"price one above the order's maximum",
			signed(Charlie),
			BidCall::place_bid { order_id: open, price: MAX_PRICE + 1 }.into(),
			err!(bid_matching, BidAboveMaxPrice),
		),
		case(
			"place_bid",
			"repeated action",
			"second bid on the same order",
			signed(Bob),
			BidCall::place_bid { order_id: open, price: MAX_PRICE }.into(),
			err!(bid_matching, AlreadyBid),
		),
		case(
			"place_bid",
			"wrong origin",
			"tenant, not a provider",
			signed(Ferdie),
			BidCall::place_bid { order_id: open, price: MAX_PRICE }.into(),
			err!(resource_registry, UnknownProvider),
		),
		case(
			"place_bid",
			"wrong state",
			"paused provider",
			signed(Dave),
			BidCall::place_bid { order_id: open, price: MAX_PRICE }.into(),
			err!(resource_registry, ProviderPaused),
		),
		case(
			"place_bid",
			"wrong state",
			"jailed provider",
			signed(Eve),
			BidCall::place_bid { order_id: open, price: MAX_PRICE }.into(),
			err!(resource_registry, ProviderJailed),
		),
		case(
			"place_bid",
			"wrong state",
			"provider whose leases commit all its bond",
			RuntimeOrigin::signed(f.committed_provider.clone()),
			BidCall::place_bid { order_id: open, price: MAX_PRICE }.into(),
			err!(provider_slashing, InsufficientFreeBond),
		),
		case(
			"place_bid",
			"wrong state",
			"provider holding as many leases as it may",
			RuntimeOrigin::signed(f.provider_at_cap.clone()),
			BidCall::place_bid { order_id: open, price: MAX_PRICE }.into(),
			err!(lease_escrow, TooManyProviderLeases),
		),
		case(
			"withdraw_bid",
			"unknown id",
			"no bid on the order",
			signed(Dave),
			BidCall::withdraw_bid { order_id: open }.into(),
			err!(bid_matching, UnknownBid),
		),
		case(
			"withdraw_bid",
			"repeated action",
			"bid already withdrawn",
			signed(Charlie),
			BidCall::withdraw_bid { order_id: open }.into(),
			err!(bid_matching, UnknownBid),
		),
		case(
			"withdraw_bid",
			"unknown id",
			"order that never existed",
			signed(Bob),
			BidCall::withdraw_bid { order_id: OrderId::MAX }.into(),
			err!(bid_matching, UnknownOrder),
		),
		case(
			"accept_bid",
			"wrong origin",
			"provider accepting on the tenant's order",
			signed(Bob),
			BidCall::accept_bid { order_id: open, provider: Bob.to_account_id() }.into(),
			err!(bid_matching, NotOrderOwner),
		),
		case(
			"accept_bid",
			"wrong state",
			"bid withdrawn",
			signed(Alice),
			BidCall::accept_bid { order_id: open, provider: Charlie.to_account_id() }.into(),
			err!(bid_matching, UnknownBid),
		),
		case(
			"accept_bid",
			"unknown id",
			"order cancelled",
			signed(Alice),
			BidCall::accept_bid { order_id: gone, provider: Bob.to_account_id() }.into(),
			err!(bid_matching, UnknownOrder),
		),
		case(
			"evict_bid",
			"wrong origin",
			"unsigned",
			RuntimeOrigin::none(),
			BidCall::evict_bid { order_id: open, provider: Bob.to_account_id() }.into(),
			BAD_ORIGIN,
		),
		case(
			"evict_bid",
			"unknown id",
			"order that never existed",
			signed(Ferdie),
			BidCall::evict_bid { order_id: OrderId::MAX, provider: Bob.to_account_id() }.into(),
			err!(bid_matching, UnknownOrder),
		),
		case(
			"evict_bid",
			"unknown id",
			"bid withdrawn",
			signed(Ferdie),
			BidCall::evict_bid { order_id: open, provider: Charlie.to_account_id() }.into(),
			err!(bid_matching, UnknownBid),
		),
		case(
			"evict_bid",
			"wrong state",
			"a bid whose provider can serve",
			signed(Ferdie),
			BidCall::evict_bid { order_id: open, provider: Bob.to_account_id() }.into(),
			err!(bid_matching, BidCanBeServed),
		),
		// lease-escrow
		case(
			"deposit",
			"unknown id",
			"lease that never existed",
			signed(Ferdie),
			EscrowCall::deposit { lease_id: LeaseId::MAX, amount: UNIT }.into(),
			err!(lease_escrow, UnknownLease),
		),
		case(
			"deposit",
			"wrong state",
			"lease closed",
			signed(Ferdie),
			EscrowCall::deposit { lease_id: closed, amount: UNIT }.into(),
			err!(lease_escrow, UnknownLease),
		),
		case(
			"deposit",
			"zero amount",
			"zero top-up",
			signed(Ferdie),
			EscrowCall::deposit { lease_id: lease, amount: 0 }.into(),
			err!(lease_escrow, DepositTooSmall),
		),
		case(
			"deposit",
			"overflow amount",
			"top-up above the caller's funds",
			stranger(),
			EscrowCall::deposit { lease_id: lease, amount: UNIT }.into(),
			NO_FUNDS,
		),
		case(
			"withdraw",
			"wrong origin",
			"tenant withdrawing the provider's pay",
			signed(Ferdie),
			EscrowCall::withdraw { lease_id: lease }.into(),
			err!(lease_escrow, NotProvider),
		),
		case(
			"withdraw",
			"wrong state",
			"lease closed, its provider paid everything",
			signed(Bob),
			EscrowCall::withdraw { lease_id: closed }.into(),
			err!(lease_escrow, NothingOwed),
		),
		case(
			"confirm_ready",
			"unknown id",
			"lease that never existed",
			signed(Bob),
			EscrowCall::confirm_ready { lease_id: LeaseId::MAX }.into(),
			err!(lease_escrow, UnknownLease),
		),
		case(
			"confirm_ready",
			"wrong origin",
			"the tenant confirming",
			signed(Eve),
			EscrowCall::confirm_ready { lease_id: pending }.into(),
			err!(lease_escrow, NotProvider),
		),
		case(
			"confirm_ready",
			"repeated action",
			"lease confirmed already",
			signed(Charlie),
			EscrowCall::confirm_ready { lease_id: lease }.into(),
			err!(lease_escrow, AlreadyReady),
		),
		case(
			"update_manifest",
			"unknown id",
			"lease that never existed",
			signed(Ferdie),
			EscrowCall::update_manifest { lease_id: LeaseId::MAX, manifest: H256::repeat_byte(9) }
				.into(),
			err!(lease_escrow, UnknownLease),
		),
		case(
			"update_manifest",
			"wrong origin",
			"the provider replacing the manifest",
			signed(Charlie),
			EscrowCall::update_manifest { lease_id: lease, manifest: H256::repeat_byte(9) }.into(),
			err!(lease_escrow, NotTenant),
		),
		case(
			"update_manifest",
			"zero amount",
			"zero manifest hash",
			signed(Ferdie),
			EscrowCall::update_manifest { lease_id: lease, manifest: H256::zero() }.into(),
			err!(lease_escrow, NoManifest),
		),
		case(
			"update_manifest",
			"repeated action",
			"the manifest the lease runs already",
			signed(Ferdie),
			EscrowCall::update_manifest { lease_id: lease, manifest: MANIFEST }.into(),
			err!(lease_escrow, ManifestUnchanged),
		),
		case(
			"settle",
			"unknown id",
			"lease that never existed",
			signed(Ferdie),
			EscrowCall::settle { lease_id: LeaseId::MAX }.into(),
			err!(lease_escrow, UnknownLease),
		),
		case(
			"settle",
			"wrong state",
			"lease closed",
			signed(Ferdie),
			EscrowCall::settle { lease_id: closed }.into(),
			err!(lease_escrow, UnknownLease),
		),
		case(
			"close_lease",
			"wrong origin",
			"neither tenant nor provider",
			signed(Dave),
			EscrowCall::close_lease { lease_id: lease }.into(),
			err!(lease_escrow, NotLeaseParty),
		),
		case(
			"close_lease",
			"repeated action",
			"lease already closed",
			signed(Ferdie),
			EscrowCall::close_lease { lease_id: closed }.into(),
			err!(lease_escrow, UnknownLease),
		),
		case(
			"claim_refund",
			"wrong origin",
			"unsigned",
			RuntimeOrigin::none(),
			EscrowCall::claim_refund { lease_id: closed, index: 0 }.into(),
			BAD_ORIGIN,
		),
		case(
			"claim_refund",
			"unknown id",
			"lease that never existed",
			signed(Dave),
			EscrowCall::claim_refund { lease_id: LeaseId::MAX, index: 0 }.into(),
			err!(lease_escrow, UnknownLease),
		),
		case(
			"claim_refund",
			"unknown id",
			"deposit index past the lease's deposits",
			signed(Dave),
			EscrowCall::claim_refund { lease_id: closed, index: 1 }.into(),
			err!(lease_escrow, UnknownDeposit),
		),
		case(
			"claim_refund",
			"wrong state",
			"lease still active",
			signed(Dave),
			EscrowCall::claim_refund { lease_id: lease, index: 0 }.into(),
			err!(lease_escrow, LeaseStillActive),
		),
		case(
			"forget_lease",
			"wrong origin",
			"unsigned",
			RuntimeOrigin::none(),
			EscrowCall::forget_lease { lease_id: closed }.into(),
			BAD_ORIGIN,
		),
		case(
			"forget_lease",
			"unknown id",
			"lease that never existed",
			signed(Dave),
			EscrowCall::forget_lease { lease_id: LeaseId::MAX }.into(),
			err!(lease_escrow, UnknownLease),
		),
		case(
			"forget_lease",
			"wrong state",
			"lease still active",
			signed(Dave),
			EscrowCall::forget_lease { lease_id: lease }.into(),
			err!(lease_escrow, LeaseStillActive),
		),
		case(
			"forget_lease",
			"wrong state",
			"closed lease still in its report grace period",
			signed(Dave),
			EscrowCall::forget_lease { lease_id: recent }.into(),
			err!(lease_escrow, GracePeriodNotOver),
		),
		case(
			"forget_lease",
			"wrong state",
			"a third-party deposit still unclaimed",
			signed(Dave),
			EscrowCall::forget_lease { lease_id: closed }.into(),
			err!(lease_escrow, RefundsUnclaimed),
		),
		// provider-slashing
		case(
			"bond",
			"zero amount",
			"zero bond",
			signed(Bob),
			SlashingCall::bond { amount: 0 }.into(),
			err!(provider_slashing, ZeroAmount),
		),
		case(
			"bond",
			"overflow amount",
			"more than the caller holds",
			signed(Bob),
			SlashingCall::bond { amount: Balance::MAX }.into(),
			err!(provider_slashing, InsufficientBalance),
		),
		case(
			"unbond",
			"zero amount",
			"zero",
			signed(Bob),
			SlashingCall::unbond { amount: 0 }.into(),
			err!(provider_slashing, ZeroAmount),
		),
		case(
			"unbond",
			"unknown id",
			"caller never bonded",
			signed(Ferdie),
			SlashingCall::unbond { amount: UNIT }.into(),
			err!(provider_slashing, NotBonded),
		),
		case(
			"unbond",
			"overflow amount",
			"more than the bond",
			signed(Bob),
			SlashingCall::unbond { amount: Balance::MAX }.into(),
			err!(provider_slashing, InsufficientBond),
		),
		case(
			"unbond",
			"wrong state",
			"more than the bond its leases leave free",
			RuntimeOrigin::signed(f.committed_provider.clone()),
			SlashingCall::unbond { amount: 1 }.into(),
			err!(provider_slashing, StakeCommitted),
		),
		case(
			"unbond",
			"wrong state",
			"below the minimum bond with a lease running",
			signed(Charlie),
			SlashingCall::unbond { amount: UNIT }.into(),
			err!(provider_slashing, WouldFallBelowMinimum),
		),
		case(
			"withdraw_unbonded",
			"wrong state",
			"nothing unbonded",
			signed(Bob),
			SlashingCall::withdraw_unbonded {}.into(),
			err!(provider_slashing, NothingToWithdraw),
		),
		case(
			"report_fault",
			"unknown id",
			"lease that never existed",
			signed(Ferdie),
			report_on(LeaseId::MAX).into(),
			err!(provider_slashing, LeaseNotReportable),
		),
		case(
			"report_fault",
			"wrong state",
			"lease closed longer ago than the grace period",
			signed(Ferdie),
			report_on(closed).into(),
			err!(provider_slashing, LeaseNotReportable),
		),
		case(
			"report_fault",
			"self-dealing",
			"provider reporting its own lease",
			signed(Charlie),
			report_on(lease).into(),
			err!(provider_slashing, NotLeaseTenant),
		),
		case(
			"report_fault",
			"wrong origin",
			"someone else's lease",
			signed(Alice),
			report_on(lease).into(),
			err!(provider_slashing, NotLeaseTenant),
		),
		case(
			"report_fault",
			"repeated action",
			"second report while one is open",
			signed(Ferdie),
			report_on(lease).into(),
			err!(provider_slashing, ReportAlreadyOpen),
		),
		case(
			"dispute",
			"unknown id",
			"report that never existed",
			signed(Charlie),
			SlashingCall::dispute { report_id: u64::MAX, evidence: H256::zero() }.into(),
			err!(provider_slashing, UnknownReport),
		),
		case(
			"dispute",
			"wrong origin",
			"not the reported provider",
			signed(Bob),
			SlashingCall::dispute { report_id: report, evidence: H256::zero() }.into(),
			err!(provider_slashing, NotReportedProvider),
		),
		case(
			"dispute",
			"repeated action",
			"already disputed",
			signed(Charlie),
			SlashingCall::dispute { report_id: report, evidence: H256::zero() }.into(),
			err!(provider_slashing, AlreadyDisputed),
		),
		case(
			"resolve_report",
			"wrong origin",
			"the tenant who reported",
			signed(Ferdie),
			SlashingCall::resolve_report { report_id: report, verdict: Verdict::Uphold }.into(),
			BAD_ORIGIN,
		),
		case(
			"resolve_report",
			"wrong origin",
			"Council minority (1 of 3)",
			council(1),
			SlashingCall::resolve_report { report_id: report, verdict: Verdict::Uphold }.into(),
			BAD_ORIGIN,
		),
		case(
			"resolve_report",
			"unknown id",
			"report that never existed",
			RuntimeOrigin::root(),
			SlashingCall::resolve_report { report_id: u64::MAX, verdict: Verdict::Uphold }.into(),
			err!(provider_slashing, UnknownReport),
		),
		case(
			"unjail",
			"wrong state",
			"not jailed",
			signed(Bob),
			SlashingCall::unjail {}.into(),
			err!(provider_slashing, NotJailed),
		),
		case(
			"unjail",
			"wrong state",
			"jail period not over",
			signed(Eve),
			SlashingCall::unjail {}.into(),
			err!(provider_slashing, StillJailed),
		),
		case(
			"unjail_provider",
			"wrong origin",
			"plain account",
			signed(Alice),
			SlashingCall::unjail_provider { provider: Eve.to_account_id() }.into(),
			BAD_ORIGIN,
		),
		case(
			"unjail_provider",
			"wrong state",
			"provider not jailed",
			RuntimeOrigin::root(),
			SlashingCall::unjail_provider { provider: Bob.to_account_id() }.into(),
			err!(provider_slashing, NotJailed),
		),
		// market-parameters
		case(
			"set_parameter",
			"wrong origin",
			"plain account",
			signed(Alice),
			set_parameter(P::TakeRate(market::TakeRate, Some(Perbill::from_percent(3)))),
			BAD_ORIGIN,
		),
		case(
			"set_parameter",
			"wrong origin",
			"Council minority (1 of 3)",
			council(1),
			set_parameter(P::TakeRate(market::TakeRate, Some(Perbill::from_percent(3)))),
			BAD_ORIGIN,
		),
		case(
			"set_parameter",
			"wrong origin",
			"through `Parameters`, even as root",
			RuntimeOrigin::root(),
			pallet_parameters::Call::<Runtime>::set_parameter {
				key_value: RuntimeParameters::Market(P::TakeRate(
					market::TakeRate,
					Some(Perbill::from_percent(3)),
				)),
			}
			.into(),
			BAD_ORIGIN,
		),
		case(
			"set_parameter",
			"zero amount",
			"dispute window of zero blocks",
			RuntimeOrigin::root(),
			set_parameter(P::DisputeWindow(market::DisputeWindow, Some(0))),
			err!(market_parameters, BelowMinimum),
		),
		case(
			"set_parameter",
			"zero amount",
			"bid forfeit of zero",
			RuntimeOrigin::root(),
			set_parameter(P::BidForfeit(market::BidForfeit, Some(0))),
			err!(market_parameters, BelowMinimum),
		),
		case(
			"set_parameter",
			"overflow amount",
			"minimum provider bond of `u128::MAX`",
			RuntimeOrigin::root(),
			set_parameter(P::MinProviderBond(market::MinProviderBond, Some(Balance::MAX))),
			err!(market_parameters, AboveMaximum),
		),
		case(
			"set_parameter",
			"out of range",
			"take rate of 21 %",
			RuntimeOrigin::root(),
			set_parameter(P::TakeRate(market::TakeRate, Some(Perbill::from_percent(21)))),
			err!(market_parameters, AboveMaximum),
		),
		case(
			"set_parameter",
			"out of range",
			"least slice of bond a lease commits of zero",
			RuntimeOrigin::root(),
			set_parameter(P::MinLeaseStake(market::MinLeaseStake, Some(0))),
			err!(market_parameters, BelowMinimum),
		),
		case(
			"set_parameter",
			"out of range",
			"report grace period longer than unbonding",
			RuntimeOrigin::root(),
			set_parameter(P::ReportGracePeriod(
				market::ReportGracePeriod,
				Some(bounds::REPORT_GRACE_PERIOD.max + 1),
			)),
			err!(market_parameters, AboveMaximum),
		),
		case(
			"set_parameter",
			"out of range",
			"ready window under ten blocks",
			RuntimeOrigin::root(),
			set_parameter(P::ReadyWindow(market::ReadyWindow, Some(bounds::READY_WINDOW.min - 1))),
			err!(market_parameters, BelowMinimum),
		),
		case(
			"set_parameter",
			"out of range",
			"ready window over a day",
			RuntimeOrigin::root(),
			set_parameter(P::ReadyWindow(market::ReadyWindow, Some(bounds::READY_WINDOW.max + 1))),
			err!(market_parameters, AboveMaximum),
		),
		case(
			"set_parameter",
			"out of range",
			"running-low notice of zero blocks",
			RuntimeOrigin::root(),
			set_parameter(P::RunningLowNotice(market::RunningLowNotice, Some(0))),
			err!(market_parameters, BelowMinimum),
		),
		case(
			"set_parameter",
			"out of range",
			"running-low notice over seven days",
			RuntimeOrigin::root(),
			set_parameter(P::RunningLowNotice(
				market::RunningLowNotice,
				Some(bounds::RUNNING_LOW_NOTICE.max + 1),
			)),
			err!(market_parameters, AboveMaximum),
		),
		case(
			"set_parameter",
			"out of range",
			"heartbeat interval under ten blocks",
			RuntimeOrigin::root(),
			set_parameter(P::HeartbeatInterval(
				market::HeartbeatInterval,
				Some(bounds::HEARTBEAT_INTERVAL.min - 1),
			)),
			err!(market_parameters, BelowMinimum),
		),
		case(
			"set_parameter",
			"out of range",
			"heartbeat interval over a day",
			RuntimeOrigin::root(),
			set_parameter(P::HeartbeatInterval(
				market::HeartbeatInterval,
				Some(bounds::HEARTBEAT_INTERVAL.max + 1),
			)),
			err!(market_parameters, AboveMaximum),
		),
		case(
			"set_parameter",
			"out of range",
			"maintenance notice over seven days",
			RuntimeOrigin::root(),
			set_parameter(P::MaintenanceNotice(
				market::MaintenanceNotice,
				Some(bounds::MAINTENANCE_NOTICE.max + 1),
			)),
			err!(market_parameters, AboveMaximum),
		),
		case(
			"set_parameter",
			"out of range",
			"maintenance window of zero blocks",
			RuntimeOrigin::root(),
			set_parameter(P::MaxMaintenance(market::MaxMaintenance, Some(0))),
			err!(market_parameters, BelowMinimum),
		),
		case(
			"set_parameter",
			"out of range",
			"maintenance spacing over thirty days",
			RuntimeOrigin::root(),
			set_parameter(P::MaintenanceSpacing(
				market::MaintenanceSpacing,
				Some(bounds::MAINTENANCE_SPACING.max + 1),
			)),
			err!(market_parameters, AboveMaximum),
		),
		case(
			"accept_asset",
			"wrong origin",
			"plain account",
			signed(Alice),
			accept_asset(usdc()),
			BAD_ORIGIN,
		),
		case(
			"accept_asset",
			"wrong origin",
			"Council minority (1 of 3)",
			council(1),
			accept_asset(usdc()),
			BAD_ORIGIN,
		),
		case(
			"accept_asset",
			"unknown id",
			"a location no asset is registered at",
			RuntimeOrigin::root(),
			accept_asset(Location::new(1, [Parachain(2001)])),
			err!(market_parameters, UnregisteredAsset),
		),
		case(
			"accept_asset",
			"wrong state",
			"an asset without a rate",
			RuntimeOrigin::root(),
			accept_asset(usdc()),
			err!(market_parameters, NoRate),
		),
		case(
			"accept_asset",
			"repeated action",
			"already accepted",
			RuntimeOrigin::root(),
			accept_asset(usdt()),
			err!(market_parameters, AlreadyAccepted),
		),
		case(
			"drop_asset",
			"wrong origin",
			"plain account",
			signed(Alice),
			drop_asset(usdt()),
			BAD_ORIGIN,
		),
		case(
			"drop_asset",
			"unknown id",
			"an asset not accepted",
			RuntimeOrigin::root(),
			drop_asset(usdc()),
			err!(market_parameters, NotAccepted),
		),
	]
}

/// `MarketParameters.accept_asset` of `asset`.
fn accept_asset(asset: Location) -> RuntimeCall {
	pallet_market_parameters::Call::<Runtime>::accept_asset { asset: Box::new(asset) }.into()
}

/// `MarketParameters.drop_asset` of `asset`.
fn drop_asset(asset: Location) -> RuntimeCall {
	pallet_market_parameters::Call::<Runtime>::drop_asset { asset: Box::new(asset) }.into()
}

/// `MarketParameters.set_parameter` of `value`.
fn set_parameter(value: market::Parameters) -> RuntimeCall {
	pallet_market_parameters::Call::<Runtime>::set_parameter {
		key_value: RuntimeParameters::Market(value),
	}
	.into()
}

/// Calls whose encoding carries a vector or string one item or byte over
/// its bound: `(call, input, encoded call, the same call at the bound)`.
/// The second encoding is the positive control: it decodes, so the first
/// fails for its size and not for a malformed encoding.
fn oversize() -> Vec<(&'static str, &'static str, Vec<u8>, Vec<u8>)> {
	let registry = <ResourceRegistry as frame_support::traits::PalletInfoAccess>::index() as u8;
	let matching = <BidMatching as frame_support::traits::PalletInfoAccess>::index() as u8;
	let max_attributes: u32 = <Runtime as pallet_resource_registry::Config>::MaxAttributes::get();
	let key_len: u32 = <Runtime as pallet_resource_registry::Config>::MaxAttributeKeyLen::get();
	let value_len: u32 = <Runtime as pallet_resource_registry::Config>::MaxAttributeValueLen::get();
	let uri_len: u32 = <Runtime as pallet_resource_registry::Config>::MaxHostUriLen::get();
	let max_required: u32 = <Runtime as pallet_bid_matching::Config>::MaxRequiredAttributes::get();
	let pair = |key: usize, value: usize| (vec![b'k'; key], vec![b'v'; value]);
	let distinct =
		|n: u32| (0..n).map(|i| (i.to_le_bytes().to_vec(), b"v".to_vec())).collect::<Vec<_>>();
	let register = |attributes: Vec<(Vec<u8>, Vec<u8>)>, uri: usize| {
		(registry, 0u8, CAPACITY, attributes, vec![b'u'; uri]).encode()
	};
	// `create_order`'s arguments in the call's order.
	let order = |attributes: Vec<(Vec<u8>, Vec<u8>)>| {
		let mut encoded = (matching, 0u8, MANIFEST, NEED, attributes, None::<AccountId>).encode();
		encoded.extend(
			(
				TrackRequirements::default(),
				MAX_PRICE,
				MAX_PRICE * 1_000,
				bid_window(),
				MarketAsset::Native,
			)
				.encode(),
		);
		encoded
	};
	let (key, value, uri) = (key_len as usize, value_len as usize, uri_len as usize);
	vec![
		(
			"register_provider",
			"one attribute over MaxAttributes",
			register(distinct(max_attributes + 1), 8),
			register(distinct(max_attributes), 8),
		),
		(
			"register_provider",
			"attribute key one byte over its bound",
			register(vec![pair(key + 1, 1)], 8),
			register(vec![pair(key, 1)], 8),
		),
		(
			"register_provider",
			"attribute value one byte over its bound",
			register(vec![pair(1, value + 1)], 8),
			register(vec![pair(1, value)], 8),
		),
		(
			"register_provider",
			"host URI one byte over its bound",
			register(vec![], uri + 1),
			register(vec![], uri),
		),
		(
			"create_order",
			"one attribute over MaxRequiredAttributes",
			order(distinct(max_required + 1)),
			order(distinct(max_required)),
		),
	]
}

#[test]
fn every_bad_input_returns_its_named_error_and_changes_nothing() {
	run(|| {
		let f = fixture();
		let cases = cases(&f);
		assert!(cases.len() >= 70, "the catalogue lost cases: {}", cases.len());
		let mut wrong = Vec::new();
		for case in cases {
			let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
			let result = call(case.origin, case.dispatch).map_err(|e| e.error);
			if result != Err(case.error.1) {
				wrong.push(format!(
					"{} ({}): {}: expected {}, got {result:?}",
					case.call, case.class, case.input, case.error.0
				));
			} else if sp_io::storage::root(sp_runtime::StateVersion::V1) != root {
				wrong.push(format!("{}: {} changed storage", case.call, case.input));
			}
		}
		assert!(wrong.is_empty(), "{} case(s) wrong:\n{}", wrong.len(), wrong.join("\n"));
	});
}

#[test]
fn oversize_vectors_and_strings_do_not_decode() {
	use frame_support::traits::GetCallName;
	run(|| {
		for (call, input, over, at_bound) in oversize() {
			assert!(RuntimeCall::decode(&mut &over[..]).is_err(), "{call}: {input} decoded");
			// The positive control: the same call at the bound decodes, to
			// the call named, with nothing left over.
			let mut rest = &at_bound[..];
			let decoded = RuntimeCall::decode(&mut rest)
				.unwrap_or_else(|e| panic!("{call} at the bound of {input:?}: {e}"));
			assert!(rest.is_empty(), "{call} at the bound of {input:?}: bytes left over");
			let name = match &decoded {
				RuntimeCall::ResourceRegistry(c) => c.get_call_name(),
				RuntimeCall::BidMatching(c) => c.get_call_name(),
				_ => "another pallet's call",
			};
			assert_eq!(name, call, "{input}");
		}
	});
}

/// The catalogue as a Markdown table.
fn table(cases: &[Case]) -> String {
	let mut out = String::from(
		"# Bad inputs\n\n\
		 What each marketplace call returns for each class of bad input. Every row is a case \
		 of `runtime/src/tests/market/bad_input.rs`, which checks the error and that the \
		 storage root did not change; that test also keeps this file equal to its cases \
		 (`STRATUS_BLESS=1 cargo test -p stratus-runtime bad_input` rewrites it).\n\n\
		 | call | class | bad input | error |\n|---|---|---|---|\n",
	);
	for case in cases {
		out.push_str(&format!(
			"| `{}` | {} | {} | `{}` |\n",
			case.call, case.class, case.input, case.error.0
		));
	}
	out.push_str(
		"\nOversize vectors and strings are refused before any call runs: the extrinsic does \
		 not decode, so it never enters a block or pays a fee.\n\n| call | oversize input |\n|---|---|\n",
	);
	for (call, input, _, _) in oversize() {
		out.push_str(&format!("| `{call}` | {input} |\n"));
	}
	out
}

#[test]
fn the_catalogue_in_docs_matches_the_cases() {
	run(|| {
		let f = fixture();
		let expected = table(&cases(&f));
		let path = crate::tests::repo_file("docs/BAD_INPUTS.md");
		if std::env::var_os("STRATUS_BLESS").is_some() {
			std::fs::write(&path, &expected).expect("docs/BAD_INPUTS.md is writable");
		}
		let written = std::fs::read_to_string(&path).unwrap_or_default();
		assert!(
			written == expected,
			"docs/BAD_INPUTS.md is out of date; rerun with STRATUS_BLESS=1"
		);
	});
}
