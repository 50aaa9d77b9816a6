//! What each command does: read the market, or sign and submit a call and
//! say how it ended.

use crate::{output, Command, Global, LeaseCommand, MarketCommand, OrderCommand, ProviderCommand};
use core::{fmt, str::FromStr};
use serde_json::{json, Value};
use stratus_client::subxt::{transactions::Payload, utils::AccountId32};
use stratus_client::{
	amount,
	assets::{self, AssetError},
	error::NamedError,
	keys::{Key, KeyError},
	manifest::Manifest,
	market::{ApiError, Market, Side},
	provider_file::ProviderFile,
	runtime,
	submit::{self, Included, SubmitError, Wait},
	AssetLocation, Client, MarketAsset,
};

/// How a command failed, and the exit code that says so.
#[derive(Debug)]
pub enum Failure {
	/// The chain refused: a named error.
	Refused(NamedError),
	/// The node would not take the transaction.
	Rejected(String),
	/// Bad arguments, a bad file or a bad key.
	BadInput(String),
	/// The node could not be reached or failed.
	Node(String),
	/// No such order, lease or provider.
	NotFound(String),
}

impl Failure {
	/// The process's exit code.
	pub fn code(&self) -> u8 {
		match self {
			Self::Refused(_) | Self::Rejected(_) => 1,
			Self::BadInput(_) => 2,
			Self::Node(_) => 3,
			Self::NotFound(_) => 4,
		}
	}

	/// A word for the kind, in JSON output.
	pub fn kind(&self) -> &'static str {
		match self {
			Self::Refused(_) => "refused",
			Self::Rejected(_) => "rejected",
			Self::BadInput(_) => "bad-input",
			Self::Node(_) => "node",
			Self::NotFound(_) => "not-found",
		}
	}
}

impl fmt::Display for Failure {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Refused(error) => write!(f, "refused: {error}"),
			Self::Rejected(why) | Self::BadInput(why) | Self::Node(why) | Self::NotFound(why) => {
				write!(f, "{why}")
			},
		}
	}
}

impl From<ApiError> for Failure {
	fn from(error: ApiError) -> Self {
		match error {
			ApiError::Node(why) => Self::Node(why),
			ApiError::Refused(named) => Self::Refused(named),
		}
	}
}

impl From<SubmitError> for Failure {
	fn from(error: SubmitError) -> Self {
		match error {
			SubmitError::Failed(named) => Self::Refused(named),
			SubmitError::Refused(why) => {
				Self::Rejected(format!("the node refused the transaction: {why}"))
			},
			SubmitError::Dropped(why) => Self::Node(format!("the transaction was dropped: {why}")),
			SubmitError::Node(why) => Self::Node(why),
		}
	}
}

impl From<KeyError> for Failure {
	fn from(error: KeyError) -> Self {
		Self::BadInput(error.to_string())
	}
}

impl From<stratus_client::file::FileError> for Failure {
	fn from(error: stratus_client::file::FileError) -> Self {
		Self::BadInput(error.to_string())
	}
}

/// A fault a tenant reports.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum FaultKindArg {
	/// The workload never ran.
	NotDelivered,
	/// It stopped being reachable.
	Unavailable,
	/// It ran on less than was leased.
	BelowSpec,
}

/// What a command needs: the node, the market, and the key when it signs.
struct Session {
	global: Global,
	market: Market,
}

impl Session {
	async fn open(global: Global) -> Result<Self, Failure> {
		let client = Client::from_insecure_url(&global.url).await.map_err(|error| {
			Failure::Node(format!("cannot reach the node at {}: {error}", global.url))
		})?;
		Ok(Self { global, market: Market::new(client) })
	}

	/// The key, acting for `--proxy-for`'s account if given.
	fn key(&self) -> Result<Key, Failure> {
		let key = Key::resolve(self.global.suri.as_deref(), self.global.key_file.as_deref())?;
		Ok(match &self.global.proxy_for {
			Some(real) => key.acting_for(account(real)?),
			None => key,
		})
	}

	/// How to print amounts in `assets` (reads the registered foreign
	/// assets' symbols and decimals when one of them is foreign).
	async fn units<'a>(
		&self,
		assets: impl Iterator<Item = &'a MarketAsset>,
	) -> Result<output::Units, Failure> {
		Ok(output::Units::of(self.market.client(), assets).await?)
	}

	/// The location of the foreign asset `--fee-asset` names, which must
	/// have a rate: without one the node would refuse every transaction
	/// paying in it, with a less telling message.
	async fn fee_asset(&self, symbol: &str) -> Result<AssetLocation, Failure> {
		let asset =
			assets::by_symbol(self.market.client(), symbol).await.map_err(|error| match error {
				AssetError::Node(why) => Failure::Node(why),
				error => Failure::BadInput(format!("--fee-asset: {error}")),
			})?;
		match asset.rate {
			Some(_) => Ok(asset.location),
			None => Err(Failure::BadInput(format!(
				"--fee-asset: governance has set no rate for {}, so no fee can be paid in it",
				asset.symbol
			))),
		}
	}

	/// The account the calls run as (`--proxy-for`'s, else the key's), or
	/// the one given.
	fn account_or_mine(&self, given: Option<&str>) -> Result<AccountId32, Failure> {
		match given {
			Some(text) => account(text),
			None => Ok(self.key()?.principal()),
		}
	}

	/// Signs `call`, submits it and shows its progress until it is final
	/// (or in a block with --no-wait-finality).
	async fn submit<Call: Payload>(&self, what: &str, call: &Call) -> Result<Included, Failure> {
		let mut key = self.key()?;
		if let Some(symbol) = &self.global.fee_asset {
			key = key.paying_fees_in(self.fee_asset(symbol).await?);
		}
		let wait = if self.global.no_wait_finality { Wait::InBlock } else { Wait::Finalized };
		let spinner = output::Spinner::start(self.global.json, what);
		let result = submit::submit(self.market.client(), call, &key, wait, None, |progress| {
			spinner.update(&progress)
		})
		.await;
		spinner.finish();
		Ok(result?)
	}

	fn print(&self, human: impl FnOnce() -> String, json: impl FnOnce() -> Value) {
		output::print(self.global.json, human, json)
	}
}

fn account(text: &str) -> Result<AccountId32, Failure> {
	AccountId32::from_str(text.trim())
		.map_err(|_| Failure::BadInput(format!("\"{text}\" is not an SS58 account address")))
}

fn amount_arg(text: &str) -> Result<u128, Failure> {
	amount::parse(text).map_err(|error| Failure::BadInput(error.to_string()))
}

fn event<E: stratus_client::subxt::events::DecodeAsEvent>(
	included: &Included,
) -> Result<E, Failure> {
	match included.events.find_first::<E>() {
		Some(Ok(event)) => Ok(event),
		Some(Err(error)) => {
			Err(Failure::Node(format!("cannot read the transaction's event: {error}")))
		},
		None => {
			Err(Failure::Node("the transaction emitted none of the events it should".to_owned()))
		},
	}
}

/// Runs `command`.
pub async fn run(global: Global, command: Command) -> Result<(), Failure> {
	// A file that is wrong is reported before the node is asked anything.
	match &command {
		Command::Order(OrderCommand::Create { file })
		| Command::Screen { file }
		| Command::Lease(LeaseCommand::Manifest { file, .. }) => {
			Manifest::read(file)?;
		},
		Command::Provider(
			ProviderCommand::Register { file } | ProviderCommand::Update { file },
		) => {
			ProviderFile::read(file)?;
		},
		_ => {},
	}
	let session = Session::open(global).await?;
	match command {
		Command::Order(command) => order(&session, command).await,
		Command::Bids { order } => bids(&session, order).await,
		Command::Bid { order, price, withdraw } => {
			let matching = runtime::transactions().bid_matching();
			let included = match (withdraw, price) {
				(true, _) => {
					session.submit("withdrawing the bid", &matching.withdraw_bid(order)).await?
				},
				(false, Some(price)) => {
					let price = amount_arg(&price)?;
					session.submit("bidding", &matching.place_bid(order, price)).await?
				},
				(false, None) => {
					return Err(Failure::BadInput("give a price, or --withdraw".to_owned()))
				},
			};
			if withdraw {
				event::<runtime::bid_matching::events::BidWithdrawn>(&included)?;
				session.print(
					|| format!("bid on order {order} withdrawn"),
					|| json!({ "order": order, "withdrawn": true }),
				);
			} else {
				let placed = event::<runtime::bid_matching::events::BidPlaced>(&included)?;
				session.print(
					|| format!("bid {} a block on order {order}", amount::Stra(placed.price)),
					|| json!({ "order": order, "price": placed.price.to_string() }),
				);
			}
			Ok(())
		},
		Command::Accept { order, provider } => {
			let provider = account(&provider)?;
			let call = runtime::transactions().bid_matching().accept_bid(order, provider);
			let included = session.submit("accepting the bid", &call).await?;
			let matched = event::<runtime::bid_matching::events::OrderMatched>(&included)?;
			session.print(
				|| {
					format!(
						"order {} is now lease {} with {} at {} a block ({} in escrow)",
						matched.order_id,
						matched.lease_id,
						matched.provider,
						amount::Stra(matched.price),
						amount::Stra(matched.escrow)
					)
				},
				|| {
					json!({
						"order": matched.order_id, "lease": matched.lease_id,
						"provider": matched.provider.to_string(), "price": matched.price.to_string(),
						"escrow": matched.escrow.to_string(), "block": format!("{:?}", included.block),
					})
				},
			);
			Ok(())
		},
		Command::Lease(command) => lease(&session, command).await,
		Command::Provider(command) => provider(&session, command).await,
		Command::Report { lease, kind, evidence } => {
			let evidence = parse_hash(&evidence)?;
			use runtime::runtime_types::pallet_provider_slashing::types::FaultKind;
			let kind = match kind {
				FaultKindArg::NotDelivered => FaultKind::NotDelivered,
				FaultKindArg::Unavailable => FaultKind::Unavailable,
				FaultKindArg::BelowSpec => FaultKind::BelowSpec,
			};
			let call = runtime::transactions().provider_slashing().report_fault(
				lease,
				kind,
				stratus_client::subxt::utils::H256(evidence),
			);
			let included = session.submit("reporting the fault", &call).await?;
			let reported = event::<runtime::provider_slashing::events::FaultReported>(&included)?;
			session.print(
				|| format!("report {} filed against lease {lease}", reported.report_id),
				|| json!({ "report": reported.report_id, "lease": lease }),
			);
			Ok(())
		},
		Command::Market(MarketCommand::Params) => {
			let params = session.market.market_parameters().await?;
			session.print(|| output::params_text(&params), || output::params_json(&params));
			Ok(())
		},
		Command::Screen { file } => {
			let manifest = Manifest::read(&file)?;
			let view = session.market.screen_all(&manifest.terms).await?;
			session.print(|| output::screen_text(&view), || output::screen_json(&view));
			Ok(())
		},
	}
}

fn parse_hash(text: &str) -> Result<[u8; 32], Failure> {
	let bad = || Failure::BadInput(format!("\"{text}\" is not a 0x-prefixed 32-byte hex hash"));
	let hex_text = text.trim().strip_prefix("0x").ok_or_else(bad)?;
	let bytes = hex::decode(hex_text).map_err(|_| bad())?;
	bytes.try_into().map_err(|_| bad())
}

async fn order(session: &Session, command: OrderCommand) -> Result<(), Failure> {
	match command {
		OrderCommand::Create { file } => {
			let manifest = Manifest::read(&file)?;
			let terms = &manifest.terms;
			let call = runtime::transactions().bid_matching().create_order(
				stratus_client::subxt::utils::H256(manifest.hash()),
				terms.resources.clone(),
				terms.attributes.clone(),
				terms.auditor,
				terms.requirements.clone(),
				terms.max_price_per_block,
				manifest.budget,
				manifest.bid_window,
				// The command line prices orders in STRA.
				MarketAsset::Native,
			);
			let included = session.submit("posting the order", &call).await?;
			let created = event::<runtime::bid_matching::events::OrderCreated>(&included)?;
			session.print(
				|| {
					format!(
						"order {} posted: bids until block {}, at most {} a block, {} in escrow\nmanifest hash {:?}",
						created.order_id,
						created.window_end,
						amount::Stra(created.max_price_per_block),
						amount::Stra(created.budget),
						created.manifest
					)
				},
				|| {
					json!({
						"order": created.order_id, "window_end": created.window_end,
						"max_price_per_block": created.max_price_per_block.to_string(),
						"budget": created.budget.to_string(),
						"manifest": format!("{:?}", created.manifest),
						"block": format!("{:?}", included.block),
					})
				},
			);
			Ok(())
		},
		OrderCommand::Ls { mine } => {
			let me = if mine { Some(session.key()?.principal()) } else { None };
			let mut orders = session.market.all_open_orders().await?;
			orders.retain(|(_, o)| me.as_ref().is_none_or(|me| &o.tenant == me));
			let units = session.units(orders.iter().map(|(_, o)| &o.asset)).await?;
			session.print(|| output::orders_text(&orders, &units), || output::orders_json(&orders));
			Ok(())
		},
		OrderCommand::Show { order } => {
			let view = session
				.market
				.order(order)
				.await?
				.ok_or_else(|| Failure::NotFound(format!("order {order} is not open")))?;
			let bids = session.market.bids(order).await?;
			let units = session.units([&view.asset].into_iter()).await?;
			session.print(
				|| {
					let bids = output::bids_text(&bids, &view.asset, &units);
					format!("{}\n{bids}", output::order_text(order, &view, &units))
				},
				|| json!({ "order": output::order_json(order, &view), "bids": output::bids_json(&bids) }),
			);
			Ok(())
		},
		OrderCommand::Cancel { order } => {
			let call = runtime::transactions().bid_matching().cancel_order(order);
			let included = session.submit("cancelling the order", &call).await?;
			let cancelled = event::<runtime::bid_matching::events::OrderCancelled>(&included)?;
			session.print(
				|| {
					format!(
						"order {order} cancelled: {} refunded",
						amount::Stra(cancelled.refunded)
					)
				},
				|| json!({ "order": order, "refunded": cancelled.refunded.to_string() }),
			);
			Ok(())
		},
		OrderCommand::Watch { order } => watch(session, order).await,
	}
}

/// Follows `order` over finalized blocks: each new bid, then the lease it
/// became or how it ended.
async fn watch(session: &Session, order: u64) -> Result<(), Failure> {
	let node = |error: stratus_client::subxt::Error| Failure::Node(error.to_string());
	let Some(view) = session.market.order(order).await? else {
		return Err(Failure::NotFound(format!("order {order} is not open")));
	};
	let units = session.units([&view.asset].into_iter()).await?;
	let in_asset = |value| units.amount(&view.asset, value);
	if !session.global.json {
		println!("{}", output::order_text(order, &view, &units));
	}
	let mut seen = 0usize;
	let mut blocks = session.market.client().stream_blocks().await.map_err(|e| node(e.into()))?;
	while let Some(block) = blocks.next().await {
		let block = block.map_err(|e| node(e.into()))?;
		let number = block.number();
		let at = block.at().await.map_err(|e| node(e.into()))?;
		let events = at.events().fetch().await.map_err(|e| node(e.into()))?;
		for found in events.find::<runtime::bid_matching::events::BidPlaced>() {
			let bid = found.map_err(|e| node(e.into()))?;
			if bid.order_id == order {
				seen += 1;
				session.print(
					|| format!("block {number}: bid from {} at {} a block", bid.provider, in_asset(bid.price)),
					|| json!({ "event": "bid", "block": number, "provider": bid.provider.to_string(), "price": bid.price.to_string() }),
				);
			}
		}
		for found in events.find::<runtime::bid_matching::events::OrderMatched>() {
			let matched = found.map_err(|e| node(e.into()))?;
			if matched.order_id == order {
				session.print(
					|| format!("block {number}: matched, lease {} with {} at {} a block", matched.lease_id, matched.provider, in_asset(matched.price)),
					|| json!({ "event": "matched", "block": number, "lease": matched.lease_id, "provider": matched.provider.to_string(), "price": matched.price.to_string() }),
				);
				return Ok(());
			}
		}
		for found in events.find::<runtime::bid_matching::events::OrderExpired>() {
			let expired = found.map_err(|e| node(e.into()))?;
			if expired.order_id == order {
				session.print(
					|| {
						format!(
							"block {number}: expired after {seen} bid(s), {} refunded",
							in_asset(expired.refunded)
						)
					},
					|| json!({ "event": "expired", "block": number, "refunded": expired.refunded.to_string() }),
				);
				return Ok(());
			}
		}
		for found in events.find::<runtime::bid_matching::events::OrderCancelled>() {
			let cancelled = found.map_err(|e| node(e.into()))?;
			if cancelled.order_id == order {
				session.print(
					|| format!("block {number}: cancelled, {} refunded", in_asset(cancelled.refunded)),
					|| json!({ "event": "cancelled", "block": number, "refunded": cancelled.refunded.to_string() }),
				);
				return Ok(());
			}
		}
	}
	Err(Failure::Node("the node stopped sending blocks".to_owned()))
}

async fn bids(session: &Session, order: u64) -> Result<(), Failure> {
	let Some(view) = session.market.order(order).await? else {
		return Err(Failure::NotFound(format!("order {order} is not open")));
	};
	let bids = session.market.bids(order).await?;
	let units = session.units([&view.asset].into_iter()).await?;
	session.print(|| output::bids_text(&bids, &view.asset, &units), || output::bids_json(&bids));
	Ok(())
}

async fn lease(session: &Session, command: LeaseCommand) -> Result<(), Failure> {
	match command {
		LeaseCommand::Ls { provider } => {
			let me = session.key()?.principal();
			let side = if provider { Side::Provider } else { Side::Tenant };
			let leases = session.market.all_leases(side, me).await?;
			let now = session.market.finalized_number().await?;
			let units = session.units(leases.iter().map(|l| &l.asset)).await?;
			session.print(
				|| output::leases_text(&leases, now, &units),
				|| json!(leases.iter().map(output::lease_json).collect::<Vec<_>>()),
			);
			Ok(())
		},
		LeaseCommand::Show { lease } => {
			let view = session
				.market
				.lease(lease)
				.await?
				.ok_or_else(|| Failure::NotFound(format!("lease {lease} is not open")))?;
			let now = session.market.finalized_number().await?;
			let units = session.units([&view.asset].into_iter()).await?;
			session.print(|| output::lease_text(&view, now, &units), || output::lease_json(&view));
			Ok(())
		},
		LeaseCommand::TopUp { lease, amount: text } => {
			let value = amount_arg(&text)?;
			let call = runtime::transactions().lease_escrow().deposit(lease, value);
			let included = session.submit("topping up the lease", &call).await?;
			let deposited = event::<runtime::lease_escrow::events::Deposited>(&included)?;
			session.print(
				|| format!("lease {lease}: {} added, runs dry at block {}", amount::Stra(deposited.amount), deposited.run_dry_at),
				|| json!({ "lease": lease, "amount": deposited.amount.to_string(), "run_dry_at": deposited.run_dry_at }),
			);
			Ok(())
		},
		LeaseCommand::Manifest { lease, file } => {
			let manifest = Manifest::read(&file)?;
			let view = session
				.market
				.lease(lease)
				.await?
				.ok_or_else(|| Failure::NotFound(format!("lease {lease} is not open")))?;
			let hash = manifest.hash();
			if view.manifest.0 != hash {
				return Err(Failure::BadInput(format!(
					"{} hashes to 0x{}, but lease {lease} runs 0x{}: send the file its order was created from",
					file.display(),
					hex::encode(hash),
					hex::encode(view.manifest.0)
				)));
			}
			let key = session.key()?;
			let provider = session.market.provider(view.provider).await?.ok_or_else(|| {
				Failure::NotFound(format!("{} is no longer registered", view.provider))
			})?;
			let host = String::from_utf8_lossy(&provider.host_uri.0).into_owned();
			let signature = stratus_client::manifest::sign_delivery(&key, lease, &hash);
			let (status, body) =
				crate::http::post_manifest(&host, lease, &signature, manifest.bytes)
					.await
					.map_err(Failure::Node)?;
			if !(200..300).contains(&status) {
				let why = serde_json::from_str::<Value>(&body)
					.ok()
					.and_then(|v| v["error"].as_str().map(str::to_owned))
					.unwrap_or(body);
				return Err(Failure::Rejected(format!(
					"the provider refused the manifest ({status}): {why}"
				)));
			}
			session.print(
				|| format!("lease {lease}: the provider took the manifest ({host})"),
				|| json!({ "lease": lease, "delivered": true, "host": host }),
			);
			Ok(())
		},
		LeaseCommand::Close { lease } => {
			let call = runtime::transactions().lease_escrow().close_lease(lease);
			let included = session.submit("closing the lease", &call).await?;
			let closed = event::<runtime::lease_escrow::events::LeaseClosed>(&included)?;
			session.print(
				|| {
					format!(
						"lease {lease} closed ({:?}): {} to the provider, {} to the treasury, {} refunded, {} kept as the closed record's deposit (returned by leaseEscrow.forgetLease)",
						closed.reason,
						amount::Stra(closed.paid_to_provider),
						amount::Stra(closed.paid_to_treasury),
						amount::Stra(closed.refunded),
						amount::Stra(closed.record_deposit)
					)
				},
				|| {
					json!({
						"lease": lease, "reason": format!("{:?}", closed.reason),
						"block": format!("{:?}", included.block),
						"paid_to_provider": closed.paid_to_provider.to_string(),
						"paid_to_treasury": closed.paid_to_treasury.to_string(),
						"refunded": closed.refunded.to_string(),
						"record_deposit": closed.record_deposit.to_string(),
						"claimable": closed.claimable.to_string(),
					})
				},
			);
			Ok(())
		},
	}
}

async fn provider(session: &Session, command: ProviderCommand) -> Result<(), Failure> {
	let registry = runtime::transactions().resource_registry();
	match command {
		ProviderCommand::Register { file } => {
			let registration = ProviderFile::read(&file)?.registration;
			let call = registry.register_provider(
				registration.capacity,
				registration.attributes,
				runtime::runtime_types::bounded_collections::bounded_vec::BoundedVec(
					registration.host_uri,
				),
			);
			session.submit("registering the provider", &call).await?;
			let me = session.key()?.principal();
			session.print(
				|| format!("{me} is registered"),
				|| json!({ "provider": me.to_string(), "registered": true }),
			);
			Ok(())
		},
		ProviderCommand::Update { file } => {
			let registration = ProviderFile::read(&file)?.registration;
			let call = registry.update_provider(
				registration.capacity,
				registration.attributes,
				runtime::runtime_types::bounded_collections::bounded_vec::BoundedVec(
					registration.host_uri,
				),
			);
			session.submit("updating the provider", &call).await?;
			session.print(|| "provider updated".to_owned(), || json!({ "updated": true }));
			Ok(())
		},
		ProviderCommand::Pause => {
			session.submit("pausing", &registry.pause_provider()).await?;
			session.print(
				|| "paused: no new orders until resumed".to_owned(),
				|| json!({ "paused": true }),
			);
			Ok(())
		},
		ProviderCommand::Resume => {
			session.submit("resuming", &registry.resume_provider()).await?;
			session.print(|| "resumed".to_owned(), || json!({ "paused": false }));
			Ok(())
		},
		ProviderCommand::Bond { amount: text } => {
			let value = amount_arg(&text)?;
			let call = runtime::transactions().provider_slashing().bond(value);
			session.submit("bonding", &call).await?;
			session.print(
				|| format!("bonded {}", amount::Stra(value)),
				|| json!({ "bonded": value.to_string() }),
			);
			Ok(())
		},
		ProviderCommand::Unbond { amount: text } => {
			let value = amount_arg(&text)?;
			let call = runtime::transactions().provider_slashing().unbond(value);
			session.submit("unbonding", &call).await?;
			session.print(
				|| format!("unbonding {}", amount::Stra(value)),
				|| json!({ "unbonding": value.to_string() }),
			);
			Ok(())
		},
		ProviderCommand::Show { account } => {
			let who = session.account_or_mine(account.as_deref())?;
			let view =
				session.market.provider(who).await?.ok_or_else(|| {
					Failure::NotFound(format!("{who} is not a registered provider"))
				})?;
			let stake = session.market.stake(who).await?;
			session.print(
				|| output::provider_text(&who, &view, stake.as_ref()),
				|| output::provider_json(&who, &view, stake.as_ref()),
			);
			Ok(())
		},
		ProviderCommand::Stats { account } => {
			let who = session.account_or_mine(account.as_deref())?;
			let stats = session
				.market
				.provider_stats(who)
				.await?
				.ok_or_else(|| Failure::NotFound(format!("{who} has no provider record")))?;
			session.print(|| output::stats_text(&who, &stats), || output::stats_json(&who, &stats));
			Ok(())
		},
	}
}
