//! Giving memory back at the end of a call.
//!
//! Freeing the trees of a large module node by node (the syntax tree, the module model)
//! touches the whole heap once more and cost a fifth of the lint of a 10,000-key module in
//! WebAssembly (bench/). So for large inputs the WebAssembly build leaves them in place, and the
//! JS wrapper (pkg/src/api.js) replaces the instance, and with it the whole linear memory, once
//! it has grown past a threshold. Small inputs free as usual: a playground relinting on every
//! keystroke is faster reusing warm memory than touching fresh pages (www bench). Natively
//! everything is always dropped. (A large file parsed in pieces frees each piece's syntax tree
//! at once, whatever the plan: the next piece reuses that memory, see `parse/hcl.rs`.)

use std::sync::atomic::{AtomicBool, Ordering};

/// Inputs from this size on leave their trees in place, in WebAssembly.
#[cfg(target_arch = "wasm32")]
pub const LEAVE_IN_PLACE_FROM_BYTES: usize = 256 << 10;

/// Set only by the WebAssembly entry points, so native callers always drop.
static LEAVE_IN_PLACE: AtomicBool = AtomicBool::new(false);

/// Chooses how the call about to run on `input_bytes` of input gives its memory back.
#[cfg(target_arch = "wasm32")]
pub fn plan_for(input_bytes: usize) {
    LEAVE_IN_PLACE.store(input_bytes >= LEAVE_IN_PLACE_FROM_BYTES, Ordering::Relaxed);
}

/// Ends the life of `value`: dropped, or left in place for a large input in WebAssembly.
pub fn discard<T>(value: T) {
    if LEAVE_IN_PLACE.load(Ordering::Relaxed) {
        std::mem::forget(value);
    } else {
        drop(value);
    }
}
