//! The WebAssembly API of keymgmt-lint: the same calls as the core's Rust API, with JS values
//! in and out; the panic hook and the heap handling of a WebAssembly instance.

use std::cell::RefCell;

use keymgmt_lint::{Options, SourceFile};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Inputs from this size on leave their trees in place (`keymgmt_lint::leave_trees_in_place`):
/// the JS wrapper (pkg/src/api.js) replaces the instance, and with it the whole linear memory,
/// once it has grown past a threshold. Small inputs free as usual: a playground relinting on
/// every keystroke is faster reusing warm memory than touching fresh pages (www bench).
const LEAVE_IN_PLACE_FROM_BYTES: usize = 256 << 10;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keeps the panic message where the JS wrapper can fetch it after the trap that follows.
fn remember_panic(info: &std::panic::PanicHookInfo<'_>) {
    let message = info.to_string();
    LAST_PANIC.with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = Some(message);
        }
    });
}

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(remember_panic));
}

/// The message of the last panic, if any; the JS wrapper calls it after a trap.
#[wasm_bindgen(js_name = takePanicMessage)]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.with(|slot| slot.try_borrow_mut().ok().and_then(|mut s| s.take()))
}

/// The size of the linear memory: the JS wrapper replaces the instance when it has grown large,
/// since calls on large inputs leave their largest trees in place.
#[wasm_bindgen(js_name = heapBytes)]
pub fn heap_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

fn prepare_heap(input_bytes: usize) {
    keymgmt_lint::leave_trees_in_place(input_bytes >= LEAVE_IN_PLACE_FROM_BYTES);
    reserve_heap(input_bytes);
}

/// A lint needs about 24 bytes of heap per byte of input (measured on bench/gen.mjs modules).
/// The allocator grows WebAssembly memory one request at a time, and every `memory.grow` makes V8
/// replace the memory's ArrayBuffer: on a 7 MB module those thousands of small grows cost as much
/// as the lint itself. Allocating the expected peak once and freeing it grows memory in one step
/// and leaves the space in the allocator's free lists for the lint to use.
/// Capped, and fallible, so that a huge input (which gets a size-limit diagnostic anyway) never
/// fails here.
fn reserve_heap(input_bytes: usize) {
    const HEAP_PER_INPUT_BYTE: usize = 24;
    // Files over the size limit are not parsed, so they need no heap; this bounds the reserve.
    const MAX_RESERVE: usize = keymgmt_lint::MAX_FILE_BYTES * HEAP_PER_INPUT_BYTE / 2;
    let mut reserve = Vec::<u8>::new();
    let wanted = input_bytes
        .saturating_mul(HEAP_PER_INPUT_BYTE)
        .min(MAX_RESERVE);
    if reserve.try_reserve_exact(wanted).is_ok() {
        // black_box: without it the optimiser removes an allocation that is never used.
        drop(std::hint::black_box(reserve));
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|e| JsError::new(&e.to_string()))
}

/// A JS argument as JSON, for the core to read. Through serde_json, because
/// serde-wasm-bindgen reads only the fields a struct names and so would let a misspelt option
/// pass silently. `undefined` is `null`.
fn json(value: JsValue, what: &str) -> Result<serde_json::Value, JsError> {
    if value.is_undefined() {
        return Ok(serde_json::Value::Null);
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| invalid(what, &e))
}

fn invalid(what: &str, e: &dyn std::fmt::Display) -> JsError {
    JsError::new(&format!(
        "invalid {what}: {}",
        without_values(&e.to_string())
    ))
}

fn files_arg(files: JsValue) -> Result<Vec<SourceFile>, JsError> {
    SourceFile::list_from_json(json(files, "files")?).map_err(|e| invalid("files", &e))
}

fn options_arg(options: JsValue) -> Result<Options, JsError> {
    Options::from_json(json(options, "options")?).map_err(|e| invalid("options", &e))
}

/// serde quotes the offending value (`invalid type: string "…", expected a map`), and a value
/// handed to the API may be a secret, or a whole file holding one: keep only its kind. What
/// follows `expected` is serde's description of the wanted type, never input.
fn without_values(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some((found, expected)) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.rsplit_once(", expected "))
        {
            let kind = found.split([' ', '`']).next().unwrap_or_default();
            return format!("{prefix}{kind}, expected {expected}");
        }
    }
    if let Some((_, expected)) = message
        .strip_prefix("unknown variant ")
        .and_then(|rest| rest.rsplit_once(", expected "))
    {
        return format!("unknown value, expected {expected}");
    }
    message.to_string()
}

/// `lint(files: {path, text}[], options?) -> Report`
#[wasm_bindgen]
pub fn lint(files: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    lint_files(&files_arg(files)?, options)
}

fn lint_files(files: &[SourceFile], options: JsValue) -> Result<JsValue, JsError> {
    let options = options_arg(options)?;
    prepare_heap(files.iter().map(|f| f.text.len()).sum());
    let report = keymgmt_lint::lint(files, &options).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&report)
}

/// `lintBytes(paths, bytes, ends, unread, options?) -> Report`: `lint` for files given as bytes
/// (a file that is not UTF-8 text gets a `parse-error`), all in one buffer, file `i` ending at
/// `ends[i]`. `unread[i]`, when an object, says why file `i` was not read and has no bytes:
/// `{size}` over a size limit, `{reason}` not a regular file. Copying bytes into the instance is
/// a single block copy, where a JS string is re-encoded character by character (a fifth of the
/// time of a 7 MB module's lint outside the core, bench/).
#[wasm_bindgen(js_name = lintBytes)]
pub fn lint_bytes(
    paths: Vec<String>,
    bytes: Vec<u8>,
    ends: Vec<u32>,
    unread: JsValue,
    options: JsValue,
) -> Result<JsValue, JsError> {
    let mut files = files_from_bytes(paths, bytes, &ends)?;
    let unread = json(unread, "unread")?;
    for (file, why) in files
        .iter_mut()
        .zip(unread.as_array().into_iter().flatten())
    {
        if let Some(size) = why.get("size").and_then(serde_json::Value::as_u64) {
            *file = SourceFile::too_large(file.path.clone(), size);
        } else if let Some(reason) = why.get("reason").and_then(serde_json::Value::as_str) {
            *file = SourceFile::not_regular(file.path.clone(), reason);
        }
    }
    lint_files(&files, options)
}

/// `graphBytes(paths, bytes, ends, options?)`: `graph` for files given as in `lintBytes`.
#[wasm_bindgen(js_name = graphBytes)]
pub fn graph_bytes(
    paths: Vec<String>,
    bytes: Vec<u8>,
    ends: Vec<u32>,
    options: JsValue,
) -> Result<JsValue, JsError> {
    let files = files_from_bytes(paths, bytes, &ends)?;
    graph_files(&files, options)
}

fn files_from_bytes(
    paths: Vec<String>,
    mut bytes: Vec<u8>,
    ends: &[u32],
) -> Result<Vec<SourceFile>, JsError> {
    let ends: Vec<usize> = ends.iter().map(|&end| end as usize).collect();
    let ordered = ends.windows(2).all(|w| w[0] <= w[1]);
    if paths.len() != ends.len() || !ordered || ends.last().is_some_and(|&end| end != bytes.len()) {
        return Err(JsError::new(
            "invalid files: every path needs the offset where its bytes end, in order",
        ));
    }
    // From the last file back, so that each file's bytes are split off, not copied again.
    let mut contents = Vec::with_capacity(ends.len());
    for index in (0..ends.len()).rev() {
        let start = if index == 0 { 0 } else { ends[index - 1] };
        contents.push(bytes.split_off(start));
    }
    contents.reverse();
    // Bytes that are not text are the core's to report, as a finding on that file.
    Ok(paths
        .into_iter()
        .zip(contents)
        .map(|(path, bytes)| SourceFile::from_bytes(path, bytes))
        .collect())
}

/// `calledModules(files, options?) -> string[]`: the directories of the modules the files call.
#[wasm_bindgen(js_name = calledModules)]
pub fn called_modules(files: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    called_modules_of(&files_arg(files)?, options)
}

/// `calledModulesBytes(paths, bytes, ends, options?)`: `calledModules` for files given as in
/// `lintBytes`.
#[wasm_bindgen(js_name = calledModulesBytes)]
pub fn called_modules_bytes(
    paths: Vec<String>,
    bytes: Vec<u8>,
    ends: Vec<u32>,
    options: JsValue,
) -> Result<JsValue, JsError> {
    called_modules_of(&files_from_bytes(paths, bytes, &ends)?, options)
}

fn called_modules_of(files: &[SourceFile], options: JsValue) -> Result<JsValue, JsError> {
    to_js(&keymgmt_lint::called_directories(
        files,
        &options_arg(options)?,
    ))
}

/// `variableSources(files, options?) -> VariableSource[]`: where each root module variable
/// gets its value.
#[wasm_bindgen(js_name = variableSources)]
pub fn variable_sources(files: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    variable_sources_of(&files_arg(files)?, options)
}

/// `variableSourcesBytes(paths, bytes, ends, options?)`: `variableSources` for files given as
/// in `lintBytes`.
#[wasm_bindgen(js_name = variableSourcesBytes)]
pub fn variable_sources_bytes(
    paths: Vec<String>,
    bytes: Vec<u8>,
    ends: Vec<u32>,
    options: JsValue,
) -> Result<JsValue, JsError> {
    variable_sources_of(&files_from_bytes(paths, bytes, &ends)?, options)
}

fn variable_sources_of(files: &[SourceFile], options: JsValue) -> Result<JsValue, JsError> {
    to_js(&keymgmt_lint::variable_sources(
        files,
        &options_arg(options)?,
    ))
}

/// `lintPlan(text, options?, path?) -> Report` for `terraform show -json` output.
#[wasm_bindgen(js_name = lintPlan)]
pub fn lint_plan(text: String, options: JsValue, path: Option<String>) -> Result<JsValue, JsError> {
    let options = options_arg(options)?;
    prepare_heap(text.len());
    let plan = SourceFile::new(path.unwrap_or_else(|| "plan.json".to_string()), text);
    let report =
        keymgmt_lint::lint_plan(&plan, &options).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&report)
}

/// `readConfig(text, path) -> { options, ignore }`, or throws `{ errors: [{ message, file, range }] }`
/// when the file is not a valid `.keymgmt-lint.json`.
#[wasm_bindgen(js_name = readConfig)]
pub fn read_config(text: String, path: String) -> Result<JsValue, JsValue> {
    match keymgmt_lint::read_config(&SourceFile::new(path, text)) {
        Ok(config) => to_js(&config).map_err(JsValue::from),
        Err(errors) => Err(to_js(&serde_json::json!({ "errors": errors })).map_err(JsValue::from)?),
    }
}

/// `configSchema() -> JSON Schema` of `.keymgmt-lint.json`.
#[wasm_bindgen(js_name = configSchema)]
pub fn config_schema() -> Result<JsValue, JsError> {
    to_js(&keymgmt_lint::config_schema())
}

/// `graph(files, options?) -> { nodes, edges }`: the module's keymgmt resources and links.
#[wasm_bindgen]
pub fn graph(files: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    graph_files(&files_arg(files)?, options)
}

fn graph_files(files: &[SourceFile], options: JsValue) -> Result<JsValue, JsError> {
    let options = options_arg(options)?;
    prepare_heap(files.iter().map(|f| f.text.len()).sum());
    to_js(&keymgmt_lint::graph(files, &options))
}

/// `rules() -> RuleMeta[]`
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&keymgmt_lint::rules())
}

/// `schemas() -> { [resourceType]: JSON Schema }`
#[wasm_bindgen]
pub fn schemas() -> Result<JsValue, JsError> {
    to_js(&keymgmt_lint::schemas())
}

/// `version() -> string`
#[wasm_bindgen]
pub fn version() -> String {
    keymgmt_lint::VERSION.to_string()
}
