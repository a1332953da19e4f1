//! Work spread over the machine's cores with `std::thread::scope`: no dependency, no global pool.
//! Results come back in input order, so the output never depends on scheduling.

use std::sync::atomic::{AtomicUsize, Ordering};

/// A worker's stack: emitting and reading recurse as deep as a page's types nest (the readers
/// cap nesting, but at a depth the 2 MiB default of spawned threads does not always hold).
const STACK_BYTES: usize = 64 * 1024 * 1024;

/// `f` over `items`, on up to `available_parallelism()` threads (one, with no thread spawned,
/// for a single item or a single core). Items are handed out one at a time, so a few large
/// ones do not leave a thread idle.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    let done: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(STACK_BYTES)
                    .spawn_scoped(scope, || {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(item) = items.get(i) else { break };
                            mine.push((i, f(item)));
                        }
                        mine
                    })
                    .expect("spawning a worker thread")
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    for (i, r) in done.into_iter().flatten() {
        results[i] = Some(r);
    }
    results.into_iter().map(|r| r.expect("every item was mapped")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_input_order() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven work, so threads finish out of order.
        let out = super::map(&items, |&i| {
            std::thread::sleep(std::time::Duration::from_micros((i % 7) * 50));
            i * 2
        });
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(super::map(&Vec::<u8>::new(), |_| 0).is_empty());
    }
}
