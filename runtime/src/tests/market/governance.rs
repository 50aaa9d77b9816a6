//! Governance of the marketplace: the take rate and the treasury account the
//! money pallets pay.

use super::*;
use crate::configs::parameters::RuntimeParameters;
use frame_support::assert_noop;
use sp_keyring::Sr25519Keyring::Alice;
use sp_runtime::DispatchError;

#[test]
fn governance_changes_the_take_rate_and_nobody_else_may() {
	run(|| {
		three_providers();
		let default_rate = market::TakeRate::get();
		let new_rate = Perbill::from_percent(10);
		assert_ne!(default_rate, new_rate);
		let set_rate = pallet_market_parameters::Call::<Runtime>::set_parameter {
			key_value: RuntimeParameters::Market(market::Parameters::TakeRate(
				market::TakeRate,
				Some(new_rate),
			)),
		};
		// Alice holds the sudo key and sits on the Council, but her signature
		// alone is neither root nor a Council majority.
		assert_noop!(call(signed(Alice), set_rate.clone()), DispatchError::BadOrigin);
		assert_noop!(call(council(1), set_rate.clone()), DispatchError::BadOrigin);

		let budget = MAX_PRICE * 1_000;
		let lease_id = open_lease(Alice, Bob, MAX_PRICE, budget);
		let started = System::block_number();
		run_to(started + 10);
		let treasury = treasury_free();
		assert_ok!(call(signed(Bob), EscrowCall::withdraw { lease_id }));
		assert_eq!(treasury_free(), treasury + default_rate.mul_floor(MAX_PRICE * 10));

		assert_ok!(call(RuntimeOrigin::root(), set_rate));
		assert_eq!(market::TakeRate::get(), new_rate);
		run_to(started + 20);
		let (treasury, bob_free) = (treasury_free(), free(Bob));
		assert_ok!(call(signed(Bob), EscrowCall::withdraw { lease_id }));
		let to_treasury = new_rate.mul_floor(MAX_PRICE * 10);
		assert_eq!(treasury_free(), treasury + to_treasury);
		assert_eq!(free(Bob), bob_free + MAX_PRICE * 10 - to_treasury);
	});
}

#[test]
fn both_money_pallets_pay_the_treasury_the_chain_keeps() {
	run(|| {
		let treasury = Treasury::account_id();
		assert_eq!(<Runtime as pallet_lease_escrow::Config>::Treasury::get(), treasury);
		assert_eq!(<Runtime as pallet_provider_slashing::Config>::Treasury::get(), treasury);
		// Payments below the existential deposit need the account to exist.
		assert!(Balances::free_balance(&treasury) >= EXISTENTIAL_DEPOSIT);
	});
}
