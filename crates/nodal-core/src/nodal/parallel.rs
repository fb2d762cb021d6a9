//! Runs independent cases on the available cores with scoped standard-library threads.

use crate::error::{CoreError, CoreResult};
use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` applied to every item, results in item order. Workers (at most one per available
/// core, at most one per item) take the next unclaimed item until none is left, so uneven
/// case costs balance out.
pub(crate) fn parallel_map<T, R, F>(items: &[T], f: F) -> CoreResult<Vec<R>>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return Ok(items.iter().map(&f).collect());
    }
    let next = AtomicUsize::new(0);
    let joined = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join()).collect::<Vec<_>>()
    });
    let mut slots: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    for worker in joined {
        let done = worker.map_err(|_| {
            CoreError::Physical("a calculation thread stopped unexpectedly".to_string())
        })?;
        for (i, r) in done {
            slots[i] = Some(r);
        }
    }
    slots
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.ok_or_else(|| CoreError::Physical(format!("case {i} produced no result"))))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn keeps_item_order() {
        let items: Vec<u64> = (0..257).collect();
        let out = parallel_map(&items, |&x| x * x).unwrap();
        assert_eq!(out, items.iter().map(|x| x * x).collect::<Vec<_>>());
        assert!(parallel_map(&[] as &[u64], |&x| x).unwrap().is_empty());
    }
}
