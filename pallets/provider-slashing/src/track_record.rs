//! The track record: what each provider has done, and a score from it.
//!
//! Every lease that closes ([`OnLeaseClosed`](stratus_primitives::OnLeaseClosed))
//! and every report decided updates one [`TrackRecord`], a fixed number of
//! fields: nothing is iterated. The score is a beta reputation weighted by
//! value and decayed over time:
//!
//! ```text
//! score = (U + good) / (2·U + good + bad)
//! ```
//!
//! - `good` is the value the provider served (what its tenants paid for the
//!   blocks billed), from every lease that closes other than by an upheld
//!   report; every value is in STRA, a lease in another asset converted at
//!   the rate of the block it closes in (rounded down; no value if the
//!   asset has no rate then);
//! - `bad` is what its faults weighed: a lease it cut short, never
//!   confirmed ready, or left unreachable weighs the value of that lease's
//!   minimum term (what it promised); an upheld report weighs the amount
//!   slashed for it, at least `U`;
//! - `U` is [`Config::ReputationUnit`]: the prior, one unit of evidence each
//!   way, so a provider with no history scores 50 %, and evidence counts
//!   in proportion to its value in units;
//! - both decay by half every [`Config::ReputationHalfLife`] blocks, so old
//!   evidence fades: the record keeps the block it was last weighed at and
//!   decays lazily when it is next touched or read.
//!
//! Buying a score costs what the value costs: serving oneself through a
//! second account pays the take rate on every block, and a fault outweighs
//! the value it cut short.

use crate::*;
use frame_support::traits::tokens::ConversionFromAssetBalance;
use frame_system::pallet_prelude::BlockNumberFor;
use polkadot_sdk::sp_runtime::{
	traits::{SaturatedConversion, Saturating, Zero},
	Perbill,
};

/// ln 2 in parts of a billion.
const LN_2: u64 = 693_147_181;

impl<T: Config> Pallet<T> {
	/// `value` after `elapsed` blocks of decay: halved every half-life, and
	/// within one by the per-block factor `1 - ln 2 / half-life`.
	pub fn decayed(value: BalanceOf<T>, elapsed: BlockNumberFor<T>) -> BalanceOf<T> {
		let half_life = T::ReputationHalfLife::get().saturated_into::<u64>().max(1);
		let elapsed = elapsed.saturated_into::<u64>();
		let mut left = value;
		for _ in 0..(elapsed / half_life).min(128) {
			if left.is_zero() {
				break;
			}
			left /= 2u32.into();
		}
		let decrement = (LN_2 / half_life).saturated_into::<u32>();
		let per_block = Perbill::from_parts(1_000_000_000u32.saturating_sub(decrement));
		let rest = (elapsed % half_life).saturated_into::<usize>();
		per_block.saturating_pow(rest).mul_floor(left)
	}

	/// Decays `record`'s evidence to `now`.
	fn weigh(record: &mut TrackRecordOf<T>, now: BlockNumberFor<T>) {
		let elapsed = now.saturating_sub(record.weighed_at);
		record.good = Self::decayed(record.good, elapsed);
		record.bad = Self::decayed(record.bad, elapsed);
		record.weighed_at = now;
	}

	/// Updates `who`'s record with `update`, after decaying it to now;
	/// starts it if there is none.
	/// What `amount` of `asset` is worth in STRA now, rounded down; nothing
	/// if the asset has no rate (a lease in it then adds its counts and
	/// blocks to the record but no value, and its tenant was paid nothing
	/// for compensation's cap).
	pub(crate) fn in_native(amount: BalanceOf<T>, asset: &T::AssetKind) -> BalanceOf<T> {
		T::Rates::from_asset_balance(amount, asset.clone()).unwrap_or_else(|_| Zero::zero())
	}

	pub(crate) fn record(who: &T::AccountId, update: impl FnOnce(&mut TrackRecordOf<T>)) {
		let now = frame_system::Pallet::<T>::block_number();
		TrackRecords::<T>::mutate(who, |maybe| {
			let record = maybe.get_or_insert_with(|| TrackRecord {
				since: now,
				weighed_at: now,
				..Default::default()
			});
			Self::weigh(record, now);
			update(record);
		});
	}

	/// `who`'s record as of now (decayed, not stored), if it has one.
	pub fn track_record(who: &T::AccountId) -> Option<TrackRecordOf<T>> {
		TrackRecords::<T>::get(who).map(|mut record| {
			Self::weigh(&mut record, frame_system::Pallet::<T>::block_number());
			record
		})
	}

	/// The score of `record`, as weighed: `(U + good) / (2·U + good + bad)`.
	pub fn score(record: &TrackRecordOf<T>) -> Perbill {
		let unit = T::ReputationUnit::get();
		let evidence_for = unit.saturating_add(record.good);
		let all = unit.saturating_add(evidence_for).saturating_add(record.bad);
		Perbill::from_rational(evidence_for, all)
	}

	/// What a fault found by a report weighs: the amount slashed for it, and
	/// at least one unit (a provider with nothing left to slash still
	/// loses standing).
	pub(crate) fn report_weight(slashed: BalanceOf<T>) -> BalanceOf<T> {
		slashed.max(T::ReputationUnit::get())
	}
}
