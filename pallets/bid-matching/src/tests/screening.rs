//! Screening an order against the providers (`screen_order`): the same
//! predicate as bidding, a count for each reason, bounded pages.

use crate::{mock::*, views::*, *};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::Get},
	sp_runtime::Perbill,
};
use stratus_primitives::TrackRequirements;

/// What the screened orders require of a track record.
const RECORD: TrackRequirements =
	TrackRequirements { min_score: Perbill::from_percent(60), min_completed: 2 };

/// Accounts beyond the mock's named providers, one per reason to exclude.
const SHORT_RECORD: AccountId = 41;
const FULL: AccountId = 42;
const FOREIGN: AccountId = 43;
const UNAUDITED: AccountId = 44;
const JAILED_AND_PAUSED: AccountId = 45;

/// Registers a provider for every reason the predicate has, and two that
/// can serve (`P5`, `P1` below); returns the expected counts.
fn provider_for_each_reason() -> ExclusionCounts {
	for who in [P1, P2, P3, P4, P5, SHORT_RECORD, FULL, FOREIGN, UNAUDITED, JAILED_AND_PAUSED] {
		register_provider(who);
		with_provider(who, |p| {
			p.completed = 3;
			p.score = Perbill::from_percent(80);
		});
	}
	with_provider(P2, |p| p.jailed = true);
	with_provider(P3, |p| p.paused = true);
	with_provider(P4, |p| p.unreachable = true);
	with_provider(P5, |p| p.bonded = false);
	with_provider(SHORT_RECORD, |p| p.completed = 1);
	with_provider(FULL, |p| p.reserved = CAPACITY);
	with_provider(FOREIGN, |p| p.attributes = vec![(b"region".to_vec(), b"us".to_vec())]);
	with_provider(UNAUDITED, |p| p.auditors.clear());
	// Counted once, for the first check it fails.
	with_provider(JAILED_AND_PAUSED, |p| {
		p.jailed = true;
		p.paused = true;
	});
	ExclusionCounts {
		jailed: 2,
		paused: 1,
		unreachable: 1,
		bond: 1,
		track_record: 1,
		capacity: 1,
		attribute: 1,
		auditor: 1,
	}
}

/// Screens the audited order's terms with [`RECORD`], from `start_after`.
fn screen(start_after: Option<AccountId>, limit: u32) -> ScreenViewOf<Test> {
	BidMatching::screen_order(
		SMALL,
		attrs(&[("region", "eu"), ("tier", "gold")]),
		Some(AUDITOR),
		MAX_PRICE,
		RECORD,
		start_after,
		limit,
	)
	.expect("the terms are valid")
}

/// Every page from the first, following `next`.
fn all_pages(limit: u32) -> Vec<ScreenViewOf<Test>> {
	let mut pages = vec![screen(None, limit)];
	while let Some(next) = pages.last().and_then(|p| p.next) {
		pages.push(screen(Some(next), limit));
	}
	pages
}

#[test]
fn counts_each_provider_once_for_the_first_check_it_fails() {
	run_test(|| {
		let expected = provider_for_each_reason();
		let pages = all_pages(<Test as Config>::MaxScreenPage::get());
		// Ten providers, four a page.
		assert_eq!(pages.iter().map(|p| p.screened).collect::<Vec<_>>(), vec![4, 4, 2]);
		assert!(pages.iter().all(|p| p.total == 10));
		let mut counts = ExclusionCounts::default();
		let mut eligible = Vec::new();
		for page in &pages {
			assert_eq!(page.eligible.len() as u32 + page.excluded.total(), page.screened);
			let e = page.excluded;
			counts.jailed += e.jailed;
			counts.paused += e.paused;
			counts.unreachable += e.unreachable;
			counts.bond += e.bond;
			counts.track_record += e.track_record;
			counts.capacity += e.capacity;
			counts.attribute += e.attribute;
			counts.auditor += e.auditor;
			eligible.extend(page.eligible.iter().copied());
		}
		assert_eq!(counts, expected);
		assert_eq!(eligible, vec![P1]);
	});
}

#[test]
fn agrees_with_placing_a_bid_for_every_provider() {
	run_test(|| {
		provider_for_each_reason();
		let order_id = super::audited_order_requiring(ALICE, RECORD);
		let order = Orders::<Test>::get(order_id).unwrap();
		let eligible: Vec<AccountId> =
			all_pages(2).into_iter().flat_map(|page| page.eligible).collect();
		for who in [P1, P2, P3, P4, P5, SHORT_RECORD, FULL, FOREIGN, UNAUDITED, JAILED_AND_PAUSED] {
			let served = BidMatching::ensure_can_serve(&who, &order, MAX_PRICE);
			let bid = BidMatching::place_bid(RuntimeOrigin::signed(who), order_id, MAX_PRICE);
			assert_eq!(bid.map(|_| ()).map_err(|e| e.error), served, "provider {who}");
			assert_eq!(served.is_ok(), eligible.contains(&who), "provider {who}");
		}
	});
}

#[test]
fn names_the_error_a_bid_would_fail_with() {
	run_test(|| {
		provider_for_each_reason();
		let wants = |auditor| {
			let attributes = attrs(&[("region", "eu"), ("tier", "gold")]);
			(attributes, auditor)
		};
		let (attributes, auditor) = wants(Some(AUDITOR));
		let terms = types::Wants::new(&SMALL, &attributes, auditor.as_ref(), &RECORD, None);
		let refused = |who| BidMatching::screen_provider(&who, &terms).unwrap_err();
		assert_eq!(refused(P2).error, PROVIDER_JAILED);
		assert_eq!(refused(P3).error, PROVIDER_PAUSED);
		assert_eq!(refused(P4).error, PROVIDER_UNREACHABLE);
		assert_eq!(refused(P5).error, NOT_BONDED);
		assert_eq!(refused(SHORT_RECORD).error, TOO_FEW_COMPLETED);
		assert_eq!(refused(FULL).error, Error::<Test>::InsufficientCapacity.into());
		assert_eq!(refused(FOREIGN).error, Error::<Test>::AttributesNotSatisfied.into());
		assert_eq!(refused(UNAUDITED).error, Error::<Test>::AttributesNotSatisfied.into());
		assert_eq!(refused(NOBODY).reason, stratus_primitives::Exclusion::Unregistered);
		assert_eq!(refused(NOBODY).error, NOT_REGISTERED);

		// Without an auditor the unaudited provider serves.
		let (attributes, auditor) = wants(None);
		let terms = types::Wants::new(&SMALL, &attributes, auditor.as_ref(), &RECORD, None);
		assert_ok!(BidMatching::screen_provider(&UNAUDITED, &terms));
	});
}

#[test]
fn an_attribute_nobody_declares_excludes_everyone_for_it() {
	run_test(|| {
		// P1..P5 are registered; P5 has not bonded and fails that first.
		let screen_gpu = |start_after| {
			BidMatching::screen_order(
				SMALL,
				attrs(&[("gpu", "h100")]),
				None,
				MAX_PRICE,
				Default::default(),
				start_after,
				10,
			)
			.unwrap()
		};
		let first = screen_gpu(None);
		assert!(first.eligible.is_empty());
		assert_eq!(first.excluded, ExclusionCounts { attribute: 4, ..Default::default() });
		assert_eq!((first.screened, first.total, first.next), (4, 5, Some(P4)));
		let last = screen_gpu(first.next);
		assert_eq!(last.excluded, ExclusionCounts { bond: 1, ..Default::default() });
		assert_eq!((last.screened, last.next), (1, None));
	});
}

#[test]
fn pages_are_bounded_and_end_with_no_next() {
	run_test(|| {
		for who in [P1, P2, P3, P4, P5] {
			with_provider(who, |p| {
				p.bonded = true;
				p.completed = 3;
				p.score = Perbill::from_percent(80);
			});
		}
		// Capped at MaxScreenPage (4): the fifth is on the next page.
		let first = screen(None, 100);
		assert_eq!(first.eligible, vec![P1, P2, P3, P4]);
		assert_eq!(first.next, Some(P4));
		let second = screen(first.next, 100);
		assert_eq!((second.eligible, second.next), (vec![P5], None));
		// A page that ends exactly at the last provider has no next.
		let exact = screen(Some(P1), 4);
		assert_eq!((exact.screened, exact.next), (4, None));
		// A limit of zero screens one, so that paging always moves on.
		let one = screen(None, 0);
		assert_eq!((one.screened, one.next), (1, Some(P1)));

		// With no provider, an empty last page.
		Providers::set(&vec![]);
		assert_eq!(
			screen(None, 10),
			ScreenView {
				eligible: vec![],
				screened: 0,
				excluded: Default::default(),
				next: None,
				total: 0,
			}
		);
	});
}

#[test]
fn refuses_the_terms_create_order_refuses() {
	run_test(|| {
		register_provider(P1);
		let screen_with = |resources, attributes, max_price| {
			BidMatching::screen_order(
				resources,
				attributes,
				None,
				max_price,
				Default::default(),
				None,
				10,
			)
		};
		assert_noop!(
			screen_with(Resources::ZERO, attrs(&[]), MAX_PRICE),
			Error::<Test>::NoResources
		);
		assert_noop!(screen_with(SMALL, attrs(&[]), 0), Error::<Test>::ZeroPrice);
		assert_noop!(
			screen_with(SMALL, attrs(&[("region", "eu"), ("region", "us")]), MAX_PRICE),
			Error::<Test>::DuplicateAttribute
		);
		assert_ok!(screen_with(SMALL, attrs(&[]), MAX_PRICE));
	});
}
