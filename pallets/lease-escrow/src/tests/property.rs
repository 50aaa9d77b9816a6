//! Random sequences of opens, deposits, settlements, withdrawals, closes and
//! block advances: after every step no planck is created or lost, what is
//! held equals what the records say, and the invariants hold.

use super::*;
use polkadot_sdk::sp_runtime::Perbill;
use proptest::prelude::*;
use stratus_primitives::LeaseManager;

const DEPOSITORS: [AccountId; 4] = [TENANT, ALICE, BOB, CHARLIE];
const TENANTS: [AccountId; 2] = [TENANT, ALICE];

#[derive(Clone, Debug)]
enum Op {
	Open { tenant: usize, price: Balance, blocks: Balance, extra: Balance },
	Deposit { lease: usize, who: usize, amount: Balance },
	Settle { lease: usize },
	Withdraw { lease: usize },
	Close { lease: usize, by_provider: bool },
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
		(0..8u64).prop_map(|blocks| Op::Advance { blocks }),
	]
}

/// What the provider and the treasury have received so far.
fn paid_out() -> Balance {
	free(PROVIDER) + free(TREASURY) - 2 * INITIAL
}

fn run(ops: Vec<Op>, take_rate: u32) {
	new_test_ext().execute_with(|| {
		set_take_rate(Perbill::from_percent(take_rate));
		let mut ids: Vec<u64> = Vec::new();
		// Everything that entered the escrow, and everything refunded.
		let mut deposited: Balance = 0;
		let pick = |ids: &Vec<u64>, i: usize| ids.get(i % ids.len().max(1)).copied();

		for op in ops {
			let held_before = total_escrow_held();
			let paid_before = paid_out();
			let free_depositors_before: Balance = DEPOSITORS.iter().map(|w| free(*w)).sum();
			match op {
				Op::Open { tenant, price, blocks, extra } => {
					let escrow = price * blocks + extra % price;
					let tenant = TENANTS[tenant];
					if let Ok(id) = <LeaseEscrow as LeaseManager<_, _, _>>::open_lease(
						terms(tenant, PROVIDER, price, 5),
						escrow,
					) {
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
				Op::Advance { blocks } => run_to_block(System::block_number() + blocks),
			}

			// Nothing created or destroyed; every held planck is on record.
			check_invariants();
			// Money only moves between the depositors, the escrow, the provider
			// and the treasury: held before + what came in = paid + refunded +
			// held after.
			let free_depositors_after: Balance = DEPOSITORS.iter().map(|w| free(*w)).sum();
			assert_eq!(
				free_depositors_before + held_before + paid_before,
				free_depositors_after + total_escrow_held() + paid_out(),
			);
			// Paid out never exceeds what was ever deposited.
			assert!(paid_out() <= deposited);
			// No active lease is paid beyond now.
			let now = System::block_number();
			for (_, lease) in Leases::<Test>::iter() {
				assert!(lease.settled_up_to <= now);
			}
		}
	});
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(96))]

	#[test]
	fn escrow_is_conserved_over_random_sequences(
		ops in prop::collection::vec(op(), 1..60),
		take_rate in 0..=100u32,
	) {
		run(ops, take_rate);
	}
}
