//! What the calls do: orders, the bid book, and matching an order with a
//! bid, by the tenant's choice here or by the hook (`hooks.rs`).

use crate::{hooks::ExpiryQueue, pallet::*, types::*, EXPIRY_SPILL_DEPTH, LOG_TARGET};
use alloc::collections::BTreeSet;
use polkadot_sdk::{frame_support, frame_system, sp_runtime};

use frame_support::{
	ensure,
	traits::{
		fungibles::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Contains, Get,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{CheckedAdd, CheckedMul, One, SaturatedConversion, Saturating, Zero},
	DispatchError, DispatchResult,
};
use stratus_primitives::{
	deposit_in, queue, BidForfeit, Exclusion, LeaseId, LeaseManager, LeaseTerms, ManifestHash,
	OrderId, ProviderEligibility, ProviderStake, Refusal, Resources, TrackRequirements,
};

/// What placing a bid checked, which its weight depends on: the order's
/// required attributes, 1 if it names an auditor (0 if not), and 1 if it
/// requires a track record (0 if not).
pub(crate) struct BidChecks {
	pub attributes: u32,
	pub auditor: u32,
	pub record: u32,
}

impl<T: Config> Pallet<T> {
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_create_order(
		tenant: T::AccountId,
		asset: T::AssetKind,
		manifest: ManifestHash,
		resources: Resources,
		attributes: RequiredAttributesOf<T>,
		auditor: Option<T::AccountId>,
		requirements: TrackRequirements,
		max_price_per_block: BalanceOf<T>,
		budget: BalanceOf<T>,
		bid_window: BlockNumberFor<T>,
	) -> Result<OrderId, DispatchError> {
		ensure!(!manifest.is_zero(), Error::<T>::NoManifest);
		ensure!(!resources.is_zero(), Error::<T>::NoResources);
		ensure!(!max_price_per_block.is_zero(), Error::<T>::ZeroPrice);
		ensure!(
			bid_window >= T::MinBidWindow::get() && bid_window <= T::MaxBidWindow::get(),
			Error::<T>::BidWindowOutOfRange
		);
		let min_budget = max_price_per_block
			.checked_mul(&BalanceOf::<T>::from(T::MinLeaseBlocks::get()))
			.ok_or(Error::<T>::Overflow)?;
		ensure!(budget >= min_budget, Error::<T>::BudgetTooLow);
		Self::ensure_distinct_keys(&attributes)?;
		let open = OpenOrderCount::<T>::get(&tenant);
		ensure!(open < T::MaxOpenOrdersPerTenant::get(), Error::<T>::TooManyOpenOrders);
		ensure!(T::AcceptedAssets::contains(&asset), Error::<T>::AssetNotAccepted);
		let deposit = deposit_in::<T::Rates, _, _>(T::OrderDeposit::get(), asset.clone())
			.ok_or(Error::<T>::NoRate)?;

		let now = frame_system::Pallet::<T>::block_number();
		let wanted_end = now.checked_add(&bid_window).ok_or(Error::<T>::Overflow)?;
		let order_id = NextOrderId::<T>::get();
		let next_id = order_id.checked_add(1).ok_or(Error::<T>::Overflow)?;

		let (window_end, fill) = Self::schedule_expiry(wanted_end, order_id)?;
		// Nothing can have ended before the first order.
		queue::start_cursor::<ExpiryQueue<T>>(now);

		let admission_fee = Self::admission_surcharge(fill, deposit);
		if !admission_fee.is_zero() {
			// Held first so that it is paid from what the tenant may spend.
			let reason = HoldReason::OrderDeposit.into();
			T::Funds::hold(asset.clone(), &reason, &tenant, admission_fee)?;
			T::Funds::transfer_on_hold(
				asset.clone(),
				&reason,
				&tenant,
				&T::Treasury::get(),
				admission_fee,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Polite,
			)?;
		}
		T::Leases::hold_budget(&tenant, &asset, budget)?;
		T::Funds::hold(asset.clone(), &HoldReason::OrderDeposit.into(), &tenant, deposit)?;

		NextOrderId::<T>::put(next_id);
		OrdersByTenant::<T>::insert(&tenant, order_id, ());
		OpenOrderCount::<T>::insert(&tenant, open.saturating_add(1));
		Orders::<T>::insert(
			order_id,
			Order {
				tenant: tenant.clone(),
				asset: asset.clone(),
				resources,
				manifest,
				attributes,
				auditor,
				requirements,
				max_price_per_block,
				budget,
				deposit,
				created_at: now,
				window_end,
				bids: Default::default(),
				bids_placed: 0,
			},
		);
		Self::deposit_event(Event::OrderCreated {
			order_id,
			tenant,
			asset,
			resources,
			max_price_per_block,
			budget,
			window_end,
			manifest,
			admission_fee,
		});
		Ok(order_id)
	}

	/// Queues `order_id` to be concluded after the block `wanted`, or after
	/// the first later block whose expiry slot has room, at most
	/// [`EXPIRY_SPILL_DEPTH`] blocks later. Returns that block, the order's
	/// window end, and how many orders its slot held before.
	fn schedule_expiry(
		wanted: BlockNumberFor<T>,
		order_id: OrderId,
	) -> Result<(BlockNumberFor<T>, u32), DispatchError> {
		let admitted = Self::expiries_admitted_per_block() as usize;
		let mut at = wanted;
		for _ in 0..=EXPIRY_SPILL_DEPTH {
			let mut fill = 0;
			let queued = Expiries::<T>::try_mutate(at, |slot| {
				fill = slot.len() as u32;
				queue::push_if_room(slot, order_id, admitted)
			});
			if queued.is_ok() {
				return Ok((at, fill));
			}
			at = at.checked_add(&One::one()).ok_or(Error::<T>::Overflow)?;
		}
		Err(Error::<T>::ExpiryQueueFull.into())
	}

	/// What entering an expiry slot that holds `fill` orders costs on top
	/// of the order `deposit` (both in the order's asset): nothing for the
	/// first half of the slot's places
	/// ([`Self::expiries_admitted_per_block`], rounded down); past that,
	/// the `k`-th place of the `n` left costs `deposit × k / n` (rounded
	/// down), so the last place costs one deposit. It is not returned: a
	/// flood pays it for every order it keeps in the queue.
	pub fn admission_surcharge(fill: u32, deposit: BalanceOf<T>) -> BalanceOf<T> {
		let admitted = Self::expiries_admitted_per_block();
		let free = admitted / 2;
		let places = admitted.saturating_sub(free).max(1);
		if fill < free {
			return Zero::zero();
		}
		let rank = fill.saturating_sub(free).saturating_add(1).min(places);
		deposit.saturating_mul(rank.into()) / places.into()
	}

	pub(crate) fn do_cancel_order(tenant: &T::AccountId, order_id: OrderId) -> DispatchResult {
		let order = Self::open_order_of(tenant, order_id)?;
		Self::unschedule(order.window_end, order_id);
		let budget = T::Leases::release_budget(&order.tenant, &order.asset, order.budget);
		let deposit = Self::close_order(order_id, &order);
		Self::deposit_event(Event::OrderCancelled {
			order_id,
			tenant: order.tenant,
			refunded: budget.saturating_add(deposit),
			bids_dropped: order.bids.len() as u32,
		});
		Ok(())
	}

	pub(crate) fn do_place_bid(
		provider: T::AccountId,
		order_id: OrderId,
		price: BalanceOf<T>,
	) -> Result<BidChecks, DispatchError> {
		let mut order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		Self::ensure_window_open(&order)?;
		ensure!(provider != order.tenant, Error::<T>::CannotBidOnOwnOrder);
		ensure!(!price.is_zero(), Error::<T>::ZeroPrice);
		ensure!(price <= order.max_price_per_block, Error::<T>::BidAboveMaxPrice);
		ensure!(order.bids.iter().all(|b| b.provider != provider), Error::<T>::AlreadyBid);
		Self::ensure_can_serve(&provider, &order, price)?;

		let bid = Bid {
			provider: provider.clone(),
			price,
			placed_at: frame_system::Pallet::<T>::block_number(),
			seq: order.bids_placed,
		};
		order.bids_placed = order.bids_placed.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let displaced = if order.bids.is_full() {
			let worst = order.bids.last().ok_or(Error::<T>::BidBookFull)?;
			ensure!(bid.ranks_before(worst), Error::<T>::BidBookFull);
			order.bids.pop()
		} else {
			None
		};
		let at = order.bids.partition_point(|b| b.ranks_before(&bid));
		order.bids.try_insert(at, bid).map_err(|_| Error::<T>::BidBookFull)?;
		let checked = BidChecks {
			attributes: order.attributes.len() as u32,
			auditor: order.auditor.is_some() as u32,
			record: !order.requirements.is_none() as u32,
		};
		Orders::<T>::insert(order_id, order);
		if let Some(out) = displaced {
			Self::deposit_event(Event::BidDisplaced {
				order_id,
				provider: out.provider,
				price: out.price,
				by: provider.clone(),
			});
		}
		Self::deposit_event(Event::BidPlaced { order_id, provider, price });
		Ok(checked)
	}

	pub(crate) fn do_withdraw_bid(provider: &T::AccountId, order_id: OrderId) -> DispatchResult {
		let mut order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		Self::ensure_window_open(&order)?;
		let (at, _) = Self::position_of(&order, provider)?;
		order.bids.remove(at);
		Orders::<T>::insert(order_id, order);
		Self::deposit_event(Event::BidWithdrawn { order_id, provider: provider.clone() });
		Ok(())
	}

	pub(crate) fn do_evict_bid(order_id: OrderId, provider: &T::AccountId) -> DispatchResult {
		let mut order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		Self::ensure_window_open(&order)?;
		let (at, price) = Self::position_of(&order, provider)?;
		let reason = match Self::ensure_can_serve(provider, &order, price) {
			Ok(()) => return Err(Error::<T>::BidCanBeServed.into()),
			Err(reason) => reason,
		};
		order.bids.remove(at);
		Orders::<T>::insert(order_id, &order);
		if reason == Error::<T>::InsufficientCapacity.into() {
			Self::deposit_event(Event::BidDropped { order_id, provider: provider.clone(), reason });
		} else {
			Self::forfeit(order_id, provider, reason);
		}
		Ok(())
	}

	pub(crate) fn do_accept_bid(
		tenant: &T::AccountId,
		order_id: OrderId,
		provider: T::AccountId,
	) -> DispatchResult {
		let order = Self::open_order_of(tenant, order_id)?;
		let (at, price) = Self::position_of(&order, &provider)?;
		Self::ensure_can_serve(&provider, &order, price)?;
		Self::unschedule(order.window_end, order_id);
		Self::do_match(order_id, &order, at)?;
		Ok(())
	}

	/// Whether `provider` can serve `order` now at `price` a block
	/// ([`Self::screen_provider`]), as the error a call reports.
	pub fn ensure_can_serve(
		provider: &T::AccountId,
		order: &OrderOf<T>,
		price: BalanceOf<T>,
	) -> DispatchResult {
		let wants = Wants::new(
			&order.resources,
			&order.attributes,
			order.auditor.as_ref(),
			&order.requirements,
			Some((&order.asset, Self::term_value(price))),
		);
		Self::screen_provider(provider, &wants).map_err(Into::into)
	}

	/// What a lease's minimum term is worth at `price` a block: what the
	/// slice of bond it commits is sized by.
	pub fn term_value(price: BalanceOf<T>) -> BalanceOf<T> {
		price.saturating_mul(T::MinLeaseTerm::get().saturated_into::<u32>().into())
	}

	/// Whether `provider` can serve an order that `wants` it now:
	/// registered, unjailed, active, reachable, bonded, with free bond to
	/// back the lease (`Exclusion::Bond`), the track record the order
	/// requires, the resources free and room under the lease cap
	/// (`Exclusion::Capacity`), and every required attribute (vouched for
	/// by the order's auditor if it names one), checked in that order; the
	/// first that fails is the refusal's reason.
	/// The one predicate that placing, accepting, evicting, matching and
	/// screening use; it reads and never writes.
	pub fn screen_provider(provider: &T::AccountId, wants: &WantsOf<'_, T>) -> Result<(), Refusal> {
		T::Eligibility::ensure_can_bid(provider)?;
		T::Stake::ensure_can_back(provider, wants.lease)
			.map_err(|e| Refusal::new(Exclusion::Bond, e))?;
		T::Stake::ensure_track_record(provider, wants.requirements)
			.map_err(|e| Refusal::new(Exclusion::TrackRecord, e))?;
		let fits =
			T::Eligibility::free_capacity(provider).is_some_and(|free| wants.resources.fits(&free));
		ensure!(fits, Refusal::new(Exclusion::Capacity, Error::<T>::InsufficientCapacity));
		T::Leases::ensure_provider_room(provider)
			.map_err(|e| Refusal::new(Exclusion::Capacity, e))?;
		if !T::Eligibility::satisfies(provider, &wants.attributes, wants.auditor) {
			// Only a refusal asks again, to tell a missing audit from a
			// missing attribute.
			let audit_missing = wants.auditor.is_some()
				&& T::Eligibility::satisfies(provider, &wants.attributes, None);
			let reason = if audit_missing { Exclusion::Auditor } else { Exclusion::Attribute };
			return Err(Refusal::new(reason, Error::<T>::AttributesNotSatisfied));
		}
		Ok(())
	}

	/// Refuses a duplicate key among an order's required attributes.
	pub(crate) fn ensure_distinct_keys(attributes: &RequiredAttributesOf<T>) -> DispatchResult {
		let mut keys = BTreeSet::new();
		ensure!(
			attributes.iter().all(|a| keys.insert(a.key.as_slice())),
			Error::<T>::DuplicateAttribute
		);
		Ok(())
	}

	/// Turns the order into a lease won by the bid at `at` in its book: the
	/// lease manager reserves the capacity and takes the held budget over as
	/// the lease's escrow; then the order deposit goes back and the order is
	/// removed. Leaves the expiry
	/// queue to the caller. The caller has checked that the bid's provider
	/// can serve.
	///
	/// It may fail after changing storage, so callers run it in a storage
	/// layer (a dispatchable, or `with_transaction` in the hook).
	pub(crate) fn do_match(
		order_id: OrderId,
		order: &OrderOf<T>,
		at: usize,
	) -> Result<LeaseId, DispatchError> {
		let bid = order.bids.get(at).ok_or(Error::<T>::UnknownBid)?;
		// The slice of the provider's bond that backs the lease.
		let stake = T::Stake::commit(&bid.provider, &order.asset, Self::term_value(bid.price))?;
		// The lease manager reserves the capacity and takes the held budget
		// over as the escrow.
		let lease_id = T::Leases::open_lease(
			LeaseTerms {
				order_id,
				tenant: order.tenant.clone(),
				asset: order.asset.clone(),
				provider: bid.provider.clone(),
				resources: order.resources,
				price_per_block: bid.price,
				min_term: T::MinLeaseTerm::get(),
				manifest: order.manifest,
				stake,
			},
			order.budget,
		)?;
		Self::close_order(order_id, order);
		Self::deposit_event(Event::OrderMatched {
			order_id,
			lease_id,
			tenant: order.tenant.clone(),
			provider: bid.provider.clone(),
			price: bid.price,
			escrow: order.budget,
			bids_lost: (order.bids.len() as u32).saturating_sub(1),
		});
		Ok(lease_id)
	}

	/// Takes `BidForfeit` from `provider` for its bid on `order_id` that
	/// could not be served for `reason`.
	pub(crate) fn forfeit(order_id: OrderId, provider: &T::AccountId, reason: DispatchError) {
		let forfeited = T::Forfeit::forfeit(provider, order_id, T::BidForfeit::get());
		log::debug!(
			target: LOG_TARGET,
			"order {order_id}: bid of {provider:?} cannot be served ({reason:?}), forfeited {forfeited:?}"
		);
		Self::deposit_event(Event::BidForfeited {
			order_id,
			provider: provider.clone(),
			reason,
			forfeited,
		});
	}

	/// Where `provider`'s bid stands in the order's book, and its price.
	fn position_of(
		order: &OrderOf<T>,
		provider: &T::AccountId,
	) -> Result<(usize, BalanceOf<T>), DispatchError> {
		order
			.bids
			.iter()
			.enumerate()
			.find(|(_, b)| b.provider == *provider)
			.map(|(at, b)| (at, b.price))
			.ok_or_else(|| Error::<T>::UnknownBid.into())
	}

	/// The order, if it is `tenant`'s and its bid window is still open.
	pub(crate) fn open_order_of(
		tenant: &T::AccountId,
		order_id: OrderId,
	) -> Result<OrderOf<T>, DispatchError> {
		let order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(order.tenant == *tenant, Error::<T>::NotOrderOwner);
		Self::ensure_window_open(&order)?;
		Ok(order)
	}

	/// Bids, cancellation, acceptance and eviction end with the window.
	/// Afterwards the order waits for the hook, so that neither side can
	/// dodge the outcome of the auction.
	pub(crate) fn ensure_window_open(order: &OrderOf<T>) -> DispatchResult {
		ensure!(
			frame_system::Pallet::<T>::block_number() <= order.window_end,
			Error::<T>::BidWindowClosed
		);
		Ok(())
	}

	/// Takes the order out of its expiry queue slot (when it ends before its
	/// window does).
	pub(crate) fn unschedule(window_end: BlockNumberFor<T>, order_id: OrderId) {
		Expiries::<T>::mutate_exists(window_end, |slot| queue::take_out(slot, &order_id));
	}

	/// Ends an order however it ends, apart from its budget and its expiry
	/// queue slot: returns the order deposit and removes the order and its
	/// index entries. Returns the deposit returned.
	///
	/// The deposit is released best effort: the pallet held exactly this
	/// amount (`try_state` checks it), so this cannot come up short, and an
	/// ending must not fail halfway in the hook.
	pub(crate) fn close_order(order_id: OrderId, order: &OrderOf<T>) -> BalanceOf<T> {
		let deposit = T::Funds::release(
			order.asset.clone(),
			&HoldReason::OrderDeposit.into(),
			&order.tenant,
			order.deposit,
			Precision::BestEffort,
		)
		.unwrap_or_else(|_| Zero::zero());
		Orders::<T>::remove(order_id);
		OrdersByTenant::<T>::remove(&order.tenant, order_id);
		OpenOrderCount::<T>::mutate_exists(&order.tenant, |maybe| {
			let open = maybe.unwrap_or_default().saturating_sub(1);
			*maybe = if open == 0 { None } else { Some(open) };
		});
		deposit
	}
}
