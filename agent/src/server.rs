//! The agent's HTTP endpoints: tenants post manifests at the provider's
//! host URI (`POST /leases/{id}/manifest`, the body the manifest file, the
//! header `x-stratus-signature` the tenant's signature); Prometheus reads
//! `GET /metrics`.

use crate::state::Shared;
use http_body_util::{BodyExt, Full, Limited};
use hyper::{
	body::{Bytes, Incoming},
	server::conn::http1,
	service::service_fn,
	Method, Request, Response, StatusCode,
};
use hyper_util::rt::TokioIo;
use serde_json::json;
use std::{convert::Infallible, net::SocketAddr, sync::Arc};
use stratus_client::manifest::{check_delivery, DeliveryError};
use tokio::net::TcpListener;

/// The largest manifest accepted, in bytes.
pub const MAX_MANIFEST: usize = 64 * 1024;
/// The header that carries the tenant's signature, 0x-prefixed hex.
pub const SIGNATURE_HEADER: &str = "x-stratus-signature";

/// Listens on `address`.
pub async fn bind(address: SocketAddr) -> Result<TcpListener, String> {
	let listener =
		TcpListener::bind(address).await.map_err(|e| format!("cannot listen on {address}: {e}"))?;
	tracing::info!(%address, "listening");
	Ok(listener)
}

/// Serves the endpoints on `listener` until the process ends.
pub async fn serve(listener: TcpListener, shared: Arc<Shared>) {
	loop {
		let Ok((stream, _)) = listener.accept().await else { continue };
		let shared = shared.clone();
		tokio::spawn(async move {
			let service = service_fn(move |request| handle(request, shared.clone()));
			if let Err(error) =
				http1::Builder::new().serve_connection(TokioIo::new(stream), service).await
			{
				tracing::debug!(%error, "connection ended");
			}
		});
	}
}

fn reply(status: StatusCode, body: serde_json::Value) -> Response<Full<Bytes>> {
	let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
	*response.status_mut() = status;
	response.headers_mut().insert(
		hyper::header::CONTENT_TYPE,
		hyper::header::HeaderValue::from_static("application/json"),
	);
	response
}

fn refuse(status: StatusCode, message: impl Into<String>) -> Response<Full<Bytes>> {
	reply(status, json!({ "error": message.into() }))
}

async fn handle(
	request: Request<Incoming>,
	shared: Arc<Shared>,
) -> Result<Response<Full<Bytes>>, Infallible> {
	let path: Vec<&str> = request.uri().path().trim_matches('/').split('/').collect();
	let response = match (request.method(), path.as_slice()) {
		(&Method::GET, ["metrics"]) => {
			Response::new(Full::new(Bytes::from(shared.metrics.render())))
		},
		(&Method::GET, ["health"]) => {
			reply(StatusCode::OK, json!({ "provider": shared.me.to_string() }))
		},
		(&Method::POST, ["leases", lease, "manifest"]) => match lease.parse::<u64>() {
			Ok(lease) => deliver(lease, request, &shared).await,
			Err(_) => refuse(StatusCode::BAD_REQUEST, format!("\"{lease}\" is not a lease id")),
		},
		_ => refuse(
			StatusCode::NOT_FOUND,
			"no such endpoint: POST /leases/{id}/manifest, GET /metrics",
		),
	};
	Ok(response)
}

/// A tenant delivers the manifest of `lease_id`: checked against the lease
/// on the chain and the tenant's signature, then written to the lease's
/// directory and started. Nothing runs unless every check passes.
async fn deliver(
	lease_id: u64,
	request: Request<Incoming>,
	shared: &Shared,
) -> Response<Full<Bytes>> {
	let signature = request
		.headers()
		.get(SIGNATURE_HEADER)
		.and_then(|value| value.to_str().ok())
		.and_then(|text| hex::decode(text.trim().trim_start_matches("0x")).ok())
		.and_then(|bytes| <[u8; 64]>::try_from(bytes).ok());
	let Some(signature) = signature else {
		return refuse(
			StatusCode::BAD_REQUEST,
			format!(
				"the {SIGNATURE_HEADER} header must hold the tenant's 64-byte signature in hex"
			),
		);
	};
	let bytes = match Limited::new(request.into_body(), MAX_MANIFEST).collect().await {
		Ok(body) => body.to_bytes().to_vec(),
		Err(_) => {
			return refuse(
				StatusCode::PAYLOAD_TOO_LARGE,
				format!("a manifest is at most {MAX_MANIFEST} bytes"),
			)
		},
	};
	let lease = match shared.market.lease(lease_id).await {
		Ok(Some(lease)) if lease.provider == shared.me => lease,
		Ok(_) => {
			return refuse(
				StatusCode::NOT_FOUND,
				format!("lease {lease_id} is not open with this provider"),
			)
		},
		Err(error) => {
			return refuse(
				StatusCode::SERVICE_UNAVAILABLE,
				format!("cannot read the chain: {error}"),
			)
		},
	};
	let manifest =
		match check_delivery(lease_id, &lease.tenant, &lease.manifest.0, bytes, &signature) {
			Ok(manifest) => manifest,
			Err(error) => {
				shared.metrics.manifests_refused.inc();
				tracing::warn!(lease = lease_id, %error, "manifest refused");
				let status = match error {
					DeliveryError::BadSignature => StatusCode::FORBIDDEN,
					DeliveryError::WrongHash { .. } => StatusCode::CONFLICT,
					DeliveryError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
				};
				return refuse(status, error.to_string());
			},
		};
	match shared.accept_manifest(lease_id, manifest, &lease.resources) {
		Ok(started) => {
			tracing::info!(lease = lease_id, started, "manifest accepted");
			reply(
				StatusCode::ACCEPTED,
				json!({ "lease": lease_id, "status": if started { "starting" } else { "running" } }),
			)
		},
		Err(error) => {
			tracing::warn!(lease = lease_id, %error, "workload did not start");
			refuse(StatusCode::UNPROCESSABLE_ENTITY, error)
		},
	}
}
