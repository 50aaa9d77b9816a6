//! Sending a transaction and following it until it is in a block, or
//! finalized, and telling its sender how it ended: the events it caused,
//! or the pallet's named error with its doc line. A key that acts for
//! another account (`Key::acting_for`) sends each call wrapped in
//! `proxy.proxy(real, ProviderOps, call)`, and the wrapped call's own
//! failure, which the proxy pallet reports in its `ProxyExecuted` event
//! rather than as the transaction's, is reported as any other.

use crate::{
	error::{named, NamedError},
	keys::Key,
	runtime::{
		self,
		runtime_types::{stratus_runtime::configs::proxy::ProxyType, stratus_runtime::RuntimeCall},
	},
	Client, StratusConfig,
};
use core::fmt;
use subxt::{
	config::DefaultExtrinsicParamsBuilder,
	error::{DispatchError, TransactionEventsError, TransactionStatusError},
	ext::scale_decode::DecodeAsType,
	extrinsics::ExtrinsicEvents,
	transactions::{Payload, StaticPayload, TransactionStatus},
	utils::{AccountId32, MultiAddress, H256},
	ArcMetadata, Metadata,
};

/// How far to follow a transaction before reporting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
	/// Until a block includes it (a best block; it could still be
	/// reorganised away).
	InBlock,
	/// Until a finalized block includes it.
	Finalized,
}

/// Where a transaction is, as it moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
	/// Signed and sent to the node.
	Sent,
	/// The node's pool accepted it.
	InPool,
	/// In a best block.
	InBlock(H256),
	/// In a finalized block.
	Finalized(H256),
}

impl fmt::Display for Progress {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Sent => write!(f, "sent"),
			Self::InPool => write!(f, "waiting for a block"),
			Self::InBlock(hash) => write!(f, "in block {hash:?}, waiting for finality"),
			Self::Finalized(hash) => write!(f, "finalized in block {hash:?}"),
		}
	}
}

/// A transaction that went through.
pub struct Included {
	/// The block that includes it.
	pub block: H256,
	/// Its hash.
	pub extrinsic: H256,
	/// The events it caused.
	pub events: ExtrinsicEvents<StratusConfig>,
}

/// Why a transaction did not go through.
#[derive(Debug)]
pub enum SubmitError {
	/// It ran and failed: the pallet's named error.
	Failed(NamedError),
	/// The node would not take it (a bad nonce, too little to pay the fee,
	/// a call the runtime does not know, ...).
	Refused(String),
	/// The node dropped it before any block included it.
	Dropped(String),
	/// The connection or the node failed; whether it ran is not known.
	Node(String),
}

impl fmt::Display for SubmitError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Failed(error) => write!(f, "{error}"),
			Self::Refused(why) => write!(f, "the node refused the transaction: {why}"),
			Self::Dropped(why) => write!(f, "the transaction was dropped: {why}"),
			Self::Node(why) => write!(f, "{why}"),
		}
	}
}

impl std::error::Error for SubmitError {}

impl SubmitError {
	/// The named error, if the call ran and failed.
	pub fn named(&self) -> Option<&NamedError> {
		match self {
			Self::Failed(error) => Some(error),
			_ => None,
		}
	}
}

fn node(error: impl fmt::Display) -> SubmitError {
	SubmitError::Node(error.to_string())
}

/// Signs `call` with `key`, submits it and follows it to `wait`, calling
/// `progress` at each step. `nonce` overrides the account's next nonce as
/// of the last finalized block (a tool that sends several transactions
/// before the first is finalized counts them itself). A key acting for
/// another account sends the call through its `ProviderOps` proxy.
pub async fn submit<Call: Payload>(
	client: &Client,
	call: &Call,
	key: &Key,
	wait: Wait,
	nonce: Option<u64>,
	progress: impl FnMut(Progress),
) -> Result<Included, SubmitError> {
	match key.proxy_for() {
		None => sign_and_follow(client, call, key, wait, nonce, progress).await,
		Some(real) => {
			let metadata = client.at_current_block().await.map_err(node)?.metadata();
			let wrapped = provider_ops(&metadata, *real, call)?;
			let included = sign_and_follow(client, &wrapped, key, wait, nonce, progress).await?;
			match proxy_failure(&included.events, &metadata) {
				Some(error) => Err(SubmitError::Failed(error)),
				None => Ok(included),
			}
		},
	}
}

/// `call` made by a `ProviderOps` proxy of `real`:
/// `proxy.proxy(real, Some(ProviderOps), call)`.
pub fn provider_ops<Call: Payload>(
	metadata: &Metadata,
	real: AccountId32,
	call: &Call,
) -> Result<StaticPayload<runtime::proxy::calls::Proxy>, SubmitError> {
	let refused = |error: &dyn fmt::Display| SubmitError::Refused(error.to_string());
	let bytes = frame_call_data(metadata, call).map_err(|e| refused(&e))?;
	let inner = RuntimeCall::decode_as_type(
		&mut &bytes[..],
		metadata.outer_enums().call_enum_ty(),
		metadata.types(),
	)
	.map_err(|e| refused(&e))?;
	Ok(runtime::transactions().proxy().proxy(
		MultiAddress::Id(real),
		Some(ProxyType::ProviderOps),
		inner,
	))
}

/// The call data of `call` (pallet index, call index, arguments).
fn frame_call_data<Call: Payload>(metadata: &Metadata, call: &Call) -> Result<Vec<u8>, String> {
	subxt::ext::frame_decode::extrinsics::encode_call_data(
		call.pallet_name(),
		call.call_name(),
		call.call_data(),
		metadata,
		metadata.types(),
	)
	.map_err(|e| e.to_string())
}

/// The named error of a call a proxy made, if it failed: the proxy pallet's
/// `ProxyExecuted { result: Err(error) }` among `events`.
fn proxy_failure(
	events: &ExtrinsicEvents<StratusConfig>,
	metadata: &ArcMetadata,
) -> Option<NamedError> {
	events.iter().filter_map(Result::ok).find_map(|event| {
		if (event.pallet_name(), event.event_name()) != ("Proxy", "ProxyExecuted") {
			return None;
		}
		// `Result<(), DispatchError>`: 0 then nothing, or 1 then the error.
		let (&1, error) = event.field_bytes().split_first()? else { return None };
		Some(match DispatchError::decode_from(error, metadata.clone()) {
			Ok(error) => named(&error),
			Err(error) => crate::error::system(&error, error.to_string()),
		})
	})
}

async fn sign_and_follow<Call: Payload>(
	client: &Client,
	call: &Call,
	key: &Key,
	wait: Wait,
	nonce: Option<u64>,
	mut progress: impl FnMut(Progress),
) -> Result<Included, SubmitError> {
	let mut params = DefaultExtrinsicParamsBuilder::<StratusConfig>::new();
	if let Some(nonce) = nonce {
		params = params.nonce(nonce);
	}
	if let Some(asset) = key.fee_asset() {
		params = params.tip_of(0, asset.clone());
	}
	let mut transactions = client.transactions().await.map_err(node)?;
	let signed = transactions
		.create_signed(call, key.keypair(), params.build())
		.await
		.map_err(|error| SubmitError::Refused(error.to_string()))?;
	let mut watch = signed.submit_and_watch().await.map_err(|error| {
		// The pool's verdict comes back as an RPC error at submission.
		SubmitError::Refused(error.to_string())
	})?;
	progress(Progress::Sent);
	while let Some(status) = watch.next().await {
		let in_block = match status.map_err(node)? {
			TransactionStatus::Validated | TransactionStatus::Broadcasted => {
				progress(Progress::InPool);
				continue;
			},
			TransactionStatus::NoLongerInBestBlock => continue,
			TransactionStatus::InBestBlock(in_block) => {
				progress(Progress::InBlock(in_block.block_hash()));
				if wait == Wait::Finalized {
					continue;
				}
				in_block
			},
			TransactionStatus::InFinalizedBlock(in_block) => {
				progress(Progress::Finalized(in_block.block_hash()));
				in_block
			},
			TransactionStatus::Invalid { message } => return Err(SubmitError::Refused(message)),
			TransactionStatus::Dropped { message } => return Err(SubmitError::Dropped(message)),
			TransactionStatus::Error { message } => return Err(SubmitError::Node(message)),
		};
		let block = in_block.block_hash();
		let extrinsic = in_block.extrinsic_hash();
		return match in_block.wait_for_success().await {
			Ok(events) => Ok(Included { block, extrinsic, events }),
			Err(TransactionEventsError::ExtrinsicFailed(error)) => {
				Err(SubmitError::Failed(named(&error)))
			},
			Err(other) => Err(node(other)),
		};
	}
	Err(node(TransactionStatusError::Dropped(
		"the node stopped reporting on the transaction".to_owned(),
	)))
}

#[cfg(test)]
mod tests {
	use super::*;
	use subxt::ext::codec::{Decode, Encode};

	fn metadata() -> Metadata {
		let bytes = include_bytes!("../metadata/stratus.scale");
		Metadata::decode(&mut &bytes[..]).expect("the checked-in metadata decodes")
	}

	#[test]
	fn a_proxied_call_is_the_call_inside_proxy_proxy() {
		let metadata = metadata();
		let real = AccountId32([7; 32]);
		let bid = runtime::transactions().bid_matching().place_bid(42, 1_000);
		let inner = frame_call_data(&metadata, &bid).expect("a bid encodes");
		let wrapped = provider_ops(&metadata, real, &bid).expect("the bid is wrapped");
		let outer = frame_call_data(&metadata, &wrapped).expect("the proxy call encodes");

		let proxy = metadata.pallet_by_name("Proxy").expect("the runtime has a proxy pallet");
		let call = proxy.call_variant_by_name("proxy").expect("Proxy has proxy");
		let mut expected = vec![proxy.call_index(), call.index];
		// real: MultiAddress::Id; force_proxy_type: Some(ProviderOps = 1).
		expected.push(0);
		expected.extend(real.0.encode());
		expected.extend([1, 1]);
		expected.extend(&inner);
		assert_eq!(outer, expected);
		// The inner call is the bid, not a re-encoding of something else.
		let pallet = metadata.pallet_by_name("BidMatching").expect("BidMatching is there");
		assert_eq!(inner[0], pallet.call_index());
		assert_eq!((u64::decode(&mut &inner[2..10]).ok(), inner.len()), (Some(42), 2 + 8 + 16));
	}

	#[test]
	fn a_key_acting_for_another_account_runs_its_calls_as_that_account() {
		let key = Key::from_suri("//Ferdie", crate::keys::KeySource::Flag).expect("a key");
		assert_eq!(key.proxy_for(), None);
		assert_eq!(key.principal(), key.account());
		let bob = Key::from_suri("//Bob", crate::keys::KeySource::Flag).expect("a key").account();
		let agent = key.acting_for(bob);
		assert_eq!((agent.proxy_for(), agent.principal()), (Some(&bob), bob));
		assert_ne!(agent.account(), bob, "the fees are the proxy's own");
	}
}
