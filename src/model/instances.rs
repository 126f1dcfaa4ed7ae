//! `count` and `for_each`: a resource block whose `count` or `for_each` is known before apply
//! becomes its instances, as Terraform expands it at plan. Each instance is the block again,
//! addressed `type.name[0]` or `type.name["key"]`, its arguments evaluated with `count.index`
//! or `each.key` and `each.value` bound; `count = 0` or an empty `for_each` makes none. A block
//! whose `count` or `for_each` is not known stays one resource, checked once with what is known.

use super::configuration::CallPlan;
use super::eval::{Evaluator, Limit};
use super::{Body, Expr, Instance, InstanceKey, Module, Resource, Value};
use crate::source::Span;

/// The most instances `count` and `for_each` may make in one module, all blocks together:
/// beyond, a block is checked once, as if its `count` or `for_each` were unknown, and the
/// `evaluation-limit` rule says where. Two and a half times the resources of the 10,000-key benchmark
/// written with `for_each`, and low enough that making and checking them all stays within the
/// time goal of bench/cli/hostile.mjs.
pub const MAX_INSTANCES: usize = 50_000;

/// The most rounds of expansion: a block whose `for_each` reads the instances of another
/// (`for_each = vault_keymgmt_key.k`) is expanded a round after it, so a chain of blocks each
/// repeated over the one before needs a round per link. Real modules chain two or three.
pub const MAX_EXPANSION_ROUNDS: usize = 8;

/// Whether some resource block has `count` or `for_each`: only then is there something to
/// expand. Plans are left as they are: Terraform expanded them already.
pub fn has_repeated_resources(module: &Module) -> bool {
    !module.from_plan && module.resources.iter().any(Resource::is_repeated)
}

/// What `count` and `for_each` make of each resource block, and where the instance limit was
/// reached.
#[derive(PartialEq)]
pub struct Expansion {
    blocks: Vec<Option<Vec<Instance>>>,
    limits: Vec<Span>,
}

/// The instances of the resource blocks `blocks`, their `count` and `for_each` evaluated with
/// `eval` (in the configuration as far as it is expanded); `None` when there is nothing to
/// expand, so that the module and its evaluator serve as they are.
pub fn plan(blocks: &[Resource], eval: &Evaluator<'_>) -> Option<Expansion> {
    let mut limits = Vec::new();
    let mut left = MAX_INSTANCES;
    let blocks: Vec<Option<Vec<Instance>>> = blocks
        .iter()
        .map(|resource| match instances_of(eval, resource, left) {
            Ok(instances) => {
                left -= instances.as_ref().map_or(0, Vec::len);
                instances
            }
            Err(TooMany) => {
                limits.push(resource.header);
                None
            }
        })
        .collect();
    if limits.is_empty() && blocks.iter().all(Option::is_none) {
        return None;
    }
    Some(Expansion { blocks, limits })
}

/// The module with its resources replaced by `blocks` (the blocks `expansion` was planned for),
/// each made its instances.
pub fn apply(mut module: Module, blocks: Vec<Resource>, expansion: &Expansion) -> Module {
    for &span in &expansion.limits {
        module.limit(span, Limit::Instances);
    }
    module.resources.clear();
    module.empty_blocks.clear();
    module.by_name.clear();
    module.by_address.clear();
    for (resource, instances) in blocks.into_iter().zip(&expansion.blocks) {
        match instances {
            None => module.add_resource(resource),
            Some(instances) if instances.is_empty() => {
                module
                    .empty_blocks
                    .insert(resource.block_address().to_string());
            }
            Some(instances) => {
                for instance in instances {
                    module.add_resource(resource.as_instance(instance.clone()));
                }
            }
        }
    }
    module.forget_targets();
    module
}

/// More instances than the room left under [`MAX_INSTANCES`].
struct TooMany;

/// The instances of the block `resource`, counted against `room` before any is built; `None`
/// when it has neither `count` nor `for_each`, or they are not known.
fn instances_of(
    eval: &Evaluator<'_>,
    resource: &Resource,
    room: usize,
) -> Result<Option<Vec<Instance>>, TooMany> {
    let value = |name| {
        let attr = resource.body.attribute(name)?;
        Some(eval.eval_in(resource.scope, &attr.value))
    };
    instances(value("count").as_ref(), value("for_each").as_ref(), room)
}

/// The instances `count` or `for_each` make, counted against `room` before any is built; `None`
/// when neither is set, or they are not known (or sensitive, which Terraform refuses).
fn instances(
    count: Option<&Value>,
    for_each: Option<&Value>,
    room: usize,
) -> Result<Option<Vec<Instance>>, TooMany> {
    let fits = |count: usize| if count > room { Err(TooMany) } else { Ok(()) };
    if let Some(count) = count {
        let Value::Number(n) = count else {
            return Ok(None);
        };
        let Some(n) = n.as_u64() else {
            return Ok(None);
        };
        fits(usize::try_from(n).unwrap_or(usize::MAX))?;
        return Ok(Some(
            (0..n)
                .map(|i| Instance {
                    key: InstanceKey::Index(i),
                    value: Value::Number(i.into()),
                })
                .collect(),
        ));
    }
    match for_each {
        Some(Value::Object(map)) => {
            fits(map.len())?;
            Ok(Some(
                map.iter()
                    .map(|(key, value)| Instance {
                        key: InstanceKey::Key(key.clone()),
                        value: value.clone(),
                    })
                    .collect(),
            ))
        }
        // A set of strings: each element is its own key.
        Some(Value::List(items)) if items.iter().all(|i| matches!(i, Value::String(_))) => {
            fits(items.len())?;
            Ok(Some(
                items
                    .iter()
                    .filter_map(|item| match item {
                        Value::String(s) => Some(Instance {
                            key: InstanceKey::Key(s.clone()),
                            value: item.clone(),
                        }),
                        _ => None,
                    })
                    .collect(),
            ))
        }
        _ => Ok(None),
    }
}

/// The instances of every module call with `count` or `for_each` that `eval` knows, each
/// evaluated in the module instance that makes the call.
pub fn plan_calls(module: &Module, eval: &Evaluator<'_>) -> CallPlan {
    let mut plan = CallPlan::default();
    let mut left = MAX_INSTANCES;
    for (index, scope) in module.scopes.iter().enumerate() {
        for (name, call) in &scope.calls {
            if !call.declared.is_repeated() {
                continue;
            }
            let value = |argument| {
                let attr = call.declared.body.attribute(argument)?;
                Some(eval.eval_in(index, &attr.value))
            };
            match instances(value("count").as_ref(), value("for_each").as_ref(), left) {
                Ok(Some(instances)) => {
                    left -= instances.len();
                    plan.instances
                        .insert(format!("{}module.{name}", scope.prefix), instances);
                }
                Ok(None) => {}
                Err(TooMany) => plan.limits.push(call.declared.header),
            }
        }
    }
    plan
}

impl Module {
    /// Forgets the resource each traversal was found to name: the resources were renumbered.
    fn forget_targets(&self) {
        forget_targets(&self.resources);
        let forget_expr = |expr: &Expr| {
            for (t, _) in expr.traversals() {
                t.target.set(None);
            }
        };
        for scope in &self.scopes {
            scope.locals.values().for_each(|l| forget_expr(&l.value));
            scope
                .outputs
                .values()
                .filter_map(|o| o.value.as_ref())
                .for_each(forget_expr);
            scope
                .variables
                .values()
                .filter_map(|v| v.default.as_ref())
                .for_each(forget_expr);
            scope.calls.values().for_each(|c| forget(&c.declared.body));
        }
    }
}

/// Forgets the resource each traversal of `resources` was found to name: they are to be
/// evaluated in another configuration.
pub fn forget_targets(resources: &[Resource]) {
    for resource in resources {
        forget(&resource.body);
    }
}

fn forget(body: &Body) {
    for attr in &body.attributes {
        for (t, _) in attr.value.traversals() {
            t.target.set(None);
        }
    }
    for block in &body.blocks {
        forget(&block.body);
    }
}
