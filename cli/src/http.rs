//! Posting a manifest to a provider's host URI over HTTP/1.1.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// The header the provider agent reads the tenant's signature from.
const SIGNATURE_HEADER: &str = "x-stratus-signature";

/// Posts `manifest` for `lease` to the provider at `host_uri`, signed;
/// returns the status and the body of the answer.
pub async fn post_manifest(
	host_uri: &str,
	lease: u64,
	signature: &[u8; 64],
	manifest: Vec<u8>,
) -> Result<(u16, String), String> {
	let url = format!("{}/leases/{lease}/manifest", host_uri.trim_end_matches('/'));
	let uri: hyper::Uri =
		url.parse().map_err(|_| format!("the provider's host URI {host_uri} is not a URL"))?;
	if uri.scheme_str() != Some("http") {
		return Err(format!(
			"the provider's host URI {host_uri} is not http://, the one scheme this tool speaks"
		));
	}
	let authority = uri.authority().map(|a| a.to_string()).unwrap_or_default();
	let host = uri.host().unwrap_or_default().to_owned();
	let port = uri.port_u16().unwrap_or(80);
	let unreachable =
		|e: &dyn std::fmt::Display| format!("cannot reach the provider at {host_uri}: {e}");
	let stream = TcpStream::connect((host.as_str(), port)).await.map_err(|e| unreachable(&e))?;
	let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
		.await
		.map_err(|e| unreachable(&e))?;
	tokio::spawn(connection);
	let request = hyper::Request::post(uri.path())
		.header(hyper::header::HOST, authority)
		.header(SIGNATURE_HEADER, format!("0x{}", hex::encode(signature)))
		.body(Full::new(Bytes::from(manifest)))
		.map_err(|e| e.to_string())?;
	let response = sender.send_request(request).await.map_err(|e| unreachable(&e))?;
	let status = response.status().as_u16();
	let body = response.into_body().collect().await.map_err(|e| unreachable(&e))?.to_bytes();
	Ok((status, String::from_utf8_lossy(&body).into_owned()))
}
