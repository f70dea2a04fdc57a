//! A memory budget for decoded pixels, shared by every thread of a run: how much memory
//! images take depends on the budget, never on how many documents are built at once.
//!
//! A thread waits for its first share only. The shares it takes while holding one (the
//! pixels made from pixels it holds: scaled, turned, converted, never larger) are given at
//! once, so that two threads each holding a share can never wait for each other; they bound
//! the run at a few times the budget, still whatever the number of threads.

use std::cell::Cell;
use std::sync::{Condvar, Mutex, PoisonError};
use std::thread::ThreadId;

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
    thread: ThreadId,
}

thread_local! {
    /// How many shares this thread holds.
    static HELD: Cell<usize> = const { Cell::new(0) };
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
        let holding = HELD.with(Cell::get) > 0;
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        while !holding && *used > 0 && used.saturating_add(bytes) > self.limit {
            used = self
                .freed
                .wait(used)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *used = used.saturating_add(bytes);
        HELD.with(|h| h.set(h.get() + 1));
        Lease {
            budget: self,
            bytes,
            thread: std::thread::current().id(),
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
        if std::thread::current().id() == self.thread {
            HELD.with(|h| h.set(h.get().saturating_sub(1)));
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn a_thread_holding_a_share_never_waits_for_another() {
        // Two threads each hold most of the budget, then each asks for more: neither may wait
        // for the other (that would hang).
        let budget = Arc::new(Budget::new(100));
        let both = Arc::new(std::sync::Barrier::new(2));
        let threads: Vec<_> = (0..2)
            .map(|_| {
                let (budget, both) = (budget.clone(), both.clone());
                std::thread::spawn(move || {
                    let first = budget.take(50);
                    both.wait();
                    let second = budget.take(40);
                    drop((second, first));
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(budget.held(), 0);
    }

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
