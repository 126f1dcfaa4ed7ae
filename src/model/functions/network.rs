//! IP network functions: `cidrhost`, `cidrnetmask`, `cidrsubnet`, `cidrsubnets`.
//!
//! Addresses are worked on as 128-bit numbers; an IPv4 prefix keeps 32 bits.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::{argument, integer, text, Failure, Function, Outcome};
use crate::model::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("cidrhost", 2, Some(2), cidrhost),
    Function::new("cidrnetmask", 1, Some(1), cidrnetmask),
    Function::new("cidrsubnet", 3, Some(3), cidrsubnet),
    Function::new("cidrsubnets", 1, None, cidrsubnets),
];

/// A prefix: its network address as a number, its length, and the address size in bits.
struct Prefix {
    base: u128,
    length: u32,
    bits: u32,
}

impl Prefix {
    fn read(args: &[Value], i: usize) -> Result<Prefix, Failure> {
        let s = text(args, i)?;
        let invalid = || argument(i + 1, "not a valid address prefix in CIDR notation");
        let (address, length) = s.split_once('/').ok_or_else(invalid)?;
        let address: IpAddr = address.parse().map_err(|_| invalid())?;
        let length: u32 = length.parse().map_err(|_| invalid())?;
        let (address, bits) = match address {
            IpAddr::V4(a) => (u32::from(a) as u128, 32),
            IpAddr::V6(a) => (u128::from(a), 128),
        };
        if length > bits {
            return Err(invalid());
        }
        // The network address: the host bits of the address given are cleared, as Go's
        // `net.ParseCIDR` does.
        let host_mask = if bits - length >= 128 {
            u128::MAX
        } else {
            (1u128 << (bits - length)) - 1
        };
        Ok(Prefix {
            base: address & !host_mask,
            length,
            bits,
        })
    }

    /// Addresses in the prefix, as a power of two.
    fn host_bits(&self) -> u32 {
        self.bits - self.length
    }

    fn address(&self, n: u128) -> String {
        if self.bits == 32 {
            Ipv4Addr::from(n as u32).to_string()
        } else {
            Ipv6Addr::from(n).to_string()
        }
    }

    /// The subnet `netnum` of `newbits` more bits.
    fn subnet(&self, newbits: i64, netnum: i64, position: usize) -> Result<(u128, u32), Failure> {
        let newbits = u32::try_from(newbits)
            .map_err(|_| argument(position, "the number of new bits must not be negative"))?;
        if newbits > self.host_bits() {
            return Err(argument(
                position,
                format!(
                    "{newbits} new bits would make a prefix longer than {} bits",
                    self.bits
                ),
            ));
        }
        let netnum = u128::try_from(netnum)
            .map_err(|_| argument(position + 1, "the network number must not be negative"))?;
        if newbits < 128 && netnum >> newbits != 0 {
            return Err(argument(
                position + 1,
                format!("the network number does not fit in {newbits} bits"),
            ));
        }
        let length = self.length + newbits;
        let shift = self.bits - length;
        let offset = if shift >= 128 { 0 } else { netnum << shift };
        Ok((self.base | offset, length))
    }
}

fn cidrhost(args: &[Value]) -> Outcome {
    let prefix = Prefix::read(args, 0)?;
    let host = integer(args, 1)?;
    let size: u128 = if prefix.host_bits() >= 128 {
        u128::MAX
    } else {
        1u128 << prefix.host_bits()
    };
    let magnitude = host.unsigned_abs() as u128;
    let offset = if host >= 0 {
        (magnitude < size).then_some(magnitude)
    } else {
        (magnitude <= size).then(|| size - magnitude)
    };
    let offset = offset.ok_or_else(|| argument(2, "the host number is outside the prefix"))?;
    Ok(Value::String(prefix.address(prefix.base + offset).into()))
}

fn cidrnetmask(args: &[Value]) -> Outcome {
    let prefix = Prefix::read(args, 0)?;
    if prefix.bits != 32 {
        return Err(argument(1, "only IPv4 prefixes have a netmask"));
    }
    let mask = if prefix.length == 0 {
        0
    } else {
        u32::MAX << (32 - prefix.length)
    };
    Ok(Value::String(Ipv4Addr::from(mask).to_string().into()))
}

fn cidrsubnet(args: &[Value]) -> Outcome {
    let prefix = Prefix::read(args, 0)?;
    let (base, length) = prefix.subnet(integer(args, 1)?, integer(args, 2)?, 2)?;
    Ok(Value::String(
        format!("{}/{length}", prefix.address(base)).into(),
    ))
}

/// Consecutive subnets of the given sizes, each aligned to its own size.
fn cidrsubnets(args: &[Value]) -> Outcome {
    let prefix = Prefix::read(args, 0)?;
    let span = if prefix.host_bits() >= 128 {
        u128::MAX
    } else {
        (1u128 << prefix.host_bits()) - 1
    };
    let end = prefix.base + span;
    let mut next = prefix.base;
    let mut out = Vec::new();
    for i in 1..args.len() {
        let newbits = integer(args, i)?;
        let (_, length) = prefix.subnet(newbits, 0, i + 1)?;
        let size_bits = prefix.bits - length;
        let size: u128 = if size_bits >= 128 {
            u128::MAX
        } else {
            1 << size_bits
        };
        // Aligned up to the subnet's own size.
        let start = next.div_ceil(size).saturating_mul(size);
        if start < next || start > end || start.saturating_add(size - 1) > end {
            return Err(argument(
                i + 1,
                "not enough room left in the prefix for this subnet",
            ));
        }
        out.push(Value::String(
            format!("{}/{length}", prefix.address(start)).into(),
        ));
        next = start.saturating_add(size);
    }
    Ok(Value::list(out))
}
