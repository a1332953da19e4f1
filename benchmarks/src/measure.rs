//! Wall and CPU time of a stage, and the median and minimum of repeated runs, for the benchmark
//! binaries that time by hand.

use std::time::{Duration, Instant};

/// One timed run of a stage, in milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub wall_ms: f64,
    /// User + system CPU time of the whole process (every thread) during the stage; `None`
    /// where it cannot be read.
    pub cpu_ms: Option<f64>,
    /// Page faults (minor and major) of the whole process during the stage: memory touched
    /// for the first time; `None` where it cannot be read.
    pub faults: Option<u64>,
}

impl Sample {
    /// The two stages one after the other.
    pub fn plus(self, other: Sample) -> Sample {
        Sample {
            wall_ms: self.wall_ms + other.wall_ms,
            cpu_ms: self.cpu_ms.zip(other.cpu_ms).map(|(a, b)| a + b),
            faults: self.faults.zip(other.faults).map(|(a, b)| a + b),
        }
    }
}

/// Runs `f` once, timing it.
pub fn timed<R>(f: impl FnOnce() -> R) -> (R, Sample) {
    let before = usage();
    let start = Instant::now();
    let r = std::hint::black_box(f());
    let wall = start.elapsed();
    let after = usage();
    let cpu_ms = before.zip(after).map(|(a, b)| ms(b.cpu.saturating_sub(a.cpu)));
    let faults = before.zip(after).map(|(a, b)| b.faults.saturating_sub(a.faults));
    (r, Sample { wall_ms: ms(wall), cpu_ms, faults })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// What the process has used so far, all threads together (`getrusage(RUSAGE_SELF)`).
#[derive(Debug, Clone, Copy)]
pub struct Usage {
    /// User + system CPU time.
    pub cpu: Duration,
    /// Minor + major page faults.
    pub faults: u64,
}

#[cfg(unix)]
pub fn usage() -> Option<Usage> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `usage` is a valid, writable `rusage`; `getrusage` only writes it.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) };
    if rc != 0 {
        return None;
    }
    // SAFETY: `getrusage` succeeded, so it filled `usage` (and zeroed memory is a valid `rusage`).
    let usage = unsafe { usage.assume_init() };
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1_000);
    let faults = (usage.ru_minflt as u64).saturating_add(usage.ru_majflt as u64);
    Some(Usage { cpu: time(usage.ru_utime) + time(usage.ru_stime), faults })
}

/// Usage is read on Unix only.
#[cfg(not(unix))]
pub fn usage() -> Option<Usage> {
    None
}

/// The median of `values` (the mean of the middle two for an even count); NaN when empty.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// The smallest of `values`; NaN when empty.
pub fn min(values: &[f64]) -> f64 {
    values.iter().copied().reduce(f64::min).unwrap_or(f64::NAN)
}
