//! Work spread over the machine's cores with `std::thread::scope`: no dependency, no global pool.
//! Results come back in input order, so the output never depends on scheduling.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// A worker's stack: emitting and reading recurse as deep as a page's types nest (the readers
/// cap nesting, but at a depth the 2 MiB default of spawned threads does not always hold).
const STACK_BYTES: usize = 64 * 1024 * 1024;

/// Below this many items per thread, [`map_mut`] stays on the calling thread: its items are
/// small (a page's model, one type's copies), and starting a thread costs more than a few of them.
const MIN_ITEMS_PER_THREAD: usize = 16;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` over `items`, on up to `available_parallelism()` threads (one, with no thread spawned,
/// for a single item or a single core). Items are handed out one at a time, so a few large
/// ones do not leave a thread idle.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = cores().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let take = || {
        let i = next.fetch_add(1, Ordering::Relaxed);
        items.get(i).map(|item| (i, item))
    };
    spread(items.len(), threads, take, f)
}

/// `f` over `items`, each borrowed mutably (so `f` can move parts out), on up to
/// `available_parallelism()` threads when there are at least [`MIN_ITEMS_PER_THREAD`] items for
/// each; results in input order.
pub fn map_mut<T: Send, R: Send>(items: &mut [T], f: impl Fn(&mut T) -> R + Sync) -> Vec<R> {
    let threads = cores().min(items.len() / MIN_ITEMS_PER_THREAD);
    if threads <= 1 {
        return items.iter_mut().map(f).collect();
    }
    let len = items.len();
    // The lock is held only to take the next item, never while `f` runs, so a panicking `f`
    // cannot poison it (and the panic is passed on when its thread is joined).
    let queue = Mutex::new(items.iter_mut().enumerate());
    let take = || queue.lock().unwrap_or_else(PoisonError::into_inner).next();
    spread(len, threads, take, f)
}

/// Runs `threads` workers that each call `take` for the next (index, item) until it gives
/// `None`, and puts each `f(item)` at its index.
fn spread<I, R: Send>(
    len: usize,
    threads: usize,
    take: impl Fn() -> Option<(usize, I)> + Sync,
    f: impl Fn(I) -> R + Sync,
) -> Vec<R> {
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(len).collect();
    let done: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(STACK_BYTES)
                    .spawn_scoped(scope, || {
                        let mut mine = Vec::new();
                        while let Some((i, item)) = take() {
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

    #[test]
    fn map_mut_keeps_input_order_and_sees_each_item_once() {
        // Enough items for every core to take some.
        let mut items: Vec<Vec<u64>> = (0..1000).map(|i| vec![i]).collect();
        let out = super::map_mut(&mut items, |v| {
            std::thread::sleep(std::time::Duration::from_micros((v[0] % 7) * 50));
            std::mem::take(v)[0] * 2
        });
        assert_eq!(out, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
        assert!(items.iter().all(Vec::is_empty), "every item was taken from");
        assert_eq!(super::map_mut(&mut [3u8], |x| *x + 1), vec![4]);
    }
}
