//! The `subxt` macro in `lib.rs` generates the client's types from
//! `metadata/stratus.scale`, but cargo cannot see that it reads the file:
//! without this, a new metadata file leaves a stale client (and the
//! `stratus` and `stratus-provider` built on it) in a warm target directory.
fn main() {
	println!("cargo:rerun-if-changed=metadata/stratus.scale");
}
