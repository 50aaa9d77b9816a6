//! Reading leases: live figures and paged lists.

use super::*;
use crate::LeaseView;
use polkadot_sdk::frame_support::assert_ok;

#[test]
fn lease_view_shows_live_figures_without_settling() {
	run_test(|| {
		let id = open(100, 1_000);
		run_to_block(5);
		let view = LeaseEscrow::lease_view(id).unwrap();
		assert_eq!(
			view,
			LeaseView {
				lease_id: id,
				order_id: 7,
				tenant: TENANT,
				provider: PROVIDER,
				asset: STRA,
				resources: RESOURCES,
				price_per_block: 100,
				min_term: 10,
				manifest: MANIFEST,
				state: LeaseState::Active { billing_from: 1 },
				started_at: 1,
				settled_up_to: 1,
				balance: 1_000,
				owed_now: 400,
				owed_to_provider: 0,
				run_dry_at: 11,
				blocks_left: 6,
				deposits: 0,
			}
		);
		// Reading changed nothing.
		assert_eq!(free(PROVIDER), INITIAL);

		assert_ok!(LeaseEscrow::settle(RuntimeOrigin::signed(BOB), id));
		let view = LeaseEscrow::lease_view(id).unwrap();
		assert_eq!((view.balance, view.owed_now, view.settled_up_to), (600, 0, 5));
		// What settling accrued, until the provider withdraws it.
		assert_eq!(view.owed_to_provider, 360);
		assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(LeaseEscrow::lease_view(id).unwrap().owed_to_provider, 0);

		// Owed is capped by the escrow.
		System::set_block_number(40);
		assert_eq!(LeaseEscrow::lease_view(id).unwrap().owed_now, 600);
		System::set_block_number(5);
		assert_eq!(LeaseEscrow::lease_view(id + 1), None);

		// A third party's top-up is a deposit record, and more balance; the
		// tenant's is more balance only.
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 300));
		let view = LeaseEscrow::lease_view(id).unwrap();
		assert_eq!((view.balance, view.deposits, view.run_dry_at), (900, 1, 14));
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(TENANT), id, 100));
		let view = LeaseEscrow::lease_view(id).unwrap();
		assert_eq!((view.balance, view.deposits, view.run_dry_at), (1_000, 1, 15));

		// A closed lease has no view, even with deposits left to claim.
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		assert_eq!(LeaseEscrow::lease_view(id), None);
	});
}

#[test]
fn leases_are_listed_by_tenant_and_provider_in_pages() {
	run_test(|| {
		let mut mine: Vec<_> = (0..5).map(|_| open_with(TENANT, PROVIDER, 10, 100)).collect();
		let other = open_with(ALICE, BOB, 10, 100);

		// Pages are capped by MaxPageSize, whatever the limit asked.
		let first = LeaseEscrow::leases_by_tenant(&TENANT, None, 100);
		assert_eq!(first.len() as u32, MAX_PAGE);
		let after = first.last().map(|v| v.lease_id);
		let second = LeaseEscrow::leases_by_tenant(&TENANT, after, 100);
		assert_eq!(second.len(), 2);
		let after = second.last().map(|v| v.lease_id);
		assert!(LeaseEscrow::leases_by_tenant(&TENANT, after, 100).is_empty());

		let mut listed: Vec<_> = first.iter().chain(second.iter()).map(|v| v.lease_id).collect();
		listed.sort();
		mine.sort();
		assert_eq!(listed, mine);
		assert!(first.iter().chain(second.iter()).all(|v| v.tenant == TENANT));

		assert_eq!(LeaseEscrow::leases_by_tenant(&TENANT, None, 1).len(), 1);
		assert_eq!(
			LeaseEscrow::leases_by_provider(&BOB, None, 10)
				.into_iter()
				.map(|v| v.lease_id)
				.collect::<Vec<_>>(),
			vec![other]
		);
		assert_eq!(LeaseEscrow::leases_by_provider(&PROVIDER, None, 10).len() as u32, MAX_PAGE);
		assert!(LeaseEscrow::leases_by_tenant(&CHARLIE, None, 10).is_empty());
	});
}
