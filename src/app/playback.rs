//! Playing the timeline: the date window moves forward at a chosen speed until it reaches the last dated
//! mention, either sliding (a window of fixed length) or growing from the first day (cumulative).
//!
//! It needs no window: the caller passes the time, so tests play a minute in a microsecond.

use std::time::Instant;

use super::timeline::PlaySpeed;
use crate::index::DayNumber;

/// A closed range of days, as the app's date window.
pub type Days = (DayNumber, DayNumber);

/// Whether the timeline plays, how fast, and how the window moves.
#[derive(Debug, Default)]
pub struct Playback {
    /// While playing: when the window last moved, and the fraction of a day not yet moved.
    playing: Option<(Instant, f64)>,
    pub speed: PlaySpeed,
    /// The window grows from the first day instead of sliding.
    pub cumulative: bool,
}

impl Playback {
    pub fn is_playing(&self) -> bool {
        self.playing.is_some()
    }

    /// Starts playing at `now`. Playing from the end (the window reaches the last day of `extent`) starts again
    /// from the beginning with a window of the same length.
    pub fn play(&mut self, now: Instant, window: &mut Option<Days>, extent: Option<Days>) {
        if let (Some((start, end)), Some((first, last))) = (*window, extent)
            && end >= last
        {
            *window = Some((first, first + (end - start)));
        }
        self.playing = Some((now, 0.0));
    }

    pub fn pause(&mut self) {
        self.playing = None;
    }

    /// Moves `window` forward by the days played since the last call; stops at the last day of `extent` (and
    /// at once when nothing is dated). Returns whether it played, so the caller draws again.
    pub fn advance(&mut self, now: Instant, window: &mut Option<Days>, extent: Option<Days>) -> bool {
        let Some((last_tick, carry)) = self.playing else { return false };
        let Some((first, last)) = extent else {
            self.playing = None;
            return false;
        };
        let days = carry + now.saturating_duration_since(last_tick).as_secs_f64() * self.speed.days_per_sec();
        let step = days.floor() as DayNumber;
        self.playing = Some((now, days - f64::from(step)));
        let (start, end) = window.unwrap_or((first, first + self.speed.window_days() - 1));
        let end = (end + step).min(last);
        let start = if self.cumulative { first } else { (start + step).min(end) };
        *window = Some((start, end));
        if end >= last {
            self.playing = None;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const EXTENT: Option<Days> = Some((100, 200));

    fn seconds(start: Instant, secs: f64) -> Instant {
        start + Duration::from_secs_f64(secs)
    }

    #[test]
    fn a_stopped_timeline_does_not_move() {
        let mut playback = Playback::default();
        let mut window = Some((110, 120));
        assert!(!playback.advance(Instant::now(), &mut window, EXTENT));
        assert_eq!(window, Some((110, 120)));
    }

    #[test]
    fn the_window_slides_by_the_days_played_and_keeps_the_fractions() {
        let start = Instant::now();
        let mut playback = Playback { speed: PlaySpeed::DayPerSecond, ..Default::default() };
        let mut window = Some((110, 120));
        playback.play(start, &mut window, EXTENT);
        assert!(playback.advance(seconds(start, 2.5), &mut window, EXTENT));
        assert_eq!(window, Some((112, 122)));
        // The half day left over counts towards the next step.
        playback.advance(seconds(start, 3.0), &mut window, EXTENT);
        assert_eq!(window, Some((113, 123)));
        assert!(playback.is_playing());
    }

    #[test]
    fn without_a_window_playback_starts_with_a_few_seconds_worth() {
        let start = Instant::now();
        let mut playback = Playback { speed: PlaySpeed::WeekPerSecond, ..Default::default() };
        let mut window = None;
        playback.play(start, &mut window, EXTENT);
        playback.advance(start, &mut window, EXTENT);
        assert_eq!(window, Some((100, 100 + PlaySpeed::WeekPerSecond.window_days() - 1)));
    }

    #[test]
    fn cumulative_playback_grows_from_the_first_day() {
        let start = Instant::now();
        let mut playback = Playback { speed: PlaySpeed::WeekPerSecond, cumulative: true, ..Default::default() };
        let mut window = Some((130, 140));
        playback.play(start, &mut window, EXTENT);
        playback.advance(seconds(start, 1.0), &mut window, EXTENT);
        assert_eq!(window, Some((100, 147)));
    }

    #[test]
    fn playback_stops_at_the_last_day_and_starts_again_from_the_first() {
        let start = Instant::now();
        let mut playback = Playback { speed: PlaySpeed::YearPerSecond, ..Default::default() };
        let mut window = Some((150, 160));
        playback.play(start, &mut window, EXTENT);
        playback.advance(seconds(start, 1.0), &mut window, EXTENT);
        assert_eq!(window, Some((200, 200)));
        assert!(!playback.is_playing(), "stopped at the last dated mention");
        let mut window = Some((190, 200));
        playback.play(seconds(start, 2.0), &mut window, EXTENT);
        assert_eq!(window, Some((100, 110)), "from the end it starts again, the same length");
    }

    #[test]
    fn nothing_dated_stops_playback() {
        let mut playback = Playback::default();
        let mut window = None;
        playback.play(Instant::now(), &mut window, None);
        assert!(!playback.advance(Instant::now(), &mut window, None));
        assert!(!playback.is_playing());
        assert_eq!(window, None);
    }
}
