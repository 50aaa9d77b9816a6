//! Builds the runtime to WASM with the SDK's wasm builder. Set
//! `SKIP_WASM_BUILD=1` to skip it for native-only tests.

#[cfg(feature = "std")]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}
