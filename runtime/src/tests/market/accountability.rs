//! Accountability priced by harm, in the real runtime: the attacks on the
//! old slashing (a share of the whole bond per lease, paid to the tenant)
//! and on the serving predicate (which did not look at the lease cap), each
//! replayed against the committed-stake model. Every attacker's net gain is
//! counted in planck, from balances before and after, and must not be
//! positive.

use super::*;
use frame_support::{assert_noop, traits::fungible::Mutate};
use sp_keyring::Sr25519Keyring::{Alice, Eve, Ferdie};
use stratus_primitives::CloseReason;

/// What one of these tests' tiny leases asks for: a sliver of a machine, so
/// that a provider can hold hundreds of them.
const SLIVER: Resources =
	Resources { cpu_millicores: 1, memory_mib: 1, storage_gib: 1, gpu_units: 0 };

/// A fresh account, not a dev account, given `amount` by Alice.
pub(super) fn funded(tag: u8, i: u32, amount: Balance) -> AccountId {
	let mut raw = [0u8; 32];
	raw[0] = tag;
	raw[1..5].copy_from_slice(&i.to_le_bytes());
	let who = AccountId::from(raw);
	assert_ok!(<Balances as Mutate<AccountId>>::transfer(
		&Alice.to_account_id(),
		&who,
		amount,
		frame_support::traits::tokens::Preservation::Preserve,
	));
	who
}

/// What `who` owns in STRA: free and held, whatever for.
fn worth(who: &AccountId) -> Balance {
	<Balances as frame_support::traits::fungible::Inspect<AccountId>>::total_balance(who)
}

/// Registers `who` in `eu-west` with room for an ordinary order's [`NEED`]
/// and `leases` slivers, and bonds `bond`.
pub(super) fn provider_with_room(who: &AccountId, leases: u32, bond: Balance) {
	let origin = RuntimeOrigin::signed(who.clone());
	let attributes = vec![Attribute { key: bounded(b"region"), value: bounded(b"eu-west") }]
		.try_into()
		.expect("one attribute fits");
	let room = u64::from(leases);
	assert_ok!(call(
		origin.clone(),
		RegistryCall::register_provider {
			capacity: Resources {
				cpu_millicores: NEED.cpu_millicores + room,
				memory_mib: NEED.memory_mib + room,
				storage_gib: NEED.storage_gib + room,
				gpu_units: NEED.gpu_units,
			},
			attributes,
			host_uri: bounded(b"https://provider.example"),
		}
	));
	assert_ok!(call(origin, SlashingCall::bond { amount: bond }));
}

/// `tenant` orders a sliver at `price` a block with `budget`; returns the
/// order.
fn sliver_order(tenant: &AccountId, price: Balance, budget: Balance) -> OrderId {
	let order_id = pallet_bid_matching::NextOrderId::<Runtime>::get();
	let attributes =
		vec![RequiredAttribute { key: bounded(b"region"), value: bounded(b"eu-west") }]
			.try_into()
			.expect("one attribute fits");
	assert_ok!(call(
		RuntimeOrigin::signed(tenant.clone()),
		BidCall::create_order {
			manifest: MANIFEST,
			resources: SLIVER,
			attributes,
			auditor: None,
			requirements: Default::default(),
			max_price_per_block: price,
			budget,
			bid_window: bid_window(),
			asset: MarketAsset::Native,
		}
	));
	order_id
}

/// `provider` makes `call`, itself or through `agent`, its `ProviderOps`
/// proxy.
fn as_provider(provider: &AccountId, agent: Option<Sr25519Keyring>, inner: impl Into<RuntimeCall>) {
	match agent {
		None => {
			assert_ok!(call(RuntimeOrigin::signed(provider.clone()), inner));
		},
		Some(agent) => {
			let real = Sr25519Keyring::from_account_id(provider).expect("a dev account");
			assert_ok!(super::proxy::as_agent(agent, real, inner));
		},
	}
}

/// `tenant` orders a sliver at `price`; `provider` (through `agent`, if
/// given) bids, the tenant accepts and the provider confirms it ready.
/// Returns the lease.
pub(super) fn self_dealt_lease(
	tenant: &AccountId,
	provider: &AccountId,
	agent: Option<Sr25519Keyring>,
	price: Balance,
	budget: Balance,
) -> LeaseId {
	let order_id = sliver_order(tenant, price, budget);
	as_provider(provider, agent, BidCall::place_bid { order_id, price });
	assert_ok!(call(
		RuntimeOrigin::signed(tenant.clone()),
		BidCall::accept_bid { order_id, provider: provider.clone() }
	));
	let lease_id = matched_lease(order_id);
	as_provider(provider, agent, EscrowCall::confirm_ready { lease_id });
	lease_id
}

/// A thief holds Ferdie's key, Bob's `ProviderOps` proxy, and a tenant
/// account of its own (Eve). Before: it bid a planck on Eve's orders
/// through the proxy, accepted, and closed each lease early through the
/// proxy; each close slashed 5% of Bob's whole bond and paid Eve half of
/// it (185.5 STRA over four leases on a dev node). Now each close slashes
/// only that lease's slice, and Eve gets back at most what she paid.
#[test]
fn a_stolen_agent_key_cannot_profit_from_closing_the_providers_leases() {
	run(|| {
		super::proxy::bob_hires_ferdie();
		let (thief, tenant, bob) =
			(Ferdie.to_account_id(), Eve.to_account_id(), Bob.to_account_id());
		let thief_before = worth(&thief) + worth(&tenant);
		let bob_before = bond_of(Bob).total();
		let mut leases = Vec::new();
		for i in 0..4u32 {
			// A planck a block, and enough budget for the minimum.
			let budget = 1_000 + Balance::from(i);
			leases.push(self_dealt_lease(&tenant, &bob, Some(Ferdie), 1, budget));
		}
		run_to(System::block_number() + 3);
		for lease_id in &leases {
			as_provider(&bob, Some(Ferdie), EscrowCall::close_lease { lease_id: *lease_id });
		}
		// Every slice is the floor: a planck a block is worth nothing.
		let slice = market::MinLeaseStake::get();
		let slashed = bob_before - bond_of(Bob).total();
		assert_eq!(slashed, 4 * market::EarlyCloseSlash::get().mul_floor(slice));
		let gain = (worth(&thief) + worth(&tenant)) as i128 - thief_before as i128;
		println!("stolen agent key, four leases closed early: thief's net gain {gain} planck, Bob lost {slashed}");
		assert!(gain <= 0, "the thief gained {gain}");
		assert_eq!(bond_of(Bob).committed, 0);
	});
}

/// A tenant with fifty tiny leases with one provider, which misses a
/// heartbeat. Before: each `ProviderUnreachable` close took 5% of the whole
/// bond (about 92% of it over fifty), half to the tenant. Now each takes
/// half its lease's slice and the tenant gets back at most what it paid.
#[test]
fn a_sybil_tenant_with_fifty_tiny_leases_gains_nothing_from_an_outage() {
	run(|| {
		let provider = funded(0xB0, 0, 3_000 * UNIT);
		let tenant = funded(0xB1, 0, 1_000 * UNIT);
		let bond = 1_000 * UNIT;
		provider_with_room(&provider, 50, bond);
		let tenant_before = worth(&tenant);
		let leases: Vec<_> = (0..50u32)
			.map(|i| self_dealt_lease(&tenant, &provider, None, 1, 10_000 + Balance::from(i)))
			.collect();
		let committed = ProviderSlashing::stake_of(&provider).unwrap().committed;
		assert_eq!(committed, 50 * market::MinLeaseStake::get());
		// The provider goes silent past its heartbeat interval.
		run_to(System::block_number() + market::HeartbeatInterval::get() + 1);
		for lease_id in &leases {
			assert_ok!(call(
				RuntimeOrigin::signed(tenant.clone()),
				EscrowCall::close_lease { lease_id: *lease_id }
			));
			assert_eq!(close_reason(*lease_id), CloseReason::ProviderUnreachable);
		}
		let lost = bond - ProviderSlashing::stake_of(&provider).unwrap().total();
		assert_eq!(
			lost,
			50 * market::EarlyCloseSlash::get().mul_floor(market::MinLeaseStake::get())
		);
		let gain = worth(&tenant) as i128 - tenant_before as i128;
		println!(
			"sybil tenant, fifty one-planck leases closed unreachable: tenant's net gain {gain} planck; provider lost {lost} of {bond}"
		);
		assert!(gain <= 0, "the tenant gained {gain}");
	});
}

/// Why `lease_id` closed, from its `LeaseClosed` event.
fn close_reason(lease_id: LeaseId) -> CloseReason {
	System::events()
		.into_iter()
		.find_map(|record| match record.event {
			RuntimeEvent::LeaseEscrow(pallet_lease_escrow::Event::LeaseClosed {
				lease_id: closed,
				reason,
				..
			}) if closed == lease_id => Some(reason),
			_ => None,
		})
		.expect("the lease closed")
}

/// A provider holding as many leases as it may (`MaxLeasesPerAccount`, at
/// the real cap) bid a planck on any order: before, the predicate said it
/// could serve, `evictBid` refused with `BidCanBeServed`, `acceptBid`
/// failed and the window-end hook dropped the bid free. Now it cannot bid
/// at all, and a bid it placed before it filled up forfeits.
#[test]
fn a_provider_at_its_lease_cap_cannot_jam_an_order() {
	run(|| {
		three_providers();
		let cap: u32 = <Runtime as pallet_lease_escrow::Config>::MaxLeasesPerAccount::get();
		let jammer = funded(0xC0, 0, (Balance::from(cap) + 100) * market::MinLeaseStake::get() * 2);
		let accomplice = funded(0xC1, 0, 1_000 * UNIT);
		provider_with_room(
			&jammer,
			cap + 1,
			(Balance::from(cap) + 10) * market::MinLeaseStake::get(),
		);
		// Self-dealt leases at a planck a block fill it to one short of the
		// cap, each backed by its slice (one a block, so that their ready
		// windows end in different blocks).
		for i in 0..cap - 1 {
			self_dealt_lease(&accomplice, &jammer, None, 1, 10_000 + Balance::from(i));
			next_block();
		}
		// An honest order the jammer bids on while it still has room.
		let honest = create_order(Alice, MAX_PRICE, MAX_PRICE * 1_000);
		let other = create_order(Alice, MAX_PRICE, MAX_PRICE * 1_000);
		assert_ok!(call(
			RuntimeOrigin::signed(jammer.clone()),
			BidCall::place_bid { order_id: honest, price: 1 }
		));
		assert_ok!(bid(Bob, honest, MAX_PRICE));
		// One more fills it.
		self_dealt_lease(&accomplice, &jammer, None, 1, 20_000);
		assert_eq!(pallet_lease_escrow::ProviderLeaseCount::<Runtime>::get(&jammer), cap);
		// It can no longer bid: refused as the lease escrow would refuse
		// the lease.
		assert_noop!(
			call(
				RuntimeOrigin::signed(jammer.clone()),
				BidCall::place_bid { order_id: other, price: 1 }
			),
			pallet_lease_escrow::Error::<Runtime>::TooManyProviderLeases
		);
		// Its standing bid is evicted by anyone, at the price of a forfeit.
		let stake_before = ProviderSlashing::stake_of(&jammer).unwrap().total();
		assert_ok!(call(
			signed(Dave),
			BidCall::evict_bid { order_id: honest, provider: jammer.clone() }
		));
		assert_eq!(
			stake_before - ProviderSlashing::stake_of(&jammer).unwrap().total(),
			market::BidForfeit::get()
		);
		// The honest bid wins at the window's end.
		run_to(System::block_number() + bid_window() + 1);
		assert_eq!(lease(matched_lease(honest)).provider, Bob.to_account_id());
		assert!(!System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::BidMatching(pallet_bid_matching::Event::BidDropped { .. })
		)));
	});
}

/// The cross-pallet invariant of committed stake fires when a provider's
/// committed stake and its leases' slices disagree, and when a lease's
/// tenant was paid more than it paid.
#[test]
fn the_committed_stake_invariants_fire_on_corrupted_state() {
	run(|| {
		three_providers();
		let lease_id = open_lease(Alice, Bob, MAX_PRICE, MAX_PRICE * 1_000);
		let bob = Bob.to_account_id();
		let nudge = |by: i8| {
			pallet_provider_slashing::Bonds::<Runtime>::mutate(&bob, |bond| {
				let bond = bond.as_mut().expect("Bob is bonded");
				bond.committed = if by > 0 { bond.committed + 1 } else { bond.committed - 1 };
			})
		};
		nudge(-1);
		let broken = crate::invariants::check_market().unwrap_err();
		assert!(broken.contains("committed but its active leases' slices come to"), "{broken}");
		nudge(1);
		assert_eq!(crate::invariants::check_market(), Ok(()));

		pallet_lease_escrow::Leases::<Runtime>::mutate(lease_id, |lease| {
			let lease = lease.as_mut().expect("the lease runs");
			lease.stake.compensated = lease.tenant_spent + 1;
		});
		let broken = crate::invariants::check_market().unwrap_err();
		assert!(broken.contains("its tenant got"), "{broken}");
		pallet_lease_escrow::Leases::<Runtime>::mutate(lease_id, |lease| {
			lease.as_mut().expect("the lease runs").stake.compensated = 0;
		});
	});
}
