//! Running a provider through a `ProviderOps` proxy, as its agent does: the
//! proxy does the market work and cannot move the provider's money; and a
//! multisig account for organisations.

use super::*;
use crate::configs::proxy::ProxyType;
use frame_support::{dispatch::GetDispatchInfo, traits::InstanceFilter, weights::Weight};
use pallet_multisig::Call as MultisigCall;
use pallet_proxy::Call as ProxyCall;
use sp_keyring::Sr25519Keyring::{Alice, Eve, Ferdie};
use sp_runtime::{DispatchError, MultiAddress};

/// `agent` acts for `provider` through its `ProviderOps` proxy; returns what
/// the proxied call came to (`ProxyExecuted`'s result).
pub(super) fn as_agent(
	agent: Sr25519Keyring,
	provider: Sr25519Keyring,
	inner: impl Into<RuntimeCall>,
) -> sp_runtime::DispatchResult {
	System::reset_events();
	assert_ok!(call(
		signed(agent),
		ProxyCall::proxy {
			real: MultiAddress::Id(provider.to_account_id()),
			force_proxy_type: Some(ProxyType::ProviderOps),
			call: Box::new(inner.into()),
		}
	));
	System::events()
		.into_iter()
		.find_map(|record| match record.event {
			RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
			_ => None,
		})
		.expect("the proxy call ran")
}

/// Bob, a provider, makes Ferdie its `ProviderOps` proxy.
pub(super) fn bob_hires_ferdie() {
	three_providers();
	let reserved = Balances::reserved_balance(Bob.to_account_id());
	assert_ok!(call(
		signed(Bob),
		ProxyCall::add_proxy {
			delegate: MultiAddress::Id(Ferdie.to_account_id()),
			proxy_type: ProxyType::ProviderOps,
			delay: 0,
		}
	));
	// The proxy list is paid for by a deposit.
	assert_eq!(
		Balances::reserved_balance(Bob.to_account_id()) - reserved,
		configs::proxy::ProxyDepositBase::get() + configs::proxy::ProxyDepositFactor::get()
	);
}

#[test]
fn a_provider_ops_proxy_does_the_providers_market_work() {
	run(|| {
		bob_hires_ferdie();
		let order_id = create_order(Alice, MAX_PRICE, MAX_PRICE * 1_000);
		assert_ok!(as_agent(Ferdie, Bob, RegistryCall::heartbeat {}));
		assert_ok!(as_agent(Ferdie, Bob, BidCall::place_bid { order_id, price: MAX_PRICE }));
		// The bid is Bob's, not Ferdie's.
		let bids = BidMatching::bids(order_id);
		assert_eq!(bids.len(), 1);
		assert_eq!(bids[0].0, Bob.to_account_id());

		// Bob wins; his agent confirms the lease ready and collects.
		assert_ok!(call(
			signed(Alice),
			BidCall::accept_bid { order_id, provider: Bob.to_account_id() }
		));
		let lease_id = matched_lease(order_id);
		assert_ok!(as_agent(Ferdie, Bob, EscrowCall::confirm_ready { lease_id }));
		next_block();
		next_block();
		let bob_free = free(Bob);
		assert_ok!(as_agent(Ferdie, Bob, EscrowCall::withdraw { lease_id }));
		assert!(free(Bob) > bob_free, "the payment goes to Bob");
		assert_ok!(as_agent(Ferdie, Bob, RegistryCall::pause_provider {}));
		assert_eq!(provider(Bob).status, pallet_resource_registry::ProviderStatus::Paused);
	});
}

#[test]
fn a_provider_ops_proxy_cannot_move_the_providers_money() {
	run(|| {
		bob_hires_ferdie();
		let (bob_free, ferdie_free) = (free(Bob), free(Ferdie));
		let filtered: DispatchError = frame_system::Error::<Runtime>::CallFiltered.into();
		let to_ferdie = MultiAddress::Id(Ferdie.to_account_id());
		let refused: Vec<(&str, RuntimeCall)> = vec![
			(
				"transfer",
				pallet_balances::Call::transfer_keep_alive { dest: to_ferdie.clone(), value: UNIT }
					.into(),
			),
			(
				"transfer all",
				pallet_balances::Call::transfer_all { dest: to_ferdie.clone(), keep_alive: false }
					.into(),
			),
			("bond", SlashingCall::bond { amount: UNIT }.into()),
			("unbond", SlashingCall::unbond { amount: UNIT }.into()),
			(
				"add another proxy",
				ProxyCall::add_proxy {
					delegate: MultiAddress::Id(Eve.to_account_id()),
					proxy_type: ProxyType::Any,
					delay: 0,
				}
				.into(),
			),
			("remove every proxy", ProxyCall::remove_proxies {}.into()),
		];
		for (what, inner) in refused {
			assert_eq!(as_agent(Ferdie, Bob, inner), Err(filtered), "{what}");
		}
		// Inside a batch the filter holds for each call.
		let transfer: RuntimeCall =
			pallet_balances::Call::transfer_keep_alive { dest: to_ferdie, value: UNIT }.into();
		let batch = pallet_utility::Call::batch { calls: vec![transfer] };
		assert_ok!(as_agent(Ferdie, Bob, batch));
		assert!(has_event(pallet_utility::Event::BatchInterrupted { index: 0, error: filtered }));
		// Not a planck moved, fees aside (Ferdie paid his).
		assert_eq!(free(Bob), bob_free);
		assert!(free(Ferdie) <= ferdie_free);
		// Nor can it act as a tenant with the provider's money.
		let manifest = MANIFEST;
		let order = BidCall::create_order {
			manifest,
			resources: NEED,
			attributes: Default::default(),
			auditor: None,
			requirements: Default::default(),
			max_price_per_block: MAX_PRICE,
			budget: MAX_PRICE * 1_000,
			bid_window: bid_window(),
			asset: MarketAsset::Native,
		};
		assert_eq!(as_agent(Ferdie, Bob, order), Err(filtered));
		// And it is nobody's proxy of any other type.
		assert!(ProxyType::ProviderOps.is_superset(&ProxyType::ProviderOps));
		assert!(!ProxyType::ProviderOps.is_superset(&ProxyType::Any));
		assert!(ProxyType::Any.is_superset(&ProxyType::ProviderOps));
	});
}

#[test]
fn a_two_of_three_multisig_pays_once_two_approve() {
	run(|| {
		let mut members = [Alice, Bob, Charlie].map(|k| k.to_account_id());
		members.sort();
		let multisig = pallet_multisig::Pallet::<Runtime>::multi_account_id(&members, 2);
		assert_ok!(call(
			signed(Alice),
			pallet_balances::Call::transfer_keep_alive {
				dest: MultiAddress::Id(multisig.clone()),
				value: 10 * UNIT,
			}
		));
		let others = |who: Sr25519Keyring| -> Vec<AccountId> {
			members.iter().filter(|m| **m != who.to_account_id()).cloned().collect()
		};
		let pay: RuntimeCall = pallet_balances::Call::transfer_keep_alive {
			dest: MultiAddress::Id(Eve.to_account_id()),
			value: UNIT,
		}
		.into();
		let eve_free = free(Eve);
		let alice_reserved = Balances::reserved_balance(Alice.to_account_id());
		assert_ok!(call(
			signed(Alice),
			MultisigCall::as_multi {
				threshold: 2,
				other_signatories: others(Alice),
				maybe_timepoint: None,
				call: Box::new(pay.clone()),
				max_weight: Weight::zero(),
			}
		));
		// One approval: nothing paid, the opener's deposit held.
		assert_eq!(free(Eve), eve_free);
		assert!(Balances::reserved_balance(Alice.to_account_id()) > alice_reserved);
		let timepoint = pallet_multisig::Multisigs::<Runtime>::iter()
			.next()
			.map(|(_, _, multisig)| multisig.when)
			.expect("the operation is open");
		assert_ok!(call(
			signed(Bob),
			MultisigCall::as_multi {
				threshold: 2,
				other_signatories: others(Bob),
				maybe_timepoint: Some(timepoint),
				call: Box::new(pay.clone()),
				max_weight: pay.get_dispatch_info().call_weight,
			}
		));
		assert_eq!(free(Eve), eve_free + UNIT);
		assert_eq!(Balances::reserved_balance(Alice.to_account_id()), alice_reserved);
	});
}
