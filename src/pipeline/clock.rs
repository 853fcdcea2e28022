//! Time per stage: wall time and, where the platform reports it, the
//! process's CPU time, so a report shows which stages kept one core busy.

use std::time::{Duration, Instant};

/// How long one stage took.
#[derive(Debug, Clone, Copy)]
pub struct Lap {
    pub stage: &'static str,
    pub wall: Duration,
    /// CPU time of the whole process (all threads, user and system) during
    /// the stage, where the platform reports it: a stage whose CPU time is
    /// close to its wall time kept only one core busy.
    pub cpu: Option<Duration>,
}

pub(crate) struct Clock {
    last: Instant,
    last_cpu: Option<Duration>,
    pub(crate) timings: Vec<Lap>,
}

impl Clock {
    pub(crate) fn start() -> Clock {
        Clock {
            last: Instant::now(),
            last_cpu: process_cpu_time(),
            timings: Vec::new(),
        }
    }

    pub(crate) fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        let cpu = process_cpu_time();
        self.timings.push(Lap {
            stage,
            wall: now - self.last,
            cpu: cpu
                .zip(self.last_cpu)
                .map(|(now, then)| now.saturating_sub(then)),
        });
        self.last = now;
        self.last_cpu = cpu;
    }
}

/// User and system time of this process so far, from `/proc/self/stat`
/// (Linux; `None` elsewhere). Its resolution is the kernel's clock tick,
/// 10 ms on most systems: good enough for stages of a large build.
fn process_cpu_time() -> Option<Duration> {
    const TICKS_PER_SECOND: u64 = 100;
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces; the fields after it don't.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis(
        (user + system) * 1000 / TICKS_PER_SECOND,
    ))
}
