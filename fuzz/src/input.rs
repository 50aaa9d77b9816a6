//! Turns fuzzer bytes into call arguments, biased toward the edges: zero,
//! one, the maximum, and just below and above each bound the runtime sets.

/// A reader over the fuzzer's bytes. When they run out every read returns
/// zero, so a sequence always ends.
pub struct Input<'a> {
	data: &'a [u8],
}

impl<'a> Input<'a> {
	pub fn new(data: &'a [u8]) -> Self {
		Self { data }
	}

	pub fn is_empty(&self) -> bool {
		self.data.is_empty()
	}

	pub fn u8(&mut self) -> u8 {
		match self.data.split_first() {
			Some((first, rest)) => {
				self.data = rest;
				*first
			},
			None => 0,
		}
	}

	pub fn bool(&mut self) -> bool {
		self.u8() & 1 == 1
	}

	pub fn u32(&mut self) -> u32 {
		u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
	}

	pub fn u64(&mut self) -> u64 {
		u64::from(self.u32()) << 32 | u64::from(self.u32())
	}

	/// An index below `n` (`n` > 0).
	pub fn below(&mut self, n: usize) -> usize {
		usize::from(self.u8()) % n
	}

	/// One of `options`.
	pub fn pick<T: Copy>(&mut self, options: &[T]) -> T {
		options[self.below(options.len())]
	}

	/// A number around `bound`: 0, 1, bound - 1, bound, bound + 1, the
	/// type's maximum, or any value.
	pub fn around_u32(&mut self, bound: u32) -> u32 {
		match self.below(8) {
			0 => 0,
			1 => 1,
			2 => bound.saturating_sub(1),
			3 => bound,
			4 => bound.saturating_add(1),
			5 => u32::MAX,
			6 => self.u32() % bound.saturating_add(2).max(1),
			_ => self.u32(),
		}
	}

	/// An amount around one of `bounds`, or 0, 1, the maximum or any value.
	pub fn around_u128(&mut self, bounds: &[u128]) -> u128 {
		let bound = self.pick(bounds);
		match self.below(10) {
			0 => 0,
			1 => 1,
			2 => bound.saturating_sub(1),
			3 | 4 => bound,
			5 => bound.saturating_add(1),
			6 => u128::MAX,
			7 => bound.saturating_mul(u128::from(self.u8()) + 2),
			8 => u128::from(self.u64()),
			_ => bound / (u128::from(self.u8()) + 2),
		}
	}

	/// `len` bytes, of a few kinds: empty-ish, repeated, or from the input.
	pub fn bytes(&mut self, len: usize) -> Vec<u8> {
		match self.below(3) {
			0 => vec![b'a'; len],
			1 => (0..len).map(|i| b'a' + (i % 26) as u8).collect(),
			_ => (0..len).map(|_| self.u8()).collect(),
		}
	}

	/// A length for a vector bounded by `max`: 0, 1, max - 1, max, or any.
	pub fn len(&mut self, max: u32) -> usize {
		let len = match self.below(6) {
			0 => 0,
			1 => 1,
			2 => max.saturating_sub(1),
			3 => max,
			_ => u32::from(self.u8()) % max.saturating_add(1),
		};
		len as usize
	}
}
