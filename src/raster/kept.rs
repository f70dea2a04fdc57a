//! Pixels decoded when the content was checked, kept for render: a photo that must be
//! resampled is then decoded once a run, not twice. Bounded by its own byte limit (kept
//! pixels give back their share of the working budget, so that they never starve it).

use std::sync::{Arc, Mutex, PoisonError};

use super::Pixels;

/// The most bytes of decoded pixels kept at once: five 12-megapixel photos.
const KEPT_BYTES: usize = 192 * 1024 * 1024;

type Kept = Vec<(Arc<Vec<u8>>, Arc<Pixels>)>;
static KEPT: Mutex<Kept> = Mutex::new(Vec::new());

fn lock() -> std::sync::MutexGuard<'static, Kept> {
    KEPT.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Keeps `pixels`, decoded from `data`, forgetting the oldest kept beyond the limit.
pub fn keep(data: &Arc<Vec<u8>>, mut pixels: Pixels) {
    let size = pixels.data.len();
    if size > KEPT_BYTES {
        return;
    }
    pixels.release();
    let mut kept = lock();
    if kept.iter().any(|(d, _)| d == data) {
        return;
    }
    let mut total: usize = kept.iter().map(|(_, p)| p.data.len()).sum();
    while total + size > KEPT_BYTES && !kept.is_empty() {
        let (_, oldest) = kept.remove(0);
        total -= oldest.data.len();
    }
    kept.push((data.clone(), Arc::new(pixels)));
}

/// The pixels kept for `data`, if any.
pub fn kept(data: &Arc<Vec<u8>>) -> Option<Arc<Pixels>> {
    lock()
        .iter()
        .find(|(d, _)| Arc::ptr_eq(d, data) || d == data)
        .map(|(_, p)| p.clone())
}
