//! Random sequences of calls, provider changes and blocks: a call either
//! succeeds or changes nothing, the invariants hold after every step, and in
//! the end every order has ended, no money was created or lost, and every
//! bond lost what its `BidForfeited` events say and nothing else.

use crate::{mock::*, *};
use polkadot_sdk::{
	frame_support::traits::fungible::Inspect,
	sp_io,
	sp_runtime::{DispatchError, StateVersion},
};

/// A small deterministic generator (xorshift), so failures replay.
struct Rng(u64);

impl Rng {
	fn below(&mut self, n: u64) -> u64 {
		self.0 ^= self.0 << 13;
		self.0 ^= self.0 >> 7;
		self.0 ^= self.0 << 17;
		self.0 % n
	}
	fn pick<T: Copy>(&mut self, from: &[T]) -> T {
		from[self.below(from.len() as u64) as usize]
	}
}

const TENANTS: [AccountId; 3] = [ALICE, BOB, P1];
/// Registered providers beyond P1..P5, so that books fill up and bids get
/// displaced.
const P6: AccountId = 16;
const P7: AccountId = 17;
const PROVIDERS: [AccountId; 8] = [P1, P2, P3, P4, P5, P6, P7, NOBODY];

fn total_money() -> Balance {
	ACCOUNTS.iter().map(<Balances as Inspect<AccountId>>::total_balance).sum()
}

/// Runs `call`; if it fails, checks it left storage untouched.
fn step(call: impl FnOnce() -> Result<(), DispatchError>) {
	let before = sp_io::storage::root(StateVersion::V1);
	if call().is_err() {
		assert_eq!(sp_io::storage::root(StateVersion::V1), before, "a failed call changed state");
	}
	check_invariants();
}

fn random_run(seed: u64) {
	let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
	register_provider(P6);
	register_provider(P7);
	let money = total_money();
	let bonds: Vec<Balance> = PROVIDERS.iter().map(|p| bond_of(*p)).collect();
	let hook_weight = HookWeight::get();
	for _ in 0..120 {
		// Mostly open orders and their bidders, sometimes anything at all.
		let open: Vec<u64> = Orders::<Test>::iter_keys().collect();
		// Half of the time the same order, so that its book fills up.
		let order_id = match rng.below(5) {
			_ if open.is_empty() => rng.below(NextOrderId::<Test>::get() + 1),
			0 => rng.below(NextOrderId::<Test>::get() + 1),
			1 | 2 => open.iter().copied().min().unwrap_or_default(),
			_ => rng.pick(&open),
		};
		let tenant = match Orders::<Test>::get(order_id) {
			Some(order) if rng.below(4) != 0 => order.tenant,
			_ => rng.pick(&TENANTS),
		};
		let bidders = book(order_id);
		let provider = if bidders.is_empty() || rng.below(2) == 0 {
			rng.pick(&PROVIDERS)
		} else {
			rng.pick(&bidders)
		};
		// With no open order, mostly open one.
		let action = if open.is_empty() && rng.below(4) != 0 { 0 } else { rng.below(14) };
		match action {
			0 => {
				let price = 1 + rng.below(MAX_PRICE);
				let window = 2 + rng.below(12);
				let budget = price * MIN_LEASE_BLOCKS as Balance + rng.below(50);
				step(|| {
					BidMatching::create_order(
						RuntimeOrigin::signed(tenant),
						MANIFEST,
						SMALL,
						attrs(&[("region", "eu")]),
						None,
						Default::default(),
						price,
						budget,
						window,
						STRA,
					)
				})
			},
			1..=7 => {
				// A few bids in a row, so that books fill up; any provider,
				// mostly within the order's maximum price, sometimes above.
				let max =
					Orders::<Test>::get(order_id).map_or(MAX_PRICE, |o| o.max_price_per_block);
				for _ in 0..1 + rng.below(3) {
					let bidder = rng.pick(&PROVIDERS);
					let price = 1 + rng.below(max + 1);
					step(|| place(bidder, order_id, price));
				}
			},
			8 => step(|| BidMatching::withdraw_bid(RuntimeOrigin::signed(provider), order_id)),
			9 => step(|| BidMatching::cancel_order(RuntimeOrigin::signed(tenant), order_id)),
			10 => {
				step(|| BidMatching::accept_bid(RuntimeOrigin::signed(tenant), order_id, provider))
			},
			11 => match rng.below(7) {
				0 => with_provider(provider, |p| p.jailed = !p.jailed),
				1 => with_provider(provider, |p| p.paused = !p.paused),
				2 => with_provider(provider, |p| p.reserved = Resources::ZERO),
				3 => with_provider(provider, |p| p.bonded = !p.bonded),
				4 => with_provider(provider, |p| p.reserved = CAPACITY),
				// Meter the hook tightly for a while.
				5 => match rng.below(3) {
					0 => super::allow_steps(1),
					1 => super::allow_steps(2),
					_ => HookWeight::set(&hook_weight),
				},
				_ => FailOpenLease::set(&(rng.below(3) == 0)),
			},
			12 => {
				let caller = rng.pick(&TENANTS);
				step(|| {
					BidMatching::evict_bid(RuntimeOrigin::signed(caller), order_id, provider)
						.map(|_| ())
						.map_err(|e| e.error)
				})
			},
			_ => run_to_block(System::block_number() + 1 + rng.below(3)),
		}
	}
	// Long enough for every window to end and the hook to conclude it all.
	HookWeight::set(&hook_weight);
	run_to_block(System::block_number() + 40);
	assert_eq!(Orders::<Test>::iter().count(), 0);
	assert_eq!(Expiries::<Test>::iter().count(), 0);
	for who in ACCOUNTS {
		assert_eq!(budget_held(who), 0);
		assert_eq!(held(HoldReason::OrderDeposit, who), 0);
	}
	// Budgets of matched orders went to the lease escrow, nothing else moved.
	let escrowed: Balance = Leases::get().iter().map(|l| l.escrow).sum();
	assert_eq!(free(ESCROW), INITIAL_BALANCE + escrowed);
	assert_eq!(total_money(), money);
	// A bond lost exactly what was forfeited of it.
	for (p, before) in PROVIDERS.iter().zip(bonds) {
		let forfeited: Balance =
			super::forfeits().into_iter().filter(|f| f.1 == *p).map(|f| f.3).sum();
		assert_eq!(bond_of(*p), before - forfeited, "bond of {p}");
	}
}

/// How often each outcome happened, so that the runs are known to reach
/// every path: created, bid, withdrawn, cancelled, matched, expired,
/// displaced, forfeited (by eviction or the hook), dropped at no cost.
fn outcomes() -> [u32; 9] {
	let mut seen = [0; 9];
	for record in System::events() {
		let RuntimeEvent::BidMatching(event) = record.event else { continue };
		let i = match event {
			Event::OrderCreated { .. } => 0,
			Event::BidPlaced { .. } => 1,
			Event::BidWithdrawn { .. } => 2,
			Event::OrderCancelled { .. } => 3,
			Event::OrderMatched { .. } => 4,
			Event::OrderExpired { .. } => 5,
			Event::BidDisplaced { .. } => 6,
			Event::BidForfeited { .. } => 7,
			Event::BidDropped { .. } => 8,
		};
		seen[i] += 1;
	}
	seen
}

#[test]
fn random_operations_keep_the_invariants_and_lose_no_money() {
	let mut total = [0u32; 9];
	for seed in 1..=40 {
		run_test(|| {
			random_run(seed);
			for (t, n) in total.iter_mut().zip(outcomes()) {
				*t += n;
			}
		});
	}
	assert!(total.iter().all(|n| *n >= 10), "some path was hardly reached: {total:?}");
}
