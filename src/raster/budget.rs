//! A memory budget for decoded pixels, shared by every thread of a run: how much memory
//! images take depends on the budget, never on how many documents are built at once.

use std::sync::{Condvar, Mutex, PoisonError};

/// Bytes of decoded pixels (and their working copies) held at once by a whole run.
pub const PIXEL_BUDGET: u64 = 256 * 1024 * 1024;

/// The budget every decoder draws on.
pub static PIXELS: Budget = Budget::new(PIXEL_BUDGET);

/// Bytes that may be held at once; a taker waits until its share is free.
#[derive(Debug)]
pub struct Budget {
    limit: u64,
    used: Mutex<u64>,
    freed: Condvar,
}

/// A share of a [`Budget`], given back when dropped.
#[derive(Debug)]
pub struct Lease<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Budget {
    pub const fn new(limit: u64) -> Self {
        Budget {
            limit,
            used: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// Takes `bytes`, waiting until they fit. A share larger than the whole budget waits until
    /// nothing else is held and then runs alone: images are bounded by the pixel limit, so
    /// that is the most a run ever holds.
    pub fn take(&self, bytes: u64) -> Lease<'_> {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        while *used > 0 && used.saturating_add(bytes) > self.limit {
            used = self
                .freed
                .wait(used)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *used = used.saturating_add(bytes);
        Lease {
            budget: self,
            bytes,
        }
    }

    /// Bytes held now.
    pub fn held(&self) -> u64 {
        *self.used.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        let mut used = self
            .budget
            .used
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *used = used.saturating_sub(self.bytes);
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn holders_never_exceed_the_limit_and_an_oversize_share_runs_alone() {
        let budget = Arc::new(Budget::new(100));
        let peak = Arc::new(AtomicU64::new(0));
        let threads: Vec<_> = [30, 60, 70, 150, 40, 90]
            .into_iter()
            .map(|bytes| {
                let (budget, peak) = (budget.clone(), peak.clone());
                std::thread::spawn(move || {
                    let _lease = budget.take(bytes);
                    let held = budget.held();
                    assert!(held <= 100 || held == bytes, "{held} held with {bytes}");
                    peak.fetch_max(held, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(5));
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(budget.held(), 0);
        assert!(peak.load(Ordering::SeqCst) >= 90);
    }
}
