//! Each invariant `do_try_state` checks, shown able to fail: a chain with a
//! provider, an auditor and an audit, corrupted in one place, must fail
//! with that invariant's message and no other.

use super::*;
use polkadot_sdk::frame_support::{assert_ok, BoundedVec};

/// Alice registered and audited by Charlie, an auditor.
fn base() {
	register(ALICE);
	add_auditor(CHARLIE);
	assert_ok!(ResourceRegistry::audit_provider(
		RuntimeOrigin::signed(CHARLIE),
		ALICE,
		attrs(&[("gpu", "h100")]),
	));
}

/// `corrupt` applied to the base chain makes `do_try_state` fail with
/// `name`.
fn fires(name: &'static str, corrupt: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		base();
		assert_eq!(ResourceRegistry::do_try_state(), Ok(()), "the base chain holds");
		corrupt();
		assert_eq!(ResourceRegistry::do_try_state(), Err(name.into()), "{name}");
	});
}

fn alice(change: impl FnOnce(&mut ProviderInfoOf<Test>)) {
	Providers::<Test>::mutate(ALICE, |info| change(info.as_mut().expect("registered")));
}

fn liveness(change: impl FnOnce(&mut LivenessRecordOf<Test>)) {
	LivenessRecords::<Test>::mutate(ALICE, |l| change(l.as_mut().expect("a liveness record")));
}

#[test]
fn an_allocation_over_capacity() {
	fires("allocated exceeds capacity", || {
		alice(|info| info.allocated = Resources { gpu_units: info.capacity.gpu_units + 1, ..HALF })
	});
}

#[test]
fn a_key_declared_twice() {
	fires("provider declares a key twice", || {
		alice(|info| info.attributes = attrs(&[("gpu", "h100"), ("gpu", "a100")]))
	});
}

#[test]
fn a_deposit_that_differs_from_its_hold() {
	fires("held provider deposit differs from the record", || alice(|info| info.deposit += 1));
}

#[test]
fn a_registration_stamp_never_taken() {
	fires("a registration stamp was never taken", || {
		alice(|info| info.stamp = NextStamp::<Test>::get())
	});
}

#[test]
fn a_provider_without_liveness() {
	fires("a provider without liveness", || LivenessRecords::<Test>::remove(ALICE));
}

#[test]
fn a_heartbeat_in_the_future() {
	fires("a heartbeat before the registration or in the future", || {
		liveness(|l| l.last_heartbeat = System::block_number() + 1)
	});
}

#[test]
fn a_maintenance_window_ending_before_it_starts() {
	fires("a maintenance window ends before it starts", || {
		liveness(|l| l.maintenance = Some(MaintenanceWindow { from: 10, to: 9 }))
	});
}

#[test]
fn a_provider_count_that_differs() {
	fires("ProviderCount differs from the map", || ProviderCount::<Test>::put(2));
}

#[test]
fn liveness_of_nobody() {
	fires("a liveness record without a provider", || {
		let record = LivenessRecords::<Test>::get(ALICE).expect("Alice's");
		LivenessRecords::<Test>::insert(BOB, record)
	});
}

#[test]
fn auditors_out_of_order() {
	fires("auditors not sorted and unique", || {
		let set = Auditors::<Test>::get();
		let dave = Auditor { account: DAVE, admitted: 0 };
		Auditors::<Test>::put(BoundedVec::truncate_from(vec![dave, set[0].clone()]))
	});
}

#[test]
fn an_admission_stamp_never_taken() {
	fires("an admission stamp was never taken", || {
		Auditors::<Test>::mutate(|set| set[0].admitted = NextStamp::<Test>::get())
	});
}

#[test]
fn an_audit_stamp_never_taken() {
	fires("an audit stamp was never taken", || {
		Audits::<Test>::mutate(ALICE, CHARLIE, |audit| {
			audit.as_mut().expect("the audit").stamp = NextStamp::<Test>::get()
		})
	});
}

#[test]
fn a_running_total_that_differs_from_the_audits() {
	fires("auditor's running total differs from its audits", || {
		AuditorDeposits::<Test>::mutate(CHARLIE, |total| *total += 1)
	});
}

#[test]
fn a_held_audit_deposit_that_differs() {
	fires("held audit deposit differs from the running total", || {
		Audits::<Test>::mutate(ALICE, CHARLIE, |audit| {
			audit.as_mut().expect("the audit").deposit += 1
		});
		AuditorDeposits::<Test>::mutate(CHARLIE, |total| *total += 1)
	});
}

#[test]
fn audits_with_no_running_total() {
	fires("an auditor with audits has no running total", || {
		AuditorDeposits::<Test>::remove(CHARLIE)
	});
}
