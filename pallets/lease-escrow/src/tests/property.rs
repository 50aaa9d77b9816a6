//! Properties over random sequences.
//!
//! - Conservation: opens, deposits, settlements, withdrawals, closes, claims
//!   and block advances never create or lose a planck, what is held equals
//!   what the records say, and once everything is closed and claimed every
//!   planck is back with a depositor or paid out. Each call's outcome, its
//!   success or its named error, is predicted by a model of the leases that
//!   does not read the pallet, and so is which leases are active after each
//!   step (the hook closes each at the block the model says it runs dry).
//! - Exact refunds: whatever the deposits and settlements, the tenant gets
//!   back at close what is left of its part and each third-party deposit of
//!   a closed lease gets back, one claim at a time, what spending the
//!   tenant's money first and then the others' deposits in order left of it,
//!   as a separate model computes it by replaying the settlements; and the
//!   refunds add up to `deposited − spent`.

use super::*;
use crate::ClosedLeases;
use polkadot_sdk::{
	frame_support::assert_ok,
	sp_runtime::{DispatchError, Perbill},
};
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

/// A lease as the conservation property predicts it, without reading the
/// pallet: because settlement takes whole blocks at a fixed price, a lease
/// opened at block `opened` that has taken `deposited` in all runs dry at
/// `opened + deposited / price`, whenever the deposits came in.
struct Expected {
	tenant: AccountId,
	price: Balance,
	opened: u64,
	deposited: Balance,
	closed: bool,
	/// Third-party deposits made, numbered from 0.
	others: u32,
	claimed: Vec<u32>,
}

impl Expected {
	fn active(&self, now: u64) -> bool {
		let runs_dry = self.opened + (self.deposited / self.price) as u64;
		!self.closed && now < runs_dry
	}
}

fn conservation(ops: Vec<Op>, take_rate: u32) {
	new_test_ext().execute_with(|| {
		set_take_rate(Perbill::from_percent(take_rate));
		let mut leases: Vec<(u64, Expected)> = Vec::new();
		// Everything that entered an escrow.
		let mut deposited: Balance = 0;
		let start = free_depositors() + total_escrow_held() + paid_out();
		let pick = |count: usize, i: usize| (count > 0).then(|| i % count);
		let unknown = || Err(Error::<Test>::UnknownLease.into());

		for op in ops {
			let now = System::block_number();
			let active = |leases: &Vec<(u64, Expected)>, who: Option<AccountId>| {
				leases
					.iter()
					.filter(|(_, l)| l.active(now) && who.is_none_or(|w| l.tenant == w))
					.count() as u32
			};
			match op {
				Op::Open { tenant, price, blocks, extra } => {
					let escrow = price * blocks + extra % price;
					let tenant = TENANTS[tenant];
					let expected: Result<u64, DispatchError> =
						if active(&leases, Some(tenant)) >= MAX_LEASES {
							Err(Error::<Test>::TooManyTenantLeases.into())
						} else if active(&leases, None) >= MAX_LEASES {
							Err(Error::<Test>::TooManyProviderLeases.into())
						} else {
							Ok(crate::NextLeaseId::<Test>::get())
						};
					let opened = hold_and_open(terms(tenant, PROVIDER, price, 5), escrow);
					assert_eq!(opened, expected);
					if let Ok(id) = opened {
						let lease = Expected {
							tenant,
							price,
							opened: now,
							deposited: escrow,
							closed: false,
							others: 0,
							claimed: Vec::new(),
						};
						leases.push((id, lease));
						deposited += escrow;
					}
				},
				Op::Deposit { lease, who, amount } => {
					let Some(i) = pick(leases.len(), lease) else { continue };
					let who = DEPOSITORS[who];
					let (id, expected) = &mut leases[i];
					let outcome = LeaseEscrow::deposit(RuntimeOrigin::signed(who), *id, amount);
					if !expected.active(now) {
						assert_eq!(outcome, unknown());
					} else if amount < MIN_DEPOSIT {
						assert_eq!(outcome, Err(Error::<Test>::DepositTooSmall.into()));
					} else {
						assert_ok!(outcome);
						expected.deposited += amount;
						if who != expected.tenant {
							expected.others += 1;
						}
						deposited += amount;
					}
				},
				Op::Settle { lease } => {
					let Some(i) = pick(leases.len(), lease) else { continue };
					let (id, expected) = &leases[i];
					let outcome = LeaseEscrow::settle(RuntimeOrigin::signed(BOB), *id);
					if expected.active(now) {
						assert_ok!(outcome);
					} else {
						assert_eq!(outcome.map(|_| ()).map_err(|e| e.error), unknown());
					}
				},
				Op::Withdraw { lease } => {
					let Some(i) = pick(leases.len(), lease) else { continue };
					let (id, expected) = &leases[i];
					let outcome = LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), *id);
					if expected.active(now) {
						assert_ok!(outcome);
					} else if ClosedLeases::<Test>::contains_key(id) {
						// Its provider was paid everything at close.
						assert_eq!(outcome, Err(Error::<Test>::NothingOwed.into()));
					} else {
						assert_eq!(outcome, unknown());
					}
				},
				Op::Close { lease, by_provider } => {
					let Some(i) = pick(leases.len(), lease) else { continue };
					let (id, expected) = &mut leases[i];
					let who = if by_provider { PROVIDER } else { expected.tenant };
					let outcome = LeaseEscrow::close_lease(RuntimeOrigin::signed(who), *id);
					if expected.active(now) {
						assert_ok!(outcome);
						expected.closed = true;
					} else {
						assert_eq!(outcome, unknown());
					}
				},
				Op::Claim { lease, index } => {
					let Some(i) = pick(leases.len(), lease) else { continue };
					let (id, expected) = &mut leases[i];
					let outcome = claim(BOB, *id, index).map_err(|e| e.error);
					if expected.active(now) {
						assert_eq!(outcome, Err(Error::<Test>::LeaseStillActive.into()));
					} else if index < expected.others && !expected.claimed.contains(&index) {
						assert_ok!(outcome);
						expected.claimed.push(index);
					} else {
						assert_eq!(outcome, Err(Error::<Test>::UnknownDeposit.into()));
					}
				},
				Op::Advance { blocks } => run_to_block(now + blocks),
			}

			// Nothing created or destroyed; every held planck is on record.
			check_invariants();
			// Money only moves between the depositors, the escrow holds, the
			// provider and the treasury.
			assert_eq!(start, free_depositors() + total_escrow_held() + paid_out());
			// Paid out never exceeds what was ever deposited.
			assert!(paid_out() <= deposited);
			// The pallet's active leases are the ones predicted, none paid
			// beyond now.
			let now = System::block_number();
			for (id, expected) in &leases {
				assert_eq!(Leases::<Test>::contains_key(id), expected.active(now), "lease {id}");
			}
			for (_, lease) in Leases::<Test>::iter() {
				assert!(lease.settled_up_to <= now);
			}
		}

		// Close everything and claim everything: nothing is left held.
		let now = System::block_number();
		for (id, expected) in &leases {
			let closed = <LeaseEscrow as LeaseManager<_, _, _>>::close(*id, CloseReason::ByTenant);
			if expected.active(now) {
				assert_ok!(closed);
			} else {
				assert_eq!(closed, unknown());
			}
		}
		let unclaimed: Vec<_> = crate::Deposits::<Test>::iter_keys().collect();
		let expected_unclaimed: u32 =
			leases.iter().map(|(_, l)| l.others - l.claimed.len() as u32).sum();
		assert_eq!(unclaimed.len() as u32, expected_unclaimed);
		for (id, index) in unclaimed {
			assert_ok!(claim(CHARLIE, id, index));
		}
		// And once nobody can report them any more, forget every record.
		run_to_block(System::block_number() + GRACE);
		let records: Vec<_> = ClosedLeases::<Test>::iter_keys().collect();
		assert_eq!(records.len(), leases.len());
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
					// At least the minimum, to a lease still open: it is taken.
					let who = POOL[who];
					assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(who), id, amount));
					model.settle(now);
					model.deposit(who, amount);
					put_in.push((who, amount));
				},
				Step::Advance { blocks } => run_to_block(now + blocks),
				Step::Settle => {
					assert_ok!(LeaseEscrow::settle(RuntimeOrigin::signed(NOBODY), id));
					model.settle(now);
				},
				Step::Withdraw => {
					assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
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
