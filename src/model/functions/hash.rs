//! Terraform's hash functions of a string: `md5`, `sha1`, `sha256` and `sha512` give the
//! digest of its UTF-8 bytes in lowercase hexadecimal, `base64sha256` and `base64sha512` in
//! standard Base64. A hash of a sensitive value stays sensitive, as every result does.

use base64::Engine;
use sha2::digest::Digest;

use super::{text, Function, Outcome};
use crate::model::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::unary("base64sha256", base64sha256),
    Function::unary("base64sha512", base64sha512),
    Function::unary("md5", md5),
    Function::unary("sha1", sha1),
    Function::unary("sha256", sha256),
    Function::unary("sha512", sha512),
];

/// The digest of the string argument in lowercase hexadecimal.
fn hex<D: Digest>(args: &[Value]) -> Outcome
where
    sha2::digest::Output<D>: std::fmt::LowerHex,
{
    let digest = D::digest(text(args, 0)?.as_bytes());
    Ok(Value::String(format!("{digest:x}").into()))
}

/// The digest of the string argument in standard Base64.
fn base64<D: Digest>(args: &[Value]) -> Outcome {
    let digest = D::digest(text(args, 0)?.as_bytes());
    Ok(Value::String(
        base64::engine::general_purpose::STANDARD
            .encode(digest)
            .into(),
    ))
}

fn md5(args: &[Value]) -> Outcome {
    hex::<md5::Md5>(args)
}

fn sha1(args: &[Value]) -> Outcome {
    hex::<sha1::Sha1>(args)
}

fn sha256(args: &[Value]) -> Outcome {
    hex::<sha2::Sha256>(args)
}

fn sha512(args: &[Value]) -> Outcome {
    hex::<sha2::Sha512>(args)
}

fn base64sha256(args: &[Value]) -> Outcome {
    base64::<sha2::Sha256>(args)
}

fn base64sha512(args: &[Value]) -> Outcome {
    base64::<sha2::Sha512>(args)
}
