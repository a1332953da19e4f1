//! A global allocator that counts live bytes and remembers the peak, for peak-memory numbers
//! without external tools. A binary opts in with
//! `#[global_allocator] static A: Counting = Counting;` and measures with [`peak_during`].
//!
//! Underneath it is mimalloc, the allocator `booster-codegen`'s command line uses, so what the
//! benchmarks time is what the command does (the `system-alloc` feature puts the system's there
//! instead). It counts only inside [`peak_during`]: elsewhere
//! every call costs one relaxed load more than mimalloc's, so the same binary can time its stages without the counters' cost (a few percent
//! on allocation-heavy code, more when threads contend for the counters' cache line).

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

/// The allocator underneath, and the one benchmarks without the counter use: the command line's
/// (mimalloc), or with the `system-alloc` feature the system's, to measure what mimalloc changes.
#[cfg(not(feature = "system-alloc"))]
pub use mimalloc::MiMalloc as Underlying;
#[cfg(feature = "system-alloc")]
pub use std::alloc::System as Underlying;

static COUNTING: AtomicBool = AtomicBool::new(false);
/// Bytes allocated minus bytes freed since the measurement started (negative when it frees
/// what was allocated before).
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

pub struct Counting;

// SAFETY: every call is forwarded to mimalloc unchanged; only counters are updated.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `alloc`'s contract, which mimalloc shares.
        let p = unsafe { Underlying.alloc(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by mimalloc with `layout`.
        unsafe { Underlying.dealloc(ptr, layout) };
        shrink(layout.size());
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { Underlying.alloc_zeroed(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` was allocated by mimalloc with `layout`; the caller checks `new_size`.
        let p = unsafe { Underlying.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            shrink(layout.size());
            grow(new_size);
        }
        p
    }
}

fn grow(bytes: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        let bytes = bytes as isize;
        let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
        PEAK.fetch_max(live, Ordering::Relaxed);
    }
}

fn shrink(bytes: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        LIVE.fetch_sub(bytes as isize, Ordering::Relaxed);
    }
}

/// Runs `f` and returns its result with the most bytes live at once while it ran, above what
/// was live when it started (what it allocated itself, including what it returns). Needs
/// [`Counting`] as the global allocator (else 0); not to be nested or run on two threads at once.
pub fn peak_during<R>(f: impl FnOnce() -> R) -> (R, usize) {
    LIVE.store(0, Ordering::SeqCst);
    PEAK.store(0, Ordering::SeqCst);
    COUNTING.store(true, Ordering::SeqCst);
    let r = f();
    COUNTING.store(false, Ordering::SeqCst);
    (r, PEAK.load(Ordering::SeqCst).max(0) as usize)
}

/// Bytes in MiB.
pub fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
