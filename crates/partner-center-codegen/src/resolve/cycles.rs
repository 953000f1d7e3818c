//! Breaking containment cycles: a struct that contains itself, directly or
//! through other structs, would have infinite size, so one field of each
//! cycle holds its value in a `Box`. Decided here, in the IR, so that every
//! reader (emit, the API surface, the change report) sees the same type.

use crate::model::{ItemKind, Model, Reference, Type};

/// Marks the fields that must be boxed. Each cycle is cut where it steps
/// back in item order: a field is boxed when it holds (not in a list or
/// map, which are on the heap already) a struct that comes no later than
/// its own and from which its own struct can be reached that way.
pub(super) fn box_recursive_fields(model: &mut Model) {
    let direct_targets = |kind: &ItemKind| -> Vec<(usize, usize)> {
        match kind {
            ItemKind::Struct(s) => s
                .fields
                .iter()
                .enumerate()
                .filter_map(|(i, f)| match f.ty {
                    Type::Named(Reference::Item(target)) => Some((i, target.0 as usize)),
                    _ => None,
                })
                .collect(),
            ItemKind::Enum(_) => Vec::new(),
        }
    };
    let fields: Vec<Vec<(usize, usize)>> =
        model.items.iter().map(|i| direct_targets(&i.kind)).collect();
    let edges: Vec<Vec<usize>> =
        fields.iter().map(|f| f.iter().map(|(_, t)| *t).collect()).collect();
    let component = strongly_connected_components(&edges);
    for (id, targets) in fields.iter().enumerate() {
        for &(field, target) in targets {
            if target <= id
                && component[target] == component[id]
                && let ItemKind::Struct(s) = &mut model.items[id].kind
            {
                s.fields[field].boxed = true;
            }
        }
    }
}
/// The strongly connected component of every node (Kosaraju's algorithm,
/// iterative): two nodes share one exactly when each reaches the other.
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    // First pass: nodes in order of finishing a depth-first search.
    let mut finished = Vec::with_capacity(n);
    let mut visited = vec![false; n];
    for root in 0..n {
        if visited[root] {
            continue;
        }
        visited[root] = true;
        let mut stack = vec![(root, 0)];
        while let Some((node, next)) = stack.pop() {
            match edges[node].get(next) {
                Some(&target) => {
                    stack.push((node, next + 1));
                    if !visited[target] {
                        visited[target] = true;
                        stack.push((target, 0));
                    }
                }
                None => finished.push(node),
            }
        }
    }
    // Second pass: on the reversed graph, latest finished first.
    let mut reversed = vec![Vec::new(); n];
    for (from, targets) in edges.iter().enumerate() {
        for &to in targets {
            reversed[to].push(from);
        }
    }
    let mut component = vec![usize::MAX; n];
    let mut components = 0;
    for &root in finished.iter().rev() {
        if component[root] != usize::MAX {
            continue;
        }
        let count = components;
        components += 1;
        let mut stack = vec![root];
        component[root] = count;
        while let Some(node) = stack.pop() {
            for &from in &reversed[node] {
                if component[from] == usize::MAX {
                    component[from] = count;
                    stack.push(from);
                }
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_group_nodes_that_reach_each_other() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 3 loops on itself; 4 -> 0 is outside.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let c = strongly_connected_components(&edges);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[0] && c[4] != c[3]);
    }
}
