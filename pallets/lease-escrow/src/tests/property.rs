//! Properties over random sequences.
//!
//! - Conservation: opens, deposits, settlements, withdrawals, closes, claims
//!   and block advances never create or lose a planck, what is held equals
//!   what the records say, and once everything is closed and claimed every
//!   planck is back with a depositor or paid out.
//! - Exact refunds: whatever the deposits and settlements, the tenant gets
//!   back at close what is left of its part and each third-party deposit of
//!   a closed lease gets back, one claim at a time, what spending the
//!   tenant's money first and then the others' deposits in order left of it,
//!   as a separate model computes it by replaying the settlements; and the
//!   refunds add up to `deposited − spent`.

use super::*;
use crate::ClosedLeases;
use polkadot_sdk::{frame_support::assert_ok, sp_runtime::Perbill};
use proptest::prelude::*;
use stratus_primitives::{CloseReason, LeaseManager};

const DEPOSITORS: [AccountId; 4] = [TENANT, ALICE, BOB, CHARLIE];
const TENANTS: [AccountId; 2] = [TENANT, ALICE];

/// What the provider and the treasury have received so far.
fn paid_out() -> Balance {
	free(PROVIDER) + free(TREASURY) - 2 * INITIAL
}

fn free_depositors() -> Balance {
	DEPOSITORS.iter().map(|w| free(*w)).sum()
}

#[derive(Clone, Debug)]
enum Op {
	Open { tenant: usize, price: Balance, blocks: Balance, extra: Balance },
	Deposit { lease: usize, who: usize, amount: Balance },
	Settle { lease: usize },
	Withdraw { lease: usize },
	Close { lease: usize, by_provider: bool },
	Claim { lease: usize, index: u32 },
	Advance { blocks: u64 },
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		(0..TENANTS.len(), 1..60u128, 1..25u128, 0..60u128)
			.prop_map(|(tenant, price, blocks, extra)| Op::Open { tenant, price, blocks, extra }),
		(any::<usize>(), 0..DEPOSITORS.len(), 0..400u128)
			.prop_map(|(lease, who, amount)| Op::Deposit { lease, who, amount }),
		any::<usize>().prop_map(|lease| Op::Settle { lease }),
		any::<usize>().prop_map(|lease| Op::Withdraw { lease }),
		(any::<usize>(), any::<bool>())
			.prop_map(|(lease, by_provider)| Op::Close { lease, by_provider }),
		(any::<usize>(), 0..6u32).prop_map(|(lease, index)| Op::Claim { lease, index }),
		(0..8u64).prop_map(|blocks| Op::Advance { blocks }),
	]
}

fn conservation(ops: Vec<Op>, take_rate: u32) {
	new_test_ext().execute_with(|| {
		set_take_rate(Perbill::from_percent(take_rate));
		let mut ids: Vec<u64> = Vec::new();
		// Everything that entered an escrow.
		let mut deposited: Balance = 0;
		let start = free_depositors() + total_escrow_held() + paid_out();
		let pick = |ids: &Vec<u64>, i: usize| ids.get(i % ids.len().max(1)).copied();

		for op in ops {
			match op {
				Op::Open { tenant, price, blocks, extra } => {
					let escrow = price * blocks + extra % price;
					let tenant = TENANTS[tenant];
					if let Ok(id) = hold_and_open(terms(tenant, PROVIDER, price, 5), escrow) {
						ids.push(id);
						deposited += escrow;
					}
				},
				Op::Deposit { lease, who, amount } => {
					if let Some(id) = pick(&ids, lease) {
						let who = DEPOSITORS[who];
						if LeaseEscrow::deposit(RuntimeOrigin::signed(who), id, amount).is_ok() {
							deposited += amount;
						}
					}
				},
				Op::Settle { lease } => {
					if let Some(id) = pick(&ids, lease) {
						let _ = LeaseEscrow::settle(RuntimeOrigin::signed(BOB), id);
					}
				},
				Op::Withdraw { lease } => {
					if let Some(id) = pick(&ids, lease) {
						let _ = LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id);
					}
				},
				Op::Close { lease, by_provider } => {
					if let Some(id) = pick(&ids, lease) {
						let who = match Leases::<Test>::get(id) {
							Some(l) if by_provider => l.provider,
							Some(l) => l.tenant,
							None => TENANT,
						};
						let _ = LeaseEscrow::close_lease(RuntimeOrigin::signed(who), id);
					}
				},
				Op::Claim { lease, index } => {
					if let Some(id) = pick(&ids, lease) {
						let _ = claim(BOB, id, index);
					}
				},
				Op::Advance { blocks } => run_to_block(System::block_number() + blocks),
			}

			// Nothing created or destroyed; every held planck is on record.
			check_invariants();
			// Money only moves between the depositors, the escrow holds, the
			// provider and the treasury.
			assert_eq!(start, free_depositors() + total_escrow_held() + paid_out());
			// Paid out never exceeds what was ever deposited.
			assert!(paid_out() <= deposited);
			// No active lease is paid beyond now.
			let now = System::block_number();
			for (_, lease) in Leases::<Test>::iter() {
				assert!(lease.settled_up_to <= now);
			}
		}

		// Close everything and claim everything: nothing is left held.
		for id in ids {
			let _ = <LeaseEscrow as LeaseManager<_, _, _>>::close(id, CloseReason::ByTenant);
		}
		let unclaimed: Vec<_> = crate::Deposits::<Test>::iter_keys().collect();
		for (id, index) in unclaimed {
			assert!(claim(CHARLIE, id, index).is_ok());
		}
		// And once nobody can report them any more, forget every record.
		run_to_block(System::block_number() + GRACE);
		let records: Vec<_> = ClosedLeases::<Test>::iter_keys().collect();
		for id in records {
			assert_ok!(LeaseEscrow::forget_lease(RuntimeOrigin::signed(CHARLIE), id));
		}
		check_invariants();
		assert_eq!(total_escrow_held(), 0);
		assert_eq!(ClosedLeases::<Test>::iter().count(), 0);
		assert_eq!(start, free_depositors() + paid_out());
	});
}

/// Accounts that top up in the refund property; the tenant is one of them,
/// so its top-ups interleave with the others'.
const POOL: [AccountId; 8] = [TENANT, ALICE, BOB, CHARLIE, 10, 11, 12, 13];

#[derive(Clone, Debug)]
enum Step {
	Deposit { who: usize, amount: Balance },
	Advance { blocks: u64 },
	Settle,
	Withdraw,
}

fn step() -> impl Strategy<Value = Step> {
	prop_oneof![
		3 => (0..POOL.len(), MIN_DEPOSIT..200u128)
			.prop_map(|(who, amount)| Step::Deposit { who, amount }),
		2 => (0..6u64).prop_map(|blocks| Step::Advance { blocks }),
		1 => Just(Step::Settle),
		1 => Just(Step::Withdraw),
	]
}

#[derive(Clone, Copy, Debug)]
enum Ending {
	ByTenant,
	ByProvider,
	BySlashing,
	RunDry,
}

fn ending() -> impl Strategy<Value = Ending> {
	prop_oneof![
		Just(Ending::ByTenant),
		Just(Ending::ByProvider),
		Just(Ending::BySlashing),
		Just(Ending::RunDry),
	]
}

/// The escrow of one lease as a separate model sees it: the tenant's money
/// as one amount, the third parties' deposits as a list, and settlement
/// replayed block by block: the tenant's money first, then the list in order.
struct Model {
	price: Balance,
	settled_up_to: u64,
	tenant_in: Balance,
	tenant_out: Balance,
	/// Third-party deposits, in order, with what is left of each.
	others: Vec<(AccountId, Balance, Balance)>,
}

impl Model {
	fn new(price: Balance, escrow: Balance, now: u64) -> Self {
		Self { price, settled_up_to: now, tenant_in: escrow, tenant_out: 0, others: Vec::new() }
	}

	fn left(&self) -> Balance {
		self.tenant_in - self.tenant_out + self.others.iter().map(|(_, _, l)| l).sum::<Balance>()
	}

	/// Pays for the blocks up to `now`, one at a time, while a whole block
	/// is funded.
	fn settle(&mut self, now: u64) {
		while self.settled_up_to < now && self.left() >= self.price {
			let mut to_take = self.price;
			let from_tenant = to_take.min(self.tenant_in - self.tenant_out);
			self.tenant_out += from_tenant;
			to_take -= from_tenant;
			for (_, _, left) in self.others.iter_mut() {
				let used = to_take.min(*left);
				*left -= used;
				to_take -= used;
			}
			assert_eq!(to_take, 0);
			self.settled_up_to += 1;
		}
	}

	fn deposit(&mut self, who: AccountId, amount: Balance) {
		if who == TENANT {
			self.tenant_in += amount;
		} else {
			self.others.push((who, amount, amount));
		}
	}

	fn spent(&self) -> Balance {
		self.tenant_out + self.others.iter().map(|(_, amount, left)| amount - left).sum::<Balance>()
	}

	fn deposited(&self) -> Balance {
		self.tenant_in + self.others.iter().map(|(_, amount, _)| amount).sum::<Balance>()
	}
}

#[allow(clippy::too_many_arguments)]
fn exact_refunds(
	price: Balance,
	blocks: Balance,
	extra: Balance,
	steps: Vec<Step>,
	ending: Ending,
	claim_keys: Vec<u64>,
	take_rate: u32,
) {
	new_test_ext().execute_with(|| {
		set_take_rate(Perbill::from_percent(take_rate));
		let escrow = price * blocks + extra % price;
		let id = open(price, escrow);
		let mut model = Model::new(price, escrow, System::block_number());
		// Everything each account put in.
		let mut put_in: Vec<(AccountId, Balance)> = vec![(TENANT, escrow)];

		for step in steps {
			if !Leases::<Test>::contains_key(id) {
				// It ran dry and the hook closed it.
				break;
			}
			let now = System::block_number();
			match step {
				Step::Deposit { who, amount } => {
					let who = POOL[who];
					if LeaseEscrow::deposit(RuntimeOrigin::signed(who), id, amount).is_ok() {
						model.settle(now);
						model.deposit(who, amount);
						put_in.push((who, amount));
					}
				},
				Step::Advance { blocks } => run_to_block(now + blocks),
				Step::Settle => {
					let _ = LeaseEscrow::settle(RuntimeOrigin::signed(NOBODY), id);
					model.settle(now);
				},
				Step::Withdraw => {
					assert!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id).is_ok());
					model.settle(now);
				},
			}
			if !Leases::<Test>::contains_key(id) {
				// Closed by a settle or the hook, paying no block beyond its
				// escrow.
				model.settle(System::block_number());
			}
			// What is owed is still held; only withdrawals and closing pay.
			assert!(paid_out() <= model.spent());
		}
		if let Some(lease) = Leases::<Test>::get(id) {
			match ending {
				Ending::ByTenant => {
					assert!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id).is_ok())
				},
				Ending::ByProvider => {
					assert!(LeaseEscrow::close_lease(RuntimeOrigin::signed(PROVIDER), id).is_ok())
				},
				Ending::BySlashing => assert!(<LeaseEscrow as LeaseManager<_, _, _>>::close(
					id,
					CloseReason::ProviderSlashed
				)
				.is_ok()),
				Ending::RunDry => run_to_block(lease.run_dry_at),
			}
		}
		assert!(!Leases::<Test>::contains_key(id));
		// Whenever it closed, no block was paid beyond its escrow.
		model.settle(System::block_number());

		// Closing paid out everything the settlements took.
		assert_eq!(paid_out(), model.spent());
		let tenant_refund = model.tenant_in - model.tenant_out;
		let expected: Vec<Balance> = model.others.iter().map(|(_, _, left)| *left).collect();
		assert_eq!(
			tenant_refund + expected.iter().sum::<Balance>(),
			model.deposited() - model.spent()
		);
		let (refunded, claimable) = events()
			.into_iter()
			.find_map(|e| match e {
				Event::LeaseClosed { refunded, claimable, .. } => Some((refunded, claimable)),
				_ => None,
			})
			.expect("the lease closed");
		assert_eq!(refunded, tenant_refund);
		assert_eq!(claimable, expected.iter().sum::<Balance>());

		// Claimed by a stranger, in a random order, one deposit at a time.
		let mut order: Vec<u32> = (0..model.others.len() as u32).collect();
		order.sort_by_key(|i| claim_keys[*i as usize % claim_keys.len()]);
		for index in order {
			let info = claim(NOBODY, id, index).expect("every deposit is claimable");
			assert_eq!(info.pays_fee, polkadot_sdk::frame_support::dispatch::Pays::No);
			let (who, _, _) = model.others[index as usize];
			assert_eq!(
				last_event(),
				Event::RefundClaimed {
					lease_id: id,
					index,
					depositor: who,
					amount: expected[index as usize]
				}
			);
		}

		for who in POOL {
			let paid: Balance = put_in.iter().filter(|(w, _)| *w == who).map(|(_, a)| a).sum();
			let mut back: Balance =
				model.others.iter().filter(|(w, _, _)| *w == who).map(|(_, _, l)| l).sum();
			if who == TENANT {
				back += tenant_refund;
			}
			assert_eq!(free(who), INITIAL - paid + back, "account {who}");
		}
		assert_eq!(escrow_held(TENANT), 0);
		assert_eq!(ClosedLeases::<Test>::get(id).map(|c| c.open_deposits), Some(0));
		assert_eq!(crate::Deposits::<Test>::iter_prefix(id).count(), 0);
		check_invariants();
	});
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(96))]

	#[test]
	fn escrow_is_conserved_over_random_sequences(
		ops in prop::collection::vec(op(), 1..60),
		take_rate in 0..=100u32,
	) {
		conservation(ops, take_rate);
	}

	#[test]
	fn each_refund_is_exact_and_they_add_up_to_what_is_left(
		price in 1..40u128,
		blocks in 1..20u128,
		extra in 0..40u128,
		steps in prop::collection::vec(step(), 0..40),
		ending in ending(),
		claim_keys in prop::collection::vec(any::<u64>(), 1..50),
		take_rate in 0..=100u32,
	) {
		exact_refunds(price, blocks, extra, steps, ending, claim_keys, take_rate);
	}
}
