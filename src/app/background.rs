//! The one way the app runs work off the window's thread: loading a folder, searching, exporting, warming up
//! the gazetteer.
//!
//! [`spawn`] starts a named thread that gets a [`Reporter`]: it sends messages (progress, then results or an
//! error, as the job's message type says) and reads whether it was cancelled. The window holds the [`Job`] and
//! [`Job::poll`]s it each frame without ever blocking: a message, nothing yet, or [`Poll::Ended`] once the
//! worker is gone and every message was read (a job that ends without sending its result stopped early).
//! Dropping a job cancels it; the worker sees that at its next check and its messages go nowhere.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

/// Called after each message a worker sends, so the window draws again and polls (a repaint request in the
/// app; nothing in tests).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// A waker that does nothing: for jobs the window polls on a timer anyway, and for tests.
pub fn no_wake() -> Wake {
    Arc::new(|| {})
}

/// The worker's side of a job: where it sends messages and learns that it was cancelled.
pub struct Reporter<M> {
    sender: Sender<M>,
    cancel: Arc<AtomicBool>,
    wake: Wake,
}

impl<M> Reporter<M> {
    /// Sends a message to the window and wakes it; a message for a job the window dropped is let go.
    pub fn send(&self, message: M) {
        let _ = self.sender.send(message);
        (self.wake)();
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The flag [`Job::cancel`] sets, for engine code that checks it between steps.
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
}

/// The window's side of a job.
pub struct Job<M> {
    messages: Receiver<M>,
    cancel: Arc<AtomicBool>,
}

/// What [`Job::poll`] found.
#[derive(Debug, PartialEq)]
pub enum Poll<M> {
    Message(M),
    /// The worker is still at it.
    Waiting,
    /// The worker is gone and every message it sent was read.
    Ended,
}

impl<M> Job<M> {
    /// The next message, without waiting.
    pub fn poll(&self) -> Poll<M> {
        match self.messages.try_recv() {
            Ok(message) => Poll::Message(message),
            Err(TryRecvError::Empty) => Poll::Waiting,
            Err(TryRecvError::Disconnected) => Poll::Ended,
        }
    }

    /// Asks the worker to stop at its next check.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// A job that already ended with these messages: how a job that could not start says why, through the same
    /// channel as a running one.
    pub fn ended_with(messages: impl IntoIterator<Item = M>) -> Job<M> {
        let (sender, receiver) = channel();
        for message in messages {
            let _ = sender.send(message);
        }
        Job { messages: receiver, cancel: Arc::new(AtomicBool::new(true)) }
    }
}

impl<M> std::fmt::Debug for Job<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("cancelled", &self.cancel.load(Ordering::Relaxed)).finish_non_exhaustive()
    }
}

impl<M> Drop for Job<M> {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// Runs `work` on a thread named `name`; fails only when no thread can be started.
pub fn spawn<M: Send + 'static>(
    name: &str,
    wake: Wake,
    work: impl FnOnce(&Reporter<M>) + Send + 'static,
) -> std::io::Result<Job<M>> {
    let cancel = Arc::new(AtomicBool::new(false));
    let (sender, messages) = channel();
    let reporter = Reporter { sender, cancel: cancel.clone(), wake };
    std::thread::Builder::new().name(name.to_owned()).spawn(move || work(&reporter))?;
    Ok(Job { messages, cancel })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// Polls until the job ends, collecting its messages.
    fn wait<M>(job: &Job<M>) -> Vec<M> {
        let started = Instant::now();
        let mut out = Vec::new();
        while started.elapsed() < Duration::from_secs(30) {
            match job.poll() {
                Poll::Message(message) => out.push(message),
                Poll::Waiting => std::thread::sleep(Duration::from_millis(1)),
                Poll::Ended => return out,
            }
        }
        panic!("the job never ended");
    }

    #[test]
    fn messages_arrive_in_order_then_the_end() {
        let job = spawn("test-job", no_wake(), |reporter: &Reporter<u32>| {
            for i in 0..5 {
                reporter.send(i);
            }
        })
        .unwrap();
        assert_eq!(wait(&job), [0, 1, 2, 3, 4]);
        assert_eq!(job.poll(), Poll::Ended);
    }

    #[test]
    fn each_message_wakes_the_window() {
        let woken = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = woken.clone();
        let wake: Wake = Arc::new(move || {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        let job = spawn("test-job", wake, |reporter: &Reporter<()>| {
            reporter.send(());
            reporter.send(());
        })
        .unwrap();
        wait(&job);
        assert_eq!(woken.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn a_cancelled_job_stops_at_its_next_check() {
        let (go, started) = channel();
        let job = spawn("test-job", no_wake(), move |reporter: &Reporter<usize>| {
            let _ = go.send(());
            let mut steps = 0;
            while !reporter.is_cancelled() && steps < 10_000 {
                steps += 1;
                std::thread::sleep(Duration::from_millis(1));
            }
            reporter.send(steps);
        })
        .unwrap();
        started.recv().unwrap();
        job.cancel();
        let steps = wait(&job);
        assert!(steps[0] < 10_000, "the worker ran on after the cancel");
    }

    #[test]
    fn a_worker_that_panics_ends_without_a_result() {
        let job = spawn("test-job", no_wake(), |_: &Reporter<u32>| panic!("on purpose")).unwrap();
        assert!(wait(&job).is_empty());
    }

    #[test]
    fn a_job_that_could_not_start_reports_through_the_same_channel() {
        let job = Job::ended_with(["no thread"]);
        assert_eq!(job.poll(), Poll::Message("no thread"));
        assert_eq!(job.poll(), Poll::Ended);
    }
}
