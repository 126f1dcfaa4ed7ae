//! Giving memory back at the end of a call.
//!
//! Freeing the trees of a large module node by node (the syntax tree, the module model)
//! touches the whole heap once more and cost a fifth of the lint of a 10,000-key module in
//! WebAssembly (bench/). An embedder that throws the whole heap away instead (the WebAssembly
//! binding, whose JS wrapper replaces the instance once its memory has grown) can ask the next
//! calls to leave their trees in place; by default everything is dropped. (A large file parsed in
//! pieces frees each piece's syntax tree at once, whatever is asked: the next piece reuses that
//! memory, see `parse/hcl.rs`.)

use std::sync::atomic::{AtomicBool, Ordering};

static LEAVE_IN_PLACE: AtomicBool = AtomicBool::new(false);

/// Whether the calls that follow leave their largest trees in place rather than free them node
/// by node: only for an embedder that reclaims the whole heap some other way.
pub fn leave_trees_in_place(leave: bool) {
    LEAVE_IN_PLACE.store(leave, Ordering::Relaxed);
}

/// Ends the life of `value`: dropped, or left in place for a large input in WebAssembly.
pub fn discard<T>(value: T) {
    if LEAVE_IN_PLACE.load(Ordering::Relaxed) {
        std::mem::forget(value);
    } else {
        drop(value);
    }
}
