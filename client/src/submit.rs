//! Sending a transaction and following it until it is in a block, or
//! finalized, and telling its sender how it ended: the events it caused,
//! or the pallet's named error with its doc line.

use crate::{
	error::{named, NamedError},
	keys::Key,
	Client, StratusConfig,
};
use core::fmt;
use subxt::{
	config::DefaultExtrinsicParamsBuilder,
	error::{TransactionEventsError, TransactionStatusError},
	extrinsics::ExtrinsicEvents,
	transactions::{Payload, TransactionStatus},
	utils::H256,
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
/// before the first is finalized counts them itself).
pub async fn submit<Call: Payload>(
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
