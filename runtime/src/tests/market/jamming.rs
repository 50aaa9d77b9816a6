//! The market under attack: a bid book filled with bids that cannot be
//! served keeps no honest bid out and costs the jammers, and orders that
//! fill the expiry queue neither keep an honest order out nor delay its
//! conclusion, and pay for the places they take.

use super::*;
use crate::configs::treasury::TreasuryAccount;
use frame_support::{
	assert_noop,
	dispatch::Pays,
	traits::{fungible::Mutate, tokens::Preservation},
};
use pallet_bid_matching::Event as MatchingEvent;
use sp_keyring::Sr25519Keyring::{Alice, Eve};

/// A fresh account, not a dev account.
fn account(tag: u8, i: u8) -> AccountId {
	let mut raw = [0u8; 32];
	raw[0] = tag;
	raw[1] = i;
	AccountId::from(raw)
}

/// `amount` from Alice to `who`.
fn fund(who: &AccountId, amount: Balance) {
	assert_ok!(<Balances as Mutate<AccountId>>::transfer(
		&Alice.to_account_id(),
		who,
		amount,
		Preservation::Preserve,
	));
}

fn max_bids() -> u32 {
	<Runtime as pallet_bid_matching::Config>::MaxBidsPerOrder::get()
}

/// `count` bonded providers in `eu-west`, each of which bids on `order_id`
/// at `price(i)` and then pauses: the bids stand in the book and none can
/// be served.
fn jam(order_id: OrderId, count: u32, price: impl Fn(u32) -> Balance) -> Vec<AccountId> {
	(0..count)
		.map(|i| {
			let who = account(0xA0, i as u8);
			fund(&who, market::MinProviderBond::get() + 100 * UNIT);
			register_and_bond_account(&who, "eu-west");
			let origin = RuntimeOrigin::signed(who.clone());
			assert_ok!(call(origin.clone(), BidCall::place_bid { order_id, price: price(i) }));
			assert_ok!(call(origin, RegistryCall::pause_provider {}));
			who
		})
		.collect()
}

fn stake(who: &AccountId) -> Balance {
	ProviderSlashing::stake_of(who).map_or(0, |bond| bond.total())
}

fn book(order_id: OrderId) -> Vec<AccountId> {
	BidMatching::bids(order_id).into_iter().map(|(who, _)| who).collect()
}

fn forfeited(order_id: OrderId, who: &AccountId) -> bool {
	has_event(MatchingEvent::BidForfeited {
		order_id,
		provider: who.clone(),
		reason: pallet_resource_registry::Error::<Runtime>::ProviderPaused.into(),
		forfeited: market::BidForfeit::get(),
	})
}

#[test]
fn a_cheaper_honest_bid_displaces_a_jammer_and_wins_over_the_cheaper_jammers() {
	run(|| {
		three_providers();
		let order_id = create_order(Alice, MAX_PRICE, MAX_PRICE * 1_000);
		let window_end = System::block_number() + bid_window();
		// Half the jammers bid the least possible, half the most.
		let half = max_bids() / 2;
		let jammers = jam(order_id, max_bids(), |i| if i < half { 1 } else { MAX_PRICE });
		assert_eq!(book(order_id).len() as u32, max_bids());

		// Bob undercuts the most expensive bid and takes its place.
		let honest = MAX_PRICE - 5;
		assert_ok!(bid(Bob, order_id, honest));
		let last = jammers.last().expect("jammers").clone();
		assert!(has_event(MatchingEvent::BidDisplaced {
			order_id,
			provider: last.clone(),
			price: MAX_PRICE,
			by: Bob.to_account_id(),
		}));
		assert!(!book(order_id).contains(&last));

		let (alice_free, treasury) = (free(Alice), treasury_free());
		run_to(window_end + 1);
		// Every jammer that ranked before Bob counted and could not serve:
		// each forfeited.
		let forfeit = market::BidForfeit::get();
		let bond = market::MinProviderBond::get();
		for who in &jammers[..half as usize] {
			assert!(forfeited(order_id, who));
			assert_eq!(stake(who), bond - forfeit);
		}
		// The jammers behind Bob (and the displaced one) never counted.
		for who in &jammers[half as usize..] {
			assert!(!forfeited(order_id, who));
			assert_eq!(stake(who), bond);
		}
		let lease_id = matched_lease(order_id);
		assert_eq!(lease(lease_id).provider, Bob.to_account_id());
		assert_eq!(lease(lease_id).price_per_block, honest);
		// The forfeits went to the treasury; the tenant got its deposit back.
		assert_eq!(free(Alice), alice_free + market::OrderDeposit::get());
		assert_eq!(treasury_free(), treasury + Balance::from(half) * forfeit);
	});
}

#[test]
fn a_book_of_the_cheapest_jammers_is_opened_by_evicting_one_for_free() {
	run(|| {
		three_providers();
		let order_id = create_order(Alice, MAX_PRICE, MAX_PRICE * 1_000);
		let window_end = System::block_number() + bid_window();
		let jammers = jam(order_id, max_bids(), |_| 1);

		// Nothing undercuts a price of one planck.
		assert_noop!(bid(Bob, order_id, 2), pallet_bid_matching::Error::<Runtime>::BidBookFull);
		// A servable bid cannot be evicted; a jammer's can, by anyone, free.
		let eve_free = free(Eve);
		let evicted = jammers[0].clone();
		let evict =
			|provider: AccountId| call(signed(Eve), BidCall::evict_bid { order_id, provider });
		let info = evict(evicted.clone()).expect("a paused bidder cannot serve");
		assert_eq!(info.pays_fee, Pays::No);
		assert_eq!(free(Eve), eve_free);
		assert!(forfeited(order_id, &evicted));
		assert_eq!(stake(&evicted), market::MinProviderBond::get() - market::BidForfeit::get());

		assert_ok!(bid(Bob, order_id, 2));
		assert_noop!(
			evict(Bob.to_account_id()),
			pallet_bid_matching::Error::<Runtime>::BidCanBeServed
		);

		// The hook forfeits as many bids a block as its budget affords
		// (about fifteen with the current weights): twenty take two blocks.
		run_to(window_end + 2);
		for who in &jammers {
			assert!(forfeited(order_id, who));
			assert_eq!(stake(who), market::MinProviderBond::get() - market::BidForfeit::get());
		}
		assert_eq!(lease(matched_lease(order_id)).provider, Bob.to_account_id());
	});
}

#[test]
fn junk_orders_filling_the_expiry_queue_cannot_keep_an_honest_order_out() {
	run(|| {
		three_providers();
		let admitted = BidMatching::expiries_admitted_per_block();
		let per_tenant = <Runtime as pallet_bid_matching::Config>::MaxOpenOrdersPerTenant::get();
		let depth = pallet_bid_matching::EXPIRY_SPILL_DEPTH;
		assert!(admitted > 1, "a slot admits more than one order");
		// Junk for every place of the honest order's slot and of the spill
		// depth after it but one: orders for the least resources and budget,
		// which nobody bids on, from as many tenants as that takes.
		let junk_count = (depth + 1) * admitted - 1;
		let tenants: Vec<AccountId> = (0..junk_count.div_ceil(per_tenant))
			.map(|i| {
				let who = account(0xC0, i as u8);
				fund(&who, 1_000 * UNIT);
				who
			})
			.collect();
		let mut junk = 0u32;
		let mut junk_order = |window: BlockNumber| {
			let tenant = &tenants[(junk / per_tenant) as usize];
			junk += 1;
			call(
				RuntimeOrigin::signed(tenant.clone()),
				BidCall::create_order {
					manifest: MANIFEST,
					resources: Resources { cpu_millicores: 1, ..Resources::ZERO },
					attributes: Default::default(),
					auditor: None,
					requirements: Default::default(),
					max_price_per_block: 1,
					budget: 10,
					bid_window: window,
					asset: MarketAsset::Native,
				},
			)
		};
		let treasury = TreasuryAccount::get();
		let treasury_before = Balances::free_balance(&treasury);
		let window = bid_window() + 1;
		let first_slot = System::block_number() + window;
		for _ in 0..junk_count {
			assert_ok!(junk_order(window));
		}
		for at in first_slot..first_slot + depth {
			assert_eq!(pallet_bid_matching::Expiries::<Runtime>::get(at).len() as u32, admitted);
		}
		// What the flood paid beyond fees: in each full slot, the places past
		// the first half (rounded down) cost k / n of a deposit, the k-th of
		// the n; the last slot is one place short.
		let deposit = market::OrderDeposit::get();
		let free_places = admitted / 2;
		let n = (admitted - free_places) as Balance;
		let full_slot: Balance = (1..=n).map(|k| deposit * k / n).sum();
		let paid = Balances::free_balance(&treasury) - treasury_before;
		assert_eq!(paid, full_slot * (depth as Balance + 1) - deposit);
		println!(
			"a slot admits {admitted}; filling one costs {full_slot} planck of surcharges \
			 ({} order deposits) beyond fees",
			full_slot as f64 / deposit as f64
		);

		// The honest order asks for the same window: it gets the last place,
		// that many blocks later, for one deposit.
		let alice = Alice.to_account_id();
		let before = Balances::free_balance(&alice);
		let order_id = create_order_as(&alice, MAX_PRICE, MAX_PRICE * 100, window);
		let order = pallet_bid_matching::Orders::<Runtime>::get(order_id).expect("open");
		let honest_slot = first_slot + depth;
		assert_eq!(order.window_end, honest_slot);
		assert_eq!(
			before - Balances::free_balance(&alice),
			MAX_PRICE * 100 + order.deposit + deposit,
			"budget, deposit and one deposit's surcharge"
		);
		assert_ok!(bid(Bob, order_id, MAX_PRICE));
		// Every place taken now: only then is an order refused.
		assert_noop!(junk_order(window), pallet_bid_matching::Error::<Runtime>::ExpiryQueueFull);

		run_to(honest_slot);
		assert!(pallet_bid_matching::Orders::<Runtime>::contains_key(order_id));
		next_block();
		// Concluded in the block after its window, with every junk order
		// expired.
		assert_eq!(lease(matched_lease(order_id)).provider, Bob.to_account_id());
		assert_eq!(pallet_bid_matching::Orders::<Runtime>::iter().count(), 0);
		assert_eq!(
			pallet_bid_matching::NextUnprocessedBlock::<Runtime>::get(),
			Some(honest_slot + 1)
		);
	});
}
