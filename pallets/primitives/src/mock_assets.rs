//! What the marketplace pallets' mock runtimes share to run their market
//! in more than one asset: [`mock_market_assets!`](crate::mock_market_assets).

/// Expands, in a mock runtime's module, to `pallet_assets` with
/// `pallet_assets_holder` as its holder beside `Balances`, and the asset
/// kinds and rates the mock's tests use:
///
/// - `AssetKind` (`NativeOrWithId<u32>`), `STRA` (`Native`), and the assets
///   `USDT` (with a rate: one unit is worth two plancks of STRA), `UNRATED`
///   (no rate) and `REFUSED` (a rate of one; a mock's acceptance may refuse
///   it); `usdt()` is `USDT` as an asset kind;
/// - `Funds`: STRA through `Balances` and the assets through
///   `AssetsHolder`, as one `fungibles` with holds;
/// - `MockRates`: the rates above, as `ConversionToAssetBalance` and
///   `ConversionFromAssetBalance`.
///
/// The runtime must be named in the arguments with its balance and account
/// types, and must hold `Balances`, `Assets` and `AssetsHolder`, with
/// `pallet_assets` and `pallet_assets_holder` in scope (from `polkadot-sdk`
/// with those features).
#[macro_export]
macro_rules! mock_market_assets {
	($runtime:ty, $balance:ty, $account:ty) => {
		#[polkadot_sdk::frame_support::derive_impl(
			pallet_assets::config_preludes::TestDefaultConfig
		)]
		impl pallet_assets::Config for $runtime {
			type Balance = $balance;
			type AssetId = u32;
			type AssetIdParameter = u32;
			type Currency = Balances;
			type CreateOrigin = polkadot_sdk::frame_support::traits::AsEnsureOriginWithArg<
				polkadot_sdk::frame_system::EnsureSigned<$account>,
			>;
			type ForceOrigin = polkadot_sdk::frame_system::EnsureRoot<$account>;
			type Freezer = ();
			type Holder = AssetsHolder;
		}

		impl pallet_assets_holder::Config for $runtime {
			type RuntimeHoldReason = RuntimeHoldReason;
			type RuntimeEvent = RuntimeEvent;
		}

		/// What the market may be paid in: STRA (`Native`) or an asset of
		/// `Assets`.
		pub type AssetKind = polkadot_sdk::frame_support::traits::fungible::NativeOrWithId<u32>;

		/// The chain's own token.
		pub const STRA: AssetKind = AssetKind::Native;
		/// A stablecoin with a rate: one unit is worth two plancks of STRA.
		pub const USDT: u32 = 1984;
		/// An asset without a rate.
		pub const UNRATED: u32 = 7;
		/// An asset with a rate of one, which a mock may refuse to accept.
		pub const REFUSED: u32 = 8;

		/// `USDT` as an asset kind.
		pub fn usdt() -> AssetKind {
			AssetKind::WithId(USDT)
		}

		/// STRA through `Balances` and the assets through `AssetsHolder`.
		pub type Funds = polkadot_sdk::frame_support::traits::fungible::UnionOf<
			Balances,
			AssetsHolder,
			polkadot_sdk::frame_support::traits::fungible::NativeFromLeft,
			AssetKind,
			$account,
		>;

		/// STRA is itself, a `USDT` unit is worth two plancks, `REFUSED` one,
		/// and any other asset has no rate.
		pub struct MockRates;
		impl
			polkadot_sdk::frame_support::traits::tokens::ConversionToAssetBalance<
				$balance,
				AssetKind,
				$balance,
			> for MockRates
		{
			type Error = ();
			fn to_asset_balance(balance: $balance, asset: AssetKind) -> Result<$balance, ()> {
				match asset {
					AssetKind::Native | AssetKind::WithId(REFUSED) => Ok(balance),
					AssetKind::WithId(USDT) => Ok(balance / 2),
					AssetKind::WithId(_) => Err(()),
				}
			}
		}
		impl
			polkadot_sdk::frame_support::traits::tokens::ConversionFromAssetBalance<
				$balance,
				AssetKind,
				$balance,
			> for MockRates
		{
			type Error = ();
			fn from_asset_balance(balance: $balance, asset: AssetKind) -> Result<$balance, ()> {
				match asset {
					AssetKind::Native | AssetKind::WithId(REFUSED) => Ok(balance),
					AssetKind::WithId(USDT) => Ok(balance.saturating_mul(2)),
					AssetKind::WithId(_) => Err(()),
				}
			}
			#[cfg(feature = "runtime-benchmarks")]
			fn ensure_successful(_: AssetKind) {}
		}
	};
}
