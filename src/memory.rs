//! Giving memory back at the end of a call.
//!
//! In WebAssembly the large trees of a call (hcl-edit's syntax tree, the module model) are not
//! freed node by node: the JS wrapper (pkg/src/api.js) replaces the instance, and with it the
//! whole linear memory, once the memory has grown past a threshold. Freeing millions of small
//! allocations one at a time touches the whole heap again and cost a fifth of the lint of a
//! 10,000-key module (bench/). Natively everything is dropped as usual.

/// Ends the life of `value`: dropped natively, left in place in WebAssembly (see above).
pub fn discard<T>(value: T) {
    if cfg!(target_arch = "wasm32") {
        std::mem::forget(value);
    } else {
        drop(value);
    }
}
